#pragma once
// Reading and writing profile files. A profile is named either by a path to a
// YAML file or by a name resolved to <devices dir>/<name>/profile.yaml, where the
// devices dir is $FOGNAS_DEVICES_DIR or the source tree's devices/ folder.
#include <string>

#include "fognas/common/yaml.h"
#include "fognas/devices/profiles.h"

namespace fognas {

std::string devices_dir();
std::string resolve_profile_path(const std::string& name_or_path);

McuProfile load_mcu_profile(const std::string& name_or_path);
RadioProfile load_radio_profile(const std::string& name_or_path);
FogProfile load_fog_profile(const std::string& name_or_path);
// The same on a profile's YAML text; `path` names it in messages.
McuProfile parse_mcu_profile(const std::string& text, const std::string& path);
RadioProfile parse_radio_profile(const std::string& text, const std::string& path);
FogProfile parse_fog_profile(const std::string& text, const std::string& path);
DeviceModel load_device_model(const std::string& mcu, const std::string& radio, const std::string& fog);

// Reads a scenario's optional `devices:` section ({mcu, radio, fog}, each a
// profile name or path) over the defaults held in the three strings.
void read_device_names(const YamlMap& scenario, std::string& mcu, std::string& radio, std::string& fog);

// The YAML text of an MCU profile (what fit-device writes).
std::string mcu_profile_yaml(const McuProfile& profile, const std::string& calibration_note);

}  // namespace fognas
