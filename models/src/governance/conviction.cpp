#include "toksim/models/governance/conviction.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace toksim::models {
namespace {

void check_finite(double v, const char* what) {
  if (!std::isfinite(v)) throw ConfigError(fmt::format("{}: expected a finite value, found {}", what, v));
}

void check_alpha(double alpha) {
  if (!std::isfinite(alpha) || alpha < 0.0 || !(alpha < 1.0)) {
    throw ConfigError(fmt::format("conviction decay alpha: expected a value in [0, 1), found {}", alpha));
  }
}

void check_non_negative(double v, const char* what) {
  if (!std::isfinite(v) || v < 0.0)
    throw ConfigError(fmt::format("{}: expected a finite value >= 0, found {}", what, v));
}

void delete_item(std::vector<ConvictionProposalId>& list, ConvictionProposalId id) {
  // ArrayUtils.deleteItem: the last element takes the deleted one's place.
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i] == id) {
      list[i] = list.back();
      list.pop_back();
      return;
    }
  }
}

bool contains(const std::vector<ConvictionProposalId>& list, ConvictionProposalId id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

}  // namespace

double conviction(double y0, double x, double alpha, double t) {
  check_finite(y0, "conviction y0");
  check_finite(x, "conviction stake x");
  check_alpha(alpha);
  check_non_negative(t, "conviction steps t");
  const double at = std::pow(alpha, t);
  return at * y0 + x * (1.0 - at) / (1.0 - alpha);
}

double alpha_from_half_life(double t_half) {
  if (!std::isfinite(t_half) || !(t_half > 0.0)) {
    throw ConfigError(fmt::format("conviction half-life: expected a finite value > 0, found {}", t_half));
  }
  return std::pow(0.5, 1.0 / t_half);
}

double half_life_from_alpha(double alpha) {
  if (!std::isfinite(alpha) || !(alpha > 0.0) || !(alpha < 1.0)) {
    throw ConfigError(
        fmt::format("conviction decay alpha: expected a value in (0, 1) for a half-life, found {}", alpha));
  }
  return std::log(0.5) / std::log(alpha);
}

double threshold(double rho, double beta, double supply_or_staked, double funds, double requested, double alpha) {
  check_non_negative(rho, "conviction threshold rho");
  if (!std::isfinite(beta) || !(beta > 0.0) || beta > 1.0) {
    throw ConfigError(fmt::format("conviction threshold beta: expected a value in (0, 1], found {}", beta));
  }
  check_non_negative(supply_or_staked, "conviction threshold supply");
  check_non_negative(funds, "conviction threshold funds");
  check_non_negative(requested, "conviction threshold requested");
  check_alpha(alpha);
  if (funds == 0.0) return std::numeric_limits<double>::infinity();
  const double share = requested / funds;
  if (!(share < beta)) return std::numeric_limits<double>::infinity();
  const double gap = beta - share;
  return rho * supply_or_staked / ((1.0 - alpha) * gap * gap);
}

void ConvictionParams::validate() const {
  if (decay >= kD) {
    throw ConfigError(fmt::format("conviction decay: expected a value below D = {} (alpha < 1), found {}", kD, decay));
  }
  if (max_ratio == 0 || max_ratio > kD) {
    throw ConfigError(fmt::format("conviction max_ratio: expected a value in (0, D = {}], found {}", kD, max_ratio));
  }
  if (min_threshold_stake_percentage > kOneHundredPercent) {
    throw ConfigError(fmt::format("conviction min_threshold_stake_percentage: expected at most 10^18 (100%), found {}",
                                  min_threshold_stake_percentage));
  }
}

ConvictionPool::ConvictionPool(ConvictionParams params, Tokens funds, Tokens stake_token_supply,
                               sim::Time block_seconds)
    : params_(params), funds_(funds), supply_(stake_token_supply), block_seconds_(block_seconds) {
  params_.validate();
  if (funds.raw() < 0) throw ConfigError(fmt::format("conviction pool funds: expected >= 0, found {}", funds.raw()));
  if (stake_token_supply.raw() < 0) {
    throw ConfigError(
        fmt::format("conviction pool stake-token supply: expected >= 0, found {}", stake_token_supply.raw()));
  }
  if (block_seconds <= 0) {
    throw ConfigError(fmt::format("conviction pool block length: expected > 0 seconds, found {}", block_seconds));
  }
  proposals_.resize(2);  // 0 unused; 1 the abstain proposal (requested 0, Active)
}

