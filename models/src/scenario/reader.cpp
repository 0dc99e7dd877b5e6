// Validating scenario reads (see reader.hpp).
#include "toksim/models/scenario/reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <regex>

namespace toksim::models {

namespace {

/// "a.b[3].c" -> "a.b[].c": the schema path of a list item.
std::string schema_path(const std::string& path) {
  static const std::regex index(R"(\[[0-9]+\])");
  return std::regex_replace(path, index, "[]");
}

std::string range_text(std::int64_t min, std::int64_t max) {
  if (max == std::numeric_limits<std::int64_t>::max()) return fmt::format(">= {}", min);
  return fmt::format("in [{}, {}]", min, max);
}

std::string range_text(double min, double max) {
  if (max == std::numeric_limits<double>::infinity()) {
    if (min == -std::numeric_limits<double>::infinity()) return "";
    return ">= " + format_number(min);
  }
  return "in [" + format_number(min) + ", " + format_number(max) + "]";
}

/// "1000.500000" -> "1000.5", "0.000000" -> "0": a fixed-point amount as a person writes it.
std::string trimmed(std::string s) {
  if (s.find('.') == std::string::npos) return s;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

bool scalar(const YAML::Node& n) { return n.IsDefined() && n.IsScalar(); }

/// True for a finite decimal number (underscores between digits allowed).
bool is_number(std::string_view text) {
  std::string s;
  for (const char c : text) {
    if (c != '_') s += c;
  }
  if (s.empty() || !std::all_of(s.begin(), s.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
      })) {
    return false;
  }
  char* end = nullptr;
  const double x = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && std::isfinite(x);
}

}  // namespace

std::string format_number(double x) {
  if (std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 1e15)
    return fmt::format("{}", static_cast<long long>(x));
  return fmt::format("{}", x);
}

std::optional<std::int64_t> parse_fixed(std::string_view text, int decimals) {
  std::size_t i = 0;
  bool neg = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) neg = text[i++] == '-';
  i128 mant = 0;
  int exp10 = 0;
  int digits = 0;
  bool last_digit = false;
  constexpr i128 kLimit = static_cast<i128>(1) << 100;
  auto take = [&](bool fraction) {
    while (i < text.size()) {
      const char c = text[i];
      if (c >= '0' && c <= '9') {
        if (mant > kLimit) return false;
        mant = mant * 10 + (c - '0');
        if (fraction) --exp10;
        ++digits;
        last_digit = true;
      } else if (c == '_' && last_digit && i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '9') {
        last_digit = false;
      } else {
        break;
      }
      ++i;
    }
    return true;
  };
  if (!take(false)) return std::nullopt;
  if (i < text.size() && text[i] == '.') {
    ++i;
    last_digit = false;
    if (!take(true)) return std::nullopt;
  }
  if (digits == 0) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    int e = 0;
    const auto r = std::from_chars(text.data() + i, text.data() + text.size(), e);
    if (r.ec != std::errc() || r.ptr == text.data() + i) return std::nullopt;
    if (text[i] == '+') return std::nullopt;  // from_chars rejects '+' anyway
    i = static_cast<std::size_t>(r.ptr - text.data());
    if (e > 40 || e < -40) return std::nullopt;
    exp10 += e;
  }
  if (i != text.size()) return std::nullopt;
  int shift = exp10 + decimals;
  while (shift > 0) {
    if (mant > kLimit) return std::nullopt;
    mant *= 10;
    --shift;
  }
  while (shift < 0) {
    if (mant % 10 != 0) return std::nullopt;  // more decimals than the unit has
    mant /= 10;
    ++shift;
  }
  if (mant > std::numeric_limits<std::int64_t>::max()) return std::nullopt;
  const auto v = static_cast<std::int64_t>(mant);
  return neg ? -v : v;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  auto distance = [](std::string_view a, std::string_view b) {
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
    for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
      for (std::size_t j = 1; j <= m; ++j) {
        const std::size_t cost = std::tolower(a[i - 1]) == std::tolower(b[j - 1]) ? 0 : 1;
        d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
          d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
    return d[n][m];
  };
  std::string best;
  std::size_t best_d = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const std::string& c : candidates) {
    const std::size_t dist = distance(word, c);
    const bool prefix = word.size() >= 3 && c.rfind(word, 0) == 0;
    if (dist < best_d || (prefix && best.empty())) {
      best = c;
      best_d = prefix ? std::min(best_d, dist) : dist;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------

Reader::Reader(const Document& doc) : doc_(&doc) {}

Section Reader::root() { return Section(*this, doc_->root(), ""); }

void Reader::error(const YAML::Node& node, const std::string& path, std::string message) {
  Origin o = doc_->origin(node, path);
  if (node.IsDefined() && node.IsNull() && o.set_path.empty()) {
    if (auto it = empty_values_.find(path); it != empty_values_.end()) {
      o.line = it->second.line + 1;
      o.column = it->second.column + 1;
    }
  }
  diagnostics_.push_back(Diagnostic{std::move(o), path, std::move(message)});
}

void Reader::note_empty_value(const std::string& path, const YAML::Mark& key_mark) { empty_values_[path] = key_mark; }

void Reader::throw_if_errors() const {
  if (!diagnostics_.empty()) throw ScenarioError(diagnostics_);
}

void Reader::record(std::string path, std::string type, std::string def, std::string_view doc) {
  path = schema_path(path);
  if (!recorded_.insert(path).second) return;
  schema_.push_back(SchemaEntry{std::move(path), std::move(type), std::move(def), std::string(doc)});
}

std::optional<std::int64_t> Reader::integer(const YAML::Node& n, const std::string& path, std::int64_t min,
                                            std::int64_t max) {
  const std::string want = "expected an integer " + range_text(min, max);
  if (!scalar(n)) {
    error(n, path, want + ", got " + describe(n));
    return std::nullopt;
  }
  const auto v = parse_fixed(n.Scalar(), 0);
  if (!v) {
    error(n, path, want + ", got " + describe(n));
    return std::nullopt;
  }
  if (*v < min || *v > max) {
    error(n, path, want + ", got " + std::to_string(*v));
    return std::nullopt;
  }
  return v;
}

std::optional<double> Reader::number(const YAML::Node& n, const std::string& path, double min, double max) {
  const std::string range = range_text(min, max);
  const std::string want = "expected a number" + (range.empty() ? "" : " " + range);
  if (!scalar(n)) {
    error(n, path, want + ", got " + describe(n));
    return std::nullopt;
  }
  std::string s;
  for (const char c : n.Scalar()) {
    if (c != '_') s += c;
  }
  const bool percent = !s.empty() && s.back() == '%';
  if (percent) s.pop_back();
  char* end = nullptr;
  const double x = s.empty() ? 0.0 : std::strtod(s.c_str(), &end);
  const bool plain = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
  });
  if (s.empty() || !plain || end != s.c_str() + s.size() || !std::isfinite(x)) {
    error(n, path, want + ", got " + describe(n));
    return std::nullopt;
  }
  const double v = percent ? x / 100.0 : x;
  if (v < min || v > max) {
    error(n, path, want + ", got " + n.Scalar());
    return std::nullopt;
  }
  return v;
}

