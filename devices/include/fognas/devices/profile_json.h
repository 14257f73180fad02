#pragma once
// Loaded profiles as JSON (for manifest.json): every value the cost models and
// the simulator use, plus the profile's name and file.
#include <nlohmann/json.hpp>

#include "fognas/devices/profiles.h"

namespace fognas {

void to_json(nlohmann::json& j, const Surrogate& s);
void to_json(nlohmann::json& j, const McuProfile& p);
void to_json(nlohmann::json& j, const BleRadioParams& b);
void to_json(nlohmann::json& j, const RadioProfile& p);
void to_json(nlohmann::json& j, const FogProfile& p);
void to_json(nlohmann::json& j, const DeviceModel& m);  // {mcu, radio, fog}

}  // namespace fognas
