// fognas sweep: runs every point of a scenario's sweep (study/sweep_run.h):
// side by side on this machine (--jobs), as one shard of a cluster job array
// (--shard i/n), or over the ranks of an MPI job (mpirun -n N fognas sweep ...).
#include <fmt/format.h>

#include <iostream>

#include "command.h"
#include "scenario_options.h"
#include "fognas/study/sweep_run.h"

namespace fognas::cli {
namespace {

struct SweepArgs {
  ScenarioOptions scenario;
  std::string out;
  std::optional<int> jobs;
  std::optional<std::string> shard;
  bool resume = false;
  bool quiet = false;
};

void run(const SweepArgs& a) {
  const study::SweepRunResult r = study::run_sweep(
      {{a.scenario.file, a.scenario.overrides, a.out, a.quiet, command_line()}, a.shard, a.jobs.value_or(hardware_cores()),
       a.resume});
  if (!r.out.empty()) std::cout << fmt::format("sweep: {} points -> {}/points.csv\n", r.points, r.out);
}

const Command registration("sweep", [](CLI::App& app) {
  auto args = std::make_shared<SweepArgs>();
  auto* cmd = app.add_subcommand("sweep", "run every point of a scenario's sweep: section and join their tables");
  args->scenario.add_to(cmd, "scenarios/paper-sweep.yaml");
  add_text(cmd, "--out", args->out, "output folder (default: the scenario's out; a shard adds -shard-i-of-n)");
  add_integer(cmd, "--jobs", args->jobs,
              fmt::format("points run at once, 1 to {} (4 x the cores; default: all cores)", 4 * hardware_cores()), 1, 4 * hardware_cores());
  add_text(cmd, "--shard", args->shard, "run only shard i of n (1-based, points i, i+n, ...), e.g. --shard 2/4");
  cmd->add_flag("--resume", args->resume, "keep the finished points of an interrupted run and run the rest");
  cmd->add_flag("--quiet", args->quiet, "no progress on stderr");
  cmd->callback([args] { run(*args); });
});

}  // namespace
}  // namespace fognas::cli
