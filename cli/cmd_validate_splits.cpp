// fognas validate-splits: simulates every feasible partition point of each
// network at each factor and reports whether the point the paper's energy
// model (and the protocol-aware model) would choose is the one the simulated
// network finds cheapest, and what trusting the model costs (split_validation.h).
#if __has_include("fognas/sim/simulate.h")
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <iostream>

#include "command.h"
#include "scenario_options.h"
#include "split_validation.h"
#include "fognas/common/error.h"
#include "fognas/common/manifest.h"
#include "fognas/common/result_dir.h"
#include "fognas/devices/radio_note.h"
#include "fognas/sim/report.h"
#include "fognas/sim/scenario.h"
#include "fognas/sim/scenario_json.h"
#include "fognas/sim/simulate.h"

namespace fognas::cli {
namespace {

struct ValidateArgs {
  ScenarioOptions scenario;
  std::string out;
  bool quiet = false;
};

// Every network once per partition point that fits the wearable's Flash and RAM.
sim::ScenarioSpec every_feasible_point(const sim::ScenarioSpec& spec) {
  sim::ScenarioSpec out = spec;
  out.architectures.clear();
  out.fleet_mix = FleetMix::ByArchitecture;  // each point is judged in a case of its own
  const DeviceModel model{spec.mcu, spec.radio, spec.fog};
  PartitionOptions options;
  options.scenario = energy_scenario_from_string(spec.partition_mode);
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
SplitPoint split_point(const sim::CaseResult& c, bool edge) {
  auto comm = [&c](const sim::WearableResult& w) { return c.bytes_sent == 0 ? 0.0 : w.sim_comm_mj; };
  SplitPoint p;
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

void run(const ValidateArgs& a) {
  const sim::ScenarioSpec spec = every_feasible_point(sim::load_scenario(a.scenario.file, a.scenario.overrides));
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
  const bool edge = spec.partition_mode == "edge";
  std::vector<SplitPoint> points;
  for (const sim::CaseResult& c : run.cases) {
    const SplitPoint p = split_point(c, edge);
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
  Table splits = split_table(judge_splits(points), spec.radio.name, spec.partition_mode);
  splits.caption += " " + radio_note;
  write_table_files(splits, (dir.work() / "splits").string());
  Table split_points = split_points_table(points, spec.radio.name);
  split_points.caption += " " + radio_note;
  write_table_files(split_points, (dir.work() / "split-points").string());
  std::filesystem::create_directory(dir.work() / "simulation");
  sim::write_reports(run, (dir.work() / "simulation").string());
  write_manifest(dir.work(), command_line(), {{"scenario", spec}, {"out", out}}, {{"seed", spec.seed}},
                 {spec.file, spec.mcu.file, spec.radio.file, spec.fog.file});
  dir.commit();
  std::cout << splits.to_markdown() << fmt::format("\nreports written to {}/ (splits, split-points, simulation/)\n", out);
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
