#pragma once
// A study: the chain a user runs for a paper, each stage a plain fognas command
// whose input is the previous stage's output file:
//   search     (when the scenario has data and search sections) -> search/best.json
//   study.yaml (the scenario with the searched network added, the solver
//               choosing its partition point at every factor)
//   partition  fognas evaluate study.yaml  -> partition/ (every factor)
//   simulate   fognas simulate study.yaml  -> simulate/ (the chosen partitions in ns-3)
//   report     tables/, figures/ (report.h)
// Any stage can be rerun alone with the command study.json names for it.
#include <optional>
#include <string>
#include <vector>

#include "fognas/study/report.h"
#include "fognas/study/run_options.h"

namespace fognas::study {

struct StudyRunOptions : RunOptions {
  std::optional<int> jobs;  // candidates the search trains at once
  FigureWidth figure_width = FigureWidth::Column;
};

struct StudyRunResult {
  std::string out;
  bool searched = false;  // a search stage ran
  ReportFiles report;
};

// Runs every stage as a child fognas into OUT (replaced as a unit). A failed
// stage throws CommandFailed (exit 3 when the stage's answer was "no").
StudyRunResult run_study(const StudyRunOptions& options);

}  // namespace fognas::study
