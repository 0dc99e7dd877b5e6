// Recorded metric samples (see metric.hpp).
#include "toksim/models/scenario/metric.hpp"

#include "toksim/sim/error.hpp"

namespace toksim::models {

MetricRecord::MetricRecord(std::vector<MetricInfo> catalog) : catalog_(std::move(catalog)) {
  for (const MetricInfo& m : catalog_) {
    if (m.integer) {
      slot_.push_back(ints_.size());
      ints_.emplace_back();
    } else {
      slot_.push_back(reals_.size());
      reals_.emplace_back();
    }
  }
}

int MetricRecord::find(std::string_view name) const noexcept {
  for (std::size_t i = 0; i < catalog_.size(); ++i) {
    if (catalog_[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

std::span<const std::int64_t> MetricRecord::ints(std::size_t metric) const {
  if (!catalog_.at(metric).integer) throw Error("metric " + catalog_[metric].name + " is not an integer metric");
  return ints_[slot_[metric]];
}

std::span<const double> MetricRecord::reals(std::size_t metric) const {
  if (catalog_.at(metric).integer) throw Error("metric " + catalog_[metric].name + " is an integer metric");
  return reals_[slot_[metric]];
}

std::vector<double> MetricRecord::values(std::size_t metric) const {
  const MetricInfo& m = catalog_.at(metric);
  std::vector<double> out(time_.size());
  if (m.integer) {
    const auto& col = ints_[slot_[metric]];
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<double>(col[i]) * m.scale;
  } else {
    const auto& col = reals_[slot_[metric]];
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = col[i] * m.scale;
  }
  return out;
}

void MetricRecord::reserve(std::size_t samples) {
  time_.reserve(samples);
  for (auto& c : ints_) c.reserve(samples);
  for (auto& c : reals_) c.reserve(samples);
}

void MetricRecord::append(sim::Time t, std::span<const std::int64_t> ints, std::span<const double> reals) {
  if (ints.size() != ints_.size() || reals.size() != reals_.size()) throw Error("metric row of the wrong width");
  time_.push_back(t);
  for (std::size_t i = 0; i < ints.size(); ++i) ints_[i].push_back(ints[i]);
  for (std::size_t i = 0; i < reals.size(); ++i) reals_[i].push_back(reals[i]);
}

void MetricRecord::row(std::size_t i, std::vector<std::int64_t>& ints, std::vector<double>& reals) const {
  ints.resize(ints_.size());
  reals.resize(reals_.size());
  for (std::size_t k = 0; k < ints_.size(); ++k) ints[k] = ints_[k].at(i);
  for (std::size_t k = 0; k < reals_.size(); ++k) reals[k] = reals_[k].at(i);
}

void MetricRecord::set_last_real(std::size_t metric, double value) {
  if (catalog_.at(metric).integer || time_.empty()) throw Error("set_last_real on an integer metric or no sample");
  reals_[slot_[metric]].back() = value;
}

}  // namespace toksim::models
