// The token-launch model: a supply split into allocations (team and investors on monthly vesting after a
// cliff, community released by a halving emission, liquidity seeding a Uniswap V2 pool against USD, treasury),
// holders who claim emissions and sell part of what they receive (a share drawn per agent, more when the price
// is above their cost basis), insiders who sell part of each unlock, and exogenous buyers whose USD demand
// grows and takes shocks. Every token moves through the Ledger; conservation is checked every window.
//
// Actions (claims, swaps, stakes) pay EIP-1559 gas: the base fee follows each window's gas use, the base
// part is burned, the tip goes to validators, and agents defer actions whose fee is too large a share of
// what they move (they batch). A share of holders stake part of what they claim into a reward-per-share pool
// paid from the treasury (rewards compound at each stake), unstake through an unbonding period, and sell what
// comes back.
//
// Modelling choices (see docs/ARCHITECTURE.md):
//  - a window is one block of the chain (default one day); all sells of a window clear as one swap at its end
//    (the pool sees the block's flow), then the day's exogenous buy;
//  - community emission is minted per window into a pool; holders claim floor(C / N) of the cumulative
//    emission C at their own action times, so nobody loops over all holders.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "toksim/models/markets/amm.hpp"
#include "toksim/models/markets/demand.hpp"
#include "toksim/models/markets/eip1559.hpp"
#include "toksim/models/money/ledger.hpp"
#include "toksim/models/money/money.hpp"
#include "toksim/models/supply/issuance.hpp"
#include "toksim/models/supply/staking.hpp"
#include "toksim/models/supply/vesting.hpp"
#include "toksim/sim/engine.hpp"
#include "toksim/sim/model.hpp"
#include "toksim/sim/table.hpp"

namespace toksim::models {

struct TokenLaunchConfig {
  std::uint32_t holders = 100'000;
  std::uint32_t team_members = 40;
  std::uint32_t investors = 120;
  sim::Time window = sim::kDay;  ///< one block: emission epoch, clearing and sampling period

