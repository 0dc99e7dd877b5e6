// Clean interruption of `toksim` runs: SIGINT/SIGTERM handlers that only record the signal, which the run loops
// poll between steps to stop and keep their file as NAME.h5.partial.
#pragma once

#include <string>

namespace toksim::cli {

/// Installs SIGINT/SIGTERM handlers that ask the run to stop between steps; a second signal kills at once.
void install_signal_handlers();
/// 0 when no stop was asked, else the signal number.
int stop_requested();
/// "SIGINT", "SIGTERM", else "signal N".
std::string signal_name(int sig);

}  // namespace toksim::cli