const ConvictionPool::Proposal& ConvictionPool::proposal(ConvictionProposalId id) const {
  if (id == 0 || id >= proposals_.size()) {
    throw ConfigError(
        fmt::format("conviction pool: expected a proposal id in [1, {}], found {}", proposals_.size() - 1, id));
  }
  return proposals_[id];
}

ConvictionPool::Proposal& ConvictionPool::proposal(ConvictionProposalId id) {
  return const_cast<Proposal&>(std::as_const(*this).proposal(id));
}

std::int64_t ConvictionPool::checked_block(sim::Time now) const {
  const std::int64_t b = block_at(now);
  if (b < last_block_) {
    throw ConfigError(fmt::format("conviction pool: time went backwards: expected a block >= {}, found {} (t = {} s)",
                                  last_block_, b, now));
  }
  return b;
}

double ConvictionPool::conviction_from(const Proposal& p, std::int64_t block) const {
  if (!p.started || block == p.block_last) return p.conviction_last;
  if (block < p.block_last) {
    throw ConfigError(fmt::format("conviction pool: expected a block >= the proposal's last record {}, found {}",
                                  p.block_last, block));
  }
  return conviction(p.conviction_last, static_cast<double>(p.staked.raw()), params_.alpha(),
                    static_cast<double>(block - p.block_last));
}

void ConvictionPool::set_conviction(Proposal& p, std::int64_t block) const {
  // _calculateAndSetConviction with the stake held until now.
  if (block == p.block_last) return;
  p.conviction_last = conviction_from(p, block);
  p.block_last = block;
}

ConvictionProposalId ConvictionPool::add_proposal(Tokens requested) {
  if (requested.raw() < 0) {
    throw ConfigError(fmt::format("conviction proposal: expected a requested amount >= 0, found {}", requested.raw()));
  }
  Proposal p;
  p.requested = requested;
  proposals_.push_back(std::move(p));
  return proposals_.size() - 1;
}

std::vector<ConvictionPool::Withdrawal> ConvictionPool::plan_inactive(const Voter& v, ConvictionVoterId voter,
                                                                      Tokens target) const {
  std::vector<Withdrawal> plan;
  Tokens withdrawn;
  for (std::size_t i = 0; i < v.proposals.size() && withdrawn < target; ++i) {
    const Proposal& p = proposals_[v.proposals[i]];
    if (p.status == ConvictionStatus::Active) continue;
    const auto it = p.voter_stake.find(voter);
    if (it != p.voter_stake.end() && it->second.raw() > 0) {
      plan.push_back({v.proposals[i], it->second});
      withdrawn += it->second;
    }
  }
  return plan;
}

void ConvictionPool::apply_withdrawal(ConvictionVoterId voter, Voter& v, ConvictionProposalId id, Tokens amount,
                                      std::int64_t block) {
  Proposal& p = proposals_[id];
  Tokens& vs = p.voter_stake[voter];
  // Bring conviction forward with the stake held so far, before the stake changes (active proposals only).
  if (p.status == ConvictionStatus::Active) set_conviction(p, block);
  p.staked -= amount;
  vs -= amount;
  v.total_stake -= amount;
  total_staked_ -= amount;
  if (vs.raw() == 0) {
    p.voter_stake.erase(voter);
    delete_item(v.proposals, id);
  }
}

void ConvictionPool::set_balance(ConvictionVoterId voter, Tokens new_balance, sim::Time now) {
  if (new_balance.raw() < 0) {
    throw ConfigError(
        fmt::format("conviction pool voter {} balance: expected >= 0, found {}", voter, new_balance.raw()));
  }
  const std::int64_t block = checked_block(now);
  last_block_ = block;
  Voter& v = voters_[voter];
  v.balance = new_balance;
  if (new_balance < v.total_stake) {  // _onTransfer: inactive stakes first
    for (const Withdrawal& w : plan_inactive(v, voter, v.total_stake - new_balance)) {
      apply_withdrawal(voter, v, w.id, w.amount, block);
    }
  }
  if (new_balance < v.total_stake) {  // then _withdrawActiveStakedTokens: abstain first, then list order
    const Tokens target = v.total_stake - new_balance;
    Tokens withdrawn;
    if (contains(v.proposals, kAbstainProposal)) {
      const Tokens take = std::min(target, proposals_[kAbstainProposal].voter_stake[voter]);
      if (take.raw() > 0) {
        apply_withdrawal(voter, v, kAbstainProposal, take, block);
        withdrawn += take;
      }
    }
    const std::vector<ConvictionProposalId> copy = v.proposals;
    for (std::size_t i = 0; i < copy.size() && withdrawn < target; ++i) {
      const auto it = proposals_[copy[i]].voter_stake.find(voter);
      const Tokens have = it == proposals_[copy[i]].voter_stake.end() ? Tokens(0) : it->second;
      const Tokens take = std::min(target - withdrawn, have);
      if (take.raw() > 0) {
        apply_withdrawal(voter, v, copy[i], take, block);
        withdrawn += take;
      }
    }
  }
}

