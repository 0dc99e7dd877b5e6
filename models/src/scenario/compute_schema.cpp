// The scenario schema of the compute network (model: compute_network): token and allocations, provider
// rewards, payment and the revenue split, the GPU catalog, provider groups and their behaviour, job demand
// and the data economy. See compute_network.hpp for what each parameter drives.
#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "economies.hpp"
#include "toksim/models/compute/gpu_cost.hpp"
#include "toksim/models/scenario/gpu_catalog_reader.hpp"

namespace toksim::models {

// Defined in a file generated from scenarios/gpu_catalog.yaml (see models/CMakeLists.txt).
extern const char* const kGpuCatalogYaml;

namespace detail {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

GpuCatalog builtin_catalog() {
  const Document doc = Document::parse(kGpuCatalogYaml, "<built-in gpu_catalog.yaml>");
  Reader r(doc);
  Section root = r.root();
  root.text("description", "", "");
  GpuCatalog cat;
  Section gpus = root.section("gpus", "");
  add_gpus(cat, r, gpus);
  root.finish();
  r.throw_if_errors();
  return cat;
}

/// A file named in a scenario: relative paths are relative to the file that names them (as `extends:`), or to
/// the current directory when the name came from --set.
std::filesystem::path resolve(const Reader& r, const YAML::Node& node, const std::string& path) {
  std::filesystem::path p(node.Scalar());
  if (p.is_absolute()) return p;
  const Origin o = r.document().origin(node, path);
  if (!o.set_path.empty() || o.file.empty() || o.file.front() == '<') return p;
  return std::filesystem::path(o.file).parent_path() / p;
}

Precision precision_of(const std::string& p) {
  if (p == "fp32") return Precision::FP32;
  if (p == "tf32") return Precision::TF32;
  if (p == "fp8") return Precision::FP8;
  if (p == "int8") return Precision::INT8;
  return Precision::BF16;
}

}  // namespace

void read_shocks(Reader& r, Section& demand, std::vector<DemandShock>& out) {
  for (Section shock : demand.items("shocks", "temporary changes of demand")) {
    DemandShock d{};
    d.at = shock.duration("at", 0, 0, "when the shock starts");
    d.duration = shock.duration("duration", 30 * sim::kDay, 1, "how long it lasts");
    d.factor = shock.number("factor", 0.5, 0, 1000, "demand is multiplied by this meanwhile");
    if (!shock.has("at")) r.error(shock.node(), shock.path() + ".at", "expected a start time, got nothing");
    shock.finish();
    out.push_back(d);
  }
}

void read_compute_network(Reader& r, Section& root, const Document& doc, Scenario& s) {
  ComputeNetworkConfig& c = s.compute;
  c.window = s.window;

  Section token = root.section("token", "the token and its genesis");
  c.total_supply = token.tokens("total_supply", c.total_supply, Tokens(1), "tokens at genesis plus provider rewards");
  c.initial_price = token.usd("initial_price", c.initial_price, MicroUsd(1), "USD per token; the pool is seeded at it");
  {
    Section alloc = token.section("allocations", "how the total supply is split; shares must sum to 1");
    const std::size_t before = r.diagnostics().size();
    struct G {
      const char* key;
      Ppm* share;
      const char* doc;
    };
    const G groups[] = {{"rewards", &c.rewards_share, "provider rewards, released by `rewards`"},
                        {"treasury", &c.treasury_share, "held by the DAO; receives its split and slashed stake"},
                        {"liquidity", &c.liquidity_share, "seeds the AMM pool at the initial price"},
                        {"insiders", &c.insiders_share, "team and investors: vested monthly after a cliff"},
                        {"float", &c.float_share, "held by the market at genesis (exogenous holders)"}};
    std::int64_t sum = 0;
    for (const G& g : groups) {
      Section a = alloc.section(g.key, g.doc);
      *g.share = a.share("share", *g.share, "share of the total supply");
      sum += g.share->raw();
      if (std::string(g.key) == "insiders") {
        c.insiders_cliff = a.duration("cliff", c.insiders_cliff, 0, "nothing vests before the cliff");
        c.insiders_months = a.integer("months", c.insiders_months, 1, 1200, "equal monthly releases from the cliff");
        c.insiders_sell = a.number("sell_share", c.insiders_sell, 0, 1, "share of each unlock sold at once");
      }
      a.finish();
    }
    if (sum != Ppm::kWhole && r.diagnostics().size() == before) {
      r.error(alloc.node(), alloc.path(),
              fmt::format("expected shares that sum to 1, got {} (rewards + treasury + "
                          "liquidity + insiders + float)",
                          format_number(static_cast<double>(sum) / 1e6)));
    }
    alloc.finish();
  }
  token.finish();

  Section market = root.section("market", "the AMM pool and speculative demand for the token");
  c.amm_fee = market.share("amm_fee", c.amm_fee, "swap fee (Uniswap V2: 0.003)");
  c.speculative_usd_per_day = market.usd("speculative_usd_per_day", c.speculative_usd_per_day, MicroUsd(0),
                                         "USD of exogenous token buying per day (grows with demand)");
  c.speculative_noise_sigma = market.number("speculative_noise_sigma", c.speculative_noise_sigma, 0, 5,
                                            "lognormal noise of each window's speculative buying (sigma of the log)");
  market.finish();

  Section rewards = root.section("rewards", "provider rewards: how the rewards allocation is released and shared");
  const std::string curve = rewards.choice("schedule", "exponential_decay", {"halving", "exponential_decay", "linear"},
                                           "release curve of the rewards allocation");
  c.rewards_curve = curve == "halving"  ? EmissionCurve::Halving
                    : curve == "linear" ? EmissionCurve::Linear
                                        : EmissionCurve::ExponentialDecay;
  c.rewards_period =
      rewards.duration("period", c.rewards_period, sim::kDay, "era, half-life or duration (as `emission.period`)");
  c.rewards_by_stake = rewards.choice("basis", "gpu_hours", {"gpu_hours", "stake"},
                                      "direct payment: rewards pro rata to GPU-hours served or to stake") == "stake";
  rewards.finish();

  Section payment = root.section("payment", "how users pay for jobs and where the money goes");
  c.burn_and_mint =
      payment.choice("mode", "direct", {"direct", "burn_and_mint"},
                     "direct: tokens escrowed and split; burn_and_mint: users burn, providers get rewards "
                     "pro rata to work (Render RNP-001)") == "burn_and_mint";
  {
    Section split =
        payment.section("split", "shares of each fee (direct) or of each epoch's rewards (burn_and_mint); sum to 1");
    const std::size_t before = r.diagnostics().size();
    c.split_provider = split.share("provider", c.split_provider, "to the provider that ran the job");
    c.split_creator = split.share("creator", c.split_creator, "to the creator of the AI model used");
    c.split_contributors =
        split.share("contributors", c.split_contributors, "to the model's data contributors, pro rata to weight");
    c.split_treasury = split.share("treasury", c.split_treasury, "to the treasury (also every rounding remainder)");
    c.split_burn = split.share("burn", c.split_burn, "burned");
    const std::int64_t sum = c.split_provider.raw() + c.split_creator.raw() + c.split_contributors.raw() +
                             c.split_treasury.raw() + c.split_burn.raw();
    if (sum != Ppm::kWhole && r.diagnostics().size() == before) {
      r.error(split.node(), split.path(),
              fmt::format("expected shares that sum to 1 (1,000,000 ppm), got {} ppm", sum));
    }
    split.finish();
  }
  payment.finish();

  // ---- GPUs: the built-in catalog, the user's catalog files, inline additions ----
  GpuCatalog cat = builtin_catalog();
  for (auto& [node, path] :
       root.scalars("gpu_catalog", "catalog files",
                    "extra GPU catalog files (format: scenarios/gpu_catalog.yaml), relative to this file")) {
    if (!node.IsScalar()) {
      r.error(node, path, "expected the path of a GPU catalog file, got " + describe(node));
      continue;
    }
    try {
      add_gpu_catalog(cat, resolve(r, node, path));
    } catch (const ScenarioError& e) {
      for (const Diagnostic& d : e.diagnostics()) r.error(node, path, d.str());
    }
  }
  {
    Section gpus = root.section("gpus", "GPUs defined inline (same format as a catalog's `gpus:`)");
    add_gpus(cat, r, gpus);
  }
  for (auto& [node, path] : root.scalars("calibration", "calibration files",
                                         "measured efficiencies for catalog GPUs (format: "
                                         "scenarios/calibration_example.yaml), relative to this file")) {
    if (!node.IsScalar()) {
      r.error(node, path, "expected the path of a calibration file, got " + describe(node));
      continue;
    }
    try {
      apply_gpu_calibration(cat, resolve(r, node, path));
    } catch (const ScenarioError& e) {
      for (const Diagnostic& d : e.diagnostics()) r.error(node, path, d.str());
    }
  }

  // ---- providers ----
  Section providers = root.section("providers", "GPU providers: groups, staking, behaviour, verification");
  c.stake_per_gpu =
      providers.tokens("stake_per_gpu", c.stake_per_gpu, Tokens(0), "stake a provider holds per GPU (io.net: 200)");
  c.stake_unbonding =
      providers.duration("unbonding", c.stake_unbonding, 0,
                         "a leaving provider's stake comes back after this (io.net: 14 days, GPU_FACTS 5.2)");
  c.decide_every =
      providers.duration("decide_every", c.decide_every, sim::kHour, "how often a provider reviews costs and profit");
  c.profit_memory_days = static_cast<double>(providers.duration("profit_memory", 14 * sim::kDay, sim::kDay,
                                                                "time constant of the profit average")) /
                         sim::kDay;
  c.leave_below = providers.number("leave_below_usd_per_gpu_day", c.leave_below, -kInf, kInf,
                                   "a provider leaves when its average daily profit per GPU falls below this");
  c.join_above =
      providers.number("join_above_usd_per_gpu_day", c.join_above, -kInf, kInf,
                       "an off-network provider joins when the market pays this much over its cost per GPU-day");
  c.provider_sell =
      providers.number("sell_share", c.provider_sell, 0, 1,
                       "share of each day's earnings a provider sells at least (more when costs need it)");
  c.join_probability = providers.number("join_probability", c.join_probability, 0, 1,
                                        "chance per decision that a provider for whom joining pays does join");
  {
    Section v = providers.section("verification", "sampled checks of results");
    c.verification_rate = v.number("rate", c.verification_rate, 0, 1, "share of results checked");
    c.bad_result_rate =
        v.number("bad_result_rate", c.bad_result_rate, 0, 1, "share of a malicious provider's results that are bad");
    c.slash = v.share("slash", c.slash, "share of the stake slashed per caught result (to the treasury)");
    v.finish();
  }
  std::vector<std::string> gpu_keys(cat.keys.begin(), cat.keys.end());
  std::vector<int> used(cat.size(), -1);  // catalog index -> scenario GPU index
  for (Section g : providers.items("groups", "provider groups (one GPU type and site each)")) {
    ProviderGroup pg;
    pg.name = g.text("name", "providers", "a name for reports");
    const std::string key = g.choice("gpu", "h100_sxm", gpu_keys, "GPU type (a catalog key)");
    const int k = cat.find(key);
    if (k >= 0) {
      if (used[static_cast<std::size_t>(k)] < 0) {
        used[static_cast<std::size_t>(k)] = static_cast<int>(c.gpus.size());
        c.gpus.push_back(cat.specs[static_cast<std::size_t>(k)]);
        c.gpu_names.push_back(key);
      }
      pg.gpu = static_cast<std::uint32_t>(used[static_cast<std::size_t>(k)]);
    }
    pg.count = static_cast<std::uint32_t>(g.integer("count", 100, 1, 10'000'000, "providers in the group"));
    pg.gpus_per_provider = static_cast<std::uint32_t>(g.integer("gpus", 1, 1, 1024, "GPUs per provider"));
    pg.usd_per_kwh = g.number("usd_per_kwh", pg.usd_per_kwh, 0, 10,
                              "electricity price (GPU_FACTS 4.2: data center 0.06-0.09, home 0.15-0.30)");
    pg.pue =
        g.number("pue", pg.pue, 1, 3, "power usage effectiveness (GPU_FACTS 4.2: 1.3 new data centers, 1.0 at home)");
    const double catalog_price = k >= 0 ? cat.price_usd[static_cast<std::size_t>(k)] : std::nan("");
    pg.hardware_usd = g.number("hardware_usd", std::isnan(catalog_price) ? 0.0 : catalog_price, 0, 1e7,
                               "purchase price per GPU (default: the catalog's price)");
    if (!g.has("hardware_usd") && std::isnan(catalog_price) && k >= 0) {
      r.error(g.node(), g.path() + ".hardware_usd",
              "expected a purchase price per GPU (the catalog has none for " + key + "), got nothing");
    }
    pg.life_years = static_cast<double>(g.duration("life", 5 * sim::kYear, 30 * sim::kDay,
                                                   "depreciation life (GPU_FACTS 4.2: 5 years, range 3-6)")) /
                    sim::kYear;
    pg.margin =
        g.number("margin", pg.margin, -0.9, 100, "ask = cost per GPU-hour at the target utilisation x (1 + margin)");
    pg.target_utilization =
        g.number("target_utilization", pg.target_utilization, 0.01, 1, "utilisation the ask is priced for");
    pg.uptime = g.number("uptime", pg.uptime, 0, 1, "long-run share of time available");
    pg.active_at_genesis = g.number("active_at_genesis", pg.active_at_genesis, 0, 1, "share on the network at genesis");
    pg.malicious = g.number("malicious", pg.malicious, 0, 1, "share returning bad results now and then");
    g.finish();
    c.providers.push_back(pg);
  }
  if (c.providers.empty())
    r.error(providers.node(), providers.path() + ".groups", "expected at least one provider group, got none");
  providers.finish();

  // ---- demand ----
  Section demand = root.section("demand", "AI jobs: classes, growth, seasonality, shocks");
  c.demand_growth_per_year =
      demand.number("growth_per_year", c.demand_growth_per_year, -0.99, 100, "compounding growth of arrivals");
  c.seasonality =
      demand.number("seasonality", c.seasonality, 0, 1, "daily amplitude: rate x (1 + a sin(2 pi t / day))");
  read_shocks(r, demand, c.shocks);
  for (Section j : demand.items("classes", "job classes")) {
    JobClass jc;
    jc.name = j.text("name", "jobs", "a name for reports");
    const std::string kind = j.choice("kind", "decode", {"training", "prefill", "decode"},
                                      "training (6ND), prefill (2N per token) or decode (memory-bound)");
    jc.shape.kind = kind == "training" ? JobKind::Training : kind == "prefill" ? JobKind::Prefill : JobKind::Decode;
    jc.shape.precision =
        precision_of(j.choice("precision", "bf16", {"fp32", "tf32", "bf16", "fp8", "int8"}, "numeric precision"));
    jc.shape.gpus = static_cast<std::uint32_t>(j.integer("gpus", 1, 1, 1024, "GPUs the job runs on"));
    {
      Section m = j.section("model", "the AI model's shape");
      jc.shape.params = m.number("params", 8e9, 1e6, 1e13, "parameters N");
      jc.shape.layers = m.number("layers", 32, 1, 1000, "transformer layers");
      jc.shape.d_model = m.number("d_model", 4096, 64, 1e6, "hidden size");
      jc.shape.kv_heads = m.number("kv_heads", 8, 1, 1024, "key/value heads (GQA)");
      jc.shape.head_dim = m.number("head_dim", 128, 8, 1024, "head dimension");
      m.finish();
    }
    jc.shape.batch = j.number("batch", 1, 1, 1e7, "sequences per job (training: per optimizer step)");
    jc.shape.seq_in = j.number("seq_in", 1024, 1, 1e7, "prompt or training sequence length");
    jc.shape.seq_out =
        j.number("seq_out", kind == "decode" ? 256 : 0, 0, 1e7, "generated tokens per sequence (decode)");
    jc.shape.tokens = j.number("tokens", kind == "training" ? 1e9 : 0, 0, 1e16, "training tokens D");
    jc.shape.recompute = j.flag("recompute", false, "training: full activation recomputation");
    jc.repeats = j.number("repeats", 1, 1e-6, 1e9, "runs of the shape per job (a customer's batch of requests)");
    jc.arrivals_per_day = j.number("arrivals_per_day", 1000, 0, 1e9, "mean arrivals per day at genesis");
    jc.size_sigma = j.number("size_sigma", jc.size_sigma, 0, 3, "lognormal sigma of job size (mean 1)");
    jc.budget_usd = j.number("budget_usd", jc.budget_usd, 0, 1e9, "most a user pays for a size-1 job");
    jc.deadline = j.duration("deadline", jc.deadline, 1, "jobs not finished by then are dropped");
    jc.model = static_cast<std::uint32_t>(j.integer("uses_model", 0, 0, 1'000'000, "which AI model (0-based) it uses"));
    j.finish();
    c.jobs.push_back(jc);
  }
  if (c.jobs.empty()) r.error(demand.node(), demand.path() + ".classes", "expected at least one job class, got none");
  demand.finish();

  // ---- data ----
  Section data = root.section("data", "data contributors, datasets and the AI models that use them");
  c.contributors = static_cast<std::uint32_t>(
      data.integer("contributors", c.contributors, 1, 1'000'000'000, "contributors, one dataset each"));
  c.models = static_cast<std::uint32_t>(
      data.integer("models", c.models, 1, 1'000'000, "AI models; each uses an equal share of the datasets"));
  c.weight_sigma = data.number("weight_sigma", c.weight_sigma, 0, 5, "lognormal sigma of dataset size");
  {
    Section q = data.section("quality", "dataset quality ~ Beta(alpha, beta); weight = size x quality");
    c.quality_alpha = q.number("alpha", c.quality_alpha, 1e-3, 1e3, "Beta alpha");
    c.quality_beta = q.number("beta", c.quality_beta, 1e-3, 1e3, "Beta beta");
    q.finish();
  }
  c.claim_every = data.duration("claim_every", c.claim_every, 1, "mean gap between a contributor's royalty claims");
  c.contributor_sell = data.number("sell_share", c.contributor_sell, 0, 1, "share of each claim sold");
  data.finish();

  read_compute_governance(r, root, c);

  for (std::size_t k = 0; k < c.jobs.size(); ++k) {
    if (c.jobs[k].model >= c.models) {
      r.error(doc.root()["demand"]["classes"][k]["uses_model"], "demand.classes[" + std::to_string(k) + "].uses_model",
              fmt::format("expected a model index below data.models ({}), got {}", c.models, c.jobs[k].model));
    }
  }
  // Every job class must be able to run somewhere: on a GPU type of the scenario whose memory holds it, at a
  // provider with enough GPUs.
  for (std::size_t k = 0; k < c.jobs.size() && !c.gpus.empty(); ++k) {
    const JobClass& jc = c.jobs[k];
    std::uint32_t most_gpus = 0;
    bool fits = false;
    for (const ProviderGroup& g : c.providers) {
      most_gpus = std::max(most_gpus, g.gpus_per_provider);
      if (g.gpus_per_provider >= jc.shape.gpus && job_cost(c.gpus[g.gpu], SiteCost{}, jc.shape).fits) fits = true;
    }
    if (!fits) {
      const std::string path = "demand.classes[" + std::to_string(k) + "]";
      r.error(doc.root()["demand"]["classes"][k], path,
              fmt::format("expected a job that fits some provider group (memory and GPU count), got {} on {} GPU(s); "
                          "the largest group has {} GPU(s) a provider",
                          jc.name, jc.shape.gpus, most_gpus));
    }
  }
  if (c.models > c.contributors) {
    r.error(doc.root()["data"]["models"], "data.models",
            fmt::format("expected at most one model per contributor ({}), got {}", c.contributors, c.models));
  }
}

void check_compute_network(Reader& r, const Document& doc, const Scenario& s) {
  whole_windows(r, doc, s, s.compute.rewards_period, "rewards.period", "a rewards period of");
  if (sim::kDay % s.window != 0) {
    r.error(node_at(doc, "run.window"), "run.window",
            "expected a window that divides a day (compute_network), got " + sim::format_duration(s.window));
  }
}

std::uint64_t compute_agents(const Scenario& s) {
  std::uint64_t n = s.compute.contributors;
  if (s.compute.governance.sybil) n += s.compute.governance.sybil->fake_datasets;
  for (const ProviderGroup& g : s.compute.providers) n += g.count;
  return n;
}

std::vector<MetricInfo> compute_documented_metrics() {
  ComputeNetworkConfig c;
  c.gpu_names = {"<gpu>"};
  return compute_metrics(c);
}

std::vector<Document> compute_schema_documents() {
  // The embedded default (a compute network), then that network with one of every optional list item.
  static const char* const kProbe =
      "governance:\n"
      "  sybil: {supports: [0]}\n"
      "  proposals: [{title: p, at: 10d, change: {split: {provider: 0.8, creator: 0.05, contributors: 0.1,\n"
      "               treasury: 0.03, burn: 0.02}, verification_rate: 0.1, stake_per_gpu: 200,\n"
      "               emission_scale: 0.5}}]\n"
      "  airdrops: [{at: 10d, amount: 1}]\n"
      "  qf_rounds: [{at: 10d, matching_pool: 1, cap: 0.5}]\n"
      "  conviction: {decay: 0.9999, requests: [{title: r, amount: 1, at: 10d}]}\n"
      "  polls: [{title: q, at: 10d, sybil_choice: 0, choices: [{name: a, change: {emission_scale: 0.5}}, {name: "
      "b}]}]\n"
      "demand: {shocks: [{at: 30d}]}\n";
  std::vector<Document> docs;
  docs.push_back(Document::parse(default_scenario_yaml(), "<schema>"));
  Document full = Document::parse(default_scenario_yaml(), "<schema>");
  const YAML::Node probe = YAML::Load(kProbe);
  for (const auto& kv : probe) {
    YAML::Emitter e;
    e << YAML::Flow << kv.second;
    full.set(kv.first.Scalar() + "=" + e.c_str());
  }
  docs.push_back(std::move(full));
  return docs;
}

}  // namespace detail
}  // namespace toksim::models
