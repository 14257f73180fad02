#pragma once
// The wearable's battery as an ns-3 energy source, built from the scenario's
// battery section. Internal to the runner (ns-3 types); the CLI sees only the
// plain BatterySpec.
#include "ns3/energy-source.h"
#include "ns3/ptr.h"

#include "fognas/sim/scenario.h"

namespace fognas::sim {

ns3::Ptr<ns3::EnergySource> MakeBattery(const BatterySpec& battery);

// The wearable's battery in a run: a `basic` battery is a MeteredEnergySource
// (an ideal store that takes what it gave from the models' own counts and
// looks whether it ran out only where it could have: the models on it draw at
// most `maxLoadW`); a cell is MakeBattery's.
ns3::Ptr<ns3::EnergySource> MakeWearableBattery(const BatterySpec& battery, double maxLoadW);

}  // namespace fognas::sim
