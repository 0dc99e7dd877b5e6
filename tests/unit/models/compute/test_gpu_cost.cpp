// Pins the GPU job-cost model on hand-derived worked examples: memory-bound decode (Llama-2-70B on H100s,
// the GPU_FACTS §3.4 bandwidth argument), a job that does not fit (70B on an L4), compute-bound training with
// and without activation recomputation and its gradient all-reduce, compute-bound prefill with tensor
// parallelism, the decode batch crossover at the roofline ridge (§1.1), energy and owner's cost (§3.9,
// §3.10), an unsupported precision, malformed jobs, batch evaluation bit-identical to scalar evaluation on
// 1000 random jobs, and the catalog: scenarios/gpu_catalog.yaml's 13 GPUs and their numbers, user catalogs
// (measured provenance, extends, duplicate keys) and file:line:col errors. Leaves out a CUDA build of the
// core (no GPU code yet) and any comparison with measured job times (toksim calibrate's job).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

#include "../../../support/temp_dir.hpp"
#include "toksim/models/compute/gpu_cost.hpp"
#include "toksim/models/scenario/diagnostic.hpp"
#include "toksim/models/scenario/gpu_catalog_reader.hpp"

using namespace toksim;
using namespace toksim::models;

namespace {

constexpr int kBf16 = static_cast<int>(Precision::BF16);
constexpr int kFp8 = static_cast<int>(Precision::FP8);

/// H100 SXM as in scenarios/gpu_catalog.yaml (GPU_FACTS §1, §1.2): 989.4 / 1978.9 dense TFLOP/s, 80 GB,
/// 3,350 GB/s, NVLink 900 GB/s, 700 W; eta BF16 0.803, FP8 0.709 (MAMF), memory 0.8, network 0.7.
GpuSpec h100() {
  GpuSpec g;
  g.peak_flops[0] = 67e12;
  g.peak_flops[1] = 494.5e12;
  g.peak_flops[2] = 989.4e12;
  g.peak_flops[3] = 1978.9e12;
  g.peak_flops[4] = 1978.9e12;
  for (double& e : g.eta_compute) e = 0.8;
  g.eta_compute[kBf16] = 0.803;
  g.eta_compute[kFp8] = 0.709;
  g.memory_bytes = 80e9;
  g.memory_bw = 3350e9;
  g.interconnect_bw = 900e9;
  g.tdp_w = 700;
  g.eta_memory = 0.8;
  g.eta_network = 0.7;
  return g;
}

/// L4 (GPU_FACTS §1): 121 BF16 TFLOP/s, 24 GB, 300 GB/s, PCIe Gen4 x16 32 GB/s, 72 W.
GpuSpec l4() {
  GpuSpec g;
  g.peak_flops[kBf16] = 121e12;
  g.eta_compute[kBf16] = 0.8;
  g.memory_bytes = 24e9;
  g.memory_bw = 300e9;
  g.interconnect_bw = 32e9;
  g.tdp_w = 72;
  return g;
}

/// A100 80GB SXM (GPU_FACTS §1): no FP8.
GpuSpec a100() {
  GpuSpec g;
  g.peak_flops[0] = 19.5e12;
  g.peak_flops[1] = 156e12;
  g.peak_flops[2] = 312e12;
  g.peak_flops[4] = 624e12;
  for (int i : {0, 1, 2, 4}) g.eta_compute[i] = 0.8;
  g.eta_compute[kBf16] = 0.869;
  g.memory_bytes = 80e9;
  g.memory_bw = 2039e9;
  g.interconnect_bw = 600e9;
  g.tdp_w = 400;
  return g;
}

/// Llama-2-70B: N = 70e9, L = 80, d_model 8192, GQA 8 KV heads x 128. KV per token at BF16 (§3.5):
/// 2·80·8·128·2 = 327,680 B = 320 KiB, as GPU_FACTS works out.
JobSpec llama2_70b(JobKind kind) {
  JobSpec j;
  j.kind = kind;
  j.precision = Precision::BF16;
  j.params = 70e9;
  j.layers = 80;
  j.d_model = 8192;
  j.kv_heads = 8;
  j.head_dim = 128;
  return j;
}

/// Llama-3-8B: N = 8e9, L = 32, d_model 4096, 8 KV heads x 128: KV 2·32·8·128·2 = 131,072 B/token (§3.5).
JobSpec llama3_8b(JobKind kind) {
  JobSpec j = llama2_70b(kind);
  j.params = 8e9;
  j.layers = 32;
  j.d_model = 4096;
  return j;
}

using toksim::test::message_of;

struct TempDir : toksim::test::TempDir {
  TempDir() : toksim::test::TempDir("gpu_cost") {}
};

std::filesystem::path catalog_path() { return std::filesystem::path(TOKSIM_SOURCE_DIR) / "scenarios/gpu_catalog.yaml"; }

/// A user GPU in catalog form, with `extra` lines appended to its map (4-space indented).
std::string user_gpu(const std::string& key, const std::string& extra = "") {
  return "gpus:\n"
         "  " +
         key +
         ":\n"
         "    name: My GPU\n"
         "    peak_tflops: {bf16: 100}\n"
         "    memory_gb: 24\n"
         "    memory_bw_gbs: 1000\n"
         "    interconnect_gbs: 32\n"
         "    tdp_w: 300\n"
         "    sources: [\"my datasheet\"]\n"
         "    efficiency:\n"
         "      eta_compute: {bf16: 0.75}\n"
         "      eta_memory: 0.8\n"
         "      eta_network: 0.7\n" +
         extra;
}

bool same_bits(const JobCost& a, const JobCost& b) {
  return a.fits == b.fits && a.time_us == b.time_us && a.energy_j == b.energy_j &&
         a.cost_micro_usd == b.cost_micro_usd && std::memcmp(&a.flops, &b.flops, sizeof(double)) == 0 &&
         std::memcmp(&a.bytes, &b.bytes, sizeof(double)) == 0 &&
         std::memcmp(&a.memory_per_gpu_bytes, &b.memory_per_gpu_bytes, sizeof(double)) == 0;
}

}  // namespace

