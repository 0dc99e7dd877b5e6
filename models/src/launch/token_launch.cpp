// The token-launch model (see token_launch.hpp).
#include "toksim/models/launch/token_launch.hpp"

#include <oneapi/tbb/parallel_sort.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "toksim/models/markets/amm_market.hpp"
#include "toksim/models/markets/eip1559.hpp"
#include "toksim/models/money/holdings.hpp"
#include "toksim/sim/digest.hpp"
#include "toksim/sim/observer.hpp"
#include "toksim/sim/reduce.hpp"

namespace toksim::models {

namespace {

enum EventKind : std::uint16_t {
  kAct = 1,        // holder: claim emissions, stake or unstake, maybe sell, schedule the next action
  kUnlock = 2,     // team member or investor: a vesting release arrived (payload: base units)
  kCredit = 3,     // holder: staking rewards or withdrawn stake arrived (payload: base units)
  kDay = 10,       // market contract: settle the window, clear sells, exogenous buy, fees, rewards, emission
  kVest = 11,      // market contract: a vesting step of a group (payload: Kind)
  kStake = 12,     // from a staker: stake (payload: base units, already sent)
  kUnstake = 13,   // from a staker: unstake everything bonded
  kWithdraw = 15,  // market contract: an unbonding period ended (payload: staker id)
};

constexpr std::uint64_t kNanoPerUnit = 1'000'000'000;  // base fees are nano base units per gas
constexpr std::uint16_t kBondedBit = 0x8000;           // `stake` column: the holder has a bonded stake
constexpr std::uint16_t kShareMask = 0x7fff;           // `stake` column: share of each claim staked, in 1/32767

struct alignas(64) ShardFlow {  // one cache line per shard: no false sharing between threads
  std::int64_t sold = 0;
  std::int64_t claimed = 0;
  std::uint64_t sellers = 0;
  std::uint64_t gas_used = 0;
  std::int64_t fee_base = 0;
  std::int64_t fee_tip = 0;
  std::uint64_t deferred = 0;
};

struct Fee {
  Tokens base;
  Tokens tip;
  Tokens total() const { return base + tip; }
};

void require(bool ok, const std::string& what) { toksim::require(ok, "token launch", what); }

}  // namespace

struct TokenLaunch::State final : sim::Observer {
  State(const TokenLaunchConfig& c, std::uint32_t shards)
      : cfg(c),
        ledger(shards),
        pool(c.amm_fee),
        staking(c.unbonding),
        base_fee(c.initial_base_fee),
        emission(make_emission(c)),
        team_schedule(member_schedule(c, c.team_share, c.team_members, c.team_cliff, c.team_steps)),
        investor_schedule(member_schedule(c, c.investor_share, c.investors, c.investor_cliff, c.investor_steps)),
        flows(shards) {}

  /// One member's monthly-step schedule: an equal share of the group's allocation (floored; the remainder
  /// goes to the treasury at genesis).
  static VestingSchedule member_schedule(const TokenLaunchConfig& c, Ppm share, std::uint32_t members, sim::Time cliff,
                                         std::int64_t steps) {
    require(members > 0, "every group needs at least one agent");
    return VestingSchedule::monthly_steps(Tokens(apply(c.total_supply, share).raw() / members), 0, cliff, steps);
  }

  static IssuanceSchedule make_emission(const TokenLaunchConfig& c) {
    require(c.window > 0, "window must be positive");
    require(c.emission_period > 0 && c.emission_period % c.window == 0,
            "the emission period must be a whole number of windows, got " + sim::format_duration(c.emission_period) +
                " for a window of " + sim::format_duration(c.window));
    return make_emission_schedule(c.emission_curve, apply(c.total_supply, c.community_share), c.emission_period,
                                  c.window);
  }