std::optional<std::int64_t> Reader::fixed6(const YAML::Node& n, const std::string& path, std::int64_t min_raw,
                                           std::string_view what) {
  const std::string want =
      fmt::format("expected {} >= {} (up to 6 decimals)", what, trimmed(to_string(Tokens(min_raw))));
  if (!scalar(n)) {
    error(n, path, want + ", got " + describe(n));
    return std::nullopt;
  }
  const auto v = parse_fixed(n.Scalar(), 6);
  if (!v || *v < min_raw) {
    error(n, path, want + ", got " + describe(n));
    return std::nullopt;
  }
  return v;
}

std::optional<sim::Time> Reader::duration(const YAML::Node& n, const std::string& path, sim::Time min) {
  const std::string want = "expected a duration like 30d, 12mo or 1y6mo" +
                           (min > 0 ? " of at least " + sim::format_duration(min) : std::string());
  if (!scalar(n)) {
    error(n, path, want + ", got " + describe(n));
    return std::nullopt;
  }
  sim::Time t = 0;
  try {
    t = sim::parse_duration(n.Scalar());
  } catch (const ParseError&) {
    error(n, path, want + ", got " + describe(n));
    return std::nullopt;
  }
  if (t < min) {
    error(n, path, want + ", got " + describe(n));
    return std::nullopt;
  }
  return t;
}

