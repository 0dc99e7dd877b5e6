// spawn_and_wait: posix_spawn, then waitpid until the child ends (see process.hpp).
#include "process.hpp"

#include <cerrno>
#include <cstdio>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace toksim::cli {

namespace {

/// The null-terminated array of C strings that posix_spawn takes (it does not write through them).
std::vector<char*> c_strings(const std::vector<std::string>& v) {
  std::vector<char*> out;
  out.reserve(v.size() + 1);
  for (const std::string& s : v) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

}  // namespace

ChildExit spawn_and_wait(const std::string& exe, const std::vector<std::string>& args,
                         const std::vector<std::string>* env, const std::filesystem::path& log) {
  std::vector<char*> argv = c_strings(args);
  std::vector<char*> envp;
  if (env != nullptr) envp = c_strings(*env);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  if (log.empty()) {
    std::fflush(stdout);
    std::fflush(stderr);
  } else {
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&fa, STDOUT_FILENO, STDERR_FILENO);
  }
  ChildExit out;
  pid_t pid = 0;
  out.spawn_error = posix_spawn(&pid, exe.c_str(), &fa, nullptr, argv.data(), env != nullptr ? envp.data() : environ);
  posix_spawn_file_actions_destroy(&fa);
  if (out.spawn_error != 0) return out;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  out.exited = WIFEXITED(status);
  if (out.exited) {
    out.status = WEXITSTATUS(status);
  } else {
    out.status = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  }
  return out;
}

}  // namespace toksim::cli
