// fognas simulate: run a scenario in the ns-3 BLE model and compare the
// simulated energies with the analytic predictions.
#if __has_include("fognas/sim/simulate.h")
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

#include "command.h"
#include "scenario_options.h"
#include "fognas/common/error.h"
#include "fognas/common/interrupt.h"
#include "fognas/common/manifest.h"
#include "fognas/common/result_dir.h"
#include "fognas/sim/report.h"
#include "fognas/sim/scenario.h"
#include "fognas/sim/scenario_json.h"
#include "fognas/sim/simulate.h"

namespace fognas::cli {
namespace {

struct SimulateArgs {
  ScenarioOptions scenario;
  std::string out;
  bool json = false;
  bool quiet = false;
  std::optional<uint64_t> seed;     // passed on as --set seed=...
  std::optional<double> duration_s;  // passed on as --set duration_s=...
  std::string pcap;                  // passed on as --set pcap=...
};

// Simulated time and an estimate of the wall time left, at most once a second.
class ProgressPrinter {
 public:
  explicit ProgressPrinter(bool quiet) : quiet_(quiet) {}
  void operator()(const std::string& label, double simulated_s, double duration_s) {
    test_hold_point("simulate-progress");  // mid-run, inside ns-3's event loop
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

// Where case k of n writes its captures (none without the pcap key): the
// scenario's folder inside the run's own folder, one sub-folder per case when
// there are several.
std::string capture_folder(const sim::ScenarioSpec& spec, const ResultDir& dir, size_t k, size_t n) {
  if (spec.pcap_dir.empty()) return {};
  std::filesystem::path folder = dir.work() / spec.pcap_dir;
  if (n > 1) folder /= fmt::format("case-{:02}", k);
  std::filesystem::create_directories(folder);
  return folder.string();
}

void run(const SimulateArgs& a) {
  // The shortcuts go through the scenario reader, so they meet the same checks
  // and bounds as the keys they set.
  std::vector<std::string> overrides = a.scenario.overrides;
  if (a.seed) overrides.push_back(fmt::format("seed={}", *a.seed));
  if (a.duration_s) overrides.push_back(fmt::format("duration_s={}", *a.duration_s));
  if (!a.pcap.empty()) overrides.push_back(fmt::format("pcap={}", a.pcap));
  const sim::ScenarioSpec spec = sim::load_scenario(a.scenario.file, overrides);
  const std::vector<sim::CasePlan> cases = sim::plan_cases(spec);  // all input errors before any work
  const std::string out = a.out.empty() ? spec.out_dir : a.out;
  // Reports go to out.partial and replace out only when every case ran.
  ResultDir dir(out, a.out.empty() ? "out" : "--out", "fognas simulate", ResultDir::OnFailure::Discard);
  ProgressPrinter printer(a.quiet);
  sim::RunResult run;
  run.scenario = spec.name;
  run.radio = sim::radio_note_of(spec);
  for (size_t k = 0; k < cases.size(); ++k) {
    const sim::CasePlan& c = cases[k];
    run.cases.push_back(sim::simulate_case(spec, c, std::ref(printer), capture_folder(spec, dir, k, cases.size())));
    if (!a.quiet)
      std::fprintf(stderr, "simulate: %s @ factor %g done: %.0f s simulated in %.2f s\n", c.architecture.name.c_str(),
                   c.factor, run.cases.back().duration_s, run.cases.back().wall_s);
  }
  sim::check_figures(run);
  if (std::none_of(run.cases.begin(), run.cases.end(), sim::delivered_any))
    throw InfeasibleError(spec.file, fmt::format("no case delivered an inference in {} s simulated (no tensor reached "
                                                 "a fog node); '{}' is unchanged", spec.duration_s, out));
  sim::write_reports(run, dir.work().string());
  std::vector<std::string> inputs = {spec.file, spec.mcu.file, spec.radio.file, spec.fog.file};
  for (const auto& arch : spec.architectures)
    if (!arch.from_search.empty()) inputs.push_back(arch.from_search);
  write_manifest(dir.work().string(), command_line(), {{"scenario", spec}, {"out", out}}, {{"seed", spec.seed}},
                 inputs);
  dir.commit();
  // Wall-clock seconds go to stdout and timing.json only, never to the committed reports.
  if (a.json) {
    std::cout << sim::to_json(run, true).dump(2) << "\n";
  } else {
    std::cout << sim::summary_table(run).to_markdown() << fmt::format("\nreports written to {}/\n", out);
    std::cout << fmt::format("wall time: {:.2f} s\n", sim::timing_json(run)["wall_s"].get<double>());
  }
}

const Command registration("simulate", [](CLI::App& app) {
  auto args = std::make_shared<SimulateArgs>();
  auto* cmd = app.add_subcommand("simulate", "simulate a scenario in ns-3 (BLE link, radio and MCU energy, battery)");
  args->scenario.add_to(cmd, "scenarios/validate-table4.yaml");
  add_text(cmd, "--out", args->out, "folder for the CSV/Markdown/LaTeX/JSON reports (default: the scenario's out)");
  cmd->add_flag("--json", args->json, "print the results as one JSON object on stdout");
  cmd->add_flag("--quiet", args->quiet, "no progress on stderr");
  // Checked here for the option's name in messages, then by the scenario reader like the keys they set.
  add_integer(cmd, "--seed", args->seed, "override the scenario's seed (same as --set seed=N)", 0,
              std::numeric_limits<int64_t>::max());
  add_real(cmd, "--duration-s", args->duration_s, "override the simulated duration (same as --set duration_s=S)",
           positive_up_to(366.0 * 86400.0));
  add_text(cmd, "--pcap", args->pcap,
           "write a pcap capture per fog node (Wireshark) to DIR/fog-NNN.pcap inside the results folder "
           "(same as --set pcap=DIR)");
  cmd->callback([args] { run(*args); });
});

}  // namespace
}  // namespace fognas::cli
#endif
