#pragma once
// Section readers of the scenario language that live outside scenario.cpp.
#include <fmt/format.h>

#include <string>
#include <vector>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/common/yaml.h"
#include "fognas/devices/profile_io.h"
#include "fognas/scenario/sweep.h"

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

// Reads the `sweep:` section (command, mode, axes) and checks every axis path
// and value list; `keys` are the scenario's own keys (paths a sweep may set).
SweepSpec read_sweep(const YamlMap& root, const std::vector<std::string>& keys);

}  // namespace fognas
