// Scenario documents: loading, `extends:` merging and `--set` overrides with origins (see document.hpp).
#include "toksim/models/scenario/document.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace toksim::models {

namespace {

/// True when `path` is `prefix` or lies under it (the next character starts a component).
bool under(std::string_view path, std::string_view prefix) {
  if (prefix.empty()) return true;
  if (path.size() < prefix.size() || path.substr(0, prefix.size()) != prefix) return false;
  return path.size() == prefix.size() || path[prefix.size()] == '.' || path[prefix.size()] == '[';
}

/// The path one component up ("a.b[2]" -> "a.b", "a.b" -> "a", "a" -> "").
std::string parent(std::string_view path) {
  const auto cut = path.find_last_of(".[");
  return cut == std::string_view::npos ? std::string() : std::string(path.substr(0, cut));
}

std::string join(std::string_view path, std::string_view key) {
  return path.empty() ? std::string(key) : std::string(path) + "." + std::string(key);
}

Origin at(const std::string& file, const YAML::Mark& m) {
  if (m.is_null()) return Origin{file, 0, 0, {}};
  return Origin{file, m.line + 1, m.column + 1, {}};
}

[[noreturn]] void fail(Origin o, std::string path, std::string message) {
  throw ScenarioError({Diagnostic{std::move(o), std::move(path), std::move(message)}});
}

/// Every map key must be a scalar and appear once.
void check_keys(const YAML::Node& node, const std::string& file, const std::string& path,
                std::vector<Diagnostic>& out) {
  if (node.IsMap()) {
    std::map<std::string, YAML::Mark> seen;
    for (const auto& kv : node) {
      if (!kv.first.IsScalar()) {
        out.push_back({at(file, kv.first.Mark()), path, "expected a key name, got " + describe(kv.first)});
        continue;
      }
      const std::string key = kv.first.Scalar();
      const auto [it, fresh] = seen.emplace(key, kv.first.Mark());
      if (!fresh) {
        out.push_back({at(file, kv.first.Mark()), join(path, key),
                       "duplicate key (first at line " + std::to_string(it->second.line + 1) + ")"});
      }
      check_keys(kv.second, file, join(path, key), out);
    }
  } else if (node.IsSequence()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      check_keys(node[i], file, path + "[" + std::to_string(i) + "]", out);
    }
  }
}

}  // namespace

std::string describe(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsMap()) return "a map";
  if (node.IsSequence()) return "a list";
  std::string s = node.Scalar();
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return "\"" + s + "\"";
}

