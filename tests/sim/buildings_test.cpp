// Buildings: the predictor's path loss (fognas/cost/buildings.h, its own code)
// against ns-3's HybridBuildingsPropagationLossModel at random places, and
// what a wall between two wards does to their links' collisions.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <iostream>
#include <random>
#include <vector>

#include "ns3/building.h"
#include "ns3/buildings-helper.h"
#include "ns3/constant-position-mobility-model.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/hybrid-buildings-propagation-loss-model.h"
#include "ns3/mobility-building-info.h"
#include "ns3/node-container.h"
#include "ns3/packet.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include "fognas/cost/buildings.h"
#include "fognas/devices/profile_io.h"
#include "ns3/ble-helper.h"
#include "ns3/ble-peripheral-link-layer.h"
#include "ble_profile_attributes.h"
#include "ns3_buildings.h"

using namespace ns3;

namespace {

Ptr<HybridBuildingsPropagationLossModel> Ns3BuildingsLoss() {
  return DynamicCast<HybridBuildingsPropagationLossModel>(fognas::sim::BuildingsLossModel());
}

// A node standing at (x, y, z).
void StandAt(Ptr<Node> node, double x, double y, double z) {
  Ptr<ConstantPositionMobilityModel> m = CreateObject<ConstantPositionMobilityModel>();
  m->SetPosition(Vector(x, y, z));
  node->AggregateObject(m);
}

Ptr<MobilityModel> StandingAt(const fognas::PointM& p) {
  Ptr<ConstantPositionMobilityModel> m = CreateObject<ConstantPositionMobilityModel>();
  m->SetPosition(Vector(p.x, p.y, p.z));
  m->AggregateObject(CreateObject<MobilityBuildingInfo>());
  return m;
}

// Buildings in a row along x, gaps of 20 to 700 m between them (line of sight
// below 200 m, over rooftops beyond), of every type and wall.
std::vector<fognas::BuildingSpec> RandomBuildings(std::mt19937_64& rng) {
  std::uniform_real_distribution<double> gap(20, 700), size(10, 120), floorHeight(2.5, 5);
  std::uniform_int_distribution<int> floors(1, 6), rooms(1, 6), type(0, 2), walls(0, 3);
  std::vector<fognas::BuildingSpec> out;
  double x = 0;
  for (int i = 0; i < 3; ++i) {
    fognas::BuildingSpec b;
    b.x0_m = x, b.y0_m = 10;
    b.width_m = size(rng), b.depth_m = size(rng);
    b.floors = floors(rng), b.floor_height_m = floorHeight(rng);
    b.rooms_x = rooms(rng), b.rooms_y = rooms(rng);
    b.type = static_cast<fognas::BuildingType>(type(rng));
    b.walls = static_cast<fognas::ExternalWalls>(walls(rng));
    out.push_back(b);
    x += b.width_m + gap(rng);
  }
  return out;
}

fognas::PointM RandomPlaceIn(const fognas::BuildingSpec& b, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0.01, 0.99);
  return {b.x0_m + u(rng) * b.width_m, b.y0_m + u(rng) * b.depth_m, u(rng) * b.height_m()};
}

}  // namespace

// Independent code, the same numbers: every pair of random places, in one
// building (floors, rooms) or in two (both ITU-R P.1411 branches), agrees
// with ns-3's model to rounding.
TEST(BuildingsLoss, ThePredictorsLossIsNs3sAtRandomPlaces) {
  std::mt19937_64 rng(2026);
  int sameBuilding = 0, lineOfSight = 0, overRooftops = 0;
  for (int layout = 0; layout < 20; ++layout) {
    Simulator::Destroy();  // forgets ns-3's buildings
    const std::vector<fognas::BuildingSpec> buildings = RandomBuildings(rng);
    for (const auto& b : buildings) fognas::sim::RaiseBuilding(b);
    Ptr<HybridBuildingsPropagationLossModel> ns3Loss = Ns3BuildingsLoss();
    std::uniform_int_distribution<size_t> which(0, buildings.size() - 1);
    for (int k = 0; k < 200; ++k) {
      const size_t i = which(rng), j = which(rng);
      const fognas::PointM a = RandomPlaceIn(buildings[i], rng), b = RandomPlaceIn(buildings[j], rng);
      const double expected = ns3Loss->GetLoss(StandingAt(a), StandingAt(b));
      const double d = std::hypot(a.x - b.x, a.y - b.y, a.z - b.z);
      (i == j ? sameBuilding : d < 200 ? lineOfSight : overRooftops) += 1;
      ASSERT_NEAR(fognas::buildings_path_loss_db(buildings, a, b), expected, 1e-9 * std::max(1.0, expected))
          << "buildings " << i << " and " << j << " at " << d << " m";
    }
  }
  Simulator::Destroy();
  EXPECT_GT(sameBuilding, 500);
  EXPECT_GT(lineOfSight, 100);
  EXPECT_GT(overRooftops, 500);
}

