// Test support: a small compute network (20 data-centre H100 servers, 300 home RTX 4090s, chat and fine-tuning
// jobs, 2,000 contributors on 2 models) that runs a simulated month in well under a second, for the model and
// governance tests. Needs TOKSIM_SOURCE_DIR (the GPU catalog).
#pragma once

#include <filesystem>

#include "toksim/models/compute/compute_network.hpp"
#include "toksim/models/scenario/gpu_catalog_reader.hpp"

inline toksim::models::ComputeNetworkConfig small_compute_network() {
  using namespace toksim;
  using namespace toksim::models;
  static const GpuCatalog cat =
      load_gpu_catalog(std::filesystem::path(TOKSIM_SOURCE_DIR) / "scenarios/gpu_catalog.yaml");
  ComputeNetworkConfig c;
  for (const char* key : {"h100_sxm", "rtx_4090"}) {
    c.gpus.push_back(cat.specs[static_cast<std::size_t>(cat.find(key))]);
    c.gpu_names.emplace_back(key);
  }
  ProviderGroup dc;
  dc.name = "dc";
  dc.gpu = 0;
  dc.count = 20;
  dc.gpus_per_provider = 8;
  dc.hardware_usd = 27'500;
  dc.active_at_genesis = 0.8;
  ProviderGroup home;
  home.name = "home";
  home.gpu = 1;
  home.count = 300;
  home.hardware_usd = 1'599;
  home.usd_per_kwh = 0.2;
  home.pue = 1.0;
  home.life_years = 3;
  home.active_at_genesis = 0.6;
  c.providers = {dc, home};
  JobClass chat;
  chat.name = "chat";
  chat.shape = JobSpec{JobKind::Decode, Precision::BF16, 1, 8e9, 32, 4096, 8, 128, 16, 1000, 400, 0, false};
  chat.repeats = 20;
  chat.arrivals_per_day = 2'000;
  chat.budget_usd = 1;
  chat.deadline = sim::kHour;
  chat.model = 0;
  JobClass tune;
  tune.name = "tune";
  tune.shape = JobSpec{JobKind::Training, Precision::BF16, 8, 8e9, 32, 4096, 8, 128, 64, 4096, 0, 1e7, true};
  tune.arrivals_per_day = 10;
  tune.budget_usd = 50;
  tune.deadline = 2 * sim::kDay;
  tune.model = 1;
  c.jobs = {chat, tune};
  c.contributors = 2'000;
  c.models = 2;
  c.gini_every = 10 * sim::kDay;
  return c;
}
