// Starting a child process and waiting for it to end, for the subcommands that hand work to another program:
// `toksim sweep` (one `toksim run` per run) and `toksim report` (Python for the HTML report).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace toksim::cli {

/// How a child process ended.
struct ChildExit {
  int spawn_error = 0;  ///< posix_spawn's error number when the child could not start; then the rest is unset
  bool exited = false;  ///< it returned from main or called exit (WIFEXITED)
  int status = 0;       ///< when exited, its exit status; else the signal that killed it (0 if none)
};

/// Starts `exe` with `args` (args[0]: the name the child sees as argv[0]; no shell) and waits for it, retrying
/// the wait when a signal interrupts it. `env`: the child's environment, "KEY=value" each (nullptr: ours).
/// `log` empty: the child shares our stdout and stderr, and what we buffered is flushed first; otherwise both
/// go to `log`, created or truncated.
ChildExit spawn_and_wait(const std::string& exe, const std::vector<std::string>& args,
                         const std::vector<std::string>* env, const std::filesystem::path& log);

}  // namespace toksim::cli
