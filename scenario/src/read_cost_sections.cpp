// The sections the cost model reads: devices (and their profiles), energy,
// limits and architectures.
#include <fmt/format.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/common/json_strict.h"
#include "fognas/devices/profile_io.h"
#include "readers.h"

namespace fognas::reader {

void read_devices(const YamlMap& root, Scenario& s) {
  if (root.has("devices")) {
    YamlMap d = root.map("devices");
    d.allow_only(keys_in("devices"));
    auto profile = [&d](const char* key, const std::string& fallback) {
      const std::string v = d.text(key, fallback);
      if (v.empty()) throw InputError(d.where(key), "must name a profile (a name under devices/ or a YAML path)");
      return v;
    };
    s.mcu_ref = resolve_profile_ref(s.file, profile("mcu", s.mcu_ref));
    s.radio_ref = resolve_profile_ref(s.file, profile("radio", s.radio_ref));
    s.fog_ref = resolve_profile_ref(s.file, profile("fog", s.fog_ref));
    d.reject_unknown_keys();
  }
  s.devices.mcu = profile_with_fields(root, "mcu", s.mcu_ref, load_mcu_profile, parse_mcu_profile);
  s.devices.radio = profile_with_fields(root, "radio", s.radio_ref, load_radio_profile, parse_radio_profile);
  s.devices.fog = profile_with_fields(root, "fog", s.fog_ref, load_fog_profile, parse_fog_profile);
}

void read_energy(const YamlMap& root, Scenario& s) {
  if (root.has("factors")) {
    s.factors = root.numbers("factors");
    if (s.factors.empty()) throw InputError(root.where("factors"), "give at least one factor");
    for (double f : s.factors)
      if (!(f >= 1e-6) || f > 1e6 || !std::isfinite(fog_at_factor(s.devices.mcu, s.devices.fog, f).busy_power_mw))
        throw InputError(root.where("factors"), fmt::format("each factor must be >= 1e-6 and <= 1e6, got {}", f));
  } else {
    s.factors = {implied_efficiency_factor(s.devices.mcu, s.devices.fog)};
  }
  if (root.has("energy")) {
    YamlMap e = root.map("energy");
    e.allow_only(keys_in("energy"));
    s.energy_scenario = energy_scenario_from_string(one_of(e, "scenario", "total", {"edge", "total"}));
    e.reject_unknown_keys();
  }
  s.simulation.paper_energy_per_bit_nj = positive(root, "paper_energy_per_bit_nj", 20, 1e6);
}

void read_limits(const YamlMap& root, Scenario& s) {
  if (!root.has("limits")) return;
  YamlMap l = root.map("limits");
  l.allow_only(keys_in("limits"));
  auto optional_positive = [&l](const char* key, double hi) -> std::optional<double> {
    if (!l.has(key)) return std::nullopt;
    return positive(l, key, 0, hi);
  };
  s.limits.energy_mj = optional_positive("energy_mj", 1e6);
  s.limits.flash_kb = optional_positive("flash_kb", 1e9);
  s.limits.ram_kb = optional_positive("ram_kb", 1e9);
  l.reject_unknown_keys();
}

// The network and partition point a search chose (its best.json).
void read_search_result(const std::string& best_json, const std::string& where, ArchitectureSpec& arch) {
  if (!path_is_file(best_json)) throw InputError(where, fmt::format("no such search result '{}'", best_json));
  try {
    const nlohmann::json j = nlohmann::json::parse(read_file(best_json));
    arch.lengths = json_int_list_at(j, "lengths");
    arch.channels = json_int_list_at(j, "channels");
    arch.partition_point = json_integer_at<int>(j, "partition_point");
  } catch (const nlohmann::json::exception& e) {
    throw InputError(best_json, fmt::format("not a search result (best.json): {}", e.what()));
  } catch (const std::invalid_argument& e) {
    throw InputError(best_json, fmt::format("not a search result (best.json): {}", e.what()));
  }
  arch.from_search = best_json;
}

std::optional<int> point_within(const YamlMap& a, const std::string& key, int layers) {
  if (!a.has(key)) return std::nullopt;
  return static_cast<int>(integer_in(a, key, 1, 1, layers + 1));
}

ArchitectureSpec read_architecture(const YamlMap& a, const std::string& scenario_file) {
  a.allow_only(keys_in("architectures[]"));
  ArchitectureSpec arch;
  arch.name = a.text("name");
  if (a.has("from_search")) {
    if (a.has("lengths") || a.has("channels"))
      throw InputError(a.where("from_search"), "give either from_search or lengths and channels, not both");
    read_search_result(resolve_beside(scenario_file, a.text("from_search")), a.where("from_search"), arch);
  } else {
    arch.lengths = a.integers("lengths");
    arch.channels = a.integers("channels");
  }
  int layers = 0;
  try {
    layers = Network::from_shape(arch.lengths, arch.channels).layer_count();
  } catch (const std::invalid_argument& e) {
    throw InputError(a.where(a.has("from_search") ? "from_search" : "lengths"), e.what());
  }
  if (arch.partition_point && (*arch.partition_point < 1 || *arch.partition_point > layers + 1))
    throw InputError(arch.from_search, fmt::format("partition_point {} is outside 1..{} for its {} layers",
                                                   *arch.partition_point, layers + 1, layers));
  // `solver` lets the solver choose even for a search's network (whose
  // best.json names the point the search chose).
  const std::string chosen_by =
      a.has("partition_point") && a.raw("partition_point").IsScalar() ? a.raw("partition_point").Scalar() : "";
  if (chosen_by == "solver" || chosen_by == "per-link") {
    arch.partition_point.reset();
    arch.per_link_partition = chosen_by == "per-link";
  }
  else if (auto p = point_within(a, "partition_point", layers))
    arch.partition_point = p;
  arch.published_partition_point = point_within(a, "published_partition_point", layers);
  a.reject_unknown_keys();
  return arch;
}

void read_architectures(const YamlMap& root, Scenario& s) {
  if (!root.has("architectures")) return;
  std::set<std::string> names;
  for (const YamlMap& a : root.maps("architectures")) {
    s.architectures.push_back(read_architecture(a, s.file));
    if (!names.insert(s.architectures.back().name).second)
      throw InputError(a.where("name"), fmt::format("architecture '{}' appears twice", s.architectures.back().name));
  }
  if (s.architectures.empty()) throw InputError(root.where("architectures"), "give at least one architecture");
}

}  // namespace fognas::reader
