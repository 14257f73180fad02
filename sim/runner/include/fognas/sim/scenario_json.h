#pragma once
// A loaded simulation scenario as JSON (for manifest.json): the values the run
// used, after defaults and command-line overrides, profiles included.
#include <nlohmann/json.hpp>

#include "fognas/sim/scenario.h"

namespace fognas::sim {

void to_json(nlohmann::json& j, const ScenarioSpec& s);

}  // namespace fognas::sim
