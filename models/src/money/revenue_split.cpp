// Validation and layout of a revenue split; the split itself is a template in the header.
#include "toksim/models/money/revenue_split.hpp"

#include <string>
#include <unordered_set>
#include <utility>

namespace toksim::models {

RevenueSplit::RevenueSplit(const std::vector<SplitRecipient>& recipients, const std::vector<SplitClass>& classes,
                           std::string sink) {
  if (sink.empty()) throw ConfigError("revenue_split: expected a non-empty sink id, found \"\"");
  std::unordered_set<std::string> seen;
  const auto add_id = [&](const std::string& id, const std::string& where) {
    if (id.empty()) throw ConfigError("revenue_split: expected a non-empty recipient id in " + where + ", found \"\"");
    if (!seen.insert(id).second) {
      throw ConfigError("revenue_split: expected unique recipient ids, found \"" + id + "\" twice (in " + where + ")");
    }
    ids_.push_back(id);
  };
  i128 ppm_sum = 0;
  for (const SplitRecipient& r : recipients) {
    add_id(r.id, "the named recipients");
    named_ppm_.push_back(r.share);
    weights_.push_back(0);
    ppm_sum += r.share.raw();
  }
  std::unordered_set<std::string> class_ids;
  for (const SplitClass& c : classes) {
    if (c.id.empty()) throw ConfigError("revenue_split: expected a non-empty class id, found \"\"");
    if (!class_ids.insert(c.id).second) {
      throw ConfigError("revenue_split: expected unique class ids, found \"" + c.id + "\" twice");
    }
    ClassPlan plan{c.share.raw(), ids_.size(), c.members.size(), 0};
    for (const SplitMember& m : c.members) {
      if (m.weight < 0) {
        throw ConfigError("revenue_split: expected a weight >= 0 for \"" + m.id + "\" in class \"" + c.id +
                          "\", found " + std::to_string(m.weight));
      }
      add_id(m.id, "class \"" + c.id + "\"");
      weights_.push_back(m.weight);
      plan.total_weight += m.weight;
    }
    classes_.push_back(plan);
    ppm_sum += c.share.raw();
  }
  if (ppm_sum != Ppm::kWhole) {
    throw ConfigError("revenue_split: expected top-level shares (recipients and classes) summing to exactly " +
                      std::to_string(Ppm::kWhole) + " ppm, found " + std::to_string(static_cast<long long>(ppm_sum)));
  }
  sink_ = ids_.size();
  for (std::size_t i = 0; i < ids_.size(); ++i) {
    if (ids_[i] == sink) sink_ = i;
  }
  if (sink_ == ids_.size()) {
    ids_.push_back(std::move(sink));
    weights_.push_back(0);
    sink_only_ = true;
  }
}

void RevenueSplit::check_call(std::int64_t amount, std::size_t out_size) const {
  if (amount < 0) {
    throw MoneyError("revenue_split: expected an amount >= 0, found " + std::to_string(amount));
  }
  if (out_size != ids_.size()) {
    throw ConfigError("revenue_split: expected an output of " + std::to_string(ids_.size()) + " parts, found " +
                      std::to_string(out_size));
  }
}

}  // namespace toksim::models