TEST(BuildingsLoss, PlacesAreFoundAsNs3NumbersFloorsAndRooms) {
  fognas::BuildingSpec b;
  b.x0_m = 100, b.y0_m = 0, b.width_m = 50, b.depth_m = 20, b.floors = 4, b.floor_height_m = 4;
  b.rooms_x = 5, b.rooms_y = 2;
  const std::vector<fognas::BuildingSpec> one{b};
  const fognas::IndoorPlace p = fognas::place_in(one, {125, 15, 9});
  EXPECT_EQ(p.building, 0);
  EXPECT_EQ(p.floor, 3);
  EXPECT_EQ(p.room_x, 3);
  EXPECT_EQ(p.room_y, 2);
  EXPECT_EQ(fognas::place_in(one, {150, 20, 16}).room_x, 5);  // on the far walls: the last room and floor
  EXPECT_EQ(fognas::place_in(one, {150, 20, 16}).floor, 4);
  EXPECT_EQ(fognas::place_in(one, {99, 10, 1}).building, -1);
  EXPECT_THROW(fognas::buildings_path_loss_db(one, {99, 10, 1}, {120, 10, 1}), std::invalid_argument);
}

namespace {

// Two links on one floor of an office 20 m x 4 m, each fog node 1.5 to 2 m
// from its wearable, the other link's radios 6 to 9.5 m away: on an open floor
// the nearer ones reach a signal-to-interference ratio of 18 to 21 dB, under
// the 21 dB capture threshold; a wall between them at x = 10 m adds 5 dB.
// Both links send a full packet in every event, their anchors 1 ms apart.
struct TwoWards {
  NodeContainer centrals, peripherals;
  std::vector<Ptr<BlePeripheralLinkLayer>> links;

  explicit TwoWards(int rooms) {
    Simulator::Destroy();
    RngSeedManager::SetSeed(5);
    RngSeedManager::SetRun(1);
    fognas::BuildingSpec b;
    b.width_m = 20, b.depth_m = 4, b.floors = 1, b.floor_height_m = 3, b.rooms_x = rooms, b.rooms_y = 1;
    fognas::sim::RaiseBuilding(b);
    centrals.Create(2);
    peripherals.Create(2);
    const double centralX[] = {8.0, 16.0}, peripheralX[] = {6.5, 14.0};
    for (uint32_t j = 0; j < 2; ++j) {
      StandAt(centrals.Get(j), centralX[j], 2.0, 1.0);
      StandAt(peripherals.Get(j), peripheralX[j], 2.0, 1.0);
    }
    BuildingsHelper::Install(centrals);
    BuildingsHelper::Install(peripherals);
    BleHelper helper;
    fognas::sim::SetBleLinkAttributes(helper, fognas::load_radio_profile("nrf52840-2m").ble, true);
    Ptr<BleChannel> channel = helper.CreateChannel(Ns3BuildingsLoss());
    channel->AssignStreams(0);
    for (uint32_t j = 0; j < 2; ++j) {
      NetDeviceContainer c = helper.Install(NodeContainer(centrals.Get(j)), BleNetDevice::CENTRAL, channel);
      NetDeviceContainer p = helper.Install(NodeContainer(peripherals.Get(j)), BleNetDevice::PERIPHERAL, channel);
      DynamicCast<BleNetDevice>(c.Get(0))->GetLinkLayer()->SetAttribute("AnchorOffset", TimeValue(MilliSeconds(j)));
      helper.Connect(c.Get(0), p);
      links.push_back(DynamicCast<BlePeripheralLinkLayer>(DynamicCast<BleNetDevice>(p.Get(0))->GetLinkLayer()));
      links.back()->TraceConnectWithoutContext("EventEnd", MakeBoundCallback(&TwoWards::Refill, links.back()));
      Simulator::Schedule(MilliSeconds(1), &TwoWards::Refill, links.back(), Time(), true);
    }
  }
  ~TwoWards() { Simulator::Destroy(); }
  static void Refill(Ptr<BlePeripheralLinkLayer> link, Time, bool) {
    Simulator::ScheduleNow([link] {
      if (link->GetBacklog() == 0) link->Send(Create<Packet>(244), 0);
    });
  }
  uint64_t Collisions() const { return links[0]->GetStatistics().collisions + links[1]->GetStatistics().collisions; }
  uint64_t DataEvents() const { return links[0]->GetStatistics().dataEvents + links[1]->GetStatistics().dataEvents; }
};

}  // namespace

