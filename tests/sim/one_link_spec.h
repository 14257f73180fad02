#pragma once
// One wearable 1 m from its fog node for a simulated minute, on shipped
// profiles (STM32L476RG, the named radio, the paper's fog node), factor 10,
// no architectures yet: the start of most simulator tests.
#include <string>

#include "fognas/devices/profile_io.h"
#include "fognas/sim/scenario.h"

namespace fognas::sim {

inline ScenarioSpec one_link_spec(const std::string& radio) {
  ScenarioSpec s;
  s.name = "test";
  s.file = "test.yaml";
  s.mcu = load_mcu_profile("stm32l476rg");
  s.radio = load_radio_profile(radio);
  s.fog = load_fog_profile("fog-paper");
  s.factors = {10};
  s.duration_s = 60;
  s.distance_m = 1;
  return s;
}

}  // namespace fognas::sim
