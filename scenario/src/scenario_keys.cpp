// Every key of the scenario language, listed once: the reader accepts exactly
// these (allow_only), and scenarios/README.md must document each one.
#include <algorithm>
#include <string>
#include <vector>

#include "fognas/scenario/scenario.h"
#include "readers.h"

namespace fognas {
namespace {

const std::vector<std::string> kKeys = {
    "name", "description", "seed", "out", "factors", "paper_energy_per_bit_nj",
    "window_s", "duration_s", "distance_m", "fog_spacing_m", "wearables", "fog_nodes", "max_wearables_per_fog",
    "idle_events", "data_events", "far_buildings", "fleet_mix", "pcap",
    "devices.mcu", "devices.radio", "devices.fog",
    "energy.scenario",
    "limits.energy_mj", "limits.flash_kb", "limits.ram_kb",
    "architectures[].name", "architectures[].lengths", "architectures[].channels", "architectures[].from_search",
    "architectures[].partition_point", "architectures[].published_partition_point",
    "data.dataset", "data.seed", "data.examples_per_class", "data.normalise", "data.classes", "data.split",
    "search.strategy", "search.population", "search.generations", "search.genes", "search.tournament_size",
    "search.crossover_rate", "search.mutation_rate",
    "search.successive_halving.enabled", "search.successive_halving.eta", "search.successive_halving.min_epochs",
    "training.epochs", "training.batch_size", "training.learning_rate", "training.dropout",
    "training.trainer",
    "window_jitter_s", "placement.layout", "placement.area_m", "placement.fog_positions_m",
    "placement.wearable_positions_m", "placement.mobility", "placement.walk_speed_m_s",
    "placement.buildings[].origin_m", "placement.buildings[].size_m", "placement.buildings[].floors",
    "placement.buildings[].floor_height_m", "placement.buildings[].rooms", "placement.buildings[].walls",
    "placement.buildings[].type", "placement.buildings[].repeat", "placement.buildings[].pitch_m",
    "placement.wards[].building", "placement.wards[].floor", "placement.wards[].room", "placement.beds_per_ward",
    "placement.fog_nodes_per_ward", "placement.walking_share", "placement.walk_within",
    "channel.path_loss_exponent", "channel.reference_loss_db", "channel.data_channels", "channel.capture_threshold_db",
    "channel.body_loss_db", "channel.shadowing_sigma_db",
    "channel.fading", "channel.rician_k_db", "channel.interference_bound_db",
    "ble.disconnected", "ble.wifi_interferers[].channel", "ble.wifi_interferers[].duty_cycle",
    "ble.wifi_interferers[].tx_power_dbm", "ble.wifi_interferers[].position_m", "ble.wifi_interferers[].burst_ms",
    "battery.model", "battery.capacity_mah", "battery.voltage_v", "battery.full_voltage_v",
    "battery.cutoff_voltage_v", "battery.internal_resistance_ohm", "battery.internal_resistance_empty_ohm",
    // Fields of the chosen profiles, set for this scenario (checked by the profile reader).
    "mcu.*", "radio.*", "fog.*",
    "sweep.command", "sweep.mode", "sweep.axes.*",
};

}  // namespace

const std::vector<std::string>& scenario_keys() { return kKeys; }

namespace reader {

// The keys directly under `section` ("" for the top level, "architectures[]"
// for an item of that list); a section's own name counts at its parent.
std::vector<std::string> keys_in(const std::string& section) {
  std::vector<std::string> out;
  const std::string prefix = section.empty() ? "" : section + ".";
  for (const std::string& k : scenario_keys()) {
    if (k.compare(0, prefix.size(), prefix) != 0) continue;
    std::string rest = k.substr(prefix.size());
    rest = rest.substr(0, rest.find('.'));
    if (rest.size() > 2 && rest.compare(rest.size() - 2, 2, "[]") == 0) rest.resize(rest.size() - 2);
    if (std::find(out.begin(), out.end(), rest) == out.end()) out.push_back(rest);
  }
  return out;
}

}  // namespace reader
}  // namespace fognas
