// Test support: a temporary directory removed at the end of the test, files written into it, and the message
// of the ScenarioError a call throws ("no error" when it throws none).
#pragma once

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include <unistd.h>

#include "toksim/models/scenario/diagnostic.hpp"

namespace toksim::test {

struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& tag)
      : path(std::filesystem::temp_directory_path() / ("toksim_" + tag + "_" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    return path / name;
  }
};

inline std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const models::ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace toksim::test
