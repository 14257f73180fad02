// Parts of a fleet by union-find over regions (fleet_parts.h).
#include "fleet_parts.h"

#include <map>
#include <numeric>
#include <stdexcept>
#include <string>

namespace fognas::sim {
namespace {

struct Joined {
  std::vector<uint32_t> parent;
  explicit Joined(uint32_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
  uint32_t Root(uint32_t a) {
    while (parent[a] != a) a = parent[a] = parent[parent[a]];
    return a;
  }
  void Join(uint32_t a, uint32_t b) { parent[Root(a)] = Root(b); }
};

void CheckRegion(int region, uint32_t regions) {
  if (region < 0 || static_cast<uint32_t>(region) >= regions)
    throw std::logic_error("fleet_parts: a node stands in region " + std::to_string(region) + " of " + std::to_string(regions));
}

}  // namespace

std::vector<FleetPart> fleet_parts(const std::vector<bool>& near, uint32_t regions, const std::vector<int>& fog_region,
                                   const std::vector<int>& wearable_region, const std::vector<int>& attached_to) {
  if (near.size() != static_cast<std::size_t>(regions) * regions || attached_to.size() != wearable_region.size())
    throw std::logic_error("fleet_parts: the near table or the attachments do not match the fleet");
  Joined joined(regions);
  for (uint32_t to = 0; to < regions; ++to)
    for (uint32_t from = 0; from < regions; ++from)
      if (near[static_cast<std::size_t>(to) * regions + from]) joined.Join(to, from);
  for (int r : fog_region) CheckRegion(r, regions);
  for (std::size_t i = 0; i < wearable_region.size(); ++i) {
    CheckRegion(wearable_region[i], regions);
    const int fog = attached_to[i];
    if (fog < 0 || static_cast<std::size_t>(fog) >= fog_region.size()) throw std::logic_error("fleet_parts: a wearable without its fog node");
    joined.Join(static_cast<uint32_t>(wearable_region[i]), static_cast<uint32_t>(fog_region[static_cast<std::size_t>(fog)]));
  }
  // Numbered in the order their first fog node comes (every part has one:
  // a wearable's part holds its fog node).
  std::map<uint32_t, std::size_t> partOfRoot;
  std::vector<FleetPart> parts;
  for (std::size_t j = 0; j < fog_region.size(); ++j) {
    const auto [it, added] = partOfRoot.emplace(joined.Root(static_cast<uint32_t>(fog_region[j])), parts.size());
    if (added) parts.emplace_back();
    parts[it->second].fogs.push_back(static_cast<int>(j));
  }
  for (std::size_t i = 0; i < wearable_region.size(); ++i)
    parts[partOfRoot.at(joined.Root(static_cast<uint32_t>(wearable_region[i])))].wearables.push_back(static_cast<int>(i));
  return parts;
}

}  // namespace fognas::sim
