#pragma once
// The wearable's battery as an ns-3 energy source, built from the scenario's
// battery section. Internal to the runner (ns-3 types); the CLI sees only the
// plain BatterySpec.
#include "ns3/energy-source.h"
#include "ns3/ptr.h"

#include "fognas/sim/scenario.h"

namespace fognas::sim {

ns3::Ptr<ns3::EnergySource> MakeBattery(const BatterySpec& battery);

// ns-3's basic source updates itself once a (simulated) second to notice that
// it ran out between the devices' state changes; in a fleet those updates are
// an eighth of all events. A source whose devices together can draw at most
// `maxLoadW` cannot run out within remaining / maxLoadW of an update, so it is
// updated only then (from t = 0 on; at most a microsecond apart near empty),
// which finds the instant it runs out as closely as the periodic update did
// (closer: within a microsecond of its last update or state change, not a
// second). Sources of other kinds (the cells schedule their own updates)
// are left as they are.
void UpdateOnlyWhereItCouldRunOut(ns3::Ptr<ns3::EnergySource> source, double maxLoadW);

}  // namespace fognas::sim
