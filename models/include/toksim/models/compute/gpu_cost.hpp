// The GPU job-cost model: how long a training, prefill or decode job takes on n GPUs of one kind, how much
// energy it draws and what it costs its owner, from a roofline (compute vs memory bandwidth) plus
// communication and a fixed per-step overhead; and the GPU catalog (scenarios/gpu_catalog.yaml, read by
// scenario/gpu_catalog_reader.hpp) as plain structs.
// Every formula is GPU_FACTS.md §3 (shared/GPU_FACTS.md), cited by item number where it is used; the few
// pieces that are toksim's own modelling choices (bytes moved per training step, Megatron-style
// tensor-parallel traffic, the 10% memory reserve) say so. Activation memory follows Korthikanti et al. 2022,
// "Reducing Activation Recomputation in Large Transformer Models" (arXiv 2205.05198).
//
// The evaluated structs (GpuSpec, SiteCost, JobSpec, JobCost) hold only doubles and integers and the per-job
// core (detail::job_cost_core) is an inline TOKSIM_HD function, so a CUDA kernel can evaluate the same code
// on the same structs later. It uses std::ceil/std::floor only, which CUDA also provides in device code.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#ifndef TOKSIM_HD
#if defined(__CUDACC__)
#define TOKSIM_HD __host__ __device__
#else
#define TOKSIM_HD
#endif
#endif

