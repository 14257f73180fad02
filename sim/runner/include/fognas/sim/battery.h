#pragma once
// The wearable's battery as an ns-3 energy source, built from the scenario's
// battery section. Internal to the runner (ns-3 types); the CLI sees only the
// plain BatterySpec.
#include "ns3/energy-source.h"
#include "ns3/ptr.h"

#include "fognas/sim/scenario.h"

namespace fognas::sim {

ns3::Ptr<ns3::EnergySource> MakeBattery(const BatterySpec& battery);

}  // namespace fognas::sim
