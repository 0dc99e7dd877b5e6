// The AI compute and data economy: a DePIN-style network where GPU providers rent compute to AI jobs and the
// revenue flows by contract to providers, model creators, data contributors, the treasury and a burn.
//
// Jobs (classes: chat inference, batch embedding, fine-tuning, pre-training, ...) arrive as a seeded Poisson
// process with growth, daily seasonality and shocks, each with a USD budget and a deadline. Each job's time,
// energy and USD cost on each GPU type comes from the GPU job-cost model (gpu_cost.hpp). Every window the
// market contract matches waiting jobs to the cheapest provider with capacity (GPU-seconds) that finishes
// before the deadline and within the budget; jobs that find none by their deadline are dropped and counted.
// Payment is either direct (the user buys tokens with USD on the AMM; the tokens are escrowed at submission
// and split on completion) or burn-and-mint (Render RNP-001: the user buys and burns the USD value in
// tokens; providers are paid from the epoch's emission pro rata to the USD value of the work they completed).
// A sampled verification catches a share of malicious providers' bad results: their stake is slashed and
// the job goes back to the queue.
//
// Providers are agents with a GPU type and count, electricity price, hardware cost, uptime and a stake; they
// price their GPU-hours at cost plus a margin, sell tokens to cover their USD costs, and leave or join by their
// rolling USD profitability, which ties the token price to the supply of compute. Data contributors are agents
// owning a dataset each (size x quality = weight); every AI model uses a contiguous range of datasets, and the
// contributors' part of each fee streams into the model's royalty pool (reward per weight), which contributors
// claim at their own times. Model creators are accounts paid per use. Every token moves through the Ledger.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "toksim/models/compute/columns.hpp"
#include "toksim/models/compute/config.hpp"
#include "toksim/models/compute/records.hpp"
#include "toksim/models/governance/governor.hpp"
#include "toksim/models/money/ledger.hpp"
#include "toksim/sim/engine.hpp"
#include "toksim/sim/model.hpp"
#include "toksim/sim/observer.hpp"
#include "toksim/sim/table.hpp"

namespace toksim::models {

/// Checks a configuration for what the network cannot run: allocation and split shares that do not sum to
/// 10^6 ppm, no provider groups, unknown GPU types, empty groups, governance settings out of range (voting period,
/// float shares, conviction blocks and requests, polls, QF rounds), fewer contributors than models, a GPU catalog
/// that does not match its names. Job classes are checked where their costs are computed (the constructor).
/// @throws ConfigError naming the first problem.
void validate(const ComputeNetworkConfig& config);

class ComputeNetwork final : public sim::Model {
 public:
  enum Kind : std::uint32_t { kProvider = 0, kContributor = 1 };
  enum Contract : std::uint32_t { kMarket = 1 };

  /// @throws ConfigError for inconsistent configuration (shares, empty groups, unknown GPU types, jobs that fit
  ///         no GPU).
  ComputeNetwork(const ComputeNetworkConfig& config, std::uint32_t shards);
  ~ComputeNetwork() override;

  sim::Population population() const;
  void init_agent(sim::AgentContext& ctx) override;
  void init_global(sim::GlobalContext& ctx) override;
  void on_agent_event(sim::AgentContext& ctx, const sim::Event& e) override;
  void on_global_event(sim::GlobalContext& ctx, const sim::Event& e) override;

  sim::Observer& observer();
  const std::vector<ComputeSample>& samples() const noexcept;
  const Ledger& ledger() const noexcept;
  void measure_gini();
  std::string digest(const sim::Engine& engine) const;
  const sim::Table<ProviderColumns>& providers() const noexcept;
  const sim::Table<ContributorColumns>& contributors() const noexcept;
  /// Unit job cost of class c on GPU type g (a size-1 job), as the market uses it.
  const JobCost& unit_cost(std::size_t job_class, std::size_t gpu) const;
  /// Proposals so far, with their tallies and states.
  std::vector<ProposalRecord> proposals() const;
  /// Airdrops so far.
  std::vector<AirdropRecord> airdrops() const;
  /// Quadratic funding rounds so far.
  std::vector<QfRecord> qf_rounds() const;
  /// Every state change of every proposal, in time order (the Governor's history; empty without governance).
  std::vector<Transition> transitions() const;
  /// Conviction requests so far (one per configured request), and their state at every stake turn.
  std::vector<ConvictionRecord> conviction_requests() const;
  const std::vector<ConvictionSample>& conviction_history() const noexcept;
  /// Polls so far (one per configured poll).
  std::vector<PollRecord> polls() const;

  struct State;

 private:
  std::unique_ptr<State> s_;
};

}  // namespace toksim::models
