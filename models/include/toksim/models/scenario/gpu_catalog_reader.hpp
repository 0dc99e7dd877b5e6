// Reading GPU catalogs into plain GpuCatalog structs (compute/gpu_cost.hpp): the built-in scenarios/gpu_catalog.yaml
// format, users' own catalog files and `gpus:` maps inside scenarios, and calibration files of measured efficiencies.
// The scenario wing is the only one that reads YAML; the cost model itself takes plain structs.
#pragma once

#include <filesystem>

#include "toksim/models/compute/gpu_cost.hpp"
#include "toksim/models/scenario/reader.hpp"

namespace toksim::models {

/// Reads a catalog file (format: the comment at the top of scenarios/gpu_catalog.yaml). A relative path
/// resolves against the current directory. `extends:` works as in scenarios.
/// @throws ScenarioError listing every problem as `file:line:col: key.path: expected ..., got ...`
///         (unknown keys with a did-you-mean, missing required keys, values out of range, duplicate GPUs).
GpuCatalog load_gpu_catalog(const std::filesystem::path& file);
/// Reads another catalog file into `catalog` (a user's own GPUs). A key already in the catalog is an error.
/// @throws ScenarioError as load_gpu_catalog; `catalog` is unchanged then.
void add_gpu_catalog(GpuCatalog& catalog, const std::filesystem::path& file);
/// Reads a `gpus:` map (key -> GPU) of a document being read, recording problems in `reader` (which the
/// caller throws with throw_if_errors()). GPUs with problems are not added.
void add_gpus(GpuCatalog& catalog, Reader& reader, Section& gpus_map);
/// Applies a calibration file: measured (or otherwise re-sourced) efficiencies for GPUs the catalog already has,
/// in the catalog's efficiency format, any subset per GPU:
///   calibration:
///     h100_sxm:
///       eta_compute: {bf16: {value: 0.78, source: toksim calibrate, measured: true, date: 2026-11-30, host: node7}}
///       eta_memory: {value: 0.86, source: toksim calibrate, measured: true, date: 2026-11-30, host: node7}
/// @throws ScenarioError (unknown GPU keys with a did-you-mean, a precision the GPU lacks, bad values).
void apply_gpu_calibration(GpuCatalog& catalog, const std::filesystem::path& file);

}  // namespace toksim::models
