// Boundary-phase hooks: invariant checks, the recorder and progress plug in here and run after each window,
// on one thread, with the whole state settled.
#pragma once

#include <cstdint>

#include "toksim/sim/time.hpp"

namespace toksim::sim {

struct WindowInfo {
  std::uint64_t index;  ///< windows run so far, this one included, minus one
  Time begin;           ///< the window is [begin, end)
  Time end;
  std::uint64_t events;        ///< events handled in this window (agents and global)
  std::uint64_t total_events;  ///< events handled since the start
};

class Observer {
 public:
  virtual ~Observer() = default;
  /// After the window's global phase. May throw to stop the run (an invariant breach, say).
  virtual void on_window_end(const WindowInfo& window) = 0;
  /// The next time this observer must see a window end at or after (a sample time, say). The engine skips
  /// windows without events, but never one that holds a wake-up. kNever: no wake-up.
  virtual Time next_wakeup() const { return kNever; }
};

}  // namespace toksim::sim