namespace {

struct Tree {
  YAML::Node node;
  std::map<std::string, std::pair<std::string, YAML::Mark>> sources;  // path -> (file, mark)
};

std::pair<std::string, YAML::Mark> lookup(const std::map<std::string, std::pair<std::string, YAML::Mark>>& s,
                                          std::string path) {
  for (;;) {
    if (auto it = s.find(path); it != s.end()) return it->second;
    if (path.empty()) return {std::string(), YAML::Mark::null_mark()};
    path = parent(path);
  }
}

void copy_under(const std::map<std::string, std::pair<std::string, YAML::Mark>>& from, const std::string& prefix,
                std::map<std::string, std::pair<std::string, YAML::Mark>>& to) {
  to[prefix] = lookup(from, prefix);
  for (auto it = from.lower_bound(prefix); it != from.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    if (under(it->first, prefix)) to[it->first] = it->second;
  }
}

/// `child` over `base`: maps merge key by key (child's keys win, in base's order then child's new keys);
/// anything else in the child replaces the base value whole.
YAML::Node merge(const Tree& base, const YAML::Node& b, const Tree& child, const YAML::Node& c, const std::string& path,
                 std::map<std::string, std::pair<std::string, YAML::Mark>>& out) {
  YAML::Node result(YAML::NodeType::Map);
  out[path] = lookup(child.sources, path);
  if (out[path].second.is_null()) out[path].second = c.Mark();
  for (const auto& kv : b) {
    const std::string key = kv.first.Scalar();
    const std::string p = join(path, key);
    const YAML::Node cv = c[key];
    if (!cv.IsDefined()) {
      result[key] = kv.second;
      copy_under(base.sources, p, out);
    } else if (cv.IsMap() && kv.second.IsMap()) {
      result[key] = merge(base, kv.second, child, cv, p, out);
    } else {
      result[key] = cv;
      copy_under(child.sources, p, out);
    }
  }
  for (const auto& kv : c) {
    const std::string key = kv.first.Scalar();
    if (b[key].IsDefined()) continue;
    result[key] = kv.second;
    copy_under(child.sources, join(path, key), out);
  }
  return result;
}

std::string read_file(const std::filesystem::path& file, const Origin* named_at) {
  std::ifstream in(file, std::ios::binary);
  std::error_code ec;
  if (!in || std::filesystem::is_directory(file, ec)) {
    const std::string why = !std::filesystem::exists(file, ec)        ? "no such file"
                            : std::filesystem::is_directory(file, ec) ? "a directory"
                                                                      : "a file that cannot be read";
    if (named_at != nullptr)
      fail(*named_at, "extends", "expected a readable scenario file, got \"" + file.string() + "\" (" + why + ")");
    fail(Origin{file.string(), 0, 0, {}}, "", "expected a readable scenario file, got " + why);
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Tree parse_one(const std::string& text, const std::string& name, const std::filesystem::path& base_dir,
               std::vector<std::filesystem::path>& stack);

Tree load_file(const std::filesystem::path& file, std::vector<std::filesystem::path>& stack, const Origin* named_at,
               std::string* text_out) {
  std::error_code ec;
  const auto canonical = std::filesystem::weakly_canonical(file, ec);
  const auto key = ec ? file : canonical;
  if (std::find(stack.begin(), stack.end(), key) != stack.end()) {
    std::string chain;
    for (const auto& f : stack) chain += f.filename().string() + " -> ";
    chain += key.filename().string();
    fail(named_at != nullptr ? *named_at : Origin{file.string(), 0, 0, {}}, "extends",
         "expected a chain of files without a cycle, got " + chain);
  }
  const std::string text = read_file(file, named_at);
  if (text_out != nullptr) *text_out = text;
  stack.push_back(key);
  Tree t = parse_one(text, file.string(), file.parent_path(), stack);
  stack.pop_back();
  return t;
}

Tree parse_one(const std::string& text, const std::string& name, const std::filesystem::path& base_dir,
               std::vector<std::filesystem::path>& stack) {
  // YAML forbids tabs in indentation; yaml-cpp's own message for them ("illegal map value") misleads.
  {
    int line = 1;
    bool leading = true;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char ch = text[i];
      if (ch == '\n') {
        ++line;
        leading = true;
      } else if (leading && ch == '\t') {
        fail(Origin{name, line, 1, {}}, "",
             "expected well-formed YAML, got a tab in the indentation (indent with spaces)");
      } else if (ch != ' ') {
        leading = false;
      }
    }
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    fail(at(name, e.mark), "", "expected well-formed YAML, got a syntax error: " + e.msg);
  }
  if (!root.IsDefined() || root.IsNull()) {
    fail(Origin{name, 1, 1, {}}, "", "expected a map of scenario sections, got an empty document");
  }
  if (!root.IsMap()) fail(at(name, root.Mark()), "", "expected a map of scenario sections, got " + describe(root));
  std::vector<Diagnostic> dup;
  check_keys(root, name, "", dup);
  if (!dup.empty()) throw ScenarioError(std::move(dup));

  Tree own;
  own.sources[""] = {name, root.Mark()};
  const YAML::Node ext = root["extends"];
  if (!ext.IsDefined()) {
    own.node = root;
    return own;
  }
  const Origin ext_at = at(name, ext.Mark());
  if (!ext.IsScalar() || ext.Scalar().empty()) {
    fail(ext_at, "extends", "expected the path of a scenario file, got " + describe(ext));
  }
  const std::filesystem::path base_file = base_dir / ext.Scalar();
  Tree base = load_file(base_file, stack, &ext_at, nullptr);
  YAML::Node mine(YAML::NodeType::Map);
  for (const auto& kv : root) {
    if (kv.first.Scalar() != "extends") mine[kv.first.Scalar()] = kv.second;
  }
  own.node = mine;
  Tree merged;
  merged.node = merge(base, base.node, own, mine, "", merged.sources);
  merged.sources[""] = {name, root.Mark()};
  return merged;
}

}  // namespace

Document Document::load(const std::filesystem::path& file) {
  std::vector<std::filesystem::path> stack;
  Document d;
  Tree t = load_file(file, stack, nullptr, &d.source_);
  d.root_ = t.node;
  d.name_ = file.string();
  for (auto& [p, s] : t.sources) d.sources_[p] = Source{s.first, s.second, {}};
  return d;
}

Document Document::parse(const std::string& text, const std::string& name, const std::filesystem::path& base_dir) {
  std::vector<std::filesystem::path> stack;
  Document d;
  Tree t = parse_one(text, name, base_dir, stack);
  d.root_ = t.node;
  d.name_ = name;
  d.source_ = text;
  for (auto& [p, s] : t.sources) d.sources_[p] = Source{s.first, s.second, {}};
  return d;
}

void Document::set(std::string_view assignment) {
  const auto eq = assignment.find('=');
  const std::string path(assignment.substr(0, eq == std::string_view::npos ? assignment.size() : eq));
  const Origin o{{}, 0, 0, path.empty() ? std::string(assignment) : path};
  if (eq == std::string_view::npos) {
    fail(o, "", "expected key.path=value, got \"" + std::string(assignment) + "\" (no '=')");
  }
  std::vector<std::string> keys;
  std::string cur;
  for (const char ch : path) {
    if (ch == '.') {
      keys.push_back(cur);
      cur.clear();
    } else if (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-') {
      cur += ch;
    } else {
      fail(o, "", "expected a key path of names joined by '.', got \"" + path + "\"");
    }
  }
  keys.push_back(cur);
  if (std::any_of(keys.begin(), keys.end(), [](const std::string& k) { return k.empty(); })) {
    fail(o, "", "expected a key path of names joined by '.', got \"" + path + "\"");
  }
  YAML::Node value;
  const std::string text(assignment.substr(eq + 1));
  try {
    value = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    fail(o, "", "expected a YAML value, got \"" + text + "\" (" + e.msg + ")");
  }
  YAML::Node node = root_;
  std::string walked;
  for (std::size_t i = 0; i + 1 < keys.size(); ++i) {
    walked = join(walked, keys[i]);
    YAML::Node next = node[keys[i]];
    if (!next.IsDefined() || next.IsNull()) {
      node[keys[i]] = YAML::Node(YAML::NodeType::Map);
      next = node[keys[i]];
      sources_[walked] = Source{{}, YAML::Mark::null_mark(), path};  // a map made by this --set
    } else if (!next.IsMap()) {
      fail(o, "", "expected " + walked + " to be a map of settings, got " + describe(next));
    }
    node.reset(next);
  }
  node[keys.back()] = value;
  for (auto it = sources_.lower_bound(path); it != sources_.end() && it->first.compare(0, path.size(), path) == 0;) {
    it = under(it->first, path) ? sources_.erase(it) : std::next(it);
  }
  sources_[path] = Source{{}, YAML::Mark::null_mark(), path};
}

Origin Document::origin(const YAML::Node& node, std::string_view path) const {
  std::string p(path);
  for (;;) {
    if (auto it = sources_.find(p); it != sources_.end()) {
      const Source& s = it->second;
      if (!s.set_path.empty()) return Origin{{}, 0, 0, s.set_path};
      YAML::Mark m = YAML::Mark::null_mark();
      if (node.IsDefined()) m = node.Mark();
      if (m.is_null() && p == path) m = s.mark;
      return at(s.file, m);
    }
    if (p.empty()) return Origin{name_, 0, 0, {}};
    p = parent(p);
  }
}

std::string Document::effective_yaml() const {
  YAML::Emitter out;
  out << root_;
  return std::string(out.c_str()) + "\n";
}

}  // namespace toksim::models