void ConvictionPool::stake(ConvictionVoterId voter, ConvictionProposalId id, Tokens amount, sim::Time now) {
  const Proposal& target_p = proposal(id);
  if (amount.raw() <= 0) {
    throw ConfigError(
        fmt::format("conviction stake on proposal {}: expected an amount > 0, found {}", id, amount.raw()));
  }
  if (target_p.status != ConvictionStatus::Active) {
    throw ConfigError(fmt::format("conviction stake on proposal {}: expected an active proposal", id));
  }
  const std::int64_t block = checked_block(now);
  const auto found = voters_.find(voter);
  if (found == voters_.end()) {
    throw ConfigError(
        fmt::format("conviction stake of voter {} on proposal {}: expected a voter with a balance "
                    "(set_balance), found none",
                    voter, id));
  }
  Voter& v = found->second;
  // Plan the whole transaction first so that a revert changes nothing.
  std::vector<Withdrawal> freed;
  Tokens total_after = v.total_stake;
  std::vector<ConvictionProposalId> list_after = v.proposals;
  const Tokens unstaked = v.balance - v.total_stake;
  if (amount > unstaked) {
    freed = plan_inactive(v, voter, amount - unstaked);
    for (const Withdrawal& w : freed) {
      total_after -= w.amount;
      delete_item(list_after, w.id);
    }
  }
  if (total_after + amount > v.balance) {
    throw ConfigError(
        fmt::format("conviction stake of voter {} on proposal {}: expected at most the unstaked balance {}, found {}",
                    voter, id, (v.balance - total_after).raw(), amount.raw()));
  }
  if (!contains(list_after, id) && list_after.size() >= kMaxStakedProposals) {
    throw ConfigError(
        fmt::format("conviction stake of voter {} on proposal {}: expected at most {} staked proposals "
                    "per voter, found {} already",
                    voter, id, kMaxStakedProposals, list_after.size()));
  }
  last_block_ = block;
  for (const Withdrawal& w : freed) apply_withdrawal(voter, v, w.id, w.amount, block);
  Proposal& p = proposals_[id];
  if (!p.started) {
    p.started = true;
    p.block_last = block;
  } else {
    set_conviction(p, block);  // with the previous stake
  }
  p.staked += amount;
  p.voter_stake[voter] += amount;
  v.total_stake += amount;
  total_staked_ += amount;
  if (!contains(v.proposals, id)) v.proposals.push_back(id);
}

void ConvictionPool::withdraw(ConvictionVoterId voter, ConvictionProposalId id, Tokens amount, sim::Time now) {
  const Proposal& p = proposal(id);
  const auto it = p.voter_stake.find(voter);
  const Tokens have = it == p.voter_stake.end() ? Tokens(0) : it->second;
  if (amount.raw() <= 0 || amount > have) {
    throw ConfigError(
        fmt::format("conviction withdraw of voter {} from proposal {}: expected an amount in (0, {}], found {}", voter,
                    id, have.raw(), amount.raw()));
  }
  const std::int64_t block = checked_block(now);  // >= every block_last: records are only made at last_block_
  last_block_ = block;
  apply_withdrawal(voter, voters_.at(voter), id, amount, block);
}

double ConvictionPool::conviction_at(ConvictionProposalId id, sim::Time now) const {
  return conviction_from(proposal(id), block_at(now));
}

Tokens ConvictionPool::effective_total_staked() const {
  // _totalStaked: floor(totalSupply * minThresholdStakePercentage / 10^18), at least totalStaked.
  const u128 min_total =
      static_cast<u128>(supply_.raw()) * params_.min_threshold_stake_percentage / ConvictionParams::kOneHundredPercent;
  const Tokens floor_stake(static_cast<std::int64_t>(min_total));  // <= supply: fits
  return std::max(total_staked_, floor_stake);
}

double ConvictionPool::threshold_of(ConvictionProposalId id) const {
  const Proposal& p = proposal(id);
  // require(maxRatio * funds > requested * D), exactly.
  if (!(static_cast<u128>(params_.max_ratio) * static_cast<u128>(funds_.raw()) >
        static_cast<u128>(p.requested.raw()) * ConvictionParams::kD)) {
    return std::numeric_limits<double>::infinity();
  }
  return threshold(params_.rho(), params_.beta(), static_cast<double>(effective_total_staked().raw()),
                   static_cast<double>(funds_.raw()), static_cast<double>(p.requested.raw()), params_.alpha());
}