  // ---- configuration and contracts (global state; read-only during the local phase) ----
  TokenLaunchConfig cfg;
  Ledger ledger;
  AccountId treasury = 0, amm = 0, team_escrow = 0, investor_escrow = 0, emission_pool = 0, market = 0, clearing = 0,
            fees = 0, validators = 0, staked = 0, rewards = 0;
  ConstantProductPool pool;
  StakingPool staking;
  std::uint64_t base_fee;
  IssuanceSchedule emission;
  VestingSchedule team_schedule, investor_schedule;  // one member's schedule (all members alike)
  Tokens team_released{0}, investor_released{0};     // per member, released so far
  std::int64_t epochs_minted = 0;
  Tokens cumulative{0};
  double price = 0.0;

  // ---- agents ----
  sim::Table<HolderColumns> tables[3];
  std::vector<ShardFlow> flows;

  // ---- metrics ----
  std::vector<LaunchSample> samples;

  Tokens holder_entitlement(std::int64_t epochs) const {
    return Tokens(models::cumulative(emission, epochs).raw() / cfg.holders);
  }

  /// The fee of an action of `gas` at this window's base fee (rounded up: the payer never underpays).
  Fee fee_for(std::uint64_t gas) const {
    if (!cfg.gas) return {Tokens(0), Tokens(0)};
    const auto up = [gas](std::uint64_t per_gas) {
      const u128 nano = u128{gas} * per_gas;
      return Tokens(detail::checked(static_cast<i128>((nano + kNanoPerUnit - 1) / kNanoPerUnit), "gas fee"));
    };
    return {up(base_fee), up(cfg.priority_fee)};
  }

  /// Pays for an action that moves `moved` tokens, if the agent deems it worth it (moved >= k x fee) and
  /// can afford it; else counts it as deferred (the agent waits and batches). Local phase.
  bool pay(sim::AgentContext& ctx, sim::Table<HolderColumns>& t, std::uint32_t row, std::uint64_t gas, Tokens moved) {
    const Fee f = fee_for(gas);
    ShardFlow& flow = flows[ctx.shard()];
    if (moved.raw() <= 0 || moved < f.total() * cfg.min_value_per_fee || t.balance[row] < f.total().raw()) {
      ++flow.deferred;
      return false;
    }
    t.balance[row] -= f.total().raw();
    ledger.agent_sent(ctx.shard(), f.total());
    flow.gas_used += cfg.gas ? gas : 0;
    flow.fee_base += f.base.raw();
    flow.fee_tip += f.tip.raw();
    return true;
  }

  /// Sells a share of the balance, more when the price is above the agent's basis. Runs in the local phase.
  void maybe_sell(sim::AgentContext& ctx, sim::Table<HolderColumns>& t, std::uint32_t row, double base_share) {
    const std::int64_t balance = t.balance[row];
    if (balance <= 0 || !(base_share > 0.0)) return;
    double share = base_share;
    const double basis = t.basis[row];
    if (basis > 0.0 && price > basis) share *= 1.0 + cfg.price_awareness * (price / basis - 1.0);
    const auto ppm = static_cast<std::int64_t>(std::min(1.0, share) * static_cast<double>(Ppm::kWhole));
    Tokens sell = apply(Tokens(balance), Ppm(ppm));
    const Tokens fee = fee_for(cfg.swap_gas).total();
    if (sell.raw() + fee.raw() > balance) sell = Tokens(balance) - fee;  // the fee comes first
    if (sell.raw() <= 0 || !pay(ctx, t, row, cfg.swap_gas, sell)) return;
    t.balance[row] -= sell.raw();
    ledger.agent_sent(ctx.shard(), sell);
    ShardFlow& f = flows[ctx.shard()];
    f.sold += sell.raw();
    f.sellers += 1;
  }

