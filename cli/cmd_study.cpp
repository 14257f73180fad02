// fognas study: search -> partition over the factors -> simulate -> report,
// one folder (study/study_run.h).
#include <fmt/format.h>

#include <iostream>

#include "checked_options.h"
#include "command.h"
#include "scenario_options.h"
#include "fognas/study/study_run.h"

namespace fognas::cli {
namespace {

struct StudyArgs {
  ScenarioOptions scenario;
  std::string out;
  std::optional<int> jobs;
  bool quiet = false;
  std::string figure_width = "column";
};

void run(const StudyArgs& a) {
  const study::StudyRunResult r =
      study::run_study({{a.scenario.file, a.scenario.overrides, a.out, a.quiet, command_line()}, a.jobs, figure_width_named(a.figure_width)});
  std::cout << fmt::format("study: {} tables in {}/tables, {} figures in {}/figures; stages in {}/{{{}partition,simulate}}\n",
                           r.report.tables, r.out, r.report.figures, r.out, r.out, r.searched ? "search," : "");
}

const Command registration("study", [](CLI::App& app) {
  auto args = std::make_shared<StudyArgs>();
  auto* cmd = app.add_subcommand("study", "search -> partition over the factors -> simulate -> report, one folder");
  args->scenario.add_to(cmd, "scenarios/demo-study.yaml");
  add_text(cmd, "--out", args->out, "output folder (default: the scenario's out)");
  add_integer(cmd, "--jobs", args->jobs, "candidates the search trains at once", 1, 1024);
  cmd->add_flag("--quiet", args->quiet, "no progress on stderr");
  add_figure_width(cmd, args->figure_width);
  cmd->callback([args] { run(*args); });
});

}  // namespace
}  // namespace fognas::cli
