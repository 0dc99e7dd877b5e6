// Evaluation of economic invariants over metric series (see invariant.hpp).
#include "toksim/models/scenario/invariant.hpp"

#include <fmt/format.h>

#include <cmath>
#include <deque>

#include "toksim/models/scenario/reader.hpp"

namespace toksim::models {

namespace {

std::string when(sim::Time t) { return t == sim::kNever ? std::string("the end") : sim::format_duration(t); }

std::string num(double x) {
  if (x == std::floor(x) && std::fabs(x) < 1e15) return fmt::format("{}", static_cast<long long>(x));
  if (x == 0.0 || (std::fabs(x) >= 1e-4 && std::fabs(x) < 1e15)) return fmt::format("{:.6g}", x);
  return fmt::format("{:.4e}", x);
}

std::string pct(double x) { return fmt::format("{:.2f}%", 100.0 * x); }

std::string span_text(const Invariant& inv) {
  std::string s;
  if (inv.from > 0) s += " from " + when(inv.from);
  if (inv.to != sim::kNever) s += " to " + when(inv.to);
  return s;
}

std::string bounds_text(const Invariant& inv) {
  std::string s;
  if (inv.at_least) s += " at least " + num(*inv.at_least);
  if (inv.at_least && inv.at_most) s += " and";
  if (inv.at_most) s += " at most " + num(*inv.at_most);
  return s;
}

/// Index of the last sample with t <= at and a measured value, or -1.
std::ptrdiff_t last_at(std::span<const sim::Time> t, std::span<const double> v, sim::Time at) {
  for (std::ptrdiff_t i = static_cast<std::ptrdiff_t>(t.size()) - 1; i >= 0; --i) {
    const auto u = static_cast<std::size_t>(i);
    if (t[u] <= at && !std::isnan(v[u])) return i;
  }
  return -1;
}

bool in_span(const Invariant& inv, sim::Time t) { return t >= inv.from && t <= inv.to; }

InvariantResult breach(const Invariant& inv, const std::string& what) { return {false, describe(inv) + ": " + what}; }

InvariantResult check_bounds(const Invariant& inv, double x, const std::string& label) {
  if (inv.at_least && x < *inv.at_least) {
    return breach(inv,
                  fmt::format("{} is {}, below {} by {}", label, num(x), num(*inv.at_least), num(*inv.at_least - x)));
  }
  if (inv.at_most && x > *inv.at_most) {
    return breach(inv,
                  fmt::format("{} is {}, above {} by {}", label, num(x), num(*inv.at_most), num(x - *inv.at_most)));
  }
  return {true, describe(inv) + ": " + label + " is " + num(x)};
}

}  // namespace

std::string describe(const Invariant& inv) {
  std::string rule;
  switch (inv.rule) {
    case Invariant::Rule::NeverBelow:
      rule = inv.metric + " never below " + num(inv.bound) + span_text(inv);
      break;
    case Invariant::Rule::NeverAbove:
      rule = inv.metric + " never above " + num(inv.bound) + span_text(inv);
      break;
    case Invariant::Rule::MaxDrawdown:
      rule = inv.metric + " drawdown at most " + pct(inv.bound) +
             (inv.over == sim::kNever ? " from its peak" : " over any " + when(inv.over)) + span_text(inv);
      break;
    case Invariant::Rule::MaxGrowthPerYear:
      rule = inv.metric + " growth per year at most " + pct(inv.bound) + span_text(inv);
      break;
    case Invariant::Rule::ValueAt:
      rule = inv.metric + " at " + when(inv.at) + bounds_text(inv);
      break;
    case Invariant::Rule::MinRunway:
      rule = inv.metric + " runway at least " + num(inv.bound) + " months (outflow over the trailing " +
             when(inv.over) + ")" + span_text(inv);
      break;
    case Invariant::Rule::Growth:
      rule = inv.metric + " growth from " + when(inv.from) + " to " + when(inv.to) + bounds_text(inv);
      break;
  }
  const std::string head = inv.path.empty() ? std::string() : inv.path + " ";
  return head + (inv.name.empty() ? rule : "'" + inv.name + "' (" + rule + ")");
}

InvariantResult evaluate(const Invariant& inv, std::span<const sim::Time> t, std::span<const double> v) {
  using Rule = Invariant::Rule;
  const std::size_t n = std::min(t.size(), v.size());
  switch (inv.rule) {
    case Rule::NeverBelow:
    case Rule::NeverAbove: {
      const bool below = inv.rule == Rule::NeverBelow;
      std::ptrdiff_t first = -1, worst = -1;
      std::size_t count = 0;
      for (std::size_t i = 0; i < n; ++i) {
        if (!in_span(inv, t[i]) || std::isnan(v[i])) continue;
        const bool bad = below ? v[i] < inv.bound : v[i] > inv.bound;
        if (!bad) continue;
        ++count;
        if (first < 0) first = static_cast<std::ptrdiff_t>(i);
        if (worst < 0 ||
            (below ? v[i] < v[static_cast<std::size_t>(worst)] : v[i] > v[static_cast<std::size_t>(worst)])) {
          worst = static_cast<std::ptrdiff_t>(i);
        }
      }
      if (first < 0) return {true, describe(inv)};
      const auto f = static_cast<std::size_t>(first), w = static_cast<std::size_t>(worst);
      const double gap = std::fabs(v[w] - inv.bound);
      return breach(inv,
                    fmt::format("first at {} ({}); worst {} at {}, {} the bound by {} ({}); {} sample(s) out of bounds",
                                when(t[f]), num(v[f]), num(v[w]), when(t[w]), below ? "under" : "over", num(gap),
                                inv.bound != 0.0 ? pct(gap / std::fabs(inv.bound)) : std::string("-"), count));
    }
    case Rule::MaxDrawdown: {
      std::deque<std::size_t> peaks;  // indices with decreasing values: the trailing window's maximum at the front
      double worst = 0.0;
      std::size_t worst_i = 0, worst_peak = 0;
      std::ptrdiff_t first = -1;
      for (std::size_t i = 0; i < n; ++i) {
        if (!in_span(inv, t[i]) || std::isnan(v[i])) continue;
        while (!peaks.empty() && v[peaks.back()] <= v[i]) peaks.pop_back();
        peaks.push_back(i);
        while (inv.over != sim::kNever && t[peaks.front()] < t[i] - inv.over) peaks.pop_front();
        const double peak = v[peaks.front()];
        if (!(peak > 0.0)) continue;
        const double dd = 1.0 - v[i] / peak;
        if (dd > inv.bound && first < 0) first = static_cast<std::ptrdiff_t>(i);
        if (dd > worst) {
          worst = dd;
          worst_i = i;
          worst_peak = peaks.front();
        }
      }
      if (first < 0) return {true, describe(inv) + ": worst " + pct(worst)};
      return breach(inv, fmt::format("first at {}; worst {} from {} at {} to {} at {}, over the bound by {} points",
                                     when(t[static_cast<std::size_t>(first)]), pct(worst), num(v[worst_peak]),
                                     when(t[worst_peak]), num(v[worst_i]), when(t[worst_i]),
                                     fmt::format("{:.2f}", 100.0 * (worst - inv.bound))));
    }
    case Rule::MaxGrowthPerYear:
    case Rule::MinRunway: {
      const bool growth = inv.rule == Rule::MaxGrowthPerYear;
      const sim::Time lag = growth ? sim::kYear : inv.over;
      double worst = growth ? -INFINITY : INFINITY;
      std::size_t worst_i = 0, worst_j = 0;
      std::ptrdiff_t first = -1;
      for (std::size_t i = 0; i < n; ++i) {
        if (!in_span(inv, t[i]) || std::isnan(v[i]) || t[i] - lag < inv.from) continue;
        const std::ptrdiff_t j = last_at(t.first(i), v.first(i), t[i] - lag);
        if (j < 0) continue;
        const auto u = static_cast<std::size_t>(j);
        double x;
        if (growth) {
          if (!(v[u] > 0.0)) continue;
          x = v[i] / v[u] - 1.0;
        } else {
          const double outflow_per_month = (v[u] - v[i]) / static_cast<double>(t[i] - t[u]) * sim::kMonth;
          if (!(outflow_per_month > 0.0)) continue;  // not spending: unlimited runway
          x = v[i] / outflow_per_month;
        }
        const bool bad = growth ? x > inv.bound : x < inv.bound;
        if (bad && first < 0) first = static_cast<std::ptrdiff_t>(i);
        if (growth ? x > worst : x < worst) {
          worst = x;
          worst_i = i;
          worst_j = u;
        }
      }
      if (first < 0) {
        if (std::isinf(worst)) return {true, describe(inv)};
        return {true, describe(inv) + ": worst " + (growth ? pct(worst) : num(worst) + " months")};
      }
      if (growth) {
        return breach(
            inv, fmt::format("first at {}; worst {} from {} at {} to {} at {}, over the bound by {} points",
                             when(t[static_cast<std::size_t>(first)]), pct(worst), num(v[worst_j]), when(t[worst_j]),
                             num(v[worst_i]), when(t[worst_i]), fmt::format("{:.2f}", 100.0 * (worst - inv.bound))));
      }
      return breach(
          inv, fmt::format("first at {}; shortest {} months at {} ({} left, {} spent since {}), short by {} months",
                           when(t[static_cast<std::size_t>(first)]), num(worst), when(t[worst_i]), num(v[worst_i]),
                           num(v[worst_j] - v[worst_i]), when(t[worst_j]), num(inv.bound - worst)));
    }
    case Rule::ValueAt: {
      const std::ptrdiff_t i = last_at(t.first(n), v.first(n), inv.at);
      if (i < 0) return breach(inv, "no measured value at or before " + when(inv.at));
      const auto u = static_cast<std::size_t>(i);
      return check_bounds(inv, v[u], "the value at " + sim::format_duration(t[u]));
    }
    case Rule::Growth: {
      // From: the last measured value at or before `from`, else the first one after it (samples are taken at
      // the end of each period, so a run has none at 0s).
      std::ptrdiff_t a = last_at(t.first(n), v.first(n), inv.from);
      for (std::size_t i = 0; a < 0 && i < n; ++i) {
        if (t[i] >= inv.from && !std::isnan(v[i])) a = static_cast<std::ptrdiff_t>(i);
      }
      const std::ptrdiff_t b = last_at(t.first(n), v.first(n), inv.to);
      if (a < 0 || b < 0) return breach(inv, "no measured value at " + when(a < 0 ? inv.from : inv.to));
      const double va = v[static_cast<std::size_t>(a)], vb = v[static_cast<std::size_t>(b)];
      if (!(va != 0.0)) return breach(inv, "the value at " + when(inv.from) + " is 0: growth is undefined");
      return check_bounds(inv, vb / va - 1.0, fmt::format("the growth ({} -> {})", num(va), num(vb)));
    }
  }
  return {true, describe(inv)};
}

}  // namespace toksim::models
