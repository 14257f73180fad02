// fognas simulate: run a scenario in the ns-3 BLE model and compare the
// simulated energies with the analytic predictions.
#if __has_include("fognas/sim/simulate.h")
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>

#include "command.h"
#include "fognas/common/error.h"
#include "fognas/common/manifest.h"
#include "fognas/sim/report.h"
#include "fognas/sim/scenario.h"
#include "fognas/sim/scenario_json.h"
#include "fognas/sim/simulate.h"

namespace fognas::cli {
namespace {

struct SimulateArgs {
  std::string scenario;
  std::string out;
  bool json = false;
  bool quiet = false;
  std::optional<long> seed;
  std::optional<double> duration_s;
};

// Simulated time and an estimate of the wall time left, at most once a second.
class ProgressPrinter {
 public:
  explicit ProgressPrinter(bool quiet) : quiet_(quiet) {}
  void operator()(const std::string& label, double simulated_s, double duration_s) {
    if (quiet_) return;
    const auto now = std::chrono::steady_clock::now();
    if (label != label_) {
      label_ = label;
      case_start_ = now;
    }
    if (now - last_ < std::chrono::seconds(1)) return;
    last_ = now;
    const double wall = std::chrono::duration<double>(now - case_start_).count();
    const double eta = simulated_s > 0 ? wall * (duration_s - simulated_s) / simulated_s : 0;
    std::fprintf(stderr, "simulate: %s: %.0f of %.0f s simulated (%.0f%%), ETA %.0f s\n", label.c_str(), simulated_s,
                 duration_s, 100.0 * simulated_s / duration_s, eta);
  }

 private:
  bool quiet_;
  std::string label_;
  std::chrono::steady_clock::time_point case_start_{}, last_{};
};

void run(const SimulateArgs& a) {
  sim::ScenarioSpec spec = sim::load_scenario(a.scenario);
  if (a.seed) {
    if (*a.seed < 0) throw InputError("--seed", "must be >= 0");
    spec.seed = static_cast<uint64_t>(*a.seed);
  }
  if (a.duration_s) {
    if (!(*a.duration_s >= spec.window_s))
      throw InputError("--duration-s", fmt::format("must be at least one window ({} s)", spec.window_s));
    spec.duration_s = *a.duration_s;
  }
  const std::vector<sim::CasePlan> cases = sim::plan_cases(spec);  // all input errors before any work
  const std::string out = a.out.empty() ? "results/" + spec.name : a.out;
  ProgressPrinter printer(a.quiet);
  sim::RunResult run;
  run.scenario = spec.name;
  for (const auto& c : cases) {
    run.cases.push_back(sim::simulate_case(spec, c, std::ref(printer)));
    if (!a.quiet)
      std::fprintf(stderr, "simulate: %s @ factor %g done: %.0f s simulated in %.2f s\n", c.architecture.name.c_str(),
                   c.factor, run.cases.back().duration_s, run.cases.back().wall_s);
  }
  sim::write_reports(run, out);
  std::vector<std::string> inputs = {spec.file, spec.mcu.file, spec.radio.file, spec.fog.file};
  inputs.insert(inputs.end(), spec.from_search.begin(), spec.from_search.end());
  write_manifest(out, command_line(), {{"scenario", spec}, {"out", out}}, {{"seed", spec.seed}}, inputs);
  if (a.json)
    std::cout << sim::to_json(run).dump(2) << "\n";
  else
    std::cout << sim::summary_table(run).to_markdown() << fmt::format("\nreports written to {}/\n", out);
}

const Command registration("simulate", [](CLI::App& app) {
  auto args = std::make_shared<SimulateArgs>();
  auto* cmd = app.add_subcommand("simulate", "simulate a scenario in ns-3 (BLE link, radio and MCU energy, battery)");
  cmd->add_option("scenario", args->scenario, "scenario YAML file")->required();
  cmd->add_option("--out", args->out, "folder for the CSV/Markdown/JSON reports (default results/<scenario name>)");
  cmd->add_flag("--json", args->json, "print the results as one JSON object on stdout");
  cmd->add_flag("--quiet", args->quiet, "no progress on stderr");
  cmd->add_option("--seed", args->seed, "override the scenario's seed");
  cmd->add_option("--duration-s", args->duration_s, "override the scenario's simulated duration");
  cmd->callback([args] { run(*args); });
});

}  // namespace
}  // namespace fognas::cli
#endif
