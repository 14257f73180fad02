#pragma once
// Where the runner puts its nodes: standing still, or walking at random in
// an area (the placement's, or a ward's). A walk draws from streams keyed by
// the wearable, so its path is the same whatever else the scenario holds.
#include "ns3/node.h"
#include "ns3/ptr.h"
#include "ns3/vector.h"

#include "wards.h"

namespace fognas::sim {

void PlaceStill(ns3::Ptr<ns3::Node> node, const ns3::Vector& position);
// A random walk from `position` in `area`, a new direction every 2 s (or at
// the area's edge), at `speed_m_s`; its draws come from the streams of
// wearable `wearable`.
void PlaceWalking(ns3::Ptr<ns3::Node> node, const ns3::Vector& position, const WalkArea& area, double speed_m_s,
                  int64_t wearable);

}  // namespace fognas::sim