TEST(BuildingsLoss, AWallBetweenTwoWardsRemovesTheirCollisionsAnOpenFloorKeepsThem) {
  auto run = [](int rooms) {
    TwoWards wards(rooms);
    Simulator::Stop(Seconds(60));
    Simulator::Run();
    return std::make_pair(wards.Collisions(), wards.DataEvents());
  };
  const auto [openCollisions, openEvents] = run(1);
  const auto [walledCollisions, walledEvents] = run(2);
  // About one event in 37 meets the other link on its channel.
  EXPECT_GT(openEvents, 3000u);
  EXPECT_GT(openCollisions, openEvents / 37 / 4);
  EXPECT_EQ(walledCollisions, 0u);
  EXPECT_GT(walledEvents, 3000u);
}

// The interference index leaves out whole buildings by this floor: no two
// places in two buildings, at the heights nodes stand at, lose less.
TEST(BuildingsLoss, NoTwoPlacesInTwoBuildingsLoseLessThanTheirLeastLoss) {
  std::mt19937_64 rng(11);
  int pairs = 0;
  for (int layout = 0; layout < 30; ++layout) {
    const std::vector<fognas::BuildingSpec> buildings = RandomBuildings(rng);
    auto heights = [](const fognas::BuildingSpec& b) {
      std::vector<double> z;
      for (int f = 0; f < b.floors; ++f) z.push_back(f * b.floor_height_m + 1.0), z.push_back(f * b.floor_height_m + 2.0);
      return z;
    };
    for (int from = 0; from < 3; ++from)
      for (int to = 0; to < 3; ++to) {
        if (from == to) continue;
        const auto hFrom = heights(buildings[static_cast<size_t>(from)]), hTo = heights(buildings[static_cast<size_t>(to)]);
        const double floorDb = fognas::least_path_loss_db(buildings, from, hFrom, to, hTo);
        std::uniform_int_distribution<size_t> pickFrom(0, hFrom.size() - 1), pickTo(0, hTo.size() - 1);
        double least = 1e9;
        for (int k = 0; k < 300; ++k) {
          fognas::PointM a = RandomPlaceIn(buildings[static_cast<size_t>(from)], rng);
          fognas::PointM b = RandomPlaceIn(buildings[static_cast<size_t>(to)], rng);
          a.z = hFrom[pickFrom(rng)], b.z = hTo[pickTo(rng)];
          least = std::min(least, fognas::buildings_path_loss_db(buildings, a, b));
          ++pairs;
        }
        ASSERT_GE(least, floorDb - 1e-9) << "from " << from << " to " << to;
      }
  }
  EXPECT_GT(pairs, 50000);
}

namespace {

// Three one-floor buildings in a row: A, then B 100 m on (in line of sight,
// near), then C 600 m past B (over rooftops, far). Six links in each, every
// wearable 2 m from its fog node, anchors spread over 3 ms so that events
// overlap, every event full.
struct ThreeBuildings {
  NodeContainer centrals, peripherals;
  std::vector<Ptr<BlePeripheralLinkLayer>> links;
  Ptr<BleChannel> channel;
  std::vector<fognas::BuildingSpec> buildings;

