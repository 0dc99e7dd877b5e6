// The staking pool: reward-per-share accounting with carried remainders, unbonding, slashing.
#include "toksim/models/supply/staking.hpp"

#include <algorithm>
#include <limits>
#include <string>
#include <utility>

namespace toksim::models {

namespace {

constexpr u128 kScale = static_cast<u128>(StakingPool::kAccScale);
constexpr u128 kU128Max = std::numeric_limits<u128>::max();

std::string n(std::int64_t v) { return std::to_string(v); }
std::string id_text(StakerId id) { return std::to_string(id); }

u128 add_checked(u128 a, u128 b, const char* what) {
  if (a > kU128Max - b) throw MoneyError(std::string("staking: ") + what + " leaves 128 bits");
  return a + b;
}

Tokens to_tokens(u128 v, const char* what) {
  if (v > static_cast<u128>(std::numeric_limits<std::int64_t>::max())) {
    throw MoneyError(std::string("staking: ") + what + " leaves the int64 range");
  }
  return Tokens(static_cast<std::int64_t>(v));
}

}  // namespace

StakingPool::StakingPool(sim::Time unbonding_period) : unbonding_period_(unbonding_period) {
  if (unbonding_period < 0) {
    throw ConfigError("staking: expected an unbonding period >= 0 s, found " + n(unbonding_period));
  }
}

const StakingPool::Account* StakingPool::find(StakerId id) const {
  const auto it = accounts_.find(id);
  return it == accounts_.end() ? nullptr : &it->second;
}

u128 StakingPool::unsettled_scaled(const Account& a) const {
  if (a.stake.raw() == 0) return 0;
  const u128 delta = acc_ - a.paid;  // modulo 2^128: the true difference (see the header)
  u128 product = 0;
  if (__builtin_mul_overflow(static_cast<u128>(a.stake.raw()), delta, &product)) {
    throw MoneyError("staking: the unsettled rewards of a stake of " + n(a.stake.raw()) + " leave 128 bits");
  }
  return product;
}

StakingPool::Settlement StakingPool::settlement_of(const Account& a) const {
  const u128 scaled = unsettled_scaled(a);
  return Settlement{a.earned + to_tokens(scaled / kScale, "an account's rewards"),
                    add_checked(carry_, scaled % kScale, "the carried reward remainder")};
}

void StakingPool::commit(Account& a, const Settlement& s) noexcept {
  a.earned = s.earned;
  carry_ = s.carry;
  a.paid = acc_;
}

void StakingPool::stake(StakerId account, Tokens amount) {
  if (amount.raw() <= 0) {
    throw ConfigError("staking: stake by " + id_text(account) + ": expected an amount > 0, found " + n(amount.raw()));
  }
  const Tokens total_after = total_staked_ + amount;
  const Tokens in_after = stake_in_ + amount;
  const auto it = accounts_.find(account);
  if (it == accounts_.end()) {
    Account fresh;
    fresh.stake = amount;
    fresh.paid = acc_;
    accounts_.emplace(account, std::move(fresh));
  } else {
    Account& a = it->second;
    const Tokens stake_after = a.stake + amount;
    commit(a, settlement_of(a));
    a.stake = stake_after;
  }
  total_staked_ = total_after;
  stake_in_ = in_after;
}

void StakingPool::unstake(StakerId account, Tokens amount, sim::Time now) {
  const auto it = accounts_.find(account);
  const Tokens have = it == accounts_.end() ? Tokens(0) : it->second.stake;
  if (amount.raw() <= 0 || amount > have) {
    throw ConfigError("staking: unstake by " + id_text(account) + ": expected an amount in [1, " + n(have.raw()) +
                      "] (its stake), found " + n(amount.raw()));
  }
  if (i128{now} + unbonding_period_ > std::numeric_limits<sim::Time>::max()) {
    throw ConfigError("staking: unstake at " + n(now) + ": expected now + the unbonding period " +
                      n(unbonding_period_) + " within int64 seconds");
  }
  Account& a = it->second;
  const Tokens unbonding_after = a.unbonding_total + amount;
  const Tokens total_unbonding_after = total_unbonding_ + amount;
  const Settlement s = settlement_of(a);
  a.unbonding.push_back(UnbondingEntry{amount, now + unbonding_period_});  // the last step that may throw
  commit(a, s);
  a.stake -= amount;
  a.unbonding_total = unbonding_after;
  total_staked_ -= amount;
  total_unbonding_ = total_unbonding_after;
}

Tokens StakingPool::withdrawable(StakerId account, sim::Time now) const {
  const Account* a = find(account);
  Tokens sum(0);
  if (a == nullptr) return sum;
  for (const UnbondingEntry& e : a->unbonding) {
    if (e.ready_at <= now) sum += e.amount;
  }
  return sum;
}

Tokens StakingPool::withdraw(StakerId account, sim::Time now) {
  const Tokens amount = withdrawable(account, now);
  if (amount.raw() == 0) return amount;
  Account& a = accounts_.at(account);
  std::erase_if(a.unbonding, [now](const UnbondingEntry& e) { return e.ready_at <= now; });
  a.unbonding_total -= amount;
  total_unbonding_ -= amount;
  withdrawn_ += amount;  // <= stake_in_: cannot overflow
  return amount;
}

void StakingPool::distribute(Tokens reward) {
  if (reward.raw() < 0) throw ConfigError("staking: distribute: expected a reward >= 0, found " + n(reward.raw()));
  const Tokens in_after = rewards_in_ + reward;
  if (total_staked_.raw() == 0) {
    const Tokens held_after = held_ + reward;
    held_ = held_after;
    rewards_in_ = in_after;
    return;
  }
  const Tokens paid_out = held_ + reward;  // < 2^63, so * 1e18 < 2^123
  const u128 numerator = add_checked(static_cast<u128>(paid_out.raw()) * kScale, carry_, "a distribution");
  const u128 total = static_cast<u128>(total_staked_.raw());
  acc_ += numerator / total;  // wraps modulo 2^128 by design (see the header)
  carry_ = numerator % total;
  held_ = Tokens(0);
  rewards_in_ = in_after;
}

Tokens StakingPool::pending(StakerId account) const {
  const Account* a = find(account);
  if (a == nullptr) return Tokens(0);
  return a->earned + to_tokens(unsettled_scaled(*a) / kScale, "an account's rewards");
}

Tokens StakingPool::claim(StakerId account) {
  const auto it = accounts_.find(account);
  if (it == accounts_.end()) return Tokens(0);
  Account& a = it->second;
  const Settlement s = settlement_of(a);
  const Tokens claimed_after = claimed_ + s.earned;
  commit(a, s);
  a.earned = Tokens(0);
  claimed_ = claimed_after;
  return s.earned;
}

Tokens StakingPool::slash(StakerId account, Ppm fraction, bool include_unbonding) {
  const auto it = accounts_.find(account);
  if (it == accounts_.end()) return Tokens(0);
  Account& a = it->second;
  const Settlement s = settlement_of(a);
  const Tokens from_stake = apply(a.stake, fraction, Round::Down);
  Tokens from_unbonding(0);
  if (include_unbonding) {
    for (const UnbondingEntry& e : a.unbonding) from_unbonding += apply(e.amount, fraction, Round::Down);
  }
  const Tokens taken = from_stake + from_unbonding;
  const Tokens slashed_after = slashed_ + taken;
  // Commit (nothing below throws: every difference is of amounts already held).
  commit(a, s);
  a.stake -= from_stake;
  total_staked_ -= from_stake;
  if (include_unbonding) {
    for (UnbondingEntry& e : a.unbonding) e.amount -= apply(e.amount, fraction, Round::Down);
    std::erase_if(a.unbonding, [](const UnbondingEntry& e) { return e.amount.raw() == 0; });
    a.unbonding_total -= from_unbonding;
    total_unbonding_ -= from_unbonding;
  }
  slashed_ = slashed_after;
  return taken;
}

Tokens StakingPool::staked(StakerId account) const {
  const Account* a = find(account);
  return a == nullptr ? Tokens(0) : a->stake;
}

Tokens StakingPool::unbonding(StakerId account) const {
  const Account* a = find(account);
  return a == nullptr ? Tokens(0) : a->unbonding_total;
}

std::vector<UnbondingEntry> StakingPool::unbonding_entries(StakerId account) const {
  const Account* a = find(account);
  return a == nullptr ? std::vector<UnbondingEntry>{} : a->unbonding;
}

Tokens StakingPool::undistributed() const {
  u128 fractional = carry_;
  for (const auto& [id, a] : accounts_) {
    (void)id;
    fractional = add_checked(fractional, unsettled_scaled(a) % kScale, "the fractional rewards");
  }
  if (fractional % kScale != 0) {
    throw Error(
        "staking: the reward ledger is broken: the carried and fractional rewards are not a whole number "
        "of base units");
  }
  return held_ + to_tokens(fractional / kScale, "the undistributed rewards");
}

}  // namespace toksim::models