std::optional<std::string> Reader::choice(const YAML::Node& n, const std::string& path,
                                          const std::vector<std::string>& options) {
  std::string list;
  for (const auto& o : options) list += (list.empty() ? "" : ", ") + o;
  if (scalar(n)) {
    if (std::find(options.begin(), options.end(), n.Scalar()) != options.end()) return n.Scalar();
    const std::string guess = did_you_mean(n.Scalar(), options);
    error(n, path,
          "expected one of " + list + ", got " + describe(n) +
              (guess.empty() ? std::string() : " (did you mean '" + guess + "'?)"));
    return std::nullopt;
  }
  error(n, path, "expected one of " + list + ", got " + describe(n));
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------------------

Section::Section(Reader& reader, const YAML::Node& node, std::string path)
    : reader_(&reader), node_(node), path_(std::move(path)) {
  if (node_.IsDefined() && !node_.IsNull() && !node_.IsMap()) {
    reader_->error(node_, path_.empty() ? std::string() : path_, "expected a map of settings, got " + describe(node_));
    node_ = YAML::Node();
  }
  if (node_.IsDefined() && node_.IsNull()) node_ = YAML::Node();
}

std::string Section::key_path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

bool Section::has(std::string_view key) const {
  if (!node_.IsDefined()) return false;
  const YAML::Node& n = node_;
  return n[std::string(key)].IsDefined();
}

YAML::Node Section::value(std::string_view key) {
  known_.emplace(key);
  if (!node_.IsDefined()) return YAML::Node(YAML::NodeType::Undefined);
  const YAML::Node& n = node_;
  YAML::Node v = n[std::string(key)];
  if (v.IsDefined() && v.IsNull()) {
    for (const auto& kv : node_) {
      if (kv.first.Scalar() == key) reader_->note_empty_value(key_path(key), kv.first.Mark());
    }
  }
  return v;
}

YAML::Node Section::raw(std::string_view key) { return value(key); }

std::int64_t Section::integer(std::string_view key, std::int64_t def, std::int64_t min, std::int64_t max,
                              std::string_view doc) {
  reader_->record(key_path(key), "integer " + range_text(min, max), std::to_string(def), doc);
  const YAML::Node n = value(key);
  if (!n.IsDefined()) return def;
  return reader_->integer(n, key_path(key), min, max).value_or(def);
}

double Section::number(std::string_view key, double def, double min, double max, std::string_view doc) {
  const std::string range = range_text(min, max);
  reader_->record(key_path(key), "number" + (range.empty() ? "" : " " + range), format_number(def), doc);
  const YAML::Node n = value(key);
  if (!n.IsDefined()) return def;
  return reader_->number(n, key_path(key), min, max).value_or(def);
}

Ppm Section::share(std::string_view key, Ppm def, std::string_view doc) {
  reader_->record(key_path(key), "share in [0, 1] (0.15 or 15%)", format_number(def.raw() / 1e6), doc);
  const YAML::Node n = value(key);
  if (!n.IsDefined()) return def;
  const std::string want = "expected a share in [0, 1] (like 0.15 or 15%)";
  if (!scalar(n)) {
    reader_->error(n, key_path(key), want + ", got " + describe(n));
    return def;
  }
  std::string s = n.Scalar();
  int decimals = 6;
  if (!s.empty() && s.back() == '%') {
    s.pop_back();
    decimals = 4;
  }
  const auto v = parse_fixed(s, decimals);
  if (!v) {
    const bool numeric = is_number(s);  // a number, but finer than a ppm
    reader_->error(
        n, key_path(key),
        want + (numeric ? " with at most 6 decimals (exact parts per million)" : "") + ", got " + describe(n));
    return def;
  }
  if (*v < 0 || *v > Ppm::kWhole) {
    reader_->error(n, key_path(key), want + ", got " + n.Scalar());
    return def;
  }
  return Ppm(*v);
}

Tokens Section::tokens(std::string_view key, Tokens def, Tokens min, std::string_view doc) {
  reader_->record(key_path(key), "tokens >= " + trimmed(to_string(min)), trimmed(to_string(def)), doc);
  const YAML::Node n = value(key);
  if (!n.IsDefined()) return def;
  const auto v = reader_->fixed6(n, key_path(key), min.raw(), "a token amount");
  return v ? Tokens(*v) : def;
}

MicroUsd Section::usd(std::string_view key, MicroUsd def, MicroUsd min, std::string_view doc) {
  reader_->record(key_path(key), "USD >= " + trimmed(to_string(min)), trimmed(to_string(def)), doc);
  const YAML::Node n = value(key);
  if (!n.IsDefined()) return def;
  const auto v = reader_->fixed6(n, key_path(key), min.raw(), "a USD amount");
  return v ? MicroUsd(*v) : def;
}

sim::Time Section::duration(std::string_view key, sim::Time def, sim::Time min, std::string_view doc) {
  reader_->record(key_path(key), min > 0 ? "duration >= " + sim::format_duration(min) : "duration",
                  def == sim::kNever ? "none" : sim::format_duration(def), doc);
  const YAML::Node n = value(key);
  if (!n.IsDefined()) return def;
  return reader_->duration(n, key_path(key), min).value_or(def);
}

bool Section::flag(std::string_view key, bool def, std::string_view doc) {
  reader_->record(key_path(key), "true or false", def ? "true" : "false", doc);
  const YAML::Node n = value(key);
  if (!n.IsDefined()) return def;
  if (scalar(n) && (n.Scalar() == "true" || n.Scalar() == "false")) return n.Scalar() == "true";
  reader_->error(n, key_path(key), "expected true or false, got " + describe(n));
  return def;
}

std::string Section::choice(std::string_view key, std::string_view def, const std::vector<std::string>& options,
                            std::string_view doc) {
  std::string list;
  for (const auto& o : options) list += (list.empty() ? "" : " | ") + o;
  reader_->record(key_path(key), list, std::string(def), doc);
  const YAML::Node n = value(key);
  if (!n.IsDefined()) return std::string(def);
  return reader_->choice(n, key_path(key), options).value_or(std::string(def));
}

std::string Section::text(std::string_view key, std::string_view def, std::string_view doc) {
  reader_->record(key_path(key), "text", std::string(def), doc);
  const YAML::Node n = value(key);
  if (!n.IsDefined()) return std::string(def);
  if (!scalar(n)) {
    reader_->error(n, key_path(key), "expected text, got " + describe(n));
    return std::string(def);
  }
  return n.Scalar();
}

Section Section::section(std::string_view key, std::string_view doc) {
  reader_->record(key_path(key), "map", "", doc);
  YAML::Node n = value(key);
  return Section(*reader_, n.IsDefined() ? n : YAML::Node(), key_path(key));
}

std::vector<Section> Section::items(std::string_view key, std::string_view doc) {
  reader_->record(key_path(key), "list of maps", "[]", doc);
  std::vector<Section> out;
  const YAML::Node n = value(key);
  if (!n.IsDefined() || n.IsNull()) return out;
  if (!n.IsSequence()) {
    reader_->error(n, key_path(key), "expected a list, got " + describe(n));
    return out;
  }
  for (std::size_t i = 0; i < n.size(); ++i) {
    const std::string p = key_path(key) + "[" + std::to_string(i) + "]";
    if (!n[i].IsMap()) {
      reader_->error(n[i], p, "expected a map, got " + describe(n[i]));
      continue;
    }
    out.emplace_back(*reader_, n[i], p);
  }
  return out;
}

std::vector<std::pair<YAML::Node, std::string>> Section::scalars(std::string_view key, std::string_view type,
                                                                 std::string_view doc) {
  reader_->record(key_path(key), "list of " + std::string(type), "[]", doc);
  std::vector<std::pair<YAML::Node, std::string>> out;
  const YAML::Node n = value(key);
  if (!n.IsDefined() || n.IsNull()) return out;
  if (n.IsScalar()) {  // a single value reads as a list of one
    out.emplace_back(n, key_path(key));
    return out;
  }
  if (!n.IsSequence()) {
    reader_->error(n, key_path(key), "expected a list of " + std::string(type) + ", got " + describe(n));
    return out;
  }
  for (std::size_t i = 0; i < n.size(); ++i) out.emplace_back(n[i], key_path(key) + "[" + std::to_string(i) + "]");
  return out;
}

void Section::finish() {
  if (!node_.IsDefined()) return;
  std::vector<std::string> known(known_.begin(), known_.end());
  for (const auto& kv : node_) {
    const std::string key = kv.first.Scalar();
    if (known_.count(key) != 0) continue;
    const std::string guess = did_you_mean(key, known);
    std::string list;
    for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
    reader_->error(kv.first, key_path(key),
                   "unknown key" + (guess.empty() ? std::string() : " (did you mean '" + guess + "'?)") +
                       "; expected one of: " + list);
  }
}

}  // namespace toksim::models
