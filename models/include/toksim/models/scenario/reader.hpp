// Typed, validating reads of a scenario Document: numbers, exact token and USD amounts, shares, durations,
// choices and nested sections, each with its allowed range. Every problem is collected (not just the first)
// in the one message format, unknown keys get a did-you-mean, and every key read is recorded with its type,
// default and documentation, which is the schema `toksim schema` prints.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "toksim/models/money/money.hpp"
#include "toksim/models/scenario/diagnostic.hpp"
#include "toksim/models/scenario/document.hpp"
#include "toksim/sim/time.hpp"

namespace toksim::models {

/// One key of the schema, as read: where it is, what it takes, its default and what it means.
struct SchemaEntry {
  std::string path;  ///< "token.allocations.team.share"; list items read as "[]"
  std::string type;  ///< "share in [0, 1]", "duration >= 1d", ...
  std::string default_value;
  std::string doc;
};

class Reader;

/// A map of the scenario being read. Keys not read by the time finish() runs are reported as unknown.
class Section {
 public:
  Section(Reader& reader, const YAML::Node& node, std::string path);

  const std::string& path() const noexcept { return path_; }
  const YAML::Node& node() const noexcept { return node_; }
  bool has(std::string_view key) const;
  /// The raw node of a key (marks it as known).
  YAML::Node raw(std::string_view key);

  std::int64_t integer(std::string_view key, std::int64_t def, std::int64_t min, std::int64_t max,
                       std::string_view doc);
  double number(std::string_view key, double def, double min, double max, std::string_view doc);
  /// A fraction in [0, 1] ("0.15" or "15%"), kept exact as parts per million.
  Ppm share(std::string_view key, Ppm def, std::string_view doc);
  /// Whole tokens with up to 6 decimals ("1_000_000", "2.5e6", "0.000001"), exact.
  Tokens tokens(std::string_view key, Tokens def, Tokens min, std::string_view doc);
  /// US dollars with up to 6 decimals, exact.
  MicroUsd usd(std::string_view key, MicroUsd def, MicroUsd min, std::string_view doc);
  sim::Time duration(std::string_view key, sim::Time def, sim::Time min, std::string_view doc);
  bool flag(std::string_view key, bool def, std::string_view doc);
  std::string choice(std::string_view key, std::string_view def, const std::vector<std::string>& options,
                     std::string_view doc);
  std::string text(std::string_view key, std::string_view def, std::string_view doc);
  /// A nested map (an absent key reads as an empty map: every key takes its default).
  Section section(std::string_view key, std::string_view doc);
  /// A list of maps; each item is a Section at "key[i]".
  std::vector<Section> items(std::string_view key, std::string_view doc);
  /// A list of scalars, each with its node and path ("key[i]"), for item-wise parsing with Reader's value reads.
  std::vector<std::pair<YAML::Node, std::string>> scalars(std::string_view key, std::string_view type,
                                                          std::string_view doc);

  /// Reports the keys never read, each with a did-you-mean among the keys that were.
  void finish();

 private:
  YAML::Node value(std::string_view key);
  std::string key_path(std::string_view key) const;

  Reader* reader_;
  YAML::Node node_;
  std::string path_;
  std::set<std::string, std::less<>> known_;
};

class Reader {
 public:
  explicit Reader(const Document& doc);

  Section root();
  const Document& document() const noexcept { return *doc_; }

  /// Records a problem at `node` (or at the section holding a missing key).
  void error(const YAML::Node& node, const std::string& path, std::string message);
  const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }
  /// @throws ScenarioError with every problem recorded, if any.
  void throw_if_errors() const;

  // Value reads (for list items): nullopt after recording an error.
  std::optional<std::int64_t> integer(const YAML::Node& n, const std::string& path, std::int64_t min, std::int64_t max);
  std::optional<double> number(const YAML::Node& n, const std::string& path, double min, double max);
  std::optional<std::int64_t> fixed6(const YAML::Node& n, const std::string& path, std::int64_t min_raw,
                                     std::string_view what);
  std::optional<sim::Time> duration(const YAML::Node& n, const std::string& path, sim::Time min);
  std::optional<std::string> choice(const YAML::Node& n, const std::string& path,
                                    const std::vector<std::string>& options);

  void record(std::string path, std::string type, std::string def, std::string_view doc);
  /// Remembers where the key of an empty value is: YAML puts an empty value's position at the next token, so
  /// errors about it point at its key instead.
  void note_empty_value(const std::string& path, const YAML::Mark& key_mark);
  const std::vector<SchemaEntry>& schema() const noexcept { return schema_; }

 private:
  const Document* doc_;
  std::vector<Diagnostic> diagnostics_;
  std::vector<SchemaEntry> schema_;
  std::set<std::string, std::less<>> recorded_;
  std::map<std::string, YAML::Mark, std::less<>> empty_values_;
};

/// The closest candidate to `word` (Damerau-Levenshtein, at most about a third of its length away), or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

/// Parses an exact decimal ("1_000.5", "2.5e6", "-3") into value * 10^decimals; nullopt when it is not a
/// number, has more decimals than that, or does not fit int64.
std::optional<std::int64_t> parse_fixed(std::string_view text, int decimals);

/// The number formatted for messages and defaults: 0.15, 1e+06 -> "1000000", shortest round-trip.
std::string format_number(double x);

}  // namespace toksim::models