bool ConvictionPool::can_execute(ConvictionProposalId id, sim::Time now) const {
  const Proposal& p = proposal(id);
  if (id == kAbstainProposal || p.requested.raw() == 0 || p.status != ConvictionStatus::Active) return false;
  const std::int64_t block = block_at(now);
  if (block < last_block_ || (p.started && block < p.block_last)) return false;
  return conviction_from(p, block) > threshold_of(id);
}

Tokens ConvictionPool::execute(ConvictionProposalId id, sim::Time now) {
  const Proposal& cp = proposal(id);
  if (id == kAbstainProposal) throw ConfigError("conviction execute: the abstain proposal (id 1) cannot be executed");
  if (cp.requested.raw() == 0) {
    throw ConfigError(fmt::format("conviction execute: proposal {} requests nothing (a signalling proposal)", id));
  }
  if (cp.status != ConvictionStatus::Active) {
    throw ConfigError(fmt::format("conviction execute: expected proposal {} to be active", id));
  }
  const std::int64_t block = checked_block(now);
  const double y = conviction_from(cp, block);
  const double th = threshold_of(id);
  if (!(y > th)) {
    throw ConfigError(fmt::format(
        "conviction execute: proposal {}: expected conviction above the threshold {}, found {}", id, th, y));
  }
  last_block_ = block;
  Proposal& p = proposals_[id];
  if (p.started) {
    p.conviction_last = y;
    p.block_last = block;
  }
  p.status = ConvictionStatus::Executed;
  funds_ -= p.requested;  // requested < beta * funds <= funds
  return p.requested;
}

void ConvictionPool::cancel(ConvictionProposalId id) {
  Proposal& p = proposal(id);
  if (id == kAbstainProposal) throw ConfigError("conviction cancel: the abstain proposal (id 1) cannot be cancelled");
  if (p.status != ConvictionStatus::Active) {
    throw ConfigError(fmt::format("conviction cancel: expected proposal {} to be active", id));
  }
  p.status = ConvictionStatus::Cancelled;
}

void ConvictionPool::add_funds(Tokens amount) {
  if (amount.raw() < 0)
    throw ConfigError(fmt::format("conviction pool funds: expected an amount >= 0, found {}", amount.raw()));
  funds_ += amount;
}

void ConvictionPool::set_funds(Tokens amount) {
  if (amount.raw() < 0) throw ConfigError(fmt::format("conviction pool funds: expected >= 0, found {}", amount.raw()));
  funds_ = amount;
}

void ConvictionPool::set_stake_token_supply(Tokens supply) {
  if (supply.raw() < 0)
    throw ConfigError(fmt::format("conviction pool stake-token supply: expected >= 0, found {}", supply.raw()));
  supply_ = supply;
}

ConvictionStatus ConvictionPool::status(ConvictionProposalId id) const { return proposal(id).status; }
Tokens ConvictionPool::requested(ConvictionProposalId id) const { return proposal(id).requested; }
Tokens ConvictionPool::staked_on(ConvictionProposalId id) const { return proposal(id).staked; }
double ConvictionPool::conviction_last(ConvictionProposalId id) const { return proposal(id).conviction_last; }
std::int64_t ConvictionPool::block_last(ConvictionProposalId id) const { return proposal(id).block_last; }

Tokens ConvictionPool::voter_stake(ConvictionVoterId voter, ConvictionProposalId id) const {
  const Proposal& p = proposal(id);
  const auto it = p.voter_stake.find(voter);
  return it == p.voter_stake.end() ? Tokens(0) : it->second;
}

Tokens ConvictionPool::voter_total_stake(ConvictionVoterId voter) const {
  const auto it = voters_.find(voter);
  return it == voters_.end() ? Tokens(0) : it->second.total_stake;
}

Tokens ConvictionPool::balance(ConvictionVoterId voter) const {
  const auto it = voters_.find(voter);
  return it == voters_.end() ? Tokens(0) : it->second.balance;
}

std::vector<ConvictionProposalId> ConvictionPool::voter_proposals(ConvictionVoterId voter) const {
  const auto it = voters_.find(voter);
  return it == voters_.end() ? std::vector<ConvictionProposalId>{} : it->second.proposals;
}

}  // namespace toksim::models
