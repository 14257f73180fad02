#pragma once
// A scenario's buildings in ns-3: a Building for a BuildingSpec, and the
// buildings-aware loss the channel uses among them.
#include "ns3/building.h"
#include "ns3/propagation-loss-model.h"
#include "ns3/ptr.h"

#include "fognas/cost/buildings.h"

namespace fognas::sim {

// Raised into ns-3's global building list (Simulator::Destroy empties it).
ns3::Ptr<ns3::Building> RaiseBuilding(const BuildingSpec& b);

// ns-3's HybridBuildingsPropagationLossModel (ITU-R P.1238 inside a
// building with its internal walls and floors, ITU-R P.1411 between
// buildings with their external walls) at kBuildingsFrequencyHz, with its
// own shadowing off: shadowing stays the channel's keyed draw per pair.
ns3::Ptr<ns3::PropagationLossModel> BuildingsLossModel();

}  // namespace fognas::sim
