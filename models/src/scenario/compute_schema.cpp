// The scenario schema of the compute network (model: compute_network): token and allocations, provider
// rewards, payment and the revenue split, the GPU catalog, provider groups and their behaviour, job demand
// and the data economy. See compute_network.hpp for what each parameter drives.
#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "schema_parts.hpp"
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
  const std::filesystem::path p(node.Scalar());
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

/// A `change:` map: the governable parameters a proposal or a poll's choice changes (none: a text-only signal).
void read_change(Reader& r, Section& item, ParameterChange& pr) {
  Section ch = item.section("change", "the governable parameters it changes (none: a text-only signal)");
  if (ch.has("split")) {
    Section sp = ch.section("split", "a new revenue split (all five shares; sum 1)");
    const std::size_t before = r.diagnostics().size();
    std::array<Ppm, 5> v{sp.share("provider", Ppm(0), "providers' share"), sp.share("creator", Ppm(0), "creators' share"),
                         sp.share("contributors", Ppm(0), "contributors' share"),
                         sp.share("treasury", Ppm(0), "treasury's share"), sp.share("burn", Ppm(0), "burned share")};
    std::int64_t sum = 0;
    for (const Ppm x : v) sum += x.raw();
    if (sum != Ppm::kWhole && r.diagnostics().size() == before) {
      r.error(sp.node(), sp.path(), fmt::format("expected shares that sum to 1 (1,000,000 ppm), got {} ppm", sum));
    }
    sp.finish();
    pr.split = v;
  } else {
    ch.raw("split");
  }
  if (ch.has("verification_rate")) pr.verification_rate = ch.number("verification_rate", 0, 0, 1, "a new verification rate");
  ch.raw("verification_rate");
  if (ch.has("stake_per_gpu")) pr.stake_per_gpu = ch.tokens("stake_per_gpu", Tokens(0), Tokens(0), "a new stake per GPU");
  ch.raw("stake_per_gpu");
  if (ch.has("emission_scale")) {
    const std::size_t before = r.diagnostics().size();
    (void)ch.number("emission_scale", 1, 0, 100,
                    "a new multiplier of the rewards curve's per-window emission (1: as scheduled; at most 6 decimals)");
    const YAML::Node n = ch.raw("emission_scale");
    if (r.diagnostics().size() == before) {
      if (const auto ppm = parse_fixed(n.Scalar(), 6)) {
        pr.emission_scale = *ppm;
      } else {
        r.error(n, ch.path() + ".emission_scale", "expected a multiplier with at most 6 decimals, got " + n.Scalar());
      }
    }
  }
  ch.raw("emission_scale");
  pr.grant_to_contributors = ch.tokens("grant_to_contributors", Tokens(0), Tokens(0),
                                       "tokens from the treasury to the data contributors, pro rata to weight");
  pr.grant_to_attacker = ch.tokens("grant_to_attacker", Tokens(0), Tokens(0),
                                   "tokens from the treasury to the Sybil controller (a capture attempt)");
  ch.finish();
}

