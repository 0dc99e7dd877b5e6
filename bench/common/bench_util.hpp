// Shared by the benchmarks: resident-memory readings from /proc/self/status, and running each configuration in
// its own child process so that one run's freed heap does not hide the next one's peak memory.
#pragma once

#include <cstdio>
#include <fstream>
#include <functional>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

namespace toksim::bench {

/// A field of /proc/self/status in kB (VmRSS, VmHWM), or -1.
inline long status_kb(const std::string& field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  }
  return -1;
}

/// Runs `run` in a forked child; the child exits 0, or 3 after printing an exception. Returns the child's
/// exit code (3 when it did not exit normally).
inline int run_in_child(const char* name, const std::function<void()>& run) {
  std::fflush(stdout);
  const pid_t child = fork();
  if (child < 0) return 3;
  if (child == 0) {
    try {
      run();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s: %s\n", name, e.what());
      std::_Exit(3);
    }
    std::fflush(stdout);
    std::_Exit(0);
  }
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 3;
}

}  // namespace toksim::bench
