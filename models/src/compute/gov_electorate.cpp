// Governance: who votes with what power (agents, the float, delegates, Sybil identities behind the defences) and what
// each class wants.
#include <algorithm>
#include <cmath>

#include "state.hpp"

namespace toksim::models {

using namespace compute_detail;

std::int64_t ComputeNetwork::State::identity_share(std::uint32_t k) const {
  const std::int64_t total = identities > 0 ? ledger.balance(attacker).raw() : 0;
  return identities > 0 ? total / identities + (k < static_cast<std::uint32_t>(total % identities) ? 1 : 0) : 0;
}

bool ComputeNetwork::State::excluded(AccountId v, std::int64_t balance) const {
  const SybilDefences& d = cfg.governance.defences;
  return (d.passport && passport_out[v] != 0) || balance < d.min_balance.raw();
}

void ComputeNetwork::State::sync_votes(sim::Time now) {
  if (!delegated) {  // delegations are made once, at the first snapshot
    delegated = true;
    for (AccountId a = 0; a < delegate_of.size(); ++a) {
      if (delegate_of[a] != kNoDelegate) votes->delegate(a, first_delegate() + delegate_of[a], now);
    }
    votes->delegate(passive_voter(), kNoDelegate, now);
  }
  const SybilDefences& d = cfg.governance.defences;
  honest_excluded = 0;
  const auto power = [&](AccountId a, std::int64_t balance, bool sybil) {
    balance = std::max<std::int64_t>(0, balance);
    const bool out = (d.passport && passport_out[a] != 0) || balance < d.min_balance.raw();
    if (out && !sybil && balance > 0) ++honest_excluded;
    if (out) return std::int64_t{0};
    return cfg.governance.quadratic ? static_cast<std::int64_t>(std::sqrt(static_cast<long double>(balance))) : balance;
  };
  const auto set = [&](AccountId a, std::int64_t want) {
    const std::int64_t have = votes->balance(a).raw();
    if (want > have) votes->mint(a, Tokens(want - have), now);
    if (want < have) votes->burn(a, Tokens(have - want), now);
  };
  const auto pb = prov.balance.span();
  for (std::size_t i = 0; i < pb.size(); ++i)
    set(static_cast<AccountId>(i), power(static_cast<AccountId>(i), pb[i], false));
  const auto cb = contrib.balance.span();
  for (std::size_t i = 0; i < cb.size(); ++i) {
    const auto a = static_cast<AccountId>(prov.rows() + i);
    set(a, power(a, cb[i], false));
  }
  // The float: the part whose holders vote (one holder), the part delegated to the delegates (evenly, as their
  // own balances), and the passive rest (undelegated: in the supply, no votes).
  const Tokens fl = ledger.balance(market);
  const Tokens fv = apply(fl, cfg.governance.float_votes), fd = apply(fl, cfg.governance.float_delegated);
  set(holders_voter(), power(holders_voter(), fv.raw(), false));
  const auto plain = [&](std::int64_t balance) {  // not identities the defences score: no gate
    return cfg.governance.quadratic ? static_cast<std::int64_t>(std::sqrt(static_cast<long double>(balance))) : balance;
  };
  const std::uint32_t nd = cfg.governance.delegates;
  for (std::uint32_t k = 0; k < nd; ++k) {
    set(first_delegate() + k, plain(fd.raw() / nd + (k < static_cast<std::uint32_t>(fd.raw() % nd) ? 1 : 0)));
  }
  set(passive_voter(), plain((fl - fv - fd).raw()));
  // The controller splits its tokens evenly across its identities.
  for (std::uint32_t k = 0; k < identities; ++k) {
    const AccountId a = holders_voter() + 1 + k;
    set(a, power(a, identity_share(k), true));
  }
}

std::array<double, 3> ComputeNetwork::State::utilities(const ParameterChange& g) const {
  std::array<double, 3> u{0, 0, 0};
  if (g.split) {
    const auto d = [&](std::size_t k, Ppm now_value) {
      return static_cast<double>((*g.split)[k].raw() - now_value.raw()) / 1e6;
    };
    u[0] += 10 * d(0, live.split_provider);
    u[1] += 10 * d(2, live.split_contributors);
    u[2] += 10 * (d(3, live.split_treasury) + d(4, live.split_burn));
  }
  if (g.verification_rate) u[0] -= 5 * (*g.verification_rate - live.verification_rate);
  if (g.stake_per_gpu && live.stake_per_gpu.raw() > 0) {
    u[0] -= static_cast<double>(g.stake_per_gpu->raw() - live.stake_per_gpu.raw()) /
            static_cast<double>(live.stake_per_gpu.raw());
  }
  if (g.emission_scale) {  // more rewards for providers, more dilution for holders
    const double d = static_cast<double>(*g.emission_scale - live.emission_scale) / 1e6;
    u[0] += d;
    u[2] -= d;
  }
  if (g.grant_to_contributors.raw() > 0) {
    u[1] += 1;
    u[2] -= 1;
  }
  if (g.grant_to_attacker.raw() > 0) {  // the treasury given away: nobody honest gains
    u[0] -= 1;
    u[1] -= 1;
    u[2] -= 1;
  }
  return u;
}

std::int64_t ComputeNetwork::State::voter_balance(AccountId v) const {
  const auto p = static_cast<AccountId>(prov.rows());
  if (v < p) return std::max<std::int64_t>(0, prov.balance[v]);
  if (v < holders_voter()) return std::max<std::int64_t>(0, contrib.balance[v - p]);
  if (v == holders_voter()) return apply(ledger.balance(market), cfg.governance.float_votes).raw();
  if (is_identity(v)) return identity_share(v - holders_voter() - 1);
  return 0;
}

std::array<double, 3> ComputeNetwork::State::request_utilities(Beneficiary b) {
  switch (b) {
    case Beneficiary::Contributors:
      return {0, 1, -1};  // as a grant to contributors by proposal
    case Beneficiary::Creators:
      return {0, 0, -1};
    case Beneficiary::Sybil:
      return {-1, -1, -1};  // the treasury given away: nobody honest gains
    case Beneficiary::Burn:
      return {0, 0, 1};  // less supply
  }
  return {0, 0, 0};
}

}  // namespace toksim::models