TEST_CASE("models::gpu_cost: Llama-2-70B decode at batch 1 is memory-bound (GPU_FACTS §3.4)", "[models][gpu_cost]") {
  // seq_in 512, seq_out 1024: average context s_avg = 512 + 1024/2 = 1024 tokens.
  // Bytes per step = N·p + b·s_avg·KV_tok = 70e9·2 + 1·1024·327,680 = 140e9 + 335,544,320 = 140,335,544,320.
  // Memory time per step on one H100 = 140,335,544,320 / (3350e9·0.8 = 2.68e12) = 52.364 ms.
  // Compute time per step = 2·70e9·1 / (989.4e12·0.803) = 1.4e11 / 7.945e14 = 0.176 ms: memory-bound.
  JobSpec j = llama2_70b(JobKind::Decode);
  j.batch = 1;
  j.seq_in = 512;
  j.seq_out = 1024;

  // On one real H100 it does not fit: memory = N·p + b·(512 + 1024)·KV_tok + 4·b·512·8192·2
  // = 140e9 + 503,316,480 + 33,554,432 = 140,536,870,912 B > 0.9·80e9 = 72e9.
  const JobCost one = job_cost(h100(), SiteCost{}, j);
  CHECK_FALSE(one.fits);
  CHECK(one.memory_per_gpu_bytes == Approx(140'536'870'912.0).epsilon(1e-12));
  CHECK(one.time_us == 0);
  CHECK(one.cost_micro_usd == 0);

  // The §3.4 arithmetic itself, on an H100 with room for it: 1024 steps x 52.364 ms = 53.6207 s,
  // i.e. 53,620,746 us (1024 · 140,335,544,320 / 2.68e12 = 53.62074529 s, rounded up).
  GpuSpec big = h100();
  big.memory_bytes = 200e9;
  const JobCost c = job_cost(big, SiteCost{}, j);
  REQUIRE(c.fits);
  CHECK(c.time_us == Approx(53'620'746).margin(1));
  CHECK(static_cast<double>(c.time_us) / 1e6 / 1024 == Approx(0.052364).epsilon(1e-4));  // s per token
  CHECK(c.flops == Approx(1024 * 1.4e11).epsilon(1e-12));
  CHECK(c.bytes == Approx(1024 * 140'335'544'320.0).epsilon(1e-12));
  // GPU_FACTS §3.4: at b = 1, tokens/s ≈ η_m·B / W_bytes = 2.68e12 / 140e9 = 19.1 tokens/s (KV adds 0.24%).
  CHECK(1024.0 / (static_cast<double>(c.time_us) / 1e6) == Approx(2.68e12 / 140e9).epsilon(0.003));

  // Two H100s, tensor-parallel: each reads half the bytes, 26.182 ms per step, plus two all-reduces per layer
  // of the token's activations: 2·(2−1)/2 · 1·8192·2·2·80 = 2,621,440 B / (900e9·0.7 = 630e9) = 4.161 us.
  // Total = 1024 · (140,335,544,320 / (2·2.68e12) + 2,621,440 / 630e9) = 1024 · 0.026186165 s = 26.81463 s.
  j.gpus = 2;
  const JobCost two = job_cost(h100(), SiteCost{}, j);
  REQUIRE(two.fits);  // 140,536,870,912 / 2 = 70.27e9 <= 72e9
  CHECK(two.time_us == Approx(1024 * (140'335'544'320.0 / 5.36e12 + 2'621'440.0 / 630e9) * 1e6).margin(1));
  CHECK(two.flops == c.flops);  // totals over all GPUs do not change with n
}

TEST_CASE("models::gpu_cost: a 70B model does not fit on an L4", "[models][gpu_cost]") {
  // Weights alone: 70e9·2 = 140e9 B against 0.9·24e9 = 21.6e9 usable.
  JobSpec j = llama2_70b(JobKind::Decode);
  j.batch = 1;
  j.seq_in = 512;
  j.seq_out = 128;
  const JobCost c = job_cost(l4(), SiteCost{}, j);
  CHECK_FALSE(c.fits);
  CHECK(c.time_us == 0);
  CHECK(c.energy_j == 0);
  CHECK(c.cost_micro_usd == 0);
  CHECK(c.memory_per_gpu_bytes > 140e9);
  CHECK(c.flops == Approx(128 * 2 * 70e9));  // still filled: the caller can say why
}

TEST_CASE("models::gpu_cost: 7B training on 1T tokens on 64 H100s is compute-bound", "[models][gpu_cost]") {
  // 7B model shape: L = 32, d_model 4096. BF16 (p = 2), eta_c 0.4 (an MFU-like end-to-end value).
  GpuSpec g = h100();
  g.eta_compute[kBf16] = 0.4;
  JobSpec j = llama3_8b(JobKind::Training);
  j.params = 7e9;
  j.tokens = 1e12;
  j.gpus = 64;
  j.seq_in = 4096;

  // 6·N·D / (n·peak·eta_c) = 6·7e9·1e12 / (64·989.4e12·0.4) = 4.2e22 / 2.532864e16 = 1,658,201.94 s
  // = 19.19 days (the brief's "18.4 days" was an arithmetic slip).
  const double rate = 64 * 989.4e12 * 0.4;
  const double t6 = 6 * 7e9 * 1e12 / rate;
  CHECK(t6 / 86400 == Approx(19.19).epsilon(1e-3));

  SECTION("batch 1024 x 4096 without recomputation does not fit") {
    // Memory/GPU = N·(2p + 12)/n + 34·L·s·(b/n)·d = 7e9·16/64 + 34·32·4096·16·4096
    //            = 1.75e9 + 292,057,776,128 = 293,807,776,128 B > 72e9.
    j.batch = 1024;
    const JobCost c = job_cost(g, SiteCost{}, j);
    CHECK_FALSE(c.fits);
    CHECK(c.memory_per_gpu_bytes == Approx(293'807'776'128.0).epsilon(1e-12));
  }
  SECTION("with full recomputation it fits and costs 8ND") {
    // Memory/GPU = 1.75e9 + 2·32·4096·16·4096 = 1.75e9 + 17,179,869,184 = 18,929,869,184 B.
    // Compute = 8·N·D / rate = 5.6e22 / 2.532864e16 = 2,210,935.92 s (25.59 days).
    // Steps = 1e12 / (1024·4096) = 238,418.579. Memory time = steps · 7e9·(4·2 + 24)/64 / 2.68e12
    //   = 238,418.579 · 3.5e9 / 2.68e12 = 311.4 s < compute. All-reduce per step = 2·63/64·7e9·2 / 630e9
    //   = 27.5625e9 / 630e9 = 0.04375 s; · steps = 10,430.81 s. Total 2,221,366.73 s, within 0.5% of 8ND.
    j.batch = 1024;
    j.recompute = true;
    const JobCost c = job_cost(g, SiteCost{}, j);
    REQUIRE(c.fits);
    CHECK(c.memory_per_gpu_bytes == Approx(18'929'869'184.0).epsilon(1e-12));
    CHECK(c.flops == Approx(5.6e22).epsilon(1e-12));
    const double t = static_cast<double>(c.time_us) / 1e6;
    CHECK(t == Approx(8 * 7e9 * 1e12 / rate).epsilon(0.01));
    CHECK(t == Approx(2'221'366.73).epsilon(1e-8));
    CHECK(c.bytes == Approx(238'418.5791015625 * 7e9 * 32).epsilon(1e-12));
  }
  SECTION("batch 64 x 4096 fits without recomputation but all-reduces 16x as often") {
    // Memory/GPU = 1.75e9 + 34·32·4096·1·4096 = 1.75e9 + 18,253,611,008 = 20,003,611,008 B.
    // Steps = 1e12 / (64·4096) = 3,814,697.266; all-reduce 0.04375 s each = 166,892.99 s.
    // Total = 1,658,201.94 + 166,892.99 = 1,825,094.93 s (memory time 4,981.9 s stays under compute).
    j.batch = 64;
    const JobCost c = job_cost(g, SiteCost{}, j);
    REQUIRE(c.fits);
    CHECK(c.memory_per_gpu_bytes == Approx(20'003'611'008.0).epsilon(1e-12));
    CHECK(static_cast<double>(c.time_us) / 1e6 == Approx(t6 + 3'814'697.265625 * 0.04375).epsilon(1e-9));
  }
}

TEST_CASE("models::gpu_cost: prefill is compute-bound, with tensor-parallel traffic on two GPUs",
          "[models][gpu_cost]") {
  // Llama-3-8B, batch 1, prompt 2048, one H100.
  // FLOPs = 2·N·b·s + 2·L·b·s²·d = 2·8e9·2048 + 2·32·2048²·4096 = 32,768,000,000,000 + 1,099,511,627,776
  //       = 33,867,511,627,776. Bytes = N·p + b·s·KV_tok = 16e9 + 2048·131,072 = 16,268,435,456.
  // Compute time = 33,867,511,627,776 / (989.4e12·0.803) = 42.628 ms; memory 16.27e9 / 2.68e12 = 6.07 ms.
  JobSpec j = llama3_8b(JobKind::Prefill);
  j.batch = 1;
  j.seq_in = 2048;
  const JobCost c = job_cost(h100(), SiteCost{}, j);
  REQUIRE(c.fits);
  CHECK(c.flops == 33'867'511'627'776.0);
  CHECK(c.bytes == 16'268'435'456.0);
  CHECK(c.time_us == Approx(42'628.09).margin(1));

  // Two GPUs: compute halves (21.314 ms) and each GPU all-reduces 2·1/2 · 2048·4096·2·2·32
  // = 1,073,741,824 B per prefill / 630e9 = 1.7043 ms. Total 23.018 ms.
  j.gpus = 2;
  const JobCost c2 = job_cost(h100(), SiteCost{}, j);
  REQUIRE(c2.fits);
  CHECK(c2.time_us ==
        Approx((33'867'511'627'776.0 / (2 * 989.4e12 * 0.803) + 1'073'741'824.0 / 630e9) * 1e6).margin(1));
}

TEST_CASE("models::gpu_cost: decode throughput doubles with batch below the ridge, not above", "[models][gpu_cost]") {
  // Llama-3-8B on one H100, prompt 64, 64 generated (s_avg = 96), one step per token.
  // b = 1: bytes 16e9 + 96·131,072 = 16,012,582,912 -> 5.9748 ms (compute 0.020 ms): 167.37 tokens/s.
  // b = 2: 16,025,165,824 B -> 5.9795 ms: 334.47 tokens/s, 1.9984x.
  // b = 1024: compute 2·8e9·1024 / 7.9449e14 = 20.622 ms > memory (16e9 + 1024·96·131,072) / 2.68e12
  //   = 10.778 ms: 49,655.5 tokens/s. b = 2048: compute 41.244 ms > memory 15.586 ms: 49,655.5 tokens/s, 1.0x.
  // (b = 2048 still fits: 16e9 + 2048·128·131,072 + 4·2048·64·4096·2 = 54.65e9 <= 72e9.)
  auto tokens_per_s = [](double b) {
    JobSpec j = llama3_8b(JobKind::Decode);
    j.batch = b;
    j.seq_in = 64;
    j.seq_out = 64;
    const JobCost c = job_cost(h100(), SiteCost{}, j);
    REQUIRE(c.fits);
    return b * 64 / (static_cast<double>(c.time_us) / 1e6);
  };
  CHECK(tokens_per_s(1) == Approx(167.37).epsilon(1e-3));
  CHECK(tokens_per_s(2) / tokens_per_s(1) == Approx(1.9984).epsilon(1e-3));
  CHECK(tokens_per_s(2048) / tokens_per_s(1024) == Approx(1.0).epsilon(1e-3));
  CHECK(tokens_per_s(1024) == Approx(49'655.5).epsilon(1e-3));
}

TEST_CASE("models::gpu_cost: the decode crossover batch is the roofline ridge (GPU_FACTS §1.1)", "[models][gpu_cost]") {
  // Without a KV cache, a BF16 decode step does 2·N·b FLOPs on 2·N bytes: intensity b FLOP/byte. With equal
  // efficiencies it turns compute-bound at b = peak / bandwidth = 989.4e12 / 3350e9 = 295.3, §1.1's 295.
  GpuSpec g = h100();
  g.eta_compute[kBf16] = 0.8;  // = eta_memory
  auto step_s = [&](double b) {
    JobSpec j = llama3_8b(JobKind::Decode);
    j.kv_heads = 0;
    j.batch = b;
    j.seq_in = 1;
    j.seq_out = 1;
    return static_cast<double>(job_cost(g, SiteCost{}, j).time_us) / 1e6;
  };
  const double memory_s = 16e9 / (3350e9 * 0.8);  // 5.970 ms whatever the batch
  CHECK(step_s(1) == Approx(memory_s).margin(1e-6));
  CHECK(step_s(290) == Approx(memory_s).margin(1e-6));                          // 5.862 ms of compute: hidden
  CHECK(step_s(300) == Approx(2 * 8e9 * 300 / (989.4e12 * 0.8)).margin(1e-6));  // 6.064 ms: compute-bound
  CHECK(step_s(300) > memory_s);
}

TEST_CASE("models::gpu_cost: energy and owner's cost on a hand example (GPU_FACTS §3.9, §3.10)", "[models][gpu_cost]") {
  // A job of exactly 3600 s: an empty prefill (N = 0, L = 0) whose one step costs step_overhead_s = 3600.
  GpuSpec g = h100();
  g.step_overhead_s = 3600;
  JobSpec j;
  j.kind = JobKind::Prefill;
  j.batch = 1;
  j.seq_in = 1;
  SiteCost site;  // $0.08/kWh, PUE 1.3, 5 years at 70%, power_fraction 0.8
  site.hardware_usd = 27500;
  // Energy = 3600 s · 700 W · 0.8 · 1.3 = 2,620,800 J = 0.728 kWh -> $0.05824.
  // Capital = 27,500 / (5·8760·0.7 = 30,660 h) = $0.896934 per GPU-hour.
  // Total = 0.05824 + 0.896934116 = $0.955174116 -> 955,174 micro-USD.
  const JobCost c = job_cost(g, site, j);
  REQUIRE(c.fits);
  CHECK(c.time_us == 3'600'000'000);
  CHECK(c.energy_j == 2'620'800);
  CHECK(c.cost_micro_usd == 955'174);

  site.hardware_usd = 0;  // a sunk GPU: power only, 0.728 kWh · $0.08 = $0.05824
  CHECK(job_cost(g, site, j).cost_micro_usd == 58'240);

  site.hardware_usd = 27500;
  j.gpus = 2;  // twice the GPUs for the same time: 5,241,600 J; $1.910348232 -> 1,910,348
  const JobCost c2 = job_cost(g, site, j);
  CHECK(c2.time_us == 3'600'000'000);
  CHECK(c2.energy_j == 5'241'600);
  CHECK(c2.cost_micro_usd == 1'910'348);

  // The helper alone, 1 GPU for 1 s at PUE 1.0, power_fraction 1: 700 J.
  JobCost e{};
  SiteCost home;
  home.pue = 1.0;
  home.power_fraction = 1.0;
  detail::energy_and_cost(g, home, 1, 1'000'000, e);
  CHECK(e.energy_j == 700);
  // $0.08 · 700/3.6e6 kWh = $0.0000155556 -> 16 micro-USD.
  CHECK(e.cost_micro_usd == 16);
}

TEST_CASE("models::gpu_cost: a precision the GPU lacks and malformed jobs", "[models][gpu_cost]") {
  JobSpec j = llama3_8b(JobKind::Decode);
  j.precision = Precision::FP8;  // A100 has no FP8 (GPU_FACTS §1)
  j.batch = 1;
  j.seq_in = 128;
  j.seq_out = 128;
  const JobCost c = job_cost(a100(), SiteCost{}, j);
  CHECK_FALSE(c.fits);
  CHECK(c.time_us == 0);
  CHECK(c.energy_j == 0);
  CHECK(c.cost_micro_usd == 0);
  CHECK(c.flops == Approx(128 * 2 * 8e9));
  j.precision = Precision::BF16;
  CHECK(job_cost(a100(), SiteCost{}, j).fits);
  // FP8 halves the bytes of BF16 on an H100: weights 8e9 B and KV 65,536 B/token.
  j.precision = Precision::FP8;
  const JobCost f8 = job_cost(h100(), SiteCost{}, j);
  j.precision = Precision::BF16;
  const JobCost b16 = job_cost(h100(), SiteCost{}, j);
  CHECK(f8.bytes * 2 == Approx(b16.bytes));

  JobSpec bad = j;
  bad.gpus = 0;
  CHECK(same_bits(job_cost(h100(), SiteCost{}, bad), JobCost{}));
  bad = j;
  bad.batch = 0;
  CHECK(same_bits(job_cost(h100(), SiteCost{}, bad), JobCost{}));
  bad = j;
  bad.params = -1;
  CHECK(same_bits(job_cost(h100(), SiteCost{}, bad), JobCost{}));
  bad = j;
  bad.seq_in = std::nan("");
  CHECK(same_bits(job_cost(h100(), SiteCost{}, bad), JobCost{}));
  bad = llama3_8b(JobKind::Training);
  bad.batch = 1;
  bad.tokens = 1e9;  // seq_in 0: no steps to count
  CHECK(same_bits(job_cost(h100(), SiteCost{}, bad), JobCost{}));
  // Several GPUs without an interconnect cannot run; one can.
  GpuSpec lonely = h100();
  lonely.interconnect_bw = 0;
  CHECK(job_cost(lonely, SiteCost{}, j).fits);
  j.gpus = 2;
  CHECK_FALSE(job_cost(lonely, SiteCost{}, j).fits);
}

TEST_CASE("models::gpu_cost: batch evaluation is bit-identical to scalar evaluation", "[models][gpu_cost]") {
  std::mt19937_64 rng(20240601);
  auto u = [&](double lo, double hi) { return lo + (hi - lo) * static_cast<double>(rng() >> 11) * 0x1.0p-53; };
  const std::vector<GpuSpec> gpus = {h100(), l4(), a100()};
  std::vector<JobSpec> jobs(1000);
  std::vector<std::uint16_t> gpu_of(jobs.size());
  std::vector<SiteCost> sites(jobs.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    JobSpec& j = jobs[i];
    j.kind = static_cast<JobKind>(rng() % 3);
    j.precision = static_cast<Precision>(rng() % 5);
    j.gpus = static_cast<std::uint32_t>(1 + rng() % 16);
    j.params = std::exp(u(std::log(1e8), std::log(2e11)));
    j.layers = std::floor(u(8, 120));
    j.d_model = 128 * std::floor(u(8, 128));
    j.kv_heads = std::floor(u(1, 64));
    j.head_dim = 128;
    j.batch = std::floor(u(1, 2048));
    j.seq_in = std::floor(u(1, 8192));
    j.seq_out = std::floor(u(0, 4096));
    j.tokens = u(1e9, 1e13);
    j.recompute = (rng() & 1) != 0;
    gpu_of[i] = static_cast<std::uint16_t>(rng() % gpus.size());
    sites[i].usd_per_kwh = u(0.06, 0.30);
    sites[i].pue = u(1.0, 1.6);
    sites[i].hardware_usd = u(0, 40000);
    sites[i].life_years = u(3, 6);
    sites[i].utilization = u(0.3, 1.0);
    sites[i].power_fraction = u(0.6, 1.0);
  }
  std::vector<JobCost> out(jobs.size());
  job_cost_batch(jobs, gpu_of, gpus, sites, out);
  int fitting = 0;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    INFO("job " << i);
    REQUIRE(same_bits(out[i], job_cost(gpus[gpu_of[i]], sites[i], jobs[i])));
    fitting += out[i].fits ? 1 : 0;
  }
  CHECK(fitting > 50);  // the sample exercises the full path, not just the unfit one
  // One site for all jobs.
  job_cost_batch(jobs, gpu_of, gpus, std::span<const SiteCost>(sites.data(), 1), out);
  for (std::size_t i = 0; i < jobs.size(); ++i)
    REQUIRE(same_bits(out[i], job_cost(gpus[gpu_of[i]], sites[0], jobs[i])));
  // Mismatched sizes and a GPU index out of range are refused.
  CHECK_THROWS_AS(job_cost_batch(jobs, gpu_of, gpus, std::span<const SiteCost>(sites.data(), 2), out), ConfigError);
  CHECK_THROWS_AS(job_cost_batch(jobs, std::span<const std::uint16_t>(gpu_of.data(), 3), gpus, sites, out),
                  ConfigError);
  gpu_of[7] = 3;
  CHECK_THROWS_AS(job_cost_batch(jobs, gpu_of, gpus, sites, out), ConfigError);
}

TEST_CASE("models::gpu_cost: scenarios/gpu_catalog.yaml holds GPU_FACTS §1", "[models][gpu_cost]") {
  const GpuCatalog cat = load_gpu_catalog(catalog_path());
  REQUIRE(cat.size() == 13);
  CHECK(cat.keys == std::vector<std::string>{"h200_sxm", "h100_sxm", "h100_pcie", "a100_80gb_sxm", "a100_40gb_pcie",
                                             "l40s", "l4", "a10", "t4", "rtx_4090", "rtx_3090", "rtx_a6000", "mi300x"});
  REQUIRE(cat.specs.size() == 13);
  REQUIRE(cat.price_usd.size() == 13);
  REQUIRE(cat.sources.size() == 13);
  for (std::size_t i = 0; i < cat.size(); ++i) {
    INFO(cat.keys[i]);
    CHECK_FALSE(cat.names[i].empty());
    CHECK_FALSE(cat.sources[i].empty());
    CHECK(cat.measured_values[i] == 0);
    CHECK(cat.specs[i].eta_memory == 0.8);
    CHECK(cat.specs[i].eta_network == 0.7);
    for (int p = 0; p < kPrecisions; ++p) CHECK((cat.specs[i].peak_flops[p] > 0) == (cat.specs[i].eta_compute[p] > 0));
  }
  const GpuSpec& h = cat.specs[static_cast<std::size_t>(cat.find("h100_sxm"))];
  CHECK(h.peak_flops[kBf16] == 989.4e12);
  CHECK(h.peak_flops[kFp8] == 1978.9e12);
  CHECK(h.eta_compute[kBf16] == 0.803);
  CHECK(h.eta_compute[kFp8] == 0.709);
  CHECK(h.memory_bytes == 80e9);
  CHECK(h.memory_bw == 3350e9);
  CHECK(h.interconnect_bw == 900e9);
  CHECK(h.tdp_w == 700);
  CHECK(cat.price_usd[static_cast<std::size_t>(cat.find("h100_sxm"))] == 27500);
  // The literal spec above matches the catalog's H100: same job, same cost.
  JobSpec j = llama3_8b(JobKind::Prefill);
  j.batch = 4;
  j.seq_in = 1000;
  CHECK(same_bits(job_cost(h, SiteCost{}, j), job_cost(h100(), SiteCost{}, j)));

  const auto at = [&](const char* key) { return cat.specs[static_cast<std::size_t>(cat.find(key))]; };
  CHECK(at("a100_80gb_sxm").peak_flops[kFp8] == 0);  // no FP8 on Ampere
  CHECK(at("a100_80gb_sxm").eta_compute[kBf16] == 0.869);
  CHECK(at("a100_40gb_pcie").eta_compute[kBf16] == 0.811);
  CHECK(at("t4").peak_flops[static_cast<int>(Precision::TF32)] == 0);
  CHECK(at("t4").interconnect_bw == 16e9);              // PCIe Gen3 x16
  CHECK(at("l4").interconnect_bw == 32e9);              // PCIe Gen4 x16
  CHECK(at("h100_pcie").interconnect_bw == 64e9);       // PCIe Gen5 x16 (its NVLink bridge joins pairs only)
  CHECK(at("rtx_4090").peak_flops[kBf16] == 165.2e12);  // FP32 accumulate
  CHECK(at("mi300x").eta_compute[kBf16] == 0.514);
  CHECK(at("mi300x").eta_compute[0] == 0.55);
  CHECK(at("mi300x").memory_bytes == 192e9);
  CHECK(std::isnan(cat.price_usd[static_cast<std::size_t>(cat.find("l4"))]));
  CHECK(cat.price_usd[static_cast<std::size_t>(cat.find("rtx_4090"))] == 1599);
  CHECK(cat.find("h100") == -1);
  CHECK(cat.find("") == -1);

  // A relative path resolves against the current directory.
  const auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(TOKSIM_SOURCE_DIR);
  const std::size_t n = load_gpu_catalog("scenarios/gpu_catalog.yaml").size();
  std::filesystem::current_path(cwd);
  CHECK(n == 13);
}

TEST_CASE("models::gpu_cost: user catalogs add GPUs with measured provenance", "[models][gpu_cost]") {
  TempDir dir;
  GpuCatalog cat = load_gpu_catalog(catalog_path());
  // A measured value in the provenance form `toksim calibrate` writes.
  const auto mine = dir.write("mine.yaml", user_gpu("h100_sxm_mine",
                                                    "      step_overhead_s: {value: 0.002, source: toksim calibrate, "
                                                    "measured: true, date: 2026-01-31, host: node7}\n"));
  add_gpu_catalog(cat, mine);
  REQUIRE(cat.size() == 14);
  CHECK(cat.keys.back() == "h100_sxm_mine");
  CHECK(cat.specs.back().peak_flops[kBf16] == 100e12);
  CHECK(cat.specs.back().eta_compute[kBf16] == 0.75);
  CHECK(cat.specs.back().step_overhead_s == 0.002);
  CHECK(cat.measured_values.back() == 1);
  CHECK(std::isnan(cat.price_usd.back()));
  CHECK(cat.sources.back() == std::vector<std::string>{"my datasheet"});

  // The same key again is refused, and the catalog is left as it was.
  const std::string again = message_of([&] { add_gpu_catalog(cat, mine); });
  CHECK_THAT(again, Catch::Contains(mine.string() + ":2:3: gpus.h100_sxm_mine: expected a new GPU key"));
  CHECK(cat.size() == 14);

  // `extends:` pulls in the main catalog.
  const auto ext = dir.write("ext.yaml", "extends: " + catalog_path().string() + "\n" + user_gpu("my_card"));
  const GpuCatalog both = load_gpu_catalog(ext);
  CHECK(both.size() == 14);
  CHECK(both.find("my_card") == 13);
  CHECK(both.find("mi300x") == 12);
}

TEST_CASE("models::gpu_cost: a bad catalog is reported as file:line:col", "[models][gpu_cost]") {
  TempDir dir;
  // Line 5 col 5 is `memory_gbs` (a typo of memory_gb); line 3 col 5, the GPU's first key, is where a missing
  // key is reported; line 7 col 23 is the out-of-range interconnect; line 4 col 30 the unknown precision.
  const auto bad = dir.write("bad.yaml",
                             "gpus:\n"
                             "  my_gpu:\n"
                             "    name: Mine\n"
                             "    peak_tflops: {bf16: 100, fp16: 50}\n"
                             "    memory_gbs: 24\n"
                             "    memory_bw_gbs: 1000\n"
                             "    interconnect_gbs: -1\n"
                             "    tdp_w: 300\n"
                             "    sources: [a]\n"
                             "    efficiency:\n"
                             "      eta_compute: {bf16: {value: 0.9, source: toksim calibrate, measured: true}}\n"
                             "      eta_memory: 1.5\n"
                             "      eta_network: 0.7\n");
  const std::string m = message_of([&] { (void)load_gpu_catalog(bad); });
  INFO(m);
  const std::string f = bad.string();
  CHECK_THAT(m, Catch::Contains(f + ":4:30: gpus.my_gpu.peak_tflops.fp16: unknown key (did you mean 'bf16'?)"));
  CHECK_THAT(m, Catch::Contains(f + ":5:5: gpus.my_gpu.memory_gbs: unknown key (did you mean 'memory_gb'?)"));
  CHECK_THAT(m, Catch::Contains(f + ":3:5: gpus.my_gpu.memory_gb: expected the memory size in GB, got nothing"));
  CHECK_THAT(m,
             Catch::Contains(f + ":7:23: gpus.my_gpu.interconnect_gbs: expected a number in [0, 1000000000], got -1"));
  CHECK_THAT(m, Catch::Contains("gpus.my_gpu.efficiency.eta_compute.bf16.date: expected the date of the measurement"));
  CHECK_THAT(m, Catch::Contains(f + ":12:19: gpus.my_gpu.efficiency.eta_memory: expected a number in [0, 1], got 1.5"));

  // A file without GPUs, and one that is not there.
  const auto empty = dir.write("empty.yaml", "description: nothing here\n");
  CHECK_THAT(message_of([&] { (void)load_gpu_catalog(empty); }), Catch::Contains("gpus: expected a map of GPUs"));
  CHECK_THAT(message_of([&] { (void)load_gpu_catalog(dir.path / "missing.yaml"); }), Catch::Contains("no such file"));
  // An unknown top-level key, and a GPU that is not a map.
  const auto top = dir.write("top.yaml", user_gpu("ok") + "gpu:\n  x: 1\n");
  CHECK_THAT(message_of([&] { (void)load_gpu_catalog(top); }),
             Catch::Contains("gpu: unknown key (did you mean 'gpus'?)"));
  const auto scalar = dir.write("scalar.yaml", "gpus:\n  x: 1\n");
  CHECK_THAT(message_of([&] { (void)load_gpu_catalog(scalar); }), Catch::Contains("gpus.x: expected a map"));
}
