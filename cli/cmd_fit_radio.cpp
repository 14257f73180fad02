// fognas fit-radio TRACE.csv --base PROFILE: fits a radio profile's per-event
// phases to a measured current trace of an idle connection
// (fognas/devices/radio_fit.h), prints them with their fit, and with --out
// writes the profile.
#include <fmt/format.h>

#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "checked_options.h"
#include "command.h"
#include "fitted_file.h"
#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/common/result_dir.h"
#include "fognas/common/table.h"
#include "fognas/devices/profile_io.h"
#include "fognas/devices/radio_fit.h"

namespace fognas::cli {
namespace {

// The first line of every profile fit-radio writes: a file that starts with
// it may be replaced by the next fit, any other file is the user's.
const std::string kFittedHeader = "# fognas fit-radio: a fitted radio profile (a new fit replaces this file)\n";

struct FitRadioArgs {
  std::string trace, base, out, name, time_unit, current_unit;
  bool json = false;
};

nlohmann::json fit_json(const RadioFit& fit, const std::string& out) {
  nlohmann::json phases = nlohmann::json::array();
  for (const FittedPhase& p : fit.phases)
    phases.push_back({{"phase", p.name}, {"duration_us", p.duration_us}, {"current_ma", p.current_ma},
                      {"charge_uc", p.charge_uc}});
  nlohmann::json j = {{"events", fit.events},
                      {"interval_ms", fit.interval_ms},
                      {"idle_event_charge_uc", fit.idle_event_charge_uc},
                      {"sleep_current_ua", fit.sleep_current_ua},
                      {"rms_residual_ma", fit.rms_residual_ma},
                      {"r2", fit.r2},
                      {"phases", phases}};
  if (!out.empty()) j["out"] = out;
  return j;
}

Table phase_table(const RadioFit& fit, const std::string& trace) {
  Table t;
  t.caption = fmt::format("Phases of an idle connection event fitted to {}: {} events, {:.4g} ms apart; sleep current "
                          "{:.4g} uA; charge above sleep {:.4g} uC per event; RMS residual {:.3g} mA, R^2 = {:.4f}.",
                          trace, fit.events, fit.interval_ms, fit.sleep_current_ua, fit.idle_event_charge_uc,
                          fit.rms_residual_ma, fit.r2);
  t.columns = {{"phase", "phase", "", kShortest},
               {"duration_us", "duration", "us", 1},
               {"current_ma", "current", "mA", 3},
               {"charge_uc", "charge", "uC", 4}};
  for (const FittedPhase& p : fit.phases) t.rows.push_back({p.name, p.duration_us, p.current_ma, p.charge_uc});
  return t;
}

void run(const FitRadioArgs& a) {
  TraceUnits units;
  if (!a.time_unit.empty()) units.time = trace_time_unit_from_string(a.time_unit);
  if (!a.current_unit.empty()) units.current = trace_current_unit_from_string(a.current_unit);
  const RadioProfile base = load_radio_profile(a.base);
  if (!base.has_ble) throw InputError("--base", fmt::format("profile '{}' has no ble section to fit", a.base));
  if (!a.out.empty()) {
    prepare_output_file(a.out, "--out");
    require_fitted_or_absent(a.out, kFittedHeader, "fit-radio");  // before anything is printed
  }
  const RadioFit fit = fit_idle_events(read_current_trace(a.trace, units), base.ble);
  if (a.json)
    std::cout << fit_json(fit, a.out).dump(2) << "\n";
  else
    std::cout << phase_table(fit, a.trace).to_markdown();
  if (a.out.empty()) return;
  const std::string name = a.name.empty() ? base.name + "-fit" : a.name;
  const std::string yaml = kFittedHeader + fitted_radio_profile_yaml(base, fit, name, a.trace);
  parse_radio_profile(yaml, a.out);  // what is written must load
  write_file_atomically(a.out, yaml);
  std::cerr << "fit-radio: wrote " << a.out << "\n";
}

const Command registration("fit-radio", [](CLI::App& app) {
  auto args = std::make_shared<FitRadioArgs>();
  auto* cmd = app.add_subcommand("fit-radio", "fit a radio profile's per-event phases to a measured current trace");
  add_text(cmd, "trace", args->trace,
           "CSV of an idle connection: Power Profiler (Timestamp(ms), Current(uA)) or time, current (s, A)")
      ->required();
  add_text(cmd, "--base", args->base, "radio profile giving the packet layout and the phases to fit")->required();
  add_text(cmd, "--out", args->out, "radio profile YAML to write");
  add_text(cmd, "--name", args->name, "name of the written profile (default: the base's with -fit)");
  add_text(cmd, "--time-unit", args->time_unit, "unit of the first column of any other CSV: s, ms or us");
  add_text(cmd, "--current-unit", args->current_unit, "unit of the second column of any other CSV: A, mA or uA");
  cmd->add_flag("--json", args->json, "print the fit as one JSON object instead of a table");
  cmd->callback([args] { run(*args); });
});

}  // namespace
}  // namespace fognas::cli
