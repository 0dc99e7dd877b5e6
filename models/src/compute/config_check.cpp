// Checks a compute network configuration before anything is built from it (validate(), compute_network.hpp).
#include "state.hpp"

namespace toksim::models {

using namespace compute_detail;

void validate(const ComputeNetworkConfig& c) {
  const std::int64_t shares = c.rewards_share.raw() + c.treasury_share.raw() + c.liquidity_share.raw() +
                              c.insiders_share.raw() + c.float_share.raw();
  require(shares == Ppm::kWhole, "allocation shares must sum to 1,000,000 ppm, got " + std::to_string(shares));
  const std::int64_t split = c.split_provider.raw() + c.split_creator.raw() + c.split_contributors.raw() +
                             c.split_treasury.raw() + c.split_burn.raw();
  require(split == Ppm::kWhole, "the revenue split must sum to 1,000,000 ppm, got " + std::to_string(split));
  require(!c.providers.empty(), "at least one provider group");
  for (const GovernanceProposal& g : c.governance.proposals) {
    if (g.split) {
      std::int64_t sum = 0;
      for (const Ppm x : *g.split) sum += x.raw();
      require(sum == Ppm::kWhole,
              "proposal '" + g.title + "': its split must sum to 1,000,000 ppm, got " + std::to_string(sum));
    }
  }
  require(c.governance.proposals.empty() || c.governance.voting_period >= 2 * c.window,
          "the voting period must be at least two windows");
  const GovernanceConfig& gc = c.governance;
  require(gc.float_votes.raw() + gc.float_delegated.raw() <= Ppm::kWhole,
          "the float's voting and delegated shares must sum to at most 1");
  require(gc.float_delegated.raw() == 0 || gc.delegates > 0, "a delegated share of the float needs delegates");
  for (const GovernanceProposal& g : gc.proposals) {
    require(!g.emission_scale || *g.emission_scale >= 0, "proposal '" + g.title + "': a negative emission scale");
  }
  if (gc.conviction) {
    const ConvictionConfig& cc = *gc.conviction;
    cc.params.validate();
    require(cc.block > 0 && cc.block % c.window == 0, "the conviction block must be whole windows");
    require(cc.stake_every > 0 && cc.stake_every % c.window == 0, "conviction stake turns must be whole windows apart");
    require(cc.requests.size() < 255, "at most 254 conviction requests");
    for (const ConvictionRequest& q : cc.requests) {
      require(q.amount.raw() > 0, "conviction request '" + q.title + "' must ask for tokens");
    }
  }
  require(gc.polls.size() < 256, "at most 255 polls");
  for (const Poll& p : gc.polls) {
    require(p.choices.size() >= 2 && p.choices.size() <= 8, "poll '" + p.title + "' needs 2 to 8 choices");
    require(!p.sybil_choice || *p.sybil_choice < p.choices.size(), "poll '" + p.title + "': sybil_choice out of range");
    require(p.duration >= 2 * c.window, "poll '" + p.title + "' must stay open at least two windows");
    for (const PollChoice& ch : p.choices) {
      if (ch.split) {
        std::int64_t sum = 0;
        for (const Ppm x : *ch.split) sum += x.raw();
        require(sum == Ppm::kWhole,
                "poll '" + p.title + "' choice '" + ch.name + "': its split must sum to 1,000,000 ppm");
      }
    }
  }
  // A donation event packs round (8 bits), project (16 bits) and amount (40 bits) into its payload.
  require(c.governance.qf_rounds.size() < 256, "at most 255 QF rounds");
  require(c.governance.qf_rounds.empty() || c.models < 65535, "at most 65,534 models with QF rounds");
  require(c.contributors >= c.models && c.models > 0, "at least one model and one contributor per model");
  require(c.gini_every % c.window == 0, "gini_every must be whole windows");
  require(c.gpus.size() == c.gpu_names.size() && !c.gpus.empty(), "a GPU catalog");
  for (const ProviderGroup& g : c.providers) {
    require(g.gpu < c.gpus.size(), "provider group " + g.name + " names an unknown GPU type");
    require(g.count > 0 && g.gpus_per_provider > 0, "provider group " + g.name + " is empty");
  }
}

}  // namespace toksim::models
