#include "ns3_buildings.h"

#include "ns3/box.h"
#include "ns3/double.h"
#include "ns3/hybrid-buildings-propagation-loss-model.h"

namespace fognas::sim {

ns3::Ptr<ns3::Building> RaiseBuilding(const BuildingSpec& b) {
  using namespace ns3;
  Ptr<Building> building = CreateObject<Building>();
  building->SetBoundaries(Box(b.x0_m, b.x0_m + b.width_m, b.y0_m, b.y0_m + b.depth_m, 0.0, b.height_m()));
  building->SetNFloors(static_cast<uint16_t>(b.floors));
  building->SetNRoomsX(static_cast<uint16_t>(b.rooms_x));
  building->SetNRoomsY(static_cast<uint16_t>(b.rooms_y));
  building->SetBuildingType(b.type == BuildingType::Residential ? Building::Residential
                            : b.type == BuildingType::Office    ? Building::Office
                                                                : Building::Commercial);
  building->SetExtWallsType(b.walls == ExternalWalls::Wood                  ? Building::Wood
                            : b.walls == ExternalWalls::ConcreteWithWindows ? Building::ConcreteWithWindows
                            : b.walls == ExternalWalls::StoneBlocks         ? Building::StoneBlocks
                                                                            : Building::ConcreteWithoutWindows);
  return building;
}

ns3::Ptr<ns3::PropagationLossModel> BuildingsLossModel() {
  using namespace ns3;
  Ptr<HybridBuildingsPropagationLossModel> loss = CreateObject<HybridBuildingsPropagationLossModel>();
  loss->SetAttribute("Frequency", DoubleValue(kBuildingsFrequencyHz));
  for (const char* sigma : {"ShadowSigmaOutdoor", "ShadowSigmaIndoor", "ShadowSigmaExtWalls"})
    loss->SetAttribute(sigma, DoubleValue(0.0));
  return loss;
}

}  // namespace fognas::sim
