// A scenario document: YAML text loaded with yaml-cpp, with `extends:` resolved (maps merge key by key, the
// extending file wins; lists and scalars are replaced whole) and `--set key.path=value` overrides applied, and
// with the origin of every value remembered so that errors can name `file:line:col` or `--set key.path`.
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "toksim/models/scenario/diagnostic.hpp"

namespace toksim::models {

class Document {
 public:
  /// Reads a file and the chain of files it extends (paths relative to the file that names them).
  /// @throws ScenarioError on an unreadable file, malformed YAML, a duplicate key, or an `extends` cycle.
  static Document load(const std::filesystem::path& file);
  /// Parses text named `name` in messages (the embedded default, a Python dict dumped to YAML). `extends:`
  /// paths are relative to `base_dir`.
  static Document parse(const std::string& text, const std::string& name,
                        const std::filesystem::path& base_dir = std::filesystem::current_path());

  /// Applies `key.path=value`; the value is YAML (`3000`, `30d`, `[1, 2]`, `{share: 0.2}`). Missing maps on
  /// the path are created; the schema later rejects keys it does not know, naming `--set key.path`.
  /// @throws ScenarioError for text without '=', an empty or malformed key path, malformed YAML in the value,
  ///         or a path that goes through a value that is not a map.
  void set(std::string_view assignment);

  const YAML::Node& root() const noexcept { return root_; }
  /// Where the node at `path` came from (the node itself gives line and column when it has them).
  Origin origin(const YAML::Node& node, std::string_view path) const;
  /// The main file's name as given (or the text's name).
  const std::string& name() const noexcept { return name_; }
  /// The main file's own text, comments included.
  const std::string& source_text() const noexcept { return source_; }
  /// The effective document (extends merged, overrides applied) as YAML: running it gives the same run.
  std::string effective_yaml() const;

 private:
  struct Source {
    std::string file;
    YAML::Mark mark;
    std::string set_path;
  };
  Document() = default;

  YAML::Node root_;
  std::string name_;
  std::string source_;
  std::map<std::string, Source> sources_;  ///< key path -> where the subtree inserted at that path came from
};

/// Quotes a YAML node for messages: a scalar as "text", else "a map", "a list", "nothing".
std::string describe(const YAML::Node& node);

}  // namespace toksim::models
