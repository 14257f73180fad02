// fognas study: search -> partition over the factors -> simulate -> report,
// one folder (study/study_run.h).
#include <fmt/format.h>

#include <iostream>

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
  const FigureWidth width = a.figure_width == "page" ? FigureWidth::Page : FigureWidth::Column;
  const study::StudyRunResult r =
      study::run_study({{a.scenario.file, a.scenario.overrides, a.out, a.quiet, command_line()}, a.jobs, width});
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
  cmd->add_option("--figure-width", args->figure_width, "figures for one IEEE column (3.5 in) or the page (7.16 in)")
      ->check(CLI::IsMember({"column", "page"}));
  cmd->callback([args] { run(*args); });
});

}  // namespace
}  // namespace fognas::cli