/// `governance.conviction`: the pool's parameters, the stake turns and the requests.
ConvictionConfig read_conviction(Reader& r, Section& cv, sim::Time window) {
  ConvictionConfig cc;
  cc.block = cv.duration("block", cc.block, 1, "conviction moves once per block; requests are checked at every block (whole windows)");
  if (cv.has("block") && cc.block % window != 0) {
    r.error(cv.raw("block"), cv.path() + ".block",
            "expected a whole number of windows (run.window = " + sim::format_duration(window) + "), got " +
                sim::format_duration(cc.block));
  }
  const sim::Time half_life = cv.duration("half_life", 3 * sim::kDay, 1, "the conviction of a withdrawn stake halves in this time (sets decay)");
  const double decay = cv.number("decay", 0.9999599, 0, 0.9999999,
                                 "alpha: the share of conviction kept from one block to the next (1Hive: decay / 10^7); "
                                 "instead of half_life");
  if (cv.has("decay") && cv.has("half_life")) {
    r.error(cv.raw("decay"), cv.path() + ".decay", "expected decay or half_life, got both");
  }
  const double alpha = cv.has("decay") ? decay
                                       : std::pow(0.5, static_cast<double>(cc.block) / static_cast<double>(half_life));
  const auto d = static_cast<std::uint64_t>(std::llround(alpha * static_cast<double>(ConvictionParams::kD)));
  if (d >= ConvictionParams::kD && !cv.has("decay")) {
    r.error(cv.raw("half_life"), cv.path() + ".half_life",
            "expected a half-life of at most 13 million blocks (a decay below 1 at 7 decimals), got " +
                sim::format_duration(half_life));
  }
  cc.params.decay = std::min<std::uint64_t>(d, ConvictionParams::kD - 1);
  const Ppm beta = cv.share("max_ratio", Ppm(200'000), "beta: the most one request may take, as a share of the funds");
  if (cv.has("max_ratio") && beta.raw() == 0) r.error(cv.raw("max_ratio"), cv.path() + ".max_ratio", "expected a share above 0, got 0");
  cc.params.max_ratio = static_cast<std::uint64_t>(std::max<std::int64_t>(beta.raw(), 1)) * 10;  // ppm -> 10^-7
  cc.params.weight = static_cast<std::uint64_t>(
                         cv.share("weight", Ppm(2'500), "rho: the threshold's weight (1Hive's weight / 10^7)").raw()) * 10;
  cc.params.min_threshold_stake_percentage =
      static_cast<std::uint64_t>(cv.share("min_threshold_stake", Ppm(0),
                                          "the threshold counts at least this share of the supply as staked").raw()) *
      1'000'000'000'000;  // ppm -> 10^-18
  cc.funds_share = cv.share("funds_share", cc.funds_share, "the pool funds requests from this share of the treasury balance");
  if (cv.has("funds_share") && cc.funds_share.raw() == 0) {
    r.error(cv.raw("funds_share"), cv.path() + ".funds_share", "expected a share above 0, got 0");
  }
  cc.stake_every = cv.duration("stake_every", cc.stake_every, 1, "voters revisit their stakes this often (whole windows)");
  if (cv.has("stake_every") && cc.stake_every % window != 0) {
    r.error(cv.raw("stake_every"), cv.path() + ".stake_every",
            "expected a whole number of windows (run.window = " + sim::format_duration(window) + "), got " +
                sim::format_duration(cc.stake_every));
  }
  cc.stake_share = cv.number("stake_share", cc.stake_share, 0, 1, "share of its balance a voter stakes on its choice");
  cc.min_balance = cv.tokens("min_balance", cc.min_balance, Tokens(0), "agents holding less get no stake turn");
  cc.abstain = cv.flag("abstain", cc.abstain,
                       "voters hurt by every open request stake on the abstain proposal, which raises every threshold");
  for (Section item : cv.items("requests", "funding requests, each submitted at a set time")) {
    ConvictionRequest q;
    q.title = item.text("title", "request", "what it is called in reports");
    const std::string b = item.choice("beneficiary", "contributors", {"contributors", "creators", "sybil", "burn"},
                                      "who is paid: the data contributors' royalty pools (pro rata to weight), the model "
                                      "creators, the Sybil controller's project, or a burn");
    q.beneficiary = b == "creators" ? Beneficiary::Creators
                    : b == "sybil"  ? Beneficiary::Sybil
                    : b == "burn"   ? Beneficiary::Burn
                                    : Beneficiary::Contributors;
    q.amount = item.tokens("amount", Tokens::whole(1), Tokens(1), "tokens requested from the treasury");
    if (!item.has("amount")) r.error(item.node(), item.path() + ".amount", "expected the tokens requested, got nothing");
    q.at = item.duration("at", 0, 1, "when it is submitted");
    if (!item.has("at")) r.error(item.node(), item.path() + ".at", "expected the time it is submitted, got nothing");
    item.finish();
    cc.requests.push_back(q);
  }
  if (cc.requests.size() > 254) {
    r.error(cv.raw("requests"), cv.path() + ".requests", fmt::format("expected at most 254 requests, got {}", cc.requests.size()));
  }
  return cc;
}

/// `governance.polls`: Snapshot polls with their choices.
void read_polls(Reader& r, Section& gov, sim::Time window, std::vector<Poll>& out) {
  for (Section item : gov.items("polls", "off-chain Snapshot polls: voting power is the balance at the opening; "
                                         "executed at the close or a signal")) {
    Poll p;
    p.title = item.text("title", "poll", "what it is called in reports");
    const std::string type = item.choice("type", "single_choice",
                                         {"single_choice", "approval", "weighted", "quadratic", "ranked_choice"},
                                         "Snapshot's counting type");
    p.type = type == "approval"        ? PollType::Approval
             : type == "weighted"      ? PollType::Weighted
             : type == "quadratic"     ? PollType::Quadratic
             : type == "ranked_choice" ? PollType::RankedChoice
                                       : PollType::SingleChoice;
    p.at = item.duration("at", 0, 1, "the snapshot and opening: voting power is each identity's balance then");
    if (!item.has("at")) r.error(item.node(), item.path() + ".at", "expected the time the poll opens, got nothing");
    p.duration = item.duration("duration", p.duration, 2 * window, "how long it stays open (at least two windows)");
    p.execute = item.flag("execute", false, "apply the winning choice's changes at the close (SafeSnap-like); false: a signal");
    p.approval_bar = item.number("approval_bar", p.approval_bar, -100, 100,
                                 "approval: a voter approves every choice it values above this");
    std::optional<std::int64_t> sybil;
    if (item.has("sybil_choice")) sybil = item.integer("sybil_choice", 0, 0, 7, "the choice the Sybil controller's identities back (0-based)");
    const YAML::Node sybil_node = item.raw("sybil_choice");
    const std::size_t before = r.diagnostics().size();
    for (Section ch : item.items("choices", "2 to 8 choices, each with the changes it applies if it wins")) {
      PollChoice pc;
      pc.name = ch.text("name", "choice", "what it is called in reports");
      read_change(r, ch, pc);
      ch.finish();
      p.choices.push_back(pc);
    }
    if ((p.choices.size() < 2 || p.choices.size() > 8) && r.diagnostics().size() == before) {
      r.error(item.has("choices") ? item.raw("choices") : item.node(), item.path() + ".choices",
              fmt::format("expected 2 to 8 choices, got {}", p.choices.size()));
    }
    if (sybil && *sybil >= static_cast<std::int64_t>(p.choices.size()) && p.choices.size() >= 2) {
      r.error(sybil_node, item.path() + ".sybil_choice",
              fmt::format("expected a choice index below {} (the number of choices), got {}", p.choices.size(), *sybil));
    } else if (sybil) {
      p.sybil_choice = static_cast<std::uint32_t>(*sybil);
    }
    item.finish();
    out.push_back(p);
  }
  if (out.size() > 255) r.error(gov.raw("polls"), gov.path() + ".polls", fmt::format("expected at most 255 polls, got {}", out.size()));
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
  c.window = s.launch.window;

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
      r.error(alloc.node(), alloc.path(), fmt::format("expected shares that sum to 1, got {} (rewards + treasury + "
                                                      "liquidity + insiders + float)", format_number(static_cast<double>(sum) / 1e6)));
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
  c.rewards_curve = curve == "halving" ? EmissionCurve::Halving
                    : curve == "linear" ? EmissionCurve::Linear
                                        : EmissionCurve::ExponentialDecay;
  c.rewards_period = rewards.duration("period", c.rewards_period, sim::kDay, "era, half-life or duration (as `emission.period`)");
  c.rewards_by_stake = rewards.choice("basis", "gpu_hours", {"gpu_hours", "stake"},
                                      "direct payment: rewards pro rata to GPU-hours served or to stake") == "stake";
  rewards.finish();

  Section payment = root.section("payment", "how users pay for jobs and where the money goes");
  c.burn_and_mint = payment.choice("mode", "direct", {"direct", "burn_and_mint"},
                                   "direct: tokens escrowed and split; burn_and_mint: users burn, providers get rewards "
                                   "pro rata to work (Render RNP-001)") == "burn_and_mint";
  {
    Section split = payment.section("split", "shares of each fee (direct) or of each epoch's rewards (burn_and_mint); sum to 1");
    const std::size_t before = r.diagnostics().size();
    c.split_provider = split.share("provider", c.split_provider, "to the provider that ran the job");
    c.split_creator = split.share("creator", c.split_creator, "to the creator of the AI model used");
    c.split_contributors = split.share("contributors", c.split_contributors, "to the model's data contributors, pro rata to weight");
    c.split_treasury = split.share("treasury", c.split_treasury, "to the treasury (also every rounding remainder)");
    c.split_burn = split.share("burn", c.split_burn, "burned");
    const std::int64_t sum = c.split_provider.raw() + c.split_creator.raw() + c.split_contributors.raw() +
                             c.split_treasury.raw() + c.split_burn.raw();
    if (sum != Ppm::kWhole && r.diagnostics().size() == before) {
      r.error(split.node(), split.path(), fmt::format("expected shares that sum to 1 (1,000,000 ppm), got {} ppm", sum));
    }
    split.finish();
  }
  payment.finish();

  // ---- GPUs: the built-in catalog, the user's catalog files, inline additions ----
  GpuCatalog cat = builtin_catalog();
  for (auto& [node, path] : root.scalars("gpu_catalog", "catalog files", "extra GPU catalog files (format: scenarios/gpu_catalog.yaml), relative to this file")) {
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
                                         "measured efficiencies for catalog GPUs (format: scenarios/calibration_example.yaml), relative to this file")) {
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
  c.stake_per_gpu = providers.tokens("stake_per_gpu", c.stake_per_gpu, Tokens(0), "stake a provider holds per GPU (io.net: 200)");
  c.stake_unbonding = providers.duration("unbonding", c.stake_unbonding, 0,
                                        "a leaving provider's stake comes back after this (io.net: 14 days, GPU_FACTS 5.2)");
  c.decide_every = providers.duration("decide_every", c.decide_every, sim::kHour, "how often a provider reviews costs and profit");
  c.profit_memory_days = static_cast<double>(providers.duration("profit_memory", 14 * sim::kDay, sim::kDay,
                                                                "time constant of the profit average")) / sim::kDay;
  c.leave_below = providers.number("leave_below_usd_per_gpu_day", c.leave_below, -kInf, kInf,
                                   "a provider leaves when its average daily profit per GPU falls below this");
  c.join_above = providers.number("join_above_usd_per_gpu_day", c.join_above, -kInf, kInf,
                                  "an off-network provider joins when the market pays this much over its cost per GPU-day");
  c.provider_sell = providers.number("sell_share", c.provider_sell, 0, 1,
                                     "share of each day's earnings a provider sells at least (more when costs need it)");
  c.join_probability = providers.number("join_probability", c.join_probability, 0, 1,
                                        "chance per decision that a provider for whom joining pays does join");
  {
    Section v = providers.section("verification", "sampled checks of results");
    c.verification_rate = v.number("rate", c.verification_rate, 0, 1, "share of results checked");
    c.bad_result_rate = v.number("bad_result_rate", c.bad_result_rate, 0, 1, "share of a malicious provider's results that are bad");
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
    pg.usd_per_kwh = g.number("usd_per_kwh", pg.usd_per_kwh, 0, 10, "electricity price (GPU_FACTS 4.2: data center 0.06-0.09, home 0.15-0.30)");
    pg.pue = g.number("pue", pg.pue, 1, 3, "power usage effectiveness (GPU_FACTS 4.2: 1.3 new data centers, 1.0 at home)");
    const double catalog_price = k >= 0 ? cat.price_usd[static_cast<std::size_t>(k)] : std::nan("");
    pg.hardware_usd = g.number("hardware_usd", std::isnan(catalog_price) ? 0.0 : catalog_price, 0, 1e7,
                               "purchase price per GPU (default: the catalog's price)");
    if (!g.has("hardware_usd") && std::isnan(catalog_price) && k >= 0) {
      r.error(g.node(), g.path() + ".hardware_usd", "expected a purchase price per GPU (the catalog has none for " + key + "), got nothing");
    }
    pg.life_years = static_cast<double>(g.duration("life", 5 * sim::kYear, 30 * sim::kDay,
                                                   "depreciation life (GPU_FACTS 4.2: 5 years, range 3-6)")) / sim::kYear;
    pg.margin = g.number("margin", pg.margin, -0.9, 100, "ask = cost per GPU-hour at the target utilisation x (1 + margin)");
    pg.target_utilization = g.number("target_utilization", pg.target_utilization, 0.01, 1, "utilisation the ask is priced for");
    pg.uptime = g.number("uptime", pg.uptime, 0, 1, "long-run share of time available");
    pg.active_at_genesis = g.number("active_at_genesis", pg.active_at_genesis, 0, 1, "share on the network at genesis");
    pg.malicious = g.number("malicious", pg.malicious, 0, 1, "share returning bad results now and then");
    g.finish();
    c.providers.push_back(pg);
  }
  if (c.providers.empty()) r.error(providers.node(), providers.path() + ".groups", "expected at least one provider group, got none");
  providers.finish();

  // ---- demand ----
  Section demand = root.section("demand", "AI jobs: classes, growth, seasonality, shocks");
  c.demand_growth_per_year = demand.number("growth_per_year", c.demand_growth_per_year, -0.99, 100, "compounding growth of arrivals");
  c.seasonality = demand.number("seasonality", c.seasonality, 0, 1, "daily amplitude: rate x (1 + a sin(2 pi t / day))");
  read_shocks(r, demand, c.shocks);
  for (Section j : demand.items("classes", "job classes")) {
    JobClass jc;
    jc.name = j.text("name", "jobs", "a name for reports");
    const std::string kind = j.choice("kind", "decode", {"training", "prefill", "decode"},
                                      "training (6ND), prefill (2N per token) or decode (memory-bound)");
    jc.shape.kind = kind == "training" ? JobKind::Training : kind == "prefill" ? JobKind::Prefill : JobKind::Decode;
    jc.shape.precision = precision_of(j.choice("precision", "bf16", {"fp32", "tf32", "bf16", "fp8", "int8"}, "numeric precision"));
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
    jc.shape.seq_out = j.number("seq_out", kind == "decode" ? 256 : 0, 0, 1e7, "generated tokens per sequence (decode)");
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
  c.contributors = static_cast<std::uint32_t>(data.integer("contributors", c.contributors, 1, 1'000'000'000, "contributors, one dataset each"));
  c.models = static_cast<std::uint32_t>(data.integer("models", c.models, 1, 1'000'000, "AI models; each uses an equal share of the datasets"));
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

  // ---- governance ----
  Section gov = root.section("governance", "token-weighted governance (OpenZeppelin Governor) over live parameters");
  GovernanceConfig& gc = c.governance;
  gc.voting_delay = gov.duration("voting_delay", gc.voting_delay, 0, "from proposal to snapshot");
  gc.voting_period = gov.duration("voting_period", gc.voting_period, 2 * c.window, "from snapshot to deadline (at least two windows)");
  gc.timelock = gov.duration("timelock", gc.timelock, 0, "from success to execution (0: executed at once)");
  gc.quorum_percent = static_cast<std::uint64_t>(std::llround(
      100.0 * gov.number("quorum", static_cast<double>(gc.quorum_percent) / 100.0, 0, 1,
                         "share of the voting supply at the snapshot that must vote for or abstain (whole percent)")));
  {
    Section t = gov.section("turnout", "who votes: base + per_decade x log10(1 + balance in tokens), capped at 1");
    gc.base_turnout = t.number("base", gc.base_turnout, 0, 1, "turnout of a holder of about one token");
    gc.turnout_per_decade = t.number("per_decade", gc.turnout_per_decade, 0, 1, "more turnout per tenfold balance");
    t.finish();
  }
  gc.noise = gov.number("noise", gc.noise, 0, 100, "standard deviation of the noise on each voter's interest");
  gc.apathy = gov.number("apathy", gc.apathy, 0, 1, "turnout shrinks by this factor with each earlier proposal");
  {
    Section dl = gov.section("delegation", "delegates who vote for the agents that delegate to them");
    gc.delegates = static_cast<std::uint32_t>(dl.integer("delegates", 0, 0, 100'000, "delegates (each speaks for a class)"));
    gc.delegation_share = dl.number("share", gc.delegation_share, 0, 1, "share of agents that delegate");
    dl.finish();
  }
  {
    Section fl = gov.section("float", "the market's float in governance: the share whose holders take part");
    const std::size_t before = r.diagnostics().size();
    gc.float_votes = fl.share("votes", gc.float_votes,
                              "share of the float whose holders vote as one holder (proposals, polls, conviction)");
    gc.float_delegated = fl.share("delegated", gc.float_delegated,
                                  "share of the float delegated to the delegates (evenly); the rest never delegates: "
                                  "no votes, but in the quorum's supply");
    if (r.diagnostics().size() == before && gc.float_votes.raw() + gc.float_delegated.raw() > Ppm::kWhole) {
      r.error(fl.node(), fl.path(), fmt::format("expected votes + delegated of at most 1, got {}",
                                                format_number(static_cast<double>(gc.float_votes.raw() + gc.float_delegated.raw()) / 1e6)));
    }
    if (gc.float_delegated.raw() > 0 && gc.delegates == 0) {
      r.error(fl.raw("delegated"), fl.path() + ".delegated",
              "expected governance.delegation.delegates > 0 to delegate to, got no delegates");
    }
    fl.finish();
  }
  gc.quadratic = gov.choice("counting", "token", {"token", "quadratic"},
                            "token: power = balance; quadratic: power = sqrt(balance) per identity") == "quadratic";
  if (gov.has("sybil")) {
    Section sy = gov.section("sybil", "a Sybil controller splitting tokens across identities");
    SybilAttack a;
    a.tokens = sy.tokens("tokens", Tokens(0), Tokens(0), "tokens it buys from the float at genesis and splits");
    a.budget_usd = sy.number("budget_usd", 0, 0, 1e12, "USD it spends on identities");
    a.identity_cost_usd = sy.number("identity_cost_usd", 0, 0, 1e9, "cost of one identity (a defence when high)");
    a.max_identities = static_cast<std::uint32_t>(sy.integer("max_identities", 1000, 1, 10'000'000, "identities at most"));
    a.fake_datasets = static_cast<std::uint32_t>(sy.integer("fake_datasets", 0, 0, 100'000'000,
                                                             "low-quality datasets it registers to farm royalties"));
    a.fake_size = sy.number("fake_size", a.fake_size, 0.01, 1e6, "their claimed size, in typical datasets");
    for (auto& [node, path] : sy.scalars("supports", "proposal indices", "proposals its identities vote for (0-based)")) {
      if (auto k = r.integer(node, path, 0, 1'000'000)) a.supports.push_back(static_cast<std::uint32_t>(*k));
    }
    sy.finish();
    gc.sybil = a;
  } else {
    gov.raw("sybil");
  }
  {
    Section d = gov.section("defences", "what keeps Sybil identities from voting");
    gc.defences.passport = d.flag("passport", false, "a Passport-style score gates voting");
    gc.defences.false_positive = d.number("false_positive", gc.defences.false_positive, 0, 1, "honest identities wrongly excluded");
    gc.defences.false_negative = d.number("false_negative", gc.defences.false_negative, 0, 1, "Sybil identities that pass");
    gc.defences.min_balance = d.tokens("min_balance", Tokens(0), Tokens(0), "identities holding less cannot vote");
    gc.defences.data_quality_check = d.flag("data_quality_check", false, "datasets below min_quality earn no royalties");
    gc.defences.min_quality = d.number("min_quality", gc.defences.min_quality, 0, 1, "quality threshold of the check");
    gc.defences.quality_miss_rate = d.number("quality_miss_rate", gc.defences.quality_miss_rate, 0, 1,
                                             "share of fake datasets the check misses");
    d.finish();
  }
  for (Section item : gov.items("proposals", "proposals put at set times")) {
    GovernanceProposal pr;
    pr.title = item.text("title", "proposal", "what it is called in reports");
    pr.at = item.duration("at", 0, 1, "when it is proposed");
    if (!item.has("at")) r.error(item.node(), item.path() + ".at", "expected the time it is proposed, got nothing");
    read_change(r, item, pr);
    item.finish();
    gc.proposals.push_back(pr);
  }
  for (Section item : gov.items("airdrops", "airdrops from the treasury to active identities")) {
    Airdrop a;
    a.at = item.duration("at", 0, 1, "when it is made");
    if (!item.has("at")) r.error(item.node(), item.path() + ".at", "expected the time of the airdrop, got nothing");
    a.amount = item.tokens("amount", Tokens(0), Tokens(1), "tokens from the treasury, in equal parts");
    a.min_gpu_hours = item.number("min_gpu_hours", a.min_gpu_hours, 0, 1e9, "a provider is eligible after serving this");
    a.min_royalties = item.tokens("min_royalties", a.min_royalties, Tokens(0), "a contributor is eligible after claiming this");
    a.claim_window = item.duration("claim_window", a.claim_window, sim::kHour, "the eligible claim within it; the rest returns");
    a.claim_rate = item.number("claim_rate", a.claim_rate, 0, 1, "share of eligible honest identities that claim");
    a.bot_activity_usd = item.number("bot_activity_usd", a.bot_activity_usd, 0, 1e9, "faking activity, per Sybil identity");
    item.finish();
    gc.airdrops.push_back(a);
  }
  for (Section item : gov.items("qf_rounds", "quadratic funding rounds matched from the treasury")) {
    QfRound q;
    q.at = item.duration("at", 0, 1, "when the round opens");
    if (!item.has("at")) r.error(item.node(), item.path() + ".at", "expected the time the round opens, got nothing");
    q.duration = item.duration("duration", q.duration, sim::kHour, "how long donations are taken");
    q.matching_pool = item.tokens("matching_pool", Tokens(0), Tokens(1), "tokens the treasury matches with");
    q.donor_share = item.number("donor_share", q.donor_share, 0, 1, "chance that an identity with tokens donates");
    q.donation_share = item.number("donation_share", q.donation_share, 0, 1, "share of its balance a donor gives");
    if (item.has("cap")) q.cap = item.number("cap", 1, 1e-6, 1, "per-project matching cap, a share of the pool");
    item.raw("cap");
    q.pairwise = item.choice("matching", "standard", {"standard", "pairwise"},
                             "standard QF, or pairwise-bounded (Gitcoin Grants 2.0)") == "pairwise";
    q.pairwise_m = item.number("pairwise_m", q.pairwise_m, 1e-9, 1e9, "pairwise: the M of k_ij = M / (M + P_ij)");
    q.sybil_donation = item.tokens("sybil_donation", q.sybil_donation, Tokens(0), "each Sybil identity's donation");
    item.finish();
    gc.qf_rounds.push_back(q);
  }
  if (gov.has("conviction")) {
    Section cv = gov.section("conviction", "conviction voting (1Hive) for continuous funding out of the treasury");
    gc.conviction = read_conviction(r, cv, c.window);
    cv.finish();
  } else {
    gov.raw("conviction");
  }
  read_polls(r, gov, c.window, gc.polls);
  gov.finish();

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

std::vector<MetricInfo> compute_metrics(const ComputeNetworkConfig& c) {
  constexpr double kBase = 1e-6;
  std::vector<MetricInfo> m = {
      {"price", false, "USD/token", 1.0, "AMM spot price"},
      {"supply", true, "token", kBase, "minted - burned"},
      {"circulating", true, "token", kBase, "supply - rewards pool - vesting - treasury - stakes"},
      {"treasury", true, "token", kBase, "the DAO treasury"},
      {"staked", true, "token", kBase, "providers' stakes, bonded and unbonding"},
      {"minted", true, "token", kBase, "minted in the period (provider rewards)"},
      {"burned", true, "token", kBase, "burned in the period (fees' burn share, burn-and-mint payments)"},
      {"paid_provider", true, "token", kBase, "revenue to providers in the period (fees and rewards)"},
      {"paid_creator", true, "token", kBase, "revenue to model creators in the period"},
      {"paid_contributors", true, "token", kBase, "royalties to data contributors' pools in the period"},
      {"paid_treasury", true, "token", kBase, "revenue to the treasury in the period (with remainders)"},
      {"paid_burn", true, "token", kBase, "revenue burned in the period"},
      {"fees_usd", true, "USD", kBase, "USD value of the jobs settled in the period"},
      {"jobs_submitted", true, "jobs", 1.0, "jobs that arrived in the period"},
      {"jobs_completed", true, "jobs", 1.0, "jobs settled in the period"},
      {"jobs_dropped", true, "jobs", 1.0, "jobs that found no capacity by their deadline"},
      {"results_caught", true, "jobs", 1.0, "bad results caught by verification (stake slashed, job requeued)"},
      {"results_undetected", true, "jobs", 1.0, "bad results that passed"},
      {"latency", false, "s", 1.0, "mean completion - submission of the jobs settled in the period; NaN if none"},
      {"utilization", false, "", 1.0, "GPU-seconds of work started / GPU-seconds on the network, in the period"},
      {"providers_active", true, "providers", 1.0, "providers on the network"},
  };
  for (const std::string& g : c.gpu_names) {
    m.push_back({"providers_" + g, true, "providers", 1.0, "providers on the network with " + g + " GPUs"});
  }
  m.push_back({"profitable_share", false, "", 1.0, "share of active providers whose average daily profit is positive"});
  m.push_back({"provider_profit_p10", false, "USD/GPU/day", 1.0, "10th percentile of active providers' average daily profit per GPU; NaN if none"});
  m.push_back({"provider_profit_median", false, "USD/GPU/day", 1.0, "median of active providers' average daily profit per GPU"});
  m.push_back({"provider_profit_p90", false, "USD/GPU/day", 1.0, "90th percentile of active providers' average daily profit per GPU"});
  for (int d = 1; d <= 10; ++d) {
    m.push_back({"royalties_d" + std::to_string(d), false, "token", 1.0,
                 "mean royalties earned per contributor in decile " + std::to_string(d) + " (1: least); NaN where not measured"});
  }
  m.push_back({"gini", false, "", 1.0, "Gini of providers' and contributors' balances; NaN where not measured"});
  m.push_back({"nakamoto", false, "agents", 1.0,
               "Nakamoto coefficient: the fewest providers and contributors holding more than half of their tokens; NaN where Gini is"});
  m.push_back({"split_provider", false, "", 1.0, "providers' share of each fee in force (governable)"});
  m.push_back({"split_contributors", false, "", 1.0, "data contributors' share of each fee in force (governable)"});
  m.push_back({"verification_rate", false, "", 1.0, "share of results checked, in force (governable)"});
  m.push_back({"sybil_royalty_share", false, "", 1.0, "share of royalties earned so far by a Sybil controller's fake datasets; NaN where not measured"});
  m.push_back({"stake_per_gpu", true, "token", 1e-6, "stake a provider needs per GPU, in force (governable)"});
  m.push_back({"proposals_passed", true, "proposals", 1.0, "governance proposals passed since genesis"});
  m.push_back({"proposals_executed", true, "proposals", 1.0, "governance proposals executed since genesis"});
  m.push_back({"emission_scale", false, "", 1.0, "multiplier of the rewards curve's per-window emission in force (governable)"});
  return m;
}

}  // namespace detail
}  // namespace toksim::models
