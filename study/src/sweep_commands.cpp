#include "fognas/study/sweep_commands.h"

#include <stdexcept>

#include "fognas/common/error.h"
#include "fognas/scenario/result_columns.h"
#include "fognas/search/factor_study.h"
#include "fognas/search/search_scenario.h"
#ifdef FOGNAS_STUDY_WITH_SIM
#include "fognas/sim/scenario.h"
#include "fognas/sim/simulate.h"
#endif

namespace fognas::study {
namespace {

namespace col = columns;

void check_evaluate(const Scenario& point) { factor_study_from(point); }
void check_search(const Scenario& point) { search_scenario_from(point); }
void check_simulation(const Scenario& point) {
#ifdef FOGNAS_STUDY_WITH_SIM
  sim::plan_cases(sim::simulation_spec_from(point));
#else
  (void)point;
  throw InputError("sweep.command", "this build has no simulator (built without ns-3)");
#endif
}

ReportLayout evaluate_layout() {
  return {col::kSolution, col::kTotal, "", "",
          {{col::kEdgeComp, "wearable compute"}, {col::kEdgeComm, "radio"}, {col::kFog, "fog"}}};
}

ReportLayout simulate_layout() {
  return {col::kArchitecture, col::kPaperTotalProtocol, col::kPaperTotalSim, col::kPaperTotalPaper,
          {{col::kCompSim, "wearable compute"}, {col::kCommSim, "radio"}, {col::kFogSim, "fog"}}};
}

const std::vector<SweepCommandInfo>& table() {
  // The sweep runs points side by side, so a search point trains one candidate
  // at a time; simulations print no progress into the point's log.
  static const std::vector<SweepCommandInfo> commands = {
      {SweepCommand::Evaluate, "factor-sweep.csv", {}, check_evaluate, evaluate_layout()},
      {SweepCommand::Simulate, "summary.csv", {"--quiet"}, check_simulation, simulate_layout()},
      {SweepCommand::Search, "table.csv", {"--jobs", "1"}, check_search, std::nullopt},
      {SweepCommand::ValidateSplits, "splits.csv", {"--quiet"}, check_simulation, std::nullopt},
  };
  return commands;
}

}  // namespace

const SweepCommandInfo& sweep_command_info(SweepCommand command) {
  for (const SweepCommandInfo& info : table())
    if (info.command == command) return info;
  throw std::logic_error("a sweep command without an entry in study/sweep_commands.cpp");
}

std::vector<std::string> sweep_command_args(SweepCommand command, const std::string& scenario_file,
                                            const std::string& out) {
  std::vector<std::string> args = {sweep_command_name(command), scenario_file, "--out", out};
  const SweepCommandInfo& info = sweep_command_info(command);
  args.insert(args.end(), info.extra_args.begin(), info.extra_args.end());
  return args;
}

}  // namespace fognas::study
