// The GPU job-cost model (see gpu_cost.hpp).
#include "toksim/models/compute/gpu_cost.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "toksim/sim/error.hpp"

namespace toksim::models {

JobCost job_cost(const GpuSpec& gpu, const SiteCost& site, const JobSpec& job) noexcept {
  return detail::job_cost_core(gpu, site, job);
}

void job_cost_batch(std::span<const JobSpec> jobs, std::span<const std::uint16_t> gpu_of_job,
                    std::span<const GpuSpec> gpus, std::span<const SiteCost> site_of_job_or_one,
                    std::span<JobCost> out) {
  if (gpu_of_job.size() != jobs.size() || out.size() != jobs.size()) {
    throw ConfigError(fmt::format("job_cost_batch: expected gpu_of_job and out of the jobs' size {}, got {} and {}",
                                  jobs.size(), gpu_of_job.size(), out.size()));
  }
  const bool one_site = site_of_job_or_one.size() == 1;
  if (!one_site && site_of_job_or_one.size() != jobs.size()) {
    throw ConfigError(fmt::format("job_cost_batch: expected 1 site or one per job ({}), got {}", jobs.size(),
                                  site_of_job_or_one.size()));
  }
  for (std::size_t i = 0; i < gpu_of_job.size(); ++i) {
    if (gpu_of_job[i] >= gpus.size()) {
      throw ConfigError(fmt::format("job_cost_batch: job {} names GPU {}, but there are {} GPU kinds", i, gpu_of_job[i],
                                    gpus.size()));
    }
  }
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    out[i] = detail::job_cost_core(gpus[gpu_of_job[i]], site_of_job_or_one[one_site ? 0 : i], jobs[i]);
  }
}

int GpuCatalog::find(std::string_view key) const {
  const auto it = std::find(keys.begin(), keys.end(), key);
  return it == keys.end() ? -1 : static_cast<int>(it - keys.begin());
}

}  // namespace toksim::models