  Tokens total_supply = Tokens::whole(1'000'000'000);
  Ppm team_share = Ppm(200'000);
  Ppm investor_share = Ppm(150'000);
  Ppm community_share = Ppm(400'000);
  Ppm liquidity_share = Ppm(50'000);
  Ppm treasury_share = Ppm(200'000);

  sim::Time team_cliff = 12 * sim::kMonth;
  std::int64_t team_steps = 36;  ///< monthly releases after the cliff
  sim::Time investor_cliff = 6 * sim::kMonth;
  std::int64_t investor_steps = 24;

  /// How the community allocation is released: every curve releases (up to floor remainders) the whole
  /// allocation, so curves compare at equal totals.
  EmissionCurve emission_curve = EmissionCurve::Halving;
  /// Halving: the era length (the rate halves every period). Exponential decay: the half-life. Linear: the
  /// duration over which the allocation is released at a constant rate. A whole number of windows.
  sim::Time emission_period = sim::kYear;

  MicroUsd initial_price = MicroUsd(100'000);  ///< $0.10 per token: the pool is seeded at this price
  Ppm amm_fee = Ppm(kUniswapV2FeePpm);

  sim::Time holder_action_mean = 30 * sim::kDay;  ///< holders act at Poisson times with this mean gap
  double holder_sell_alpha = 2.0;  ///< base sell share of a holder ~ Beta(alpha, beta), drawn once per holder
  double holder_sell_beta = 5.0;
  double insider_sell_alpha = 2.0;  ///< the same for team members and investors, per unlock
  double insider_sell_beta = 3.0;
  double price_awareness = 0.5;  ///< share x (1 + k * max(0, price / basis - 1)), capped at 1

  MicroUsd daily_demand = MicroUsd::whole(20'000);  ///< exogenous USD buying per day at genesis
  double demand_growth_per_year = 0.5;              ///< compounding, continuous in time
  double demand_noise_sigma = 0.3;                  ///< daily lognormal noise (sigma of the log)
  std::vector<DemandShock> shocks;

  sim::Time gini_every = 30 * sim::kDay;  ///< holdings Gini and full conservation recount cadence

  // ---- transaction fees (EIP-1559: a window is one block) ----
  bool gas = true;  ///< actions pay gas; off: actions are free
  /// Gas per window; the target is gas_limit // fee_market.elasticity_multiplier (half, on Ethereum). Default: one day of Ethereum blocks at a 30M gas limit
  /// (7,200 blocks of 12 s; the 30M limit held from 2021 to 2024), since a window here is a day. A window
  /// whose actions use more is clamped at the limit for the base-fee update (the fee rises by the EIP-1559
  /// maximum, 12.5% with Ethereum's parameters); a real chain would queue the excess, this model includes it and reports it.
  std::uint64_t gas_limit = 7'200ull * 30'000'000ull;
  std::uint64_t initial_base_fee = 1'000'000'000;  ///< nano base units per gas (1 base unit per gas, like 1 gwei)
  Eip1559Params fee_market;  ///< EIP-1559's elasticity multiplier and change denominator (Ethereum's: 2 and 8)
  std::uint64_t priority_fee = 100'000'000;  ///< tip, nano base units per gas
  std::uint64_t claim_gas = 50'000;
  std::uint64_t swap_gas = 120'000;
  std::uint64_t stake_gas = 90'000;
  std::int64_t min_value_per_fee = 20;  ///< an agent acts only when it moves at least this many times the fee

  // ---- staking ----
  double staker_fraction = 0.1;  ///< share of holders who stake
  double stake_alpha = 4.0;      ///< a staker stakes this share ~ Beta(alpha, beta) of every claim
  double stake_beta = 2.0;
  double unstake_probability = 0.02;  ///< per action; also whenever the price is below half the staker's basis
  sim::Time unbonding = 14 * sim::kDay;
  Tokens staking_rewards_per_year = Tokens::whole(20'000'000);  ///< paid daily from the treasury
};

/// One row per window of the run's metrics.
struct LaunchSample {
  sim::Time t;
  double price;        ///< micro-USD per token, spot, after the window's clearing
  Tokens supply;       ///< minted - burned
  Tokens circulating;  ///< supply - vesting escrow - emission pool - treasury
  Tokens locked;       ///< vesting escrow + emission pool
  Tokens staked;       ///< staked supply (bonded; unbonding excluded)
  Tokens treasury;
  Tokens amm_tokens;
  MicroUsd amm_usd;
  Tokens sold;             ///< tokens sold into the pool in this window (holders and insiders)
  Tokens bought;           ///< tokens bought out of the pool by exogenous demand in this window
  MicroUsd demand;         ///< exogenous USD spent in this window
  std::uint64_t sellers;   ///< agents that sold in this window
  std::uint64_t base_fee;  ///< EIP-1559 base fee for the next window, nano base units per gas
  std::uint64_t gas_used;  ///< gas used by this window's actions
  Tokens fees_burned;      ///< base fees burned in this window
  std::uint64_t deferred;  ///< actions skipped because their fee was too large a share of what they moved
  Tokens burned;           ///< cumulative tokens burned
  /// Gini of the token balances of every agent (holders, team, investors) after this window; NaN in windows
  /// where it was not measured (it is measured every `gini_every` and when measure_gini() is called).
  double gini;
  double nakamoto;  ///< fewest agents holding more than half of the agents' tokens; NaN where Gini is
};

/// Column schema shared by holders, team members and investors (21 bytes a row).
struct HolderColumns {
  sim::Column<std::int64_t> balance{"balance"};              ///< Tokens base units
  sim::Column<std::int32_t> claimed_epoch{"claimed_epoch"};  ///< emission windows claimed so far (holders)
  sim::Column<float> basis{"basis"};                         ///< average price paid or received at, micro-USD/token
  sim::Column<std::uint16_t> sell{"sell"};                   ///< base sell share, in 1/65535
  sim::Column<std::uint16_t> stake{
      "stake"};  ///< bit 15: bonded; bits 0-14: share of each claim staked, in 1/32767 (0: not a staker)
  auto columns() { return std::tie(balance, claimed_epoch, basis, sell, stake); }
  auto columns() const { return std::tie(balance, claimed_epoch, basis, sell, stake); }
};

class TokenLaunch final : public sim::Model {
 public:
  enum Kind : std::uint32_t { kTeam = 0, kInvestor = 1, kHolder = 2 };
  enum Contract : std::uint32_t { kMarket = 1 };

  /// @throws ConfigError for shares that do not sum to 1,000,000 ppm, empty groups, or bad behaviour parameters.
  TokenLaunch(const TokenLaunchConfig& config, std::uint32_t shards);
  ~TokenLaunch() override;

  sim::Population population() const;
  void init_agent(sim::AgentContext& ctx) override;
  void init_global(sim::GlobalContext& ctx) override;
  void on_agent_event(sim::AgentContext& ctx, const sim::Event& e) override;
  void on_global_event(sim::GlobalContext& ctx, const sim::Event& e) override;
  void prefetch(sim::AgentId id) const noexcept override;

  /// Attach before running: checks conservation every window and records Gini at its cadence.
  sim::Observer& observer();

  const Ledger& ledger() const noexcept;
  const ConstantProductPool& pool() const noexcept;
  const StakingPool& staking() const noexcept;
  const std::vector<LaunchSample>& samples() const noexcept;
  /// Measures the Gini for the latest sample now (a run's last sample, whatever the cadence).
  void measure_gini();
  const sim::Table<HolderColumns>& table(Kind k) const noexcept;
  /// Hash of the final state (tables, ledger, pool, metrics) and of the engine's counters.
  std::string digest(const sim::Engine& engine) const;
  /// Bytes of model state per agent (columns only).
  static constexpr std::size_t bytes_per_row() { return sim::Table<HolderColumns>::bytes_per_row(); }

  struct State;

 private:
  std::unique_ptr<State> s_;
};

}  // namespace toksim::models