  explicit ThreeBuildings(double boundDb) {
    Simulator::Destroy();
    RngSeedManager::SetSeed(9);
    RngSeedManager::SetRun(1);
    const double origins[] = {0, 140, 780};
    for (double x : origins) {
      fognas::BuildingSpec b;
      b.x0_m = x, b.width_m = 40, b.depth_m = 20, b.floors = 1, b.floor_height_m = 3, b.rooms_x = 1, b.rooms_y = 1;
      buildings.push_back(b);
      fognas::sim::RaiseBuilding(b);
    }
    const int perBuilding = 6;
    centrals.Create(3 * perBuilding);
    peripherals.Create(3 * perBuilding);
    for (uint32_t k = 0; k < centrals.GetN(); ++k) {
      const double x = origins[k / perBuilding] + 3 + 6 * (k % perBuilding);
      StandAt(centrals.Get(k), x, 2.0, 2.0);
      StandAt(peripherals.Get(k), x, 4.0, 2.0);
    }
    BuildingsHelper::Install(centrals);
    BuildingsHelper::Install(peripherals);
    BleHelper helper;
    fognas::sim::SetBleLinkAttributes(helper, fognas::load_radio_profile("nrf52840-2m").ble, true);
    channel = helper.CreateChannel(Ns3BuildingsLoss());
    channel->SetAttribute("InterferenceBoundDb", DoubleValue(boundDb));
    channel->SetAttribute("Fading", EnumValue(BLE_FADING_RAYLEIGH));
    channel->AssignStreams(0);
    for (uint32_t k = 0; k < centrals.GetN(); ++k) {
      NetDeviceContainer c = helper.Install(NodeContainer(centrals.Get(k)), BleNetDevice::CENTRAL, channel);
      NetDeviceContainer p = helper.Install(NodeContainer(peripherals.Get(k)), BleNetDevice::PERIPHERAL, channel);
      const uint32_t region = k / perBuilding;
      channel->SetRegion(DynamicCast<BleNetDevice>(c.Get(0))->GetRadio(), region);
      channel->SetRegion(DynamicCast<BleNetDevice>(p.Get(0))->GetRadio(), region);
      DynamicCast<BleNetDevice>(c.Get(0))->GetLinkLayer()->SetAttribute("AnchorOffset",
                                                                       TimeValue(MicroSeconds(500 * (k % perBuilding))));
      helper.Connect(c.Get(0), p);
      links.push_back(DynamicCast<BlePeripheralLinkLayer>(DynamicCast<BleNetDevice>(p.Get(0))->GetLinkLayer()));
      links.back()->TraceConnectWithoutContext("EventEnd", MakeBoundCallback(&TwoWards::Refill, links.back()));
      Simulator::Schedule(MilliSeconds(1), &TwoWards::Refill, links.back(), Time(), true);
    }
    const std::vector<double> heights{2.0};
    for (int from = 0; from < 3; ++from)
      for (int to = 0; to < 3; ++to)
        if (from != to)
          channel->SetRegionLossFloorDb(from, to, fognas::least_path_loss_db(buildings, from, heights, to, heights));
  }
  ~ThreeBuildings() { Simulator::Destroy(); }
};

}  // namespace

// The index against the sum over every link, packet by packet with the same
// keyed draws: every SINR within the bound, and an outcome differs only where
// what was left out could tip it over its threshold (counted).
TEST(InterferenceIndex, EverySinrIsWithinTheBoundOfTheSumOverEveryLink) {
  const double boundDb = 0.1;
  ThreeBuildings fleet(boundDb);
  EXPECT_EQ(fleet.channel->GetNearRegions(0), (std::vector<uint32_t>{0, 1}));
  EXPECT_EQ(fleet.channel->GetNearRegions(1), (std::vector<uint32_t>{0, 1}));
  EXPECT_EQ(fleet.channel->GetNearRegions(2), (std::vector<uint32_t>{2}));
  long packets = 0, leftOutOnAir = 0, flipped = 0;
  double worstDb = 0;
  std::function<void(const BleInterferenceCheck&)> check = [&](const BleInterferenceCheck& c) {
    ++packets;
    // The two sums add the same powers in another order: equal to rounding
    // where nothing was left out.
    const double rounding = 1e-12 * c.indexedMw;
    ASSERT_GE(c.exhaustiveMw, c.indexedMw - rounding);
    if (c.exhaustiveMw > c.indexedMw + rounding) ++leftOutOnAir;
    const double errorDb = 10 * std::log10((c.noiseMw + c.exhaustiveMw) / (c.noiseMw + c.indexedMw));
    worstDb = std::max(worstDb, errorDb);
    ASSERT_LE(errorDb, boundDb);
    if (c.collisionIndexed == c.collisionExhaustive && c.lostIndexed == c.lostExhaustive) return;
    ++flipped;
    // Only what was left out tips it: within the bound of the capture
    // threshold (21 dB) or of the receiver's error decision.
    const double leftOutMw = c.exhaustiveMw - c.indexedMw;
    if (c.collisionIndexed != c.collisionExhaustive) {
      EXPECT_LT(c.signalMw, std::pow(10.0, 2.1) * (c.indexedMw + leftOutMw));
    }
  };
  fleet.channel->TraceConnectWithoutContext("InterferenceCheck", MakeCallback(&std::function<void(const BleInterferenceCheck&)>::operator(), &check));
  Simulator::Stop(Seconds(60));
  Simulator::Run();
  EXPECT_GT(packets, 20000);
  EXPECT_GT(leftOutOnAir, 0) << "the far building's packets should meet some packets of the others";
  EXPECT_LT(flipped, packets / 1000 + 1);
  std::cout << packets << " packets, " << leftOutOnAir << " left some interference out, " << flipped
            << " outcomes differ; worst SINR difference " << worstDb << " dB\n";
}

