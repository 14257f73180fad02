#pragma once
// The one table of sweep commands: for each command a sweep point may run
// (fognas/scenario/sweep.h), how a point is checked before anything runs and
// how it is run, the main table its rows.csv is made of, and the layout of its
// energy report. Every part of a sweep (planning, running, joining, reporting)
// looks a command up here instead of comparing names.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fognas/scenario/scenario.h"
#include "fognas/scenario/sweep.h"

namespace fognas::study {

// Which columns of a command's main table a report reads.
struct ReportLayout {
  std::string network;     // the column naming the network
  std::string predicted;   // the analytic energy per inference
  std::string simulated;   // empty when the command does not simulate
  std::string paper;       // the paper's 20 nJ/bit model, when simulated
  std::vector<std::pair<std::string, std::string>> parts;  // energy parts (column, label)
};

struct SweepCommandInfo {
  SweepCommand command;
  std::string main_table;               // CSV file in the point's folder
  std::vector<std::string> extra_args;  // after `fognas NAME SCENARIO --out DIR`
  // What the command checks first (and what it needs); InputError on a bad point.
  void (*check)(const Scenario& point);
  std::optional<ReportLayout> report;   // nullopt: no energy report for this command
};

const SweepCommandInfo& sweep_command_info(SweepCommand command);

// The command line a point runs: fognas NAME SCENARIO --out DIR EXTRA...
std::vector<std::string> sweep_command_args(SweepCommand command, const std::string& scenario_file,
                                            const std::string& out);

}  // namespace fognas::study
