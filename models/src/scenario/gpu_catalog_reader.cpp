// Reading GPU catalogs (scenarios/gpu_catalog.yaml, users' own catalogs and `gpus:` maps) and calibration files
// into plain GpuCatalog structs (see gpu_catalog_reader.hpp).
#include "toksim/models/scenario/gpu_catalog_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "toksim/models/scenario/document.hpp"
#include "toksim/models/scenario/reader.hpp"
#include "toksim/sim/error.hpp"

namespace toksim::models {

namespace {

constexpr double kHuge = 1e9;
const char* const kPrecisionKeys[kPrecisions] = {"fp32", "tf32", "bf16", "fp8", "int8"};

bool is_null(const Section& s, std::string_view key) {
  const YAML::Node& n = s.node();
  return n.IsDefined() && n[std::string(key)].IsDefined() && n[std::string(key)].IsNull();
}

void missing(Reader& r, const Section& s, std::string_view key, std::string_view what) {
  r.error(s.node(), s.path() + "." + std::string(key), fmt::format("expected {}, got nothing", what));
}

/// A number that must be there; NaN after recording a problem.
double required(Reader& r, Section& s, std::string_view key, double min, double max, std::string_view what,
                std::string_view doc) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (!s.has(key) || is_null(s, key)) {
    s.raw(key);
    missing(r, s, key, what);
    return nan;
  }
  return s.number(key, nan, min, max, doc);
}

/// A number that may be absent or null (nullopt then); NaN after recording a problem.
std::optional<double> nullable(Section& s, std::string_view key, double min, double max, std::string_view doc) {
  if (!s.has(key) || is_null(s, key)) {
    s.raw(key);
    return std::nullopt;
  }
  return s.number(key, std::numeric_limits<double>::quiet_NaN(), min, max, doc);
}

/// An efficiency: a plain number, or the provenance form {value, source, measured, extrapolated, date, host,
/// note}. nullopt when absent or null; NaN after a problem. `measured` counts `measured: true` values.
std::optional<double> efficiency(Reader& r, Section& s, std::string_view key, double max, std::string_view doc,
                                 int& measured) {
  if (!s.has(key) || is_null(s, key)) {
    s.raw(key);
    return std::nullopt;
  }
  const YAML::Node& parent = s.node();
  if (!parent[std::string(key)].IsMap()) return s.number(key, std::numeric_limits<double>::quiet_NaN(), 0, max, doc);
  Section v = s.section(key, doc);
  const double value = required(r, v, "value", 0, max, "a number", "the efficiency");
  if (v.text("source", "", "where the value comes from (a citation, \"judgement\", or \"toksim calibrate\")").empty()) {
    missing(r, v, "source", "where the value comes from (a citation, \"judgement\" or \"toksim calibrate\")");
  }
  const bool was_measured = v.flag("measured", false, "true when toksim calibrate measured it on a real GPU");
  v.flag("extrapolated", false, "true when taken from another GPU or a generic default");
  const std::string date = v.text("date", "", "measured: when (YYYY-MM-DD)");
  const std::string host = v.text("host", "", "measured: on which machine");
  v.text("note", "", "anything else");
  if (was_measured) {
    ++measured;
    if (date.empty()) missing(r, v, "date", "the date of the measurement (measured: true)");
    if (host.empty()) missing(r, v, "host", "the host measured on (measured: true)");
  }
  v.finish();
  return value;
}

bool valid_key(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

/// Reads one GPU; false when it had a problem.
bool read_gpu(Reader& r, Section& g, GpuSpec& spec, std::string& name, double& price, std::vector<std::string>& sources,
              int& measured) {
  const std::size_t before = r.diagnostics().size();
  name = g.text("name", "", "the GPU's full name");
  if (name.empty()) missing(r, g, "name", "the GPU's name");

  Section peak = g.section("peak_tflops", "DENSE peak TFLOP/s per precision (int8: TOPS); null = unsupported");
  bool any_peak = false;
  for (int i = 0; i < kPrecisions; ++i) {
    const auto v = nullable(peak, kPrecisionKeys[i], 0, kHuge, "dense peak, TFLOP/s (TOPS for int8)");
    spec.peak_flops[i] = v ? *v * 1e12 : 0.0;
    any_peak = any_peak || (v && *v > 0);
  }
  peak.finish();
  if (!any_peak && r.diagnostics().size() == before) {
    missing(r, g, "peak_tflops", "a dense peak for at least one of fp32, tf32, bf16, fp8, int8");
  }

  spec.memory_bytes =
      1e9 * required(r, g, "memory_gb", 1e-3, kHuge, "the memory size in GB", "device memory, GB (1e9 B)");
  spec.memory_bw =
      1e9 * required(r, g, "memory_bw_gbs", 1e-3, kHuge, "the memory bandwidth in GB/s", "memory bandwidth, GB/s");
  spec.interconnect_bw = 1e9 * required(r, g, "interconnect_gbs", 0, kHuge, "the GPU-to-GPU bandwidth in GB/s",
                                        "GPU-to-GPU bandwidth per GPU, GB/s (NVLink if all GPUs share it, else PCIe)");
  g.text("interconnect", "", "the link, in words");
  spec.tdp_w = required(r, g, "tdp_w", 1e-3, 1e6, "the board power in W", "board power (TDP/TBP), W");
  const auto p = nullable(g, "price_usd", 0, kHuge, "purchase price per GPU, USD (null: none known)");
  price = p ? *p : std::numeric_limits<double>::quiet_NaN();
  g.text("price_note", "", "where the price comes from");
  g.text("note", "", "anything else");

  sources.clear();
  for (const auto& [node, path] : g.scalars("sources", "text", "where the numbers come from")) {
    if (!node.IsDefined() || !node.IsScalar() || node.Scalar().empty()) {
      r.error(node, path, "expected a source (text), got " + describe(node));
    } else {
      sources.push_back(node.Scalar());
    }
  }
  if (sources.empty() && !g.has("sources")) missing(r, g, "sources", "a list of sources");

  Section eff = g.section("efficiency", "achievable fractions of the peaks, each a number or {value, source, ...}");
  if (!g.has("efficiency")) missing(r, g, "efficiency", "an efficiency block (eta_compute, eta_memory, eta_network)");
  Section eta_c = eff.section("eta_compute", "achievable fraction of each precision's dense peak");
  for (int i = 0; i < kPrecisions; ++i) {
    const auto v = efficiency(r, eta_c, kPrecisionKeys[i], 1, "achievable fraction of the dense peak", measured);
    spec.eta_compute[i] = v ? *v : 0.0;
    if (!v && spec.peak_flops[i] > 0 && eff.node().IsDefined()) {
      missing(r, eta_c, kPrecisionKeys[i], fmt::format("an efficiency (peak_tflops.{} is given)", kPrecisionKeys[i]));
    } else if (v && !std::isnan(*v) && spec.peak_flops[i] == 0) {
      r.error(eta_c.node()[kPrecisionKeys[i]], eta_c.path() + "." + kPrecisionKeys[i],
              fmt::format("expected no efficiency (peak_tflops.{} is null), got one", kPrecisionKeys[i]));
    }
  }
  eta_c.finish();
  const auto em = efficiency(r, eff, "eta_memory", 1, "achievable fraction of memory_bw_gbs", measured);
  const auto en = efficiency(r, eff, "eta_network", 1, "achievable fraction of interconnect_gbs", measured);
  const auto ov =
      efficiency(r, eff, "step_overhead_s", 3600, "fixed seconds per step (kernel launches, sync)", measured);
  if (eff.node().IsDefined()) {
    if (!em) missing(r, eff, "eta_memory", "an efficiency");
    if (!en) missing(r, eff, "eta_network", "an efficiency");
  }
  spec.eta_memory = em ? *em : 0.0;
  spec.eta_network = en ? *en : 0.0;
  spec.step_overhead_s = ov ? *ov : 0.0;
  eff.finish();
  g.finish();
  return r.diagnostics().size() == before;
}

void read_catalog_file(GpuCatalog& catalog, const std::filesystem::path& file) {
  const Document doc = Document::load(file);
  Reader r(doc);
  Section root = r.root();
  root.raw("extends");  // resolved by Document
  root.text("description", "", "what this catalog holds");
  Section gpus = root.section("gpus", "GPU kinds by key");
  GpuCatalog next = catalog;
  const std::size_t had = next.size();
  add_gpus(next, r, gpus);
  if (next.size() == had && r.diagnostics().empty()) {
    r.error(gpus.node().IsDefined() ? gpus.node() : doc.root(), "gpus",
            "expected a map of GPUs (key: {name: ..., peak_tflops: ..., ...}), got nothing");
  }
  root.finish();
  r.throw_if_errors();
  catalog = std::move(next);
}

}  // namespace

void add_gpus(GpuCatalog& catalog, Reader& reader, Section& gpus_map) {
  if (!gpus_map.node().IsDefined()) return;
  std::vector<std::string> keys;
  for (const auto& kv : gpus_map.node()) keys.push_back(kv.first.Scalar());
  for (const std::string& key : keys) {
    const YAML::Node& map = gpus_map.node();
    YAML::Node key_node;
    for (const auto& kv : map) {
      if (kv.first.Scalar() == key) key_node = kv.first;
    }
    const std::string path = gpus_map.path().empty() ? key : gpus_map.path() + "." + key;
    const YAML::Node value = map[key];
    Section g = gpus_map.section(key, "one GPU kind");  // reports a value that is not a map
    if (!value.IsMap()) {
      if (value.IsNull()) reader.error(key_node, path, "expected a map of GPU settings, got nothing");
      continue;
    }
    bool ok = true;
    if (!valid_key(key)) {
      reader.error(key_node, path, "expected a GPU key of a-z, 0-9 and _ (like h100_sxm), got \"" + key + "\"");
      ok = false;
    } else if (catalog.find(key) >= 0) {
      reader.error(key_node, path,
                   "expected a new GPU key, got \"" + key +
                       "\", which an earlier catalog defines (use another key, like " + key + "_mine)");
      ok = false;
    }
    GpuSpec spec;
    std::string name;
    double price = 0;
    std::vector<std::string> sources;
    int measured = 0;
    ok = read_gpu(reader, g, spec, name, price, sources, measured) && ok;
    if (!ok) continue;
    catalog.keys.push_back(key);
    catalog.names.push_back(std::move(name));
    catalog.specs.push_back(spec);
    catalog.price_usd.push_back(price);
    catalog.sources.push_back(std::move(sources));
    catalog.measured_values.push_back(measured);
  }
}

GpuCatalog load_gpu_catalog(const std::filesystem::path& file) {
  GpuCatalog catalog;
  read_catalog_file(catalog, file);
  return catalog;
}

void add_gpu_catalog(GpuCatalog& catalog, const std::filesystem::path& file) { read_catalog_file(catalog, file); }

void apply_gpu_calibration(GpuCatalog& catalog, const std::filesystem::path& file) {
  const Document doc = Document::load(file);
  Reader r(doc);
  Section root = r.root();
  root.raw("extends");
  root.text("description", "", "what was measured, how");
  Section cal = root.section("calibration", "efficiencies by GPU key (a subset of the catalog's)");
  GpuCatalog next = catalog;
  std::vector<std::pair<std::string, YAML::Node>> keys;
  if (cal.node().IsDefined()) {
    for (const auto& kv : cal.node()) keys.emplace_back(kv.first.Scalar(), kv.first);
  }
  for (const auto& [key, key_node] : keys) {
    const int k = next.find(key);
    if (k < 0) {
      (void)cal.raw(key);
      const std::string guess = did_you_mean(key, next.keys);
      r.error(key_node, cal.path() + "." + key,
              "expected a GPU of the catalog, got \"" + key + "\"" +
                  (guess.empty() ? "" : " (did you mean '" + guess + "'?)"));
      continue;
    }
    GpuSpec& spec = next.specs[static_cast<std::size_t>(k)];
    int& measured = next.measured_values[static_cast<std::size_t>(k)];
    Section g = cal.section(key, "one GPU's efficiencies");
    Section eta_c = g.section("eta_compute", "achievable fraction of each precision's dense peak");
    for (int i = 0; i < kPrecisions; ++i) {
      const auto v = efficiency(r, eta_c, kPrecisionKeys[i], 1, "achievable fraction of the dense peak", measured);
      if (!v) continue;
      if (spec.peak_flops[i] == 0) {
        r.error(eta_c.node()[kPrecisionKeys[i]], eta_c.path() + "." + kPrecisionKeys[i],
                fmt::format("expected a precision {} has, got {} (its peak is null)", key, kPrecisionKeys[i]));
      } else if (!std::isnan(*v)) {
        spec.eta_compute[i] = *v;
      }
    }
    eta_c.finish();
    const auto set = [&](const char* name, double max, double& out) {
      const auto v = efficiency(r, g, name, max, "an efficiency", measured);
      if (v && !std::isnan(*v)) out = *v;
    };
    set("eta_memory", 1, spec.eta_memory);
    set("eta_network", 1, spec.eta_network);
    set("step_overhead_s", 3600, spec.step_overhead_s);
    g.finish();
  }
  root.finish();
  r.throw_if_errors();
  catalog = std::move(next);
}

}  // namespace toksim::models