namespace toksim::models {

/// Number formats a job can run in. The index (0..4) is the slot in GpuSpec::peak_flops / eta_compute.
/// BF16 stands for any 16-bit tensor format (FP16 on the T4, which has no BF16).
enum class Precision : std::uint8_t { FP32, TF32, BF16, FP8, INT8 };
inline constexpr int kPrecisions = 5;

/// Bytes per element p: FP32/TF32 4, BF16 2, FP8/INT8 1 (TF32 is stored as FP32).
TOKSIM_HD constexpr double bytes_per_element(Precision p) noexcept {
  return p == Precision::FP32 || p == Precision::TF32 ? 4.0 : p == Precision::BF16 ? 2.0 : 1.0;
}

/// One GPU kind, in SI units. Peaks are DENSE (no 2:4 sparsity), GPU_FACTS §1.
struct GpuSpec {
  double peak_flops[kPrecisions] = {};   ///< FLOP/s (OP/s for INT8) per Precision; 0 = unsupported
  double memory_bytes = 0;               ///< device memory, bytes
  double memory_bw = 0;                  ///< device memory bandwidth, B/s
  double interconnect_bw = 0;            ///< GPU-to-GPU bandwidth per GPU, B/s (NVLink/Infinity Fabric, else PCIe)
  double tdp_w = 0;                      ///< board power, W
  double eta_compute[kPrecisions] = {};  ///< achievable fraction of peak_flops (GPU_FACTS §1.2, §3)
  double eta_memory = 0.8;               ///< achievable fraction of memory_bw (GPU_FACTS §1.2: 80-90%)
  double eta_network = 0.7;              ///< achievable fraction of interconnect_bw [judgement]
  double step_overhead_s = 0;            ///< fixed time per step (launches, sync); GPU_FACTS §5.5 "measure it"
};

/// Where a job runs and who pays: power price, facility overhead, and the GPU's capital cost spread over the
/// hours it is busy (GPU_FACTS §3.10, §4.2). Defaults are GPU_FACTS §4.2's data-center figures.
struct SiteCost {
  double usd_per_kwh = 0.08;    ///< §4.2: data center 0.06-0.09 $/kWh (EIA industrial)
  double pue = 1.3;             ///< §4.2: new large facilities <= 1.3 (Uptime); home miner 1.0
  double hardware_usd = 0;      ///< purchase price per GPU; 0 = a sunk or rented GPU (power only)
  double life_years = 5;        ///< §4.2: analysts' base case 5 y (range 3-6)
  double utilization = 0.7;     ///< share of the life the GPU is busy (§4.2 worked example: 70%)
  double power_fraction = 0.8;  ///< average draw / TDP under load; §3.9: 0.6-1.0
};

enum class JobKind : std::uint8_t { Training, Prefill, Decode };

/// A job on `gpus` GPUs of one kind. Model shape: params N, layers L, d_model, KV heads and head dim (GQA).
struct JobSpec {
  JobKind kind = JobKind::Training;
  Precision precision = Precision::BF16;
  std::uint32_t gpus = 1;
  double params = 0;  ///< N
  double layers = 0;  ///< L
  double d_model = 0;
  double kv_heads = 0;
  double head_dim = 0;
  double batch = 0;        ///< sequences (Training: global batch per optimizer step)
  double seq_in = 0;       ///< prompt length, or the training sequence length
  double seq_out = 0;      ///< generated tokens per sequence (Decode)
  double tokens = 0;       ///< Training: total tokens D
  bool recompute = false;  ///< Training: full activation recomputation
};

/// What a job costs. time, energy and money are 0 when it cannot run (fits false); flops, bytes and
/// memory_per_gpu are filled whenever the job is well-formed, so a caller can say why it does not fit.
struct JobCost {
  bool fits = false;                ///< memory fits and the GPU supports the precision
  std::int64_t time_us = 0;         ///< wall time, rounded up (a job never takes less)
  std::int64_t energy_j = 0;        ///< at the wall socket (PUE included), rounded to nearest
  std::int64_t cost_micro_usd = 0;  ///< energy + capital, rounded to nearest
  double flops = 0;                 ///< hardware FLOPs, all GPUs together
  double bytes = 0;                 ///< device-memory traffic, all GPUs together
  double memory_per_gpu_bytes = 0;  ///< resident memory per GPU
};

/// Usable share of device memory: 10% is kept for the CUDA context, allocator fragmentation and workspace.
/// [judgement: no source in GPU_FACTS]
inline constexpr double kUsableMemory = 0.9;
/// Activation bytes per token per layer per d_model in 16-bit training without recomputation: the 34 of
/// Korthikanti et al. 2022 (arXiv 2205.05198) eq. (1), s·b·h·(34 + 5·a·s/h), without the 5·a·s/h term of the
/// attention scores (not stored when attention is fused, FlashAttention-style). Full recomputation keeps only
/// each layer's 16-bit input: 2 bytes.
inline constexpr double kActivationBytes = 34.0;
inline constexpr double kActivationBytesRecompute = 2.0;
/// Training state per parameter besides the p-byte weights and p-byte gradients: Adam's fp32 master copy and
/// its two fp32 moments, 3 x 4 = 12 bytes (ZeRO/FSDP accounting).
inline constexpr double kOptimizerBytes = 12.0;
/// Training memory traffic per parameter per step besides the 4p of weights (read forward and backward) and
/// gradients (written and read): the Adam update reads and writes fp32 master, m and v, 2 x 12 = 24 bytes.
/// toksim's model, not a sourced figure.
inline constexpr double kOptimizerTrafficBytes = 24.0;
/// Inference activation workspace per prompt token, in units of d_model·p: 4 [judgement].
inline constexpr double kInferenceActivationFactor = 4.0;

namespace detail {

TOKSIM_HD inline double hd_max(double a, double b) noexcept { return a > b ? a : b; }

/// A non-negative double to int64, rounded up or to nearest, saturating at INT64_MAX.
TOKSIM_HD inline std::int64_t to_i64(double x, bool round_up) noexcept {
  constexpr double kMax = 9.2233720368547758e18;  // 2^63
  if (!(x > 0)) return 0;
  const double r = round_up ? std::ceil(x) : std::floor(x + 0.5);
  if (!(r < kMax)) return std::numeric_limits<std::int64_t>::max();
  return static_cast<std::int64_t>(r);
}

TOKSIM_HD inline bool bad(double x) noexcept { return !(x >= 0) || !(x <= 1.0e300); }  // negative, NaN or inf

/// Energy (GPU_FACTS §3.9: t · P_avg · PUE, with P_avg = power_fraction · TDP per GPU) and owner's cost
/// (§3.10: power at usd_per_kwh plus capital hardware_usd / (life_years · 8760 h · utilization) per busy
/// GPU-hour; the `opex` term of §3.10 is not modelled) of `gpus` GPUs busy for `time_us`.
TOKSIM_HD inline void energy_and_cost(const GpuSpec& g, const SiteCost& s, double gpus, std::int64_t time_us,
                                      JobCost& out) noexcept {
  const double t = static_cast<double>(time_us) / 1e6;
  const double joules = t * gpus * g.tdp_w * s.power_fraction * s.pue;
  const double hours_of_life = s.life_years * 8760.0 * s.utilization;
  const double capex_per_gpu_h = hours_of_life > 0 ? s.hardware_usd / hours_of_life : 0.0;
  const double usd = joules / 3.6e6 * s.usd_per_kwh + t / 3600.0 * gpus * capex_per_gpu_h;
  out.energy_j = to_i64(joules, false);
  out.cost_micro_usd = to_i64(usd * 1e6, false);
}

/// The per-job model; job_cost() and job_cost_batch() both call it. See job_cost() for the formulas.
TOKSIM_HD inline JobCost job_cost_core(const GpuSpec& g, const SiteCost& site, const JobSpec& j) noexcept {
  JobCost out{};
  const int pi = static_cast<int>(j.precision);
  if (pi < 0 || pi >= kPrecisions || j.gpus == 0 || !(j.batch > 0) || bad(j.params) || bad(j.layers) ||
      bad(j.d_model) || bad(j.kv_heads) || bad(j.head_dim) || bad(j.batch) || bad(j.seq_in) || bad(j.seq_out) ||
      bad(j.tokens) || (j.kind == JobKind::Training && !(j.seq_in > 0))) {
    return out;  // malformed: nothing to say
  }
  const double n = static_cast<double>(j.gpus);
  const double p = bytes_per_element(j.precision);
  const double N = j.params, L = j.layers, d = j.d_model, b = j.batch;
  const double compute_rate = n * g.peak_flops[pi] * g.eta_compute[pi];  // FLOP/s, all GPUs
  const double mem_rate = g.memory_bw * g.eta_memory;                    // B/s, one GPU
  const double net_rate = g.interconnect_bw * g.eta_network;             // B/s, one GPU
  const double ring = 2.0 * (n - 1.0) / n;  // ring all-reduce: each GPU sends and receives 2(n-1)/n of the data
  // KV cache bytes per token (§3.5): K and V, per layer, per KV head, head_dim elements of p bytes.
  const double kv_tok = 2.0 * L * j.kv_heads * j.head_dim * p;

  double seconds = 0;
  if (j.kind == JobKind::Training) {
    // §3.1: 6N FLOPs per token (forward 2N, backward 4N); recomputation adds a forward pass: 8N (HFU).
    out.flops = (j.recompute ? 8.0 : 6.0) * N * j.tokens;
    const double steps = j.tokens / (b * j.seq_in);
    // toksim's model: per step each GPU moves its 1/n shard (ZeRO-3/FSDP) of: weights read forward and
    // backward and gradients written and read (4p), and the Adam update of fp32 master, m, v (24 B).
    const double bytes_step_gpu = N * (4.0 * p + kOptimizerTrafficBytes) / n;
    out.bytes = steps * bytes_step_gpu * n;
    // Memory: weights + gradients (2p) + Adam state (12 B) sharded over n; activations of the local
    // batch/n sequences (Korthikanti et al. 2022).
    const double act = (j.recompute ? kActivationBytesRecompute : kActivationBytes) * L * j.seq_in * (b / n) * d;
    out.memory_per_gpu_bytes = N * (2.0 * p + kOptimizerBytes) / n + act;
    if (compute_rate > 0 && mem_rate > 0) {
      // §3.4/§3.6 roofline over the whole job: the slower of compute and memory traffic.
      const double t_compute = out.flops / compute_rate;
      const double t_memory = steps * bytes_step_gpu / mem_rate;
      // Gradient all-reduce per step for n > 1, not overlapped with compute.
      const double t_comm = n > 1 ? steps * ring * N * p / net_rate : 0.0;
      seconds = hd_max(t_compute, t_memory) + t_comm + steps * g.step_overhead_s;
    }
  } else {
    // Inference memory: weights and the KV cache of every sequence at full length (§3.5), plus an activation
    // workspace (4 · d_model · p per prompt token, [judgement]), split over n tensor-parallel GPUs.
    out.memory_per_gpu_bytes =
        (N * p + b * (j.seq_in + j.seq_out) * kv_tok) / n + b * j.seq_in * d * p * kInferenceActivationFactor / n;
    // toksim's model of Megatron-style tensor parallelism: two all-reduces of the activations per layer.
    const double comm_per_token = n > 1 ? ring * d * p * 2.0 * L : 0.0;  // bytes per GPU per token processed
    if (j.kind == JobKind::Prefill) {
      // §3.3: 2N FLOPs per prompt token plus the attention term 2·L·s²·d per sequence.
      out.flops = 2.0 * N * b * j.seq_in + 2.0 * L * b * j.seq_in * j.seq_in * d;
      // Weights read once for the batch; the KV cache of every prompt token written once.
      out.bytes = N * p + b * j.seq_in * kv_tok;
      if (compute_rate > 0 && mem_rate > 0) {
        const double t_comm = n > 1 ? b * j.seq_in * comm_per_token / net_rate : 0.0;
        seconds = hd_max(out.flops / compute_rate, out.bytes / (n * mem_rate)) + t_comm + g.step_overhead_s;
      }
    } else {
      // §3.3/§3.4: each step generates one token per sequence: 2N·b FLOPs, and reads the weights once and
      // the KV cache of every sequence, at the average context seq_in + seq_out/2 over the generation.
      const double flops_step = 2.0 * N * b;
      const double bytes_step = N * p + b * (j.seq_in + j.seq_out / 2.0) * kv_tok;
      out.flops = j.seq_out * flops_step;
      out.bytes = j.seq_out * bytes_step;
      if (compute_rate > 0 && mem_rate > 0) {
        const double t_comm = n > 1 ? b * comm_per_token / net_rate : 0.0;
        const double t_step =
            hd_max(flops_step / compute_rate, bytes_step / (n * mem_rate)) + g.step_overhead_s + t_comm;
        seconds = j.seq_out * t_step;
      }
    }
  }
  const bool supported = compute_rate > 0 && mem_rate > 0 && (n == 1 || net_rate > 0);
  out.fits = supported && out.memory_per_gpu_bytes <= kUsableMemory * g.memory_bytes;
  if (!out.fits) return out;
  out.time_us = to_i64(seconds * 1e6, true);
  energy_and_cost(g, site, n, out.time_us, out);
  return out;
}

}  // namespace detail

/// The cost of one job on `job.gpus` GPUs of kind `gpu` at `site`. Let p = bytes_per_element(precision),
/// n = gpus, KV_tok = 2·L·kv_heads·head_dim·p (GPU_FACTS §3.5), η = the GPU's efficiencies.
///
/// Training (§3.1): FLOPs = (recompute ? 8 : 6)·N·D; steps = D / (batch·seq_in);
///   t = max(FLOPs / (n·peak·η_c), steps·N·(4p + 24)/n / (B_mem·η_m))       roofline, §3.4/§3.6
///     + steps · 2(n−1)/n·N·p / (B_net·η_net)                                gradient ring all-reduce, n > 1
///     + steps · step_overhead_s;
///   memory/GPU = N·(2p + 12)/n + (recompute ? 2 : 34)·L·seq_in·(batch/n)·d_model  (arXiv 2205.05198).
/// Prefill (§3.3): FLOPs = 2·N·batch·seq_in + 2·L·batch·seq_in²·d_model; bytes = N·p + batch·seq_in·KV_tok;
///   t = max(FLOPs/(n·peak·η_c), bytes/(n·B_mem·η_m)) + 2(n−1)/n·batch·seq_in·d_model·p·2L/(B_net·η_net)
///     + step_overhead_s.
/// Decode (§3.4), seq_out steps of: max(2·N·batch/(n·peak·η_c), (N·p + batch·(seq_in + seq_out/2)·KV_tok)/
///   (n·B_mem·η_m)) + step_overhead_s + 2(n−1)/n·batch·d_model·p·2L/(B_net·η_net).
/// Inference memory/GPU = (N·p + batch·(seq_in + seq_out)·KV_tok + 4·batch·seq_in·d_model·p) / n.
/// fits = the precision is supported (peak and η > 0) and memory/GPU <= 0.9 · memory_bytes.
/// Energy (§3.9) = t · n · tdp_w · power_fraction · pue; cost (§3.10) = kWh · usd_per_kwh
///   + t[h] · n · hardware_usd / (life_years · 8760 · utilization); both from the rounded-up time_us.
/// A malformed job (gpus 0, batch <= 0, a negative or non-finite number, Training with seq_in 0) returns
/// all zeros; an unfit or unsupported one returns fits = false, time/energy/cost 0, the rest filled.
JobCost job_cost(const GpuSpec& gpu, const SiteCost& site, const JobSpec& job) noexcept;

/// job_cost for many jobs: out[i] = job_cost(gpus[gpu_of_job[i]], site(i), jobs[i]) where site(i) is
/// site_of_job_or_one[i], or site_of_job_or_one[0] when it holds one site. Bit-identical to job_cost.
/// @throws ConfigError when the spans' sizes disagree or a gpu_of_job index is out of range (nothing is
///         written then).
void job_cost_batch(std::span<const JobSpec> jobs, std::span<const std::uint16_t> gpu_of_job,
                    std::span<const GpuSpec> gpus, std::span<const SiteCost> site_of_job_or_one,
                    std::span<JobCost> out);

/// The GPU kinds a scenario knows: scenarios/gpu_catalog.yaml plus any catalogs the user adds. Parallel
/// vectors, one entry per GPU in file order.
struct GpuCatalog {
  std::vector<std::string> keys;   ///< "h100_sxm"
  std::vector<std::string> names;  ///< "NVIDIA H100 SXM5 80GB"
  std::vector<GpuSpec> specs;
  std::vector<double> price_usd;  ///< purchase price per GPU; NaN where the catalog gives none
  std::vector<std::vector<std::string>> sources;
  /// How many efficiency values (eta_*, step_overhead_s) of each GPU were measured (`measured: true`).
  std::vector<int> measured_values;

  std::size_t size() const noexcept { return keys.size(); }
  /// The index of `key`, or -1.
  int find(std::string_view key) const;
};

}  // namespace toksim::models
