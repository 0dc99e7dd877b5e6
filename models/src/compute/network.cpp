// The compute network as the engine sees it: the market's events dispatched to their handlers, and what the run
// exposes.
#include "state.hpp"

namespace toksim::models {

using namespace compute_detail;

void ComputeNetwork::on_global_event(sim::GlobalContext& ctx, const sim::Event& e) {
  State& s = *s_;
  const sim::Population& pop = ctx.partition().population();
  switch (e.kind) {
    case kTick:
      s.on_tick(ctx, e.t);
      break;
    case kComplete:
      s.on_complete(ctx, static_cast<std::uint32_t>(e.payload));
      break;
    case kJoin:
      s.on_join(ctx, e.source - pop.offset(kProvider));
      break;
    case kLeave:
      s.on_leave(ctx, e.source - pop.offset(kProvider));
      break;
    case kOutage:
      s.on_outage(ctx, e.source - pop.offset(kProvider), static_cast<sim::Time>(e.payload));
      break;
    case kVest:
      s.on_vest(ctx, e.t);
      break;
    case kRelease:
      s.on_release(ctx, static_cast<std::uint32_t>(e.payload));
      break;
    case kPropose:
      s.on_propose(ctx, e.payload);
      break;
    case kSnapshot:
      s.on_snapshot(ctx, e.payload);
      break;
    case kVoteStart:
      s.on_vote_start(ctx, e.payload);
      break;
    case kVote:
      s.on_vote(ctx, e);
      break;
    case kVoteEnd:
      s.on_vote_end(ctx, e.payload);
      break;
    case kExecute:
      s.on_execute(ctx, e.payload);
      break;
    case kAirdrop:
      s.on_airdrop(ctx, e.payload);
      break;
    case kAirdropEnd:
      s.on_airdrop_end(e.payload);
      break;
    case kQfStart:
      s.on_qf_start(ctx, e.payload);
      break;
    case kDonation:
      s.on_donation(ctx, e);
      break;
    case kQfEnd:
      s.on_qf_end(e.payload);
      break;
    case kRequest:
      s.on_request(ctx, e.payload);
      break;
    case kStake:
      s.on_stake(ctx, e);
      break;
    case kPollStart:
      s.on_poll_start(ctx, e.payload);
      break;
    case kPollVote:
      s.on_poll_vote(ctx, e);
      break;
    case kPollEnd:
      s.on_poll_end(ctx, e.payload);
      break;
    default:
      Model::on_global_event(ctx, e);
  }
}

sim::Observer& ComputeNetwork::observer() { return *s_; }
const std::vector<ComputeSample>& ComputeNetwork::samples() const noexcept { return s_->samples; }
const Ledger& ComputeNetwork::ledger() const noexcept { return s_->ledger; }
const sim::Table<ProviderColumns>& ComputeNetwork::providers() const noexcept { return s_->prov; }
const sim::Table<ContributorColumns>& ComputeNetwork::contributors() const noexcept { return s_->contrib; }
const JobCost& ComputeNetwork::unit_cost(std::size_t job_class, std::size_t gpu) const {
  return s_->unit.at(job_class).at(gpu);
}
std::vector<ProposalRecord> ComputeNetwork::proposals() const { return s_->records; }
std::vector<AirdropRecord> ComputeNetwork::airdrops() const { return s_->drops; }
std::vector<QfRecord> ComputeNetwork::qf_rounds() const { return s_->qfs; }
std::vector<Transition> ComputeNetwork::transitions() const {
  if (!s_->gov) return {};
  s_->gov->observe(s_->gov->clock());  // time-driven changes already due
  return s_->gov->history();
}

const std::vector<ConvictionSample>& ComputeNetwork::conviction_history() const noexcept { return s_->conv_history; }
std::vector<PollRecord> ComputeNetwork::polls() const { return s_->poll_records; }

}  // namespace toksim::models