namespace {

// A channel holding `radios[r]` radios in each region r in `held` (all
// regions when `held` is empty), with the least losses `floorDb[from * n + to]`.
Ptr<BleChannel> ChannelOfRegions(const std::vector<int>& radios, const std::vector<double>& floorDb,
                                 const std::vector<uint32_t>& held, NodeContainer& nodes) {
  BleHelper helper;
  fognas::sim::SetBleLinkAttributes(helper, fognas::load_radio_profile("nrf52840-2m").ble, true);
  Ptr<BleChannel> channel = helper.CreateChannel(Ns3BuildingsLoss());
  const auto n = static_cast<uint32_t>(radios.size());
  for (uint32_t r = 0; r < n; ++r) {
    if (!held.empty() && std::find(held.begin(), held.end(), r) == held.end()) continue;
    NodeContainer here;
    here.Create(static_cast<uint32_t>(radios[r]));
    nodes.Add(here);
    const NetDeviceContainer devs = helper.Install(here, BleNetDevice::PERIPHERAL, channel);
    for (uint32_t k = 0; k < devs.GetN(); ++k) channel->SetRegion(DynamicCast<BleNetDevice>(devs.Get(k))->GetRadio(), r);
  }
  for (uint32_t from = 0; from < n; ++from)
    for (uint32_t to = 0; to < n; ++to)
      if (from != to) channel->SetRegionLossFloorDb(from, to, floorDb[from * n + to]);
  return channel;
}

}  // namespace

// A fleet simulated in parts: a channel that holds one region's radios but
// knows the fleet's census finds, for that region, the near regions of the
// channel that holds every radio; over random radio counts and least losses
// (around where regions start to count), and where the census is left out
// the part's channel finds other near regions (the census is what makes it
// right).
TEST(InterferenceIndex, APartWithTheFleetsCensusFindsTheWholeFleetsNearRegions) {
  std::mt19937_64 rng(31);
  int withoutCensusDiffers = 0, someLeftOut = 0;
  for (int trial = 0; trial < 200; ++trial) {
    Simulator::Destroy();
    const uint32_t n = std::uniform_int_distribution<uint32_t>(2, 5)(rng);
    std::vector<int> radios;
    for (uint32_t r = 0; r < n; ++r) radios.push_back(std::uniform_int_distribution<int>(1, 6)(rng));
    std::uniform_real_distribution<double> floorDb(125.0, 165.0);
    std::vector<double> floors(static_cast<size_t>(n) * n);
    for (double& f : floors) f = floorDb(rng);
    NodeContainer nodes;
    Ptr<BleChannel> whole = ChannelOfRegions(radios, floors, {}, nodes);
    const uint32_t region = std::uniform_int_distribution<uint32_t>(0, n - 1)(rng);
    Ptr<BleChannel> part = ChannelOfRegions(radios, floors, {region}, nodes);
    Ptr<BleChannel> blind = ChannelOfRegions(radios, floors, {region}, nodes);
    part->SetFleetCensus(whole->GetCensus());
    ASSERT_EQ(part->GetNearRegions(region), whole->GetNearRegions(region)) << "trial " << trial;
    withoutCensusDiffers += blind->GetNearRegions(region) != whole->GetNearRegions(region);
    const size_t near = whole->GetNearRegions(region).size();
    someLeftOut += near > 1 && near < n;
  }
  Simulator::Destroy();
  EXPECT_GT(withoutCensusDiffers, 50);
  EXPECT_GT(someLeftOut, 50);  // regions both near and left out among the draws
}
