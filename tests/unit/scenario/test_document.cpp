// Pins scenario documents: origins (file:line:col) of values, `extends` merging (maps key by key, the
// extending file wins, lists replaced whole) with each value keeping its own file's position, cycles and
// missing files, duplicate keys, malformed YAML, and `--set` overrides (typed values, created maps, origins
// named `--set key.path`, and each malformed form). Leaves out the schema (test_scenario.cpp).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "../../support/temp_dir.hpp"
#include "toksim/models/scenario/document.hpp"

using namespace toksim::models;

namespace {

using toksim::test::message_of;

struct TempDir : toksim::test::TempDir {
  TempDir() : toksim::test::TempDir("doc") {}
};

}  // namespace

TEST_CASE("scenario::document: values keep the file, line and column they came from", "[scenario][document]") {
  TempDir dir;
  const auto base = dir.write("base.yaml", "run:\n  horizon: 1y\n  shards: 4\nlist: [1, 2]\nname: base\n");
  const auto top = dir.write("top.yaml", "extends: base.yaml\nrun:\n  shards: 8\nlist: [3]\n");
  const Document d = Document::load(top);
  const YAML::Node& root = d.root();
  CHECK(root["run"]["shards"].Scalar() == "8");
  CHECK(root["run"]["horizon"].Scalar() == "1y");
  CHECK(root["name"].Scalar() == "base");
  REQUIRE(root["list"].size() == 1);  // lists are replaced, not merged
  CHECK(!root["extends"].IsDefined());
  CHECK(d.origin(root["run"]["shards"], "run.shards").str() == top.string() + ":3:11");
  CHECK(d.origin(root["run"]["horizon"], "run.horizon").str() == base.string() + ":2:12");
  CHECK(d.origin(root["name"], "name").str() == base.string() + ":5:7");
  CHECK(d.origin(root["list"][0], "list[0]").str() == top.string() + ":4:8");
}

TEST_CASE("scenario::document: extends reports missing files and cycles where they are named", "[scenario][document]") {
  TempDir dir;
  const auto a = dir.write("a.yaml", "extends: b.yaml\n");
  dir.write("b.yaml", "name: b\nextends: a.yaml\n");
  CHECK(message_of([&] { Document::load(a); }) ==
        (dir.path / "b.yaml").string() +
            ":2:10: extends: expected a chain of files without a cycle, got a.yaml -> b.yaml -> a.yaml");
  const auto m = dir.write("m.yaml", "extends: nowhere.yaml\n");
  CHECK(message_of([&] { Document::load(m); }) == m.string() +
                                                      ":1:10: extends: expected a readable scenario file, got \"" +
                                                      (dir.path / "nowhere.yaml").string() + "\" (no such file)");
  const auto n = dir.write("n.yaml", "extends: [a.yaml]\n");
  CHECK(message_of([&] { Document::load(n); }) ==
        n.string() + ":1:10: extends: expected the path of a scenario file, got a list");
}

TEST_CASE("scenario::document: malformed YAML, duplicate keys and non-map documents", "[scenario][document]") {
  CHECK(message_of([] {
          Document::parse("run: {horizon: 1y\n", "x.yaml");
        }).rfind("x.yaml:2:1: expected well-formed YAML", 0) == 0);
  CHECK(message_of([] { Document::parse("a: 1\nb: 2\na: 3\n", "x.yaml"); }) ==
        "x.yaml:3:1: a: duplicate key (first at line 1)");
  CHECK(message_of([] { Document::parse("- 1\n- 2\n", "x.yaml"); }) ==
        "x.yaml:1:1: expected a map of scenario sections, got a list");
  CHECK(message_of([] { Document::parse("# only a comment\n", "e.yaml"); }) ==
        "e.yaml:1:1: expected a map of scenario sections, got an empty document");
  CHECK(message_of([] { Document::parse("a:\n\tb: 1\n", "t.yaml"); }) ==
        "t.yaml:2:1: expected well-formed YAML, got a tab in the indentation (indent with spaces)");
}

TEST_CASE("scenario::document: --set overrides with typed values and their own origin", "[scenario][document]") {
  Document d = Document::parse("run:\n  horizon: 1y\nseed: 3\n", "s.yaml");
  d.set("run.horizon=30d");
  d.set("market.demand.daily_usd=5_000");
  d.set("list=[1, 2, 3]");
  CHECK(d.root()["run"]["horizon"].Scalar() == "30d");
  CHECK(d.root()["market"]["demand"]["daily_usd"].Scalar() == "5_000");
  CHECK(d.root()["list"].size() == 3);
  CHECK(d.origin(d.root()["run"]["horizon"], "run.horizon").str() == "--set run.horizon");
  CHECK(d.origin(d.root()["list"][1], "list[1]").str() == "--set list");
  CHECK(d.origin(d.root()["seed"], "seed").str() == "s.yaml:3:7");
  CHECK(message_of([&] { d.set("seed"); }) == "--set seed: expected key.path=value, got \"seed\" (no '=')");
  CHECK(message_of([&] { d.set("a..b=1"); }) == "--set a..b: expected a key path of names joined by '.', got \"a..b\"");
  CHECK(message_of([&] { d.set("seed.x=1"); }) == "--set seed.x: expected seed to be a map of settings, got \"3\"");
  CHECK(message_of([&] { d.set("run.horizon=[1"); }).rfind("--set run.horizon: expected a YAML value, got \"[1\"", 0) ==
        0);
}

TEST_CASE("scenario::document: the effective document reads back the same", "[scenario][document]") {
  Document d = Document::parse("name: x\nrun: {horizon: 1y}\n", "s.yaml");
  d.set("run.shards=2");
  const Document again = Document::parse(d.effective_yaml(), "again.yaml");
  CHECK(again.root()["run"]["shards"].Scalar() == "2");
  CHECK(again.root()["run"]["horizon"].Scalar() == "1y");
  CHECK(again.root()["name"].Scalar() == "x");
}
