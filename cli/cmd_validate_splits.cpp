// fognas validate-splits: does the predicted optimum survive the network?
// (study/validate_partitions.h; needs the simulator.)
#if __has_include("fognas/sim/simulate.h")
#include <fmt/format.h>

#include <iostream>

#include "command.h"
#include "scenario_options.h"
#include "fognas/study/validate_partitions.h"

namespace fognas::cli {
namespace {

struct ValidateArgs {
  ScenarioOptions scenario;
  std::string out;
  bool quiet = false;
};

void run(const ValidateArgs& a) {
  const study::ValidatePartitionsResult r =
      study::validate_partitions({a.scenario.file, a.scenario.overrides, a.out, a.quiet, command_line()});
  std::cout << r.verdicts.to_markdown()
            << fmt::format("\nreports written to {}/ (splits, split-points, simulation/)\n", r.out);
}

const Command registration("validate-splits", [](CLI::App& app) {
  auto args = std::make_shared<ValidateArgs>();
  auto* cmd = app.add_subcommand("validate-splits",
                                 "simulate every feasible partition point: does the predicted optimum survive the network?");
  args->scenario.add_to(cmd, "scenarios/validate-table4.yaml");
  add_text(cmd, "--out", args->out, "output folder (default: the scenario's out)");
  cmd->add_flag("--quiet", args->quiet, "no progress on stderr");
  cmd->callback([args] { run(*args); });
});

}  // namespace
}  // namespace fognas::cli
#endif