  /// A staker's turn: unstake everything now and then, or when the price has halved against its basis; else
  /// stake a share of what it just claimed. It keeps a "bonded" flag in its own row (the top bit of `stake`)
  /// so that the local phase never queries the pool. Rewards compound: the pool re-stakes them at each stake
  /// and pays them out with an unstake.
  void staker_turn(sim::AgentContext& ctx, sim::Table<HolderColumns>& t, std::uint32_t row, Tokens claimed) {
    const std::uint16_t col = t.stake[row];
    const bool bonded = (col & kBondedBit) != 0;
    const double share = (col & kShareMask) / static_cast<double>(kShareMask);
    const bool scared = bonded && t.basis[row] > 0.0f && price < 0.5 * t.basis[row];
    if (bonded && (scared || ctx.rng().bernoulli(cfg.unstake_probability))) {
      if (pay(ctx, t, row, cfg.stake_gas, Tokens(std::numeric_limits<std::int64_t>::max()))) {
        ctx.submit(kMarket, ctx.now(), kUnstake);
        t.stake[row] = static_cast<std::uint16_t>(col & kShareMask);
      }
      return;
    }
    const Tokens to_stake = Tokens(static_cast<std::int64_t>(static_cast<double>(claimed.raw()) * share));
    if (to_stake.raw() > 0 && pay(ctx, t, row, cfg.stake_gas, to_stake) && to_stake.raw() <= t.balance[row]) {
      t.balance[row] -= to_stake.raw();
      ledger.agent_sent(ctx.shard(), to_stake);
      ctx.submit(kMarket, ctx.now(), kStake, static_cast<std::uint64_t>(to_stake.raw()));
      t.stake[row] = static_cast<std::uint16_t>(col | kBondedBit);
    }
  }

  /// Credits tokens that reached an agent at the current price (its basis is the average price received at).
  void credit(sim::AgentContext& ctx, sim::Table<HolderColumns>& t, std::uint32_t row, Tokens amount) {
    const std::int64_t before = t.balance[row];
    t.balance[row] = before + amount.raw();
    const double total = static_cast<double>(before) + static_cast<double>(amount.raw());
    t.basis[row] = static_cast<float>(
        (static_cast<double>(t.basis[row]) * static_cast<double>(before) + price * static_cast<double>(amount.raw())) /
        total);
    ledger.agent_received(ctx.shard(), amount);
  }

  double demand_factor(sim::Time t) const {
    return models::demand_factor(t, cfg.demand_growth_per_year, 0.0, cfg.shocks);
  }

  void on_day(sim::GlobalContext& ctx, sim::Time t) {
    // 1. Settle the window's flows from every shard (sums: the same for any shard count).
    ShardFlow total;
    for (ShardFlow& f : flows) {
      total.sold += f.sold;
      total.claimed += f.claimed;
      total.sellers += f.sellers;
      total.gas_used += f.gas_used;
      total.fee_base += f.fee_base;
      total.fee_tip += f.fee_tip;
      total.deferred += f.deferred;
      f = ShardFlow{};
    }
    ledger.send_to_agent(emission_pool, Tokens(total.claimed));
    ledger.receive_from_agent(clearing, Tokens(total.sold));
    // Fees: the base part is burned, the tip goes to validators; the next block's base fee follows this one's
    // gas use (EIP-1559).
    ledger.receive_from_agent(fees, Tokens(total.fee_base + total.fee_tip));
    ledger.burn(fees, Tokens(total.fee_base));
    ledger.move(fees, validators, Tokens(total.fee_tip));
    if (cfg.gas) {
      base_fee = next_base_fee(base_fee, std::min(total.gas_used, cfg.gas_limit), cfg.gas_limit, cfg.fee_market);
    }
    // Staking rewards for the day, from the treasury while it lasts.
    const Tokens reward = std::min(Tokens(cfg.staking_rewards_per_year.raw() / 365), ledger.balance(treasury));
    if (reward.raw() > 0) {
      ledger.move(treasury, rewards, reward);
      staking.distribute(reward);
    }
    // 2. The block's sells clear as one swap (kept in the clearing account until they buy at least 1 micro-USD).
    clear_sells(ledger, pool, clearing, amm);
    // 3. Exogenous buying: demand with growth, shocks and mean-one lognormal noise from the contract's stream.
    const double sigma = cfg.demand_noise_sigma;
    const double noise = sigma > 0.0 ? ctx.rng().lognormal(-0.5 * sigma * sigma, sigma) : 1.0;
    const auto usd =
        MicroUsd(static_cast<std::int64_t>(static_cast<double>(cfg.daily_demand.raw()) * demand_factor(t) * noise));
    const Tokens bought = buy_tokens(ledger, pool, amm, market, usd);
    // 4. Mint this window's emission epoch; holders can claim it from the next window on.
    const std::int64_t epoch = epoch_at(emission, t);
    const Tokens minted = emitted_in_epoch(emission, epoch);
    if (minted.raw() > 0) ledger.mint(emission_pool, minted);
    epochs_minted = epoch + 1;
    cumulative = models::cumulative(emission, epochs_minted);
    price = pool.spot_price();
    // 5. The window's metrics.
    const Tokens supply = ledger.minted() - ledger.burned();
    const Tokens escrow = ledger.balance(team_escrow) + ledger.balance(investor_escrow);
    const Tokens locked = escrow + ledger.balance(emission_pool);
    samples.push_back({t,
                       price,
                       supply,
                       supply - locked - ledger.balance(treasury),
                       locked,
                       staking.total_staked(),
                       ledger.balance(treasury),
                       pool.token_reserve(),
                       pool.usd_reserve(),
                       Tokens(total.sold),
                       bought,
                       usd.raw() > 0 ? usd : MicroUsd(0),
                       total.sellers,
                       base_fee,
                       total.gas_used,
                       Tokens(total.fee_base),
                       total.deferred,
                       ledger.burned(),
                       std::numeric_limits<double>::quiet_NaN(),
                       std::numeric_limits<double>::quiet_NaN()});
    ctx.schedule(kMarket, t + cfg.window, kDay);
  }

