#include <fmt/format.h>

#include <cmath>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/common/yaml.h"
#include "fognas/devices/profile_io.h"
#include "fognas/devices/radio_energy.h"
#include "fognas/sim/scenario.h"

namespace fognas::sim {
namespace {

double positive(const YamlMap& m, const std::string& key, double fallback) {
  const double v = m.number(key, fallback);
  if (!(v > 0)) throw InputError(m.where(key), fmt::format("must be > 0, got {}", v));
  return v;
}

int count(const YamlMap& m, const std::string& key, long fallback, long max) {
  const long v = m.integer(key, fallback);
  if (v < 1 || v > max) throw InputError(m.where(key), fmt::format("must be between 1 and {}, got {}", max, v));
  return static_cast<int>(v);
}

// A profile named in a scenario resolves beside the scenario file first, then
// as a name under devices/.
std::string profile_ref(const YamlMap& m, const std::string& key) {
  const std::string name = m.text(key);
  const auto beside = std::filesystem::path(m.file()).parent_path() / name;
  if (std::filesystem::is_regular_file(beside)) return beside.string();
  return name;
}

// The network and partition point a search chose (its best.json), so a search's
// result can be simulated without copying its genes by hand.
Architecture architecture_from_search(const std::string& best_json, const std::string& where) {
  if (!std::filesystem::is_regular_file(best_json))
    throw InputError(where, fmt::format("no such search result '{}'", best_json));
  Architecture arch;
  try {
    const nlohmann::json j = nlohmann::json::parse(read_file(best_json));
    arch.lengths = j.at("lengths").get<std::vector<int>>();
    arch.channels = j.at("channels").get<std::vector<int>>();
    arch.partition_point = j.at("partition_point").get<int>();
  } catch (const nlohmann::json::exception& e) {
    throw InputError(best_json, fmt::format("not a search result (best.json): {}", e.what()));
  }
  return arch;
}

}  // namespace

ScenarioSpec load_scenario(const std::string& path) {
  if (!std::filesystem::is_regular_file(path)) throw InputError(path, "no such scenario file");
  YamlMap m(load_yaml_file(path), path);
  ScenarioSpec s;
  s.file = path;
  s.name = m.text("name");
  m.text("description", "");

  YamlMap profiles = m.map("profiles");
  s.mcu = load_mcu_profile(profile_ref(profiles, "mcu"));
  s.radio = load_radio_profile(profile_ref(profiles, "radio"));
  s.fog = load_fog_profile(profile_ref(profiles, "fog"));
  profiles.reject_unknown_keys();
  if (!s.radio.has_ble)
    throw InputError(profiles.where("radio"), fmt::format("radio profile '{}' has no ble section to simulate", s.radio.name));

  for (const YamlMap& a : m.maps("architectures")) {
    Architecture arch;
    arch.name = a.text("name");
    if (a.has("from_search")) {
      // Resolved like profiles: beside the scenario file first, then as given.
      std::string best = a.text("from_search");
      const auto beside = std::filesystem::path(path).parent_path() / best;
      if (std::filesystem::is_regular_file(beside)) best = beside.string();
      arch = architecture_from_search(best, a.where("from_search"));
      arch.name = a.text("name");
      s.from_search.push_back(best);
    } else {
      arch.lengths = a.integers("lengths");
      arch.channels = a.integers("channels");
    }
    if (a.has("partition_point")) arch.partition_point = static_cast<int>(a.integer("partition_point"));
    a.reject_unknown_keys();
    s.architectures.push_back(arch);
  }
  if (s.architectures.empty()) throw InputError(m.where("architectures"), "needs at least one architecture");
  s.factors = m.has("factors") ? m.numbers("factors") : std::vector<double>{s.fog.efficiency_factor};
  for (double f : s.factors)
    if (!(f > 0)) throw InputError(m.where("factors"), fmt::format("factors must be > 0, got {}", f));
  s.partition_mode = m.text("partition_mode", "total");
  if (s.partition_mode != "edge" && s.partition_mode != "total")
    throw InputError(m.where("partition_mode"), fmt::format("expected edge or total, got '{}'", s.partition_mode));
  s.paper_energy_per_bit_nj = positive(m, "paper_energy_per_bit_nj", 20);
  s.window_s = positive(m, "window_s", 4);
  s.duration_s = positive(m, "duration_s", 3600);
  if (s.duration_s < s.window_s) throw InputError(m.where("duration_s"), "must be at least one window");
  // A window shorter than the fastest BLE connection interval cannot carry a
  // tensor per window; a year bounds the simulated time (ns-3 counts nanoseconds).
  if (s.window_s < 0.0075) throw InputError(m.where("window_s"), "must be at least 7.5 ms (one connection interval)");
  if (s.duration_s > 366.0 * 86400.0) throw InputError(m.where("duration_s"), "must be at most a year");
  s.distance_m = positive(m, "distance_m", 1);
  s.fog_spacing_m = positive(m, "fog_spacing_m", 50);
  s.wearables = count(m, "wearables", 1, 10000);
  s.fog_nodes = count(m, "fog_nodes", 1, 1000);
  s.max_wearables_per_fog = count(m, "max_wearables_per_fog", 1, 64);
  const long seed = m.integer("seed", 1);
  if (seed < 0) throw InputError(m.where("seed"), "must be >= 0");
  s.seed = static_cast<uint64_t>(seed);
  if (s.wearables > s.fog_nodes * s.max_wearables_per_fog)
    throw InputError(m.where("wearables"), fmt::format("{} wearables but {} fog nodes x {} wearables each", s.wearables,
                                                       s.fog_nodes, s.max_wearables_per_fog));
  // Every link of a full fog node must fit one exchange into its slot.
  const int links = std::min(s.wearables, s.max_wearables_per_fog);
  const double budget_us = ble_event_budget_us(s.radio.ble, links);
  if (ble_first_exchange_us(s.radio.ble) > budget_us)
    throw InputError(m.where("max_wearables_per_fog"),
                     fmt::format("{} links share a {} ms connection interval: each gets {:.0f} us, one exchange "
                                 "with a full packet needs {:.0f} us",
                                 links, s.radio.ble.conn_interval_ms, budget_us, ble_first_exchange_us(s.radio.ble)));
  if (m.has("channel")) {
    YamlMap c = m.map("channel");
    s.path_loss_exponent = positive(c, "path_loss_exponent", 3.0);
    s.reference_loss_db = c.number("reference_loss_db", 40.05);
    c.reject_unknown_keys();
  }
  if (m.has("battery")) {
    YamlMap b = m.map("battery");
    const std::string model = b.text("model", "basic");
    if (model == "basic") s.battery.model = BatteryModel::Basic;
    else if (model == "li-ion") s.battery.model = BatteryModel::LiIon;
    else throw InputError(b.where("model"), fmt::format("unknown battery model '{}' (expected basic or li-ion)", model));
    s.battery.capacity_mah = positive(b, "capacity_mah", 225);
    s.battery.voltage_v = positive(b, "voltage_v", 3.0);
    b.reject_unknown_keys();
  }
  const std::string idle = m.text("idle_events", "closed-form");
  if (idle == "closed-form") s.idle_events_closed_form = true;
  else if (idle == "simulated") s.idle_events_closed_form = false;
  else throw InputError(m.where("idle_events"), fmt::format("expected closed-form or simulated, got '{}'", idle));
  m.reject_unknown_keys();
  return s;
}

}  // namespace fognas::sim
