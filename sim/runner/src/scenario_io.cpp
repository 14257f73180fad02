#include <fmt/format.h>

#include <algorithm>

#include "fognas/common/error.h"
#include "fognas/cost/cost.h"
#include "fognas/cost/radio_energy.h"
#include "fognas/sim/scenario.h"

namespace fognas::sim {
namespace {

// Every link of a full fog node must fit one exchange into its slot.
void check_links_fit_the_interval(const Scenario& sc, const ScenarioSpec& s) {
  const int links = std::min(s.wearables, s.max_wearables_per_fog);
  const double budget_us = ble_event_budget_us(s.radio.ble, links);
  if (ble_first_exchange_us(s.radio.ble) > budget_us)
    throw InputError(sc.where("max_wearables_per_fog"),
                     fmt::format("{} links share a {} ms connection interval: each gets {:.0f} us, one exchange "
                                 "with a full packet needs {:.0f} us",
                                 links, s.radio.ble.conn_interval_ms, budget_us, ble_first_exchange_us(s.radio.ble)));
}

}  // namespace

ScenarioSpec simulation_spec_from(const Scenario& sc) {
  if (sc.architectures.empty())
    throw InputError(sc.file, "simulate needs 'architectures' (lengths and channels, or from_search)");
  if (!sc.devices.radio.has_ble)
    throw InputError(sc.where("devices.radio"),
                     fmt::format("radio profile '{}' has no ble section to simulate", sc.devices.radio.name));
  if (sc.devices.fog.radio && !sc.devices.fog.radio->has_ble)
    throw InputError(sc.where("devices.fog"), fmt::format("the fog profile's radio '{}' has no ble section to simulate",
                                                          sc.devices.fog.radio->name));
  ScenarioSpec s;
  static_cast<SimulationSettings&>(s) = sc.simulation;
  s.name = sc.name;
  s.file = sc.file;
  s.out_dir = sc.out_dir;
  s.architectures = sc.architectures;
  s.factors = sc.factors;
  s.energy_scenario = sc.energy_scenario;
  s.limits = sc.limits;
  s.mcu = sc.devices.mcu;
  s.radio = sc.devices.radio;
  s.fog = sc.devices.fog;
  s.seed = sc.seed;
  check_links_fit_the_interval(sc, s);
  return s;
}

ScenarioSpec load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  return simulation_spec_from(load_scenario_file(path, overrides));
}

}  // namespace fognas::sim
