// Forward declarations and common aliases of toksim::models, for headers that only name its types (so that
// naming a Scenario or a Ledger does not pull in both economies, the schema reader and yaml-cpp).
#pragma once

#include <cstdint>

#include "toksim/sim/fwd.hpp"

namespace toksim::models {
// money/
template <class Tag>
class Amount;
struct TokenTag;
struct UsdTag;
using Tokens = Amount<TokenTag>;
using MicroUsd = Amount<UsdTag>;
class Ppm;
using AccountId = std::uint32_t;
class Ledger;
class RevenueSplit;
// supply/, markets/, governance/
class VestingSchedule;
class ConstantProductPool;
class Votes;
class Governor;
class ConvictionPool;
// economies
struct ComputeNetworkConfig;
class ComputeNetwork;
struct TokenLaunchConfig;
class TokenLaunch;
// scenario/
struct Scenario;
class Simulation;
class Economy;
struct EconomyEntry;
class Document;
class Reader;
class Section;
struct Diagnostic;
struct MetricInfo;
}  // namespace toksim::models
