// The `toksim` command: run, validate, check, diff, sweep, report and schema. Command-line parsing (CLI11) and
// dispatch live here only; each subcommand is in its own file under commands/, and nothing calls back into this
// file. Exit codes: 0 ok, 1 check breach or files differ, 2 bad input or usage, 3 runtime failure or interruption.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "commands.hpp"
#include "support.hpp"

int main(int argc, char** argv) {
  using namespace toksim::cli;
  CLI::App app{"toksim: parallel discrete-event simulation of token economies and DAO governance"};
  app.require_subcommand(1);
  app.set_version_flag("--version", version_string());
  app.footer(
      "Exit codes: 0 ok; 1 a check breached or files differ; 2 bad input or usage; 3 the run failed or was "
      "interrupted.\nRun `toksim COMMAND --help` for a command's options and examples.");

  RunOptions run;
  auto* run_cmd = app.add_subcommand("run", "Run a scenario to its horizon and write an HDF5 file");
  run_cmd->add_option("scenario", run.scenario, "scenario YAML (default: the embedded default scenario)");
  run_cmd->add_option("-o,--output", run.out, "output file (default: NAME.h5 in the current directory)");
  run_cmd->add_option("--set", run.sets, "override a scenario key: key.path=value (repeatable)")->take_all();
  run_cmd->add_option("--threads", run.threads, "worker threads (0: one per core); results do not depend on it")
      ->capture_default_str();
  run_cmd->add_option("--seed", run.seed, "random seed (default: the scenario's)")->check(CLI::NonNegativeNumber);
  run_cmd->add_flag("-q,--quiet", run.quiet, "no progress bar and no summary");
  run_cmd->footer(
      "Examples:\n"
      "  toksim run                                   # the embedded default scenario -> default.h5\n"
      "  toksim run scenarios/examples/vc_cliff_crash.yaml -o crash.h5 --threads 2\n"
      "  toksim run launch.yaml --set agents.holders.count=10_000 --set run.horizon=1y --seed 7\n"
      "The file is written as OUT.h5.partial and renamed when complete; Ctrl-C keeps the .partial with status\n"
      "\"interrupted: ...\".");

  std::vector<std::filesystem::path> validate_files;
  std::vector<std::string> validate_sets;
  auto* validate_cmd = app.add_subcommand("validate", "Check scenarios against the schema; print every problem");
  validate_cmd->add_option("scenarios", validate_files, "scenario YAML files")->required();
  validate_cmd->add_option("--set", validate_sets, "override a key in every file: key.path=value")->take_all();
  validate_cmd->footer(
      "Examples:\n  toksim validate scenarios/examples/*.yaml\n  toksim validate launch.yaml --set "
      "market.amm_fee=0.01");

  CheckOptions check;
  auto* check_cmd =
      app.add_subcommand("check", "Run scenarios and check conservation, their invariants and a baseline");
  check_cmd->add_option("scenarios", check.scenarios, "scenario YAML files")->required();
  check_cmd->add_option("--set", check.sets, "override a key in every scenario: key.path=value")->take_all();
  check_cmd->add_option("--baseline", check.baseline, "directory of stored baselines (NAME.baseline.yaml)");
  check_cmd->add_flag("--update-baseline", check.update_baseline, "write the baselines instead of comparing");
  check_cmd->add_option("--threads", check.threads, "worker threads (0: one per core)");
  check_cmd->add_option("--output-dir", check.out_dir, "also keep each run's HDF5 file here")
      ->check(CLI::ExistingDirectory);
  check_cmd->footer(
      "Examples:\n"
      "  toksim check scenarios/examples/*.yaml\n"
      "  toksim check launch.yaml --baseline tests/baselines --update-baseline   # record\n"
      "  toksim check launch.yaml --baseline tests/baselines                     # compare (in CI)\n"
      "Exit 1 when any rule breaks; each breach names the rule, where, and by how much.");

  std::filesystem::path diff_a, diff_b;
  bool diff_all = false;
  auto* diff_cmd = app.add_subcommand("diff", "Compare two run files: identical, or the first difference");
  diff_cmd->add_option("a", diff_a, "first file")->required();
  diff_cmd->add_option("b", diff_b, "second file")->required();
  diff_cmd->add_flag("--all-attrs", diff_all, "also compare the wall-clock and machine attributes");
  diff_cmd->footer("Examples:\n  toksim diff one_thread.h5 two_threads.h5   # exit 0: identical, 1: differ");

  SweepOptions sweep;
  auto* sweep_cmd =
      app.add_subcommand("sweep", "Run a grid / zipped lists / Monte Carlo seeds of a scenario in parallel");
  sweep_cmd->add_option("sweep", sweep.sweep, "sweep YAML")->required()->check(CLI::ExistingFile);
  sweep_cmd->add_option("-o,--output", sweep.out_dir, "output directory (default: the sweep's `output`)");
  sweep_cmd->add_option("-j,--parallel", sweep.parallel, "runs at once (default: the sweep's, else one per core)");
  sweep_cmd->add_flag("--dry-run", sweep.dry_run, "list the runs and their overrides; run nothing");
  sweep_cmd->footer(
      "Examples:\n"
      "  toksim sweep scenarios/sweeps/emission_comparison.yaml -j 2\n"
      "Writes run-NNNN.h5 and run-NNNN.log per run and index.csv; a re-run skips complete runs.");

  std::vector<std::filesystem::path> report_files;
  std::filesystem::path report_html;
  bool report_text_only = false;
  auto* report_cmd = app.add_subcommand("report", "Summarise runs as text and write an HTML report with plots");
  report_cmd->add_option("inputs", report_files, "run files (NAME.h5, NAME.h5.partial) or a sweep directory")
      ->required();
  auto* report_html_opt = report_cmd->add_option(
      "-o,--html", report_html,
      "the HTML file (default: STEM.html of the first input, here; for a sweep DIR/report.html)");
  report_cmd->add_flag("--text-only", report_text_only, "print the text summary only; write no HTML")
      ->excludes(report_html_opt);
  report_cmd->footer(
      "Examples:\n"
      "  toksim report default.h5                     # text summary, and default.html here\n"
      "  toksim report a.h5 b.h5 -o a_vs_b.html       # a comparison: key numbers side by side, curves overlaid\n"
      "  toksim report emission_comparison/           # a sweep: its table, fan charts, heat maps -> DIR/report.html\n"
      "  toksim report default.h5 --text-only\n"
      "The HTML (self-contained: plots embedded) is written by /usr/bin/python3 -m toksim_analysis.report, which "
      "needs\n"
      "h5py, numpy, pandas and matplotlib; TOKSIM_PYTHON picks another python3, TOKSIM_ANALYSIS_DIR the folder "
      "holding\n"
      "toksim_analysis/. Exit 2: a missing or unreadable input; 3: Python or the package is missing, or it failed.");

  auto* schema_cmd = app.add_subcommand("schema", "List every scenario key with its type, default and meaning");
  schema_cmd->footer("Examples:\n  toksim schema | grep emission");

  if (argc > 1 && argv[1][0] != '-') {  // CLI11 would only say "A subcommand is required"
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) names.push_back(sub->get_name());
    if (std::find(names.begin(), names.end(), argv[1]) == names.end()) {
      print_error(fmt::format("expected a command ({}), got unknown command '{}'; see toksim --help",
                              fmt::join(names, ", "), argv[1]));
      return kBadInput;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kBadInput;
  }
  try {
    if (*run_cmd) return run_command(run);
    if (*validate_cmd) return validate_command(validate_files, validate_sets);
    if (*check_cmd) return check_command(check);
    if (*diff_cmd) return diff_command(diff_a, diff_b, diff_all);
    if (*sweep_cmd) return sweep_command(sweep);
    if (*report_cmd) return report_command(report_files, report_html, report_text_only);
    if (*schema_cmd) return schema_command();
  } catch (const toksim::Error& e) {
    print_error(e.what());
    return kFailure;
  } catch (const std::exception& e) {
    print_error(std::string("internal error: ") + e.what());
    return kFailure;
  }
  return kBadInput;
}
