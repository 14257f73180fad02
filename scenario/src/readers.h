#pragma once
// The parts of the scenario reader, shared by its files: checked values, the
// section readers, overrides, profile fields and the sweep section.
#include <fmt/format.h>

#include <string>
#include <vector>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/common/yaml.h"
#include "fognas/devices/profile_io.h"
#include "fognas/scenario/scenario.h"
#include "fognas/scenario/sweep.h"

namespace YAML {
class Node;
}

namespace fognas {

// The profile document with the scenario's `section:` fields laid over it
// (maps merged key by key, anything else replaced), as YAML text.
std::string profile_text_with_fields(const YamlMap& root, const std::string& section, const std::string& profile_path);

// Where the scenario set the field a profile reader's message names
// ("file:line: key 'ble.x'" -> the scenario's line of `section.ble.x`), or the
// section itself when the field came from the profile file.
std::string scenario_field_where(const YamlMap& root, const std::string& section, const std::string& profile_where);

// The chosen profile, with the fields the scenario sets in its `mcu:`, `radio:`
// or `fog:` section. The profile's own reader checks the result, so a field is
// accepted exactly when the profile file could hold it; its messages are
// prefixed with the scenario key that set the field.
template <typename Profile>
Profile profile_with_fields(const YamlMap& root, const std::string& section, const std::string& ref,
                            Profile (*load)(const std::string&),
                            Profile (*parse)(const std::string&, const std::string&)) {
  if (!root.has(section)) return load(ref);
  const std::string path = resolve_profile_path(ref);
  const std::string text = profile_text_with_fields(root, section, path);
  try {
    Profile p = parse(text, path);
    return p;
  } catch (const InputError& e) {
    const std::string bare = std::string(e.what()).substr(e.where().empty() ? 0 : e.where().size() + 2);
    const std::string where = scenario_field_where(root, section, e.where());
    if (where != root.where(section)) throw InputError(where, fmt::format("in profile '{}': {}", ref, bare));
    throw InputError(root.where(section), fmt::format("profile '{}' with these fields: {}", ref, e.what()));
  }
}

namespace reader {

// The keys directly under `section` ("" for the top level, "architectures[]"
// for an item of that list); a section's own name counts at its parent.
std::vector<std::string> keys_in(const std::string& section);

// Checked values (checked_values.cpp): InputError naming the key otherwise.
double finite_in(const YamlMap& m, const std::string& key, double fallback, double lo, double hi,
                 bool lo_open = false);
double positive(const YamlMap& m, const std::string& key, double fallback, double hi);  // in (0, hi]
long integer_in(const YamlMap& m, const std::string& key, long fallback, long lo, long hi);
uint64_t seed_of(const YamlMap& m, const std::string& key);
std::string one_of(const YamlMap& m, const std::string& key, const std::string& fallback,
                   const std::vector<std::string>& allowed);
// A path given in the scenario: beside the scenario file first, then as given
// (from the working directory).
std::string resolve_beside(const std::string& scenario_file, const std::string& given);
// A profile named in a scenario, where the user keeps it (see the definition).
std::string resolve_profile_ref(const std::string& scenario_file, const std::string& given);

// The sections, each into the scenario (read_*_sections.cpp).
void read_devices(const YamlMap& root, Scenario& s);
void read_energy(const YamlMap& root, Scenario& s);
void read_limits(const YamlMap& root, Scenario& s);
void read_architectures(const YamlMap& root, Scenario& s);
void read_data(const YamlMap& root, Scenario& s);
void read_training(const YamlMap& root, Scenario& s);
void read_search(const YamlMap& root, Scenario& s);
void read_fleet(const YamlMap& root, SimulationSettings& q);
void read_buildings_placement(const YamlMap& placement, SimulationSettings& q);  // read_buildings.cpp
void check_fleet_mix(const YamlMap& root, const Scenario& s);
void read_channel_and_battery(const YamlMap& root, SimulationSettings& q);
void read_ble(const YamlMap& root, SimulationSettings& q);

// Sets `assignment` (KEY=VALUE, --set) in the document; returns KEY.
std::string apply_override(YAML::Node& root, const std::string& assignment);

}  // namespace reader

// Reads the `sweep:` section (command, mode, axes) and checks every axis path
// and value list; `keys` are the scenario's own keys (paths a sweep may set).
SweepSpec read_sweep(const YamlMap& root, const std::vector<std::string>& keys);

}  // namespace fognas
