// Judging the partition points in the simulated network (validate_partitions.h).
#include "fognas/study/validate_partitions.h"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>

#include "fognas/common/error.h"
#include "fognas/common/manifest.h"
#include "fognas/common/result_dir.h"
#include "fognas/devices/radio_note.h"
#include "fognas/sim/report.h"
#include "fognas/sim/scenario.h"
#include "fognas/sim/scenario_json.h"
#include "fognas/sim/simulate.h"
#include "fognas/study/partition_validation.h"

namespace fognas::study {
namespace {

// Every network once per partition point that fits the wearable's Flash and RAM.
sim::ScenarioSpec every_feasible_point(const sim::ScenarioSpec& spec) {
  sim::ScenarioSpec out = spec;
  out.architectures.clear();
  out.fleet_mix = FleetMix::ByArchitecture;  // each point is judged in a case of its own
  const DeviceModel model{spec.mcu, spec.radio, spec.fog};
  PartitionOptions options;
  options.scenario = spec.energy_scenario;
  options.flash_limit_kb = spec.limits.flash_kb;
  options.ram_limit_kb = spec.limits.ram_kb;
  for (const sim::Architecture& a : spec.architectures) {
    const PartitionPlan plan = solve_partition(Network::from_shape(a.lengths, a.channels), model, options);
    for (const PartitionCost& p : plan.points) {
      if (!p.fits_memory) continue;
      sim::Architecture at = a;
      at.partition_point = p.point;
      out.architectures.push_back(at);
    }
  }
  if (out.architectures.empty())
    throw InfeasibleError(spec.file, "no partition point of any network fits the wearable's Flash and RAM");
  return out;
}

// The simulated and predicted energies of a case on the scenario's energy.
// Nothing sent (P = L + 1) costs no radio energy per inference.
SimulatedPartition simulated_partition(const sim::CaseResult& c, bool edge) {
  auto comm = [&c](const sim::WearableResult& w) { return c.bytes_sent == 0 ? 0.0 : w.sim_comm_mj; };
  SimulatedPartition p;
  p.architecture = c.architecture;
  p.factor = c.factor;
  p.point = c.partition_point;
  const double fog_sim = edge ? 0.0 : c.mean(&sim::WearableResult::sim_fog_mj);
  const double fog_pred = edge ? 0.0 : c.mean(&sim::WearableResult::pred_fog_mj);
  const double comp_pred = c.mean(&sim::WearableResult::pred_edge_comp_mj);
  p.e_sim_mj = c.mean_over([&](const sim::WearableResult& w) { return w.sim_edge_comp_mj + comm(w); }) + fog_sim;
  p.e_paper_mj = comp_pred + c.mean(&sim::WearableResult::paper_comm_mj) + fog_pred;
  p.e_protocol_mj = comp_pred + c.mean(&sim::WearableResult::protocol_comm_mj) + fog_pred;
  p.e_allin_sim_mj = c.mean(&sim::WearableResult::sim_allin_mj);
  p.e_allin_protocol_mj = c.mean(&sim::WearableResult::pred_allin_mj);
  return p;
}

}  // namespace

ValidatePartitionsResult validate_partitions(const RunOptions& a) {
  const sim::ScenarioSpec spec = every_feasible_point(sim::load_scenario(a.scenario_file, a.overrides));
  const std::vector<sim::CasePlan> cases = sim::plan_cases(spec);
  const std::string out = a.out.empty() ? spec.out_dir : a.out;
  ResultDir dir(out, a.out.empty() ? "out" : "--out", "fognas validate-splits", ResultDir::OnFailure::Discard);
  sim::RunResult run;
  run.scenario = spec.name;
  for (size_t i = 0; i < cases.size(); ++i) {
    run.cases.push_back(sim::simulate_case(spec, cases[i]));
    if (!a.quiet)
      std::fprintf(stderr, "validate-splits: %s P=%d @ factor %g simulated (%zu of %zu)\n",
                   cases[i].architecture.name.c_str(), cases[i].partition_point, cases[i].factor, i + 1, cases.size());
  }
  sim::check_figures(run);
  const bool edge = spec.energy_scenario == EnergyScenario::Edge;
  std::vector<SimulatedPartition> points;
  for (const sim::CaseResult& c : run.cases) {
    const SimulatedPartition p = simulated_partition(c, edge);
    if (std::isfinite(p.e_sim_mj) && std::isfinite(p.e_paper_mj) && std::isfinite(p.e_protocol_mj) &&
        std::isfinite(p.e_allin_sim_mj) && std::isfinite(p.e_allin_protocol_mj))
      points.push_back(p);
    else if (!a.quiet)
      std::fprintf(stderr, "validate-splits: %s P=%d: no tensor delivered in the simulated time; left out\n",
                   c.architecture.c_str(), c.partition_point);
  }
  if (points.empty())
    throw InfeasibleError(spec.file, fmt::format("no partition point delivered a tensor in {} s simulated; '{}' is "
                                                 "unchanged", spec.duration_s, out));
  // Both tables rest on the radio profile: they say whether it was calibrated.
  const std::string radio_note = radio_calibration_note(spec.radio);
  Table splits = partition_verdict_table(judge_partitions(points), spec.radio.name, to_string(spec.energy_scenario));
  splits.caption += " " + radio_note;
  write_table_files(splits, (dir.work() / "splits").string());
  Table split_points = simulated_partitions_table(points, spec.radio.name);
  split_points.caption += " " + radio_note;
  write_table_files(split_points, (dir.work() / "split-points").string());
  std::filesystem::create_directory(dir.work() / "simulation");
  sim::write_reports(run, (dir.work() / "simulation").string());
  write_manifest(dir.work(), a.command_line, {{"scenario", spec}, {"out", out}}, {{"seed", spec.seed}},
                 {spec.file, spec.mcu.file, spec.radio.file, spec.fog.file});
  dir.commit();
  return {out, splits};
}

}  // namespace fognas::study
