#pragma once
// A fleet among buildings split into parts that cannot reach each other:
// groups of buildings none of whose receivers checks another group's links
// (the interference index leaves them out), each wearable with its fog node.
// Such parts can be simulated one after another, each holding only its own
// nodes in memory, with the figures of one simulation of the whole fleet.
// Plain numbers, no ns-3.
#include <cstdint>
#include <vector>

namespace fognas::sim {

struct FleetPart {
  std::vector<int> fogs, wearables;  // indices in the fleet, ascending
};

// near[to * regions + from]: a receiver in region `to` checks the links of
// region `from`. Regions join a part when either checks the other; a
// wearable joins its fog node's part (and with it the region it stands in).
// Parts are ordered by their first fog node, and the fog nodes and wearables
// in each by index.
std::vector<FleetPart> fleet_parts(const std::vector<bool>& near, uint32_t regions, const std::vector<int>& fog_region,
                                   const std::vector<int>& wearable_region, const std::vector<int>& attached_to);

}  // namespace fognas::sim
