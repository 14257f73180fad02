// fognas fit-device: least-squares calibration of an MCU's latency surrogate.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <optional>

#include <nlohmann/json.hpp>

#include "checked_options.h"
#include "command.h"
#include "fitted_file.h"
#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/common/result_dir.h"
#include "fognas/common/table.h"
#include "fognas/devices/profile_io.h"
#include "fognas/devices/surrogate_fit.h"

namespace fognas::cli {
namespace {

// The first line of every profile fit-device writes: a file that starts with
// it may be replaced by the next fit, any other file is the user's.
const std::string kFittedHeader = "# fognas fit-device: a fitted MCU profile (a new fit replaces this file)\n";

struct FitArgs {
  std::string measurements, out, base;
  std::string name = "mcu";
  std::vector<std::string> features{"macs"};
  std::optional<double> flash_kb, ram_kb, supply_v, active_power_mw, sleep_power_mw;
  bool json = false;
};

// The fit as one object: coefficients per layer type and feature, R^2, and
// every measurement with its residual.
nlohmann::json fit_json(const McuProfile& profile, const SurrogateFit& fit,
                        const std::vector<SurrogateFeature>& features, const std::vector<LatencyMeasurement>& data,
                        const std::string& out) {
  nlohmann::json coef = nlohmann::json::object();
  for (int k = 0; k < kSurrogateKinds; ++k) {
    const auto& c = fit.surrogate.latency_ms_per_unit[static_cast<size_t>(k)];
    if (c.empty()) continue;
    nlohmann::json per_feature;
    for (size_t i = 0; i < features.size(); ++i) per_feature[to_string(features[i])] = c[i];
    coef[to_string(static_cast<SurrogateKind>(k))] = per_feature;
  }
  nlohmann::json rows = nlohmann::json::array();
  for (size_t i = 0; i < data.size(); ++i)
    rows.push_back({{"measurement", data[i].label}, {"line", data[i].line}, {"measured_ms", data[i].latency_ms},
                    {"predicted_ms", fit.predicted_ms[i]}, {"residual_ms", fit.residual_ms[i]},
                    {"residual_pct", 100.0 * fit.residual_ms[i] / data[i].latency_ms}});
  return {{"name", profile.name}, {"r2", fit.surrogate.r2}, {"latency_ms_per_unit", coef},
          {"measurements", rows}, {"out", out}};
}

void run(const FitArgs& a) {
  McuProfile profile;
  if (!a.base.empty()) {
    profile = load_mcu_profile(a.base);
  } else {
    profile.name = a.name;
  }
  if (a.flash_kb) profile.flash_kb = *a.flash_kb;
  if (a.ram_kb) profile.ram_kb = *a.ram_kb;
  if (a.supply_v) profile.supply_v = *a.supply_v;
  if (a.active_power_mw) profile.active_power_mw = *a.active_power_mw;
  if (a.sleep_power_mw) profile.sleep_power_mw = *a.sleep_power_mw;
  for (auto [value, opt] : {std::pair{profile.flash_kb, "--flash-kb"}, std::pair{profile.ram_kb, "--ram-kb"},
                            std::pair{profile.supply_v, "--supply-v"},
                            std::pair{profile.active_power_mw, "--active-power-mw"}})
    if (!(value > 0)) throw InputError(opt, "must be given (or come from --base) and be > 0");
  if (profile.sleep_power_mw < 0) throw InputError("--sleep-power-mw", "must be >= 0");

  std::vector<SurrogateFeature> features;
  for (const auto& f : a.features) {
    try {
      features.push_back(surrogate_feature_from_string(f));
    } catch (const std::invalid_argument& e) {
      throw InputError("--features", e.what());
    }
  }
  auto data = read_measurements(a.measurements, profile.active_power_mw);
  SurrogateFit fit = fit_surrogate(data, features, a.measurements);
  profile.surrogate = fit.surrogate;

  Table coef;
  coef.caption = fmt::format("latency surrogate of {} (ms per unit), R^2 = {:.6f}", profile.name, fit.surrogate.r2);
  coef.columns = text_columns({"layer type"});
  for (auto f : features) coef.columns.push_back({to_string(f), to_string(f), "ms/unit", kGeneral});
  for (int k = 0; k < kSurrogateKinds; ++k) {
    const auto& c = fit.surrogate.latency_ms_per_unit[static_cast<size_t>(k)];
    if (c.empty()) continue;
    std::vector<Cell> row{to_string(static_cast<SurrogateKind>(k))};
    for (double v : c) row.push_back(v);
    coef.rows.push_back(row);
  }
  Table res;
  res.columns = {{"measurement", "measurement", "", kShortest}, {"line", "line", "", kShortest},
                 {"measured_ms", "measured", "ms", 4},          {"predicted_ms", "predicted", "ms", 4},
                 {"residual_ms", "residual", "ms", 4},          {"residual_pct", "residual", "%", 2}};
  for (size_t i = 0; i < data.size(); ++i)
    res.rows.push_back({data[i].label, data[i].line, data[i].latency_ms, fit.predicted_ms[i], fit.residual_ms[i],
                        100.0 * fit.residual_ms[i] / data[i].latency_ms});
  prepare_output_file(a.out, "--out");
  require_fitted_or_absent(a.out, kFittedHeader, "fit-device");  // before anything is printed
  if (a.json)
    std::cout << fit_json(profile, fit, features, data, a.out).dump(2) << "\n";
  else
    std::cout << coef.to_markdown() << "\n" << res.to_markdown();

  write_file_atomically(a.out, kFittedHeader + mcu_profile_yaml(profile, a.measurements));
  std::cerr << "fit-device: wrote " << a.out << "\n";
}

const Command registration("fit-device", [](CLI::App& app) {
  auto args = std::make_shared<FitArgs>();
  auto* cmd = app.add_subcommand("fit-device", "fit an MCU's per-layer-type latency surrogate to measurements");
  add_text(cmd, "measurements", args->measurements, "CSV: name,lengths,channels[,partition_point],latency_ms|energy_mj")
      ->required();
  add_text(cmd, "--out", args->out, "profile YAML to write")->required();
  cmd->add_flag("--json", args->json, "print the fit as one JSON object instead of tables");
  add_text(cmd, "--base", args->base, "profile to take name, memory and power from");
  add_text(cmd, "--name", args->name, "device name (without --base)");
  add_texts(cmd, "--features", args->features, "surrogate features: macs, outputs, inputs, layer")
      ->delimiter(',')
      ->default_str("macs");
  // The ranges the profile reader accepts (devices/src/profile_io.cpp).
  add_real(cmd, "--flash-kb", args->flash_kb, "Flash size", positive_up_to(1e9));
  add_real(cmd, "--ram-kb", args->ram_kb, "RAM size", positive_up_to(1e9));
  add_real(cmd, "--supply-v", args->supply_v, "supply voltage", positive_up_to(100));
  add_real(cmd, "--active-power-mw", args->active_power_mw, "power while running layers", positive_up_to(1e6));
  add_real(cmd, "--sleep-power-mw", args->sleep_power_mw, "power while asleep", {0, 1e6});
  cmd->callback([args] { run(*args); });
});

}  // namespace
}  // namespace fognas::cli
