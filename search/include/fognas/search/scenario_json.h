#pragma once
// Loaded scenarios as JSON (for manifest.json): the values a command actually
// ran with, after defaults and command-line overrides, not the YAML text.
#include <nlohmann/json.hpp>

#include "fognas/search/factor_study.h"
#include "fognas/search/search_scenario.h"

namespace fognas {

void to_json(nlohmann::json& j, const FactorStudySpec& s);
void to_json(nlohmann::json& j, const SearchScenario& s);

}  // namespace fognas