  void on_vest(sim::GlobalContext& ctx, sim::Time t, Kind group) {
    const bool team = group == kTeam;
    const VestingSchedule& sched = team ? team_schedule : investor_schedule;
    Tokens& released = team ? team_released : investor_released;
    const Tokens delta = sched.vested(t) - released;
    released += delta;
    const AccountId escrow = team ? team_escrow : investor_escrow;
    const std::uint32_t members = team ? cfg.team_members : cfg.investors;
    if (delta.raw() > 0) {
      const sim::Population& pop = ctx.partition().population();
      for (std::uint32_t m = 0; m < members; ++m) {
        ledger.send_to_agent(escrow, delta);
        ctx.send(pop.id(group, m), ctx.window_end(), kUnlock, static_cast<std::uint64_t>(delta.raw()));
      }
    }
    const sim::Time next = sched.next_release_time(t);
    if (next != sim::kNever) ctx.schedule(kMarket, next, kVest, group);
  }

  void on_staking(sim::GlobalContext& ctx, const sim::Event& e) {
    const sim::AgentId who = e.source;
    if (e.kind == kStake) {  // the new stake plus the rewards earned so far (compounding)
      const Tokens amount(static_cast<std::int64_t>(e.payload));
      ledger.receive_from_agent(staked, amount);
      const Tokens r = staking.claim(who);
      ledger.move(rewards, staked, r);
      staking.stake(who, amount + r);
    } else if (e.kind == kUnstake) {  // everything bonded starts unbonding; earned rewards are paid now
      const Tokens r = staking.claim(who);
      if (r.raw() > 0) {
        ledger.send_to_agent(rewards, r);
        ctx.send(who, ctx.window_end(), kCredit, static_cast<std::uint64_t>(r.raw()));
      }
      const Tokens bonded = staking.staked(who);
      if (bonded.raw() > 0) {
        staking.unstake(who, bonded, e.t);
        ctx.schedule(kMarket, e.t + cfg.unbonding, kWithdraw, who);
      }
    } else {  // kWithdraw
      const auto id = static_cast<sim::AgentId>(e.payload);
      const Tokens back = staking.withdraw(id, e.t);
      if (back.raw() > 0) {
        ledger.send_to_agent(staked, back);
        ctx.send(id, ctx.window_end(), kCredit, static_cast<std::uint64_t>(back.raw()));
      }
    }
  }

