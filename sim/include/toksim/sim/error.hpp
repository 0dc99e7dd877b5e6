// Typed exceptions of the toksim engine: every failure a user can act on has its own type and a message
// that says what was expected and what was found.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace toksim {

/// Base of every exception toksim throws on purpose. Catch this to report any toksim failure.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Text that does not parse (a duration, a number, a key path). The message quotes the offending text.
class ParseError : public Error {
 public:
  using Error::Error;
};

/// Engine or benchmark configuration that cannot run (zero shards, window not positive, ...).
class ConfigError : public Error {
 public:
  using Error::Error;
};

/// Checks one rule of a configuration: @throws ConfigError("<who>: <what>") unless `ok`.
inline void require(bool ok, std::string_view who, const std::string& what) {
  if (!ok) throw ConfigError(std::string(who) + ": " + what);
}

/// A model broke the engine's contract (an event sent into the past or inside the lookahead window,
/// an unknown agent id, a sequence counter overflow). The message names the event and the agent.
class ModelError : public Error {
 public:
  using Error::Error;
};

}  // namespace toksim