  // ---- boundary phase ----
  void on_window_end(const sim::WindowInfo& w) override {
    ledger.check(w.begin, w.end);
    ledger.check_account(amm, pool.token_reserve(), w.end);
    ledger.check_account(staked, staking.total_staked() + staking.total_unbonding(), w.end);
    ledger.check_account(rewards, staking.total_rewards_in() - staking.total_claimed(), w.end);
    if (w.end % cfg.gini_every == 0) measure_gini(w.end);
  }

  /// Recounts every agent balance against the ledger and records the Gini of the balances in the latest
  /// sample. The Gini is a metric, not money: it sorts a float copy of the balances (4 bytes an agent at the
  /// peak, not 8), exact to about 1e-7 relative per balance.
  void measure_gini(sim::Time at) {
    const HoldingStats h =
        measure_holdings({tables[0].balance.span(), tables[1].balance.span(), tables[2].balance.span()}, ledger, at);
    if (!samples.empty()) {
      samples.back().gini = h.gini;
      samples.back().nakamoto = h.nakamoto;
    }
  }
};

TokenLaunch::TokenLaunch(const TokenLaunchConfig& c, std::uint32_t shards) : s_(std::make_unique<State>(c, shards)) {
  const auto sum = c.team_share.raw() + c.investor_share.raw() + c.community_share.raw() + c.liquidity_share.raw() +
                   c.treasury_share.raw();
  require(sum == Ppm::kWhole, "allocation shares must sum to 1,000,000 ppm, got " + std::to_string(sum));
  require(c.holders > 0 && c.team_members > 0 && c.investors > 0, "every group needs at least one agent");
  require(c.holder_action_mean > 0, "holder_action_mean must be positive");
  require(c.holder_sell_alpha > 0 && c.holder_sell_beta > 0 && c.insider_sell_alpha > 0 && c.insider_sell_beta > 0,
          "sell-share Beta parameters must be positive");
  require(c.price_awareness >= 0, "price_awareness must not be negative");
  require(c.initial_price.raw() > 0, "initial_price must be positive");
  require(c.gini_every > 0 && c.gini_every % c.window == 0, "gini_every must be a positive whole number of windows");
  require(!c.gas || (c.gas_limit >= 2 && c.initial_base_fee > 0),
          "gas_limit must be at least 2 and the base fee positive");
  require(!c.gas || (c.fee_market.elasticity_multiplier >= 1 && c.fee_market.base_fee_max_change_denominator >= 1),
          "the EIP-1559 elasticity multiplier and base-fee change denominator must be at least 1");
  require(!c.gas || c.gas_limit >= c.fee_market.elasticity_multiplier,
          "gas_limit must be at least the EIP-1559 elasticity multiplier (a positive gas target)");
  require(c.min_value_per_fee >= 0, "min_value_per_fee must not be negative");
  require(c.staker_fraction >= 0 && c.staker_fraction <= 1, "staker_fraction must be in [0, 1]");
  require(c.stake_alpha > 0 && c.stake_beta > 0, "stake Beta parameters must be positive");
  require(c.unbonding >= 0, "unbonding must not be negative");
  State& s = *s_;
  s.tables[kTeam].append(c.team_members);
  s.tables[kInvestor].append(c.investors);
  s.tables[kHolder].append(c.holders);
}

TokenLaunch::~TokenLaunch() = default;

sim::Population TokenLaunch::population() const {
  return sim::Population(
      {{"team", s_->cfg.team_members}, {"investor", s_->cfg.investors}, {"holder", s_->cfg.holders}});
}

void TokenLaunch::init_agent(sim::AgentContext& ctx) {
  State& s = *s_;
  if (ctx.kind() != kHolder) return;  // insiders act when their unlocks arrive
  auto& t = s.tables[kHolder];
  t.sell[ctx.row()] =
      static_cast<std::uint16_t>(ctx.rng().beta(s.cfg.holder_sell_alpha, s.cfg.holder_sell_beta) * 65535.0);
  if (ctx.rng().bernoulli(s.cfg.staker_fraction)) {  // a staker: at least 1/32767 so that it counts as one
    const double share = ctx.rng().beta(s.cfg.stake_alpha, s.cfg.stake_beta);
    t.stake[ctx.row()] = static_cast<std::uint16_t>(std::max(1.0, share * kShareMask));
  }
  const double gap = ctx.rng().exponential(1.0 / static_cast<double>(s.cfg.holder_action_mean));
  ctx.schedule(ctx.now() + 1 + static_cast<sim::Time>(gap), kAct);
}

void TokenLaunch::init_global(sim::GlobalContext& ctx) {
  State& s = *s_;
  const TokenLaunchConfig& c = s.cfg;
  Ledger& l = s.ledger;
  s.treasury = l.open("treasury", AccountClass::Treasury);
  s.amm = l.open("amm", AccountClass::AmmReserve);
  s.team_escrow = l.open("team_vesting", AccountClass::VestingEscrow);
  s.investor_escrow = l.open("investor_vesting", AccountClass::VestingEscrow);
  s.emission_pool = l.open("community_emission", AccountClass::EmissionPool);
  s.market = l.open("market", AccountClass::Market);
  s.clearing = l.open("clearing", AccountClass::Other);
  s.fees = l.open("fees", AccountClass::Other);
  s.validators = l.open("validators", AccountClass::Market);
  s.staked = l.open("staked", AccountClass::Staked);
  s.rewards = l.open("staking_rewards", AccountClass::Other);
  // Genesis: allocations minted into their accounts; whatever a per-member split leaves goes to the treasury.
  const Tokens team_escrowed = s.team_schedule.total() * c.team_members;
  const Tokens investor_escrowed = s.investor_schedule.total() * c.investors;
  const Tokens liquidity = apply(c.total_supply, c.liquidity_share);
  const Tokens treasury = apply(c.total_supply, c.treasury_share) +
                          (apply(c.total_supply, c.team_share) - team_escrowed) +
                          (apply(c.total_supply, c.investor_share) - investor_escrowed);
  l.mint(s.team_escrow, team_escrowed);
  l.mint(s.investor_escrow, investor_escrowed);
  l.mint(s.treasury, treasury);
  l.mint(s.amm, liquidity);
  s.pool.add_liquidity(liquidity, convert<UsdTag>(liquidity, c.initial_price.raw()));
  s.price = s.pool.spot_price();
  ctx.schedule(kMarket, ctx.now(), kDay);
  ctx.schedule(kMarket, s.team_schedule.next_release_time(ctx.now() - 1), kVest, kTeam);
  ctx.schedule(kMarket, s.investor_schedule.next_release_time(ctx.now() - 1), kVest, kInvestor);
}

void TokenLaunch::on_agent_event(sim::AgentContext& ctx, const sim::Event& e) {
  State& s = *s_;
  const std::uint32_t row = ctx.row();
  if (e.kind == kAct) {  // a holder: claim what the emission owes it, maybe sell, and plan the next action
    auto& t = s.tables[kHolder];
    const std::int64_t from = t.claimed_epoch[row];
    const Tokens owed = s.holder_entitlement(s.epochs_minted) - s.holder_entitlement(from);
    Tokens claimed{0};
    // A claim is worth making only when it moves enough against its fee; otherwise it waits (and grows).
    if (owed.raw() > 0 && owed >= s.fee_for(s.cfg.claim_gas).total() * s.cfg.min_value_per_fee) {
      t.claimed_epoch[row] = static_cast<std::int32_t>(s.epochs_minted);
      s.credit(ctx, t, row, owed);
      s.flows[ctx.shard()].claimed += owed.raw();
      s.pay(ctx, t, row, s.cfg.claim_gas, owed);
      claimed = owed;
    } else if (owed.raw() > 0) {
      ++s.flows[ctx.shard()].deferred;
    }
    if (t.stake[row] != 0) s.staker_turn(ctx, t, row, claimed);
    s.maybe_sell(ctx, t, row, t.sell[row] / 65535.0);
    const double gap = ctx.rng().exponential(1.0 / static_cast<double>(s.cfg.holder_action_mean));
    ctx.schedule(e.t + 1 + static_cast<sim::Time>(gap), kAct);
  } else if (e.kind == kUnlock) {  // an insider: the unlock lands, and a share drawn now is sold
    auto& t = s.tables[ctx.kind()];
    s.credit(ctx, t, row, Tokens(static_cast<std::int64_t>(e.payload)));
    s.maybe_sell(ctx, t, row, ctx.rng().beta(s.cfg.insider_sell_alpha, s.cfg.insider_sell_beta));
  } else if (e.kind == kCredit) {  // a staker: rewards or withdrawn stake land; it sells as it would a claim
    auto& t = s.tables[kHolder];
    s.credit(ctx, t, row, Tokens(static_cast<std::int64_t>(e.payload)));
    s.maybe_sell(ctx, t, row, t.sell[row] / 65535.0);
  }
}

void TokenLaunch::on_global_event(sim::GlobalContext& ctx, const sim::Event& e) {
  if (e.kind == kDay) {
    s_->on_day(ctx, e.t);
  } else if (e.kind == kVest) {
    s_->on_vest(ctx, e.t, static_cast<Kind>(e.payload));
  } else if (e.kind >= kStake && e.kind <= kWithdraw) {
    s_->on_staking(ctx, e);
  } else {
    Model::on_global_event(ctx, e);
  }
}

void TokenLaunch::prefetch(sim::AgentId id) const noexcept {
  const std::uint32_t offset = s_->cfg.team_members + s_->cfg.investors;
  if (id < offset) return;
  const std::uint32_t row = id - offset;
  const auto& t = s_->tables[kHolder];
  __builtin_prefetch(&t.balance[row], 1);
  __builtin_prefetch(&t.claimed_epoch[row], 1);
  __builtin_prefetch(&t.basis[row], 1);
  __builtin_prefetch(&t.sell[row], 0);
  __builtin_prefetch(&t.stake[row], 0);
}

sim::Observer& TokenLaunch::observer() { return *s_; }
const Ledger& TokenLaunch::ledger() const noexcept { return s_->ledger; }
const ConstantProductPool& TokenLaunch::pool() const noexcept { return s_->pool; }
const StakingPool& TokenLaunch::staking() const noexcept { return s_->staking; }
const std::vector<LaunchSample>& TokenLaunch::samples() const noexcept { return s_->samples; }
void TokenLaunch::measure_gini() {
  if (!s_->samples.empty() && std::isnan(s_->samples.back().gini))
    s_->measure_gini(s_->samples.back().t + s_->cfg.window);
}
const sim::Table<HolderColumns>& TokenLaunch::table(Kind k) const noexcept { return s_->tables[k]; }

std::string TokenLaunch::digest(const sim::Engine& engine) const {
  const State& s = *s_;
  sim::Digest d;
  for (const auto& t : s.tables) {
    d.add(t.balance.span());
    d.add(t.claimed_epoch.span());
    d.add(t.basis.span());
    d.add(t.sell.span());
    d.add(t.stake.span());
  }
  for (std::size_t a = 0; a < s.ledger.accounts(); ++a)
    d.add(static_cast<std::uint64_t>(s.ledger.balance(static_cast<AccountId>(a)).raw()));
  d.add(static_cast<std::uint64_t>(s.ledger.minted().raw()));
  d.add(static_cast<std::uint64_t>(s.pool.token_reserve().raw()));
  d.add(static_cast<std::uint64_t>(s.pool.usd_reserve().raw()));
  for (const LaunchSample& x : s.samples) {
    std::uint64_t bits;
    std::memcpy(&bits, &x.price, sizeof bits);
    d.add(bits);
    d.add(static_cast<std::uint64_t>(x.sold.raw()));
    d.add(static_cast<std::uint64_t>(x.bought.raw()));
    d.add(x.sellers);
    d.add(x.base_fee);
    d.add(x.gas_used);
    d.add(x.deferred);
    d.add(static_cast<std::uint64_t>(x.staked.raw()));
    std::memcpy(&bits, &x.gini, sizeof bits);
    d.add(bits);
  }
  engine.digest(d);
  return d.hex();
}

}  // namespace toksim::models
