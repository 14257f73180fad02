// The parts of a fleet among buildings (sim/runner/src/fleet_parts.h) against
// an independent reachability: over random near tables, every two regions in
// one part are joined by a chain of near pairs (either way), no near pair
// spans two parts, every node is in exactly one part, and a wearable is in
// its fog node's part.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "fleet_parts.h"

namespace {

using fognas::sim::FleetPart;
using fognas::sim::fleet_parts;

// reach[a][b]: a chain of near pairs (either way), or a wearable and its fog
// node, joins regions a and b (Floyd-Warshall closure).
std::vector<std::vector<bool>> Reach(const std::vector<bool>& near, int n, const std::vector<int>& fogRegion,
                                     const std::vector<int>& wearableRegion, const std::vector<int>& attachedTo) {
  std::vector<std::vector<bool>> r(static_cast<size_t>(n), std::vector<bool>(static_cast<size_t>(n), false));
  for (int a = 0; a < n; ++a)
    for (int b = 0; b < n; ++b)
      r[a][b] = a == b || near[static_cast<size_t>(a * n + b)] || near[static_cast<size_t>(b * n + a)];
  for (size_t i = 0; i < wearableRegion.size(); ++i) {
    const int a = wearableRegion[i], b = fogRegion[static_cast<size_t>(attachedTo[i])];
    r[a][b] = r[b][a] = true;
  }
  for (int k = 0; k < n; ++k)
    for (int a = 0; a < n; ++a)
      for (int b = 0; b < n; ++b)
        if (r[a][k] && r[k][b]) r[a][b] = true;
  return r;
}

TEST(FleetParts, PartsAreTheRegionsNearPairsJoinAndNothingMore) {
  std::mt19937_64 rng(23);
  int split = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const int n = std::uniform_int_distribution<int>(1, 12)(rng);
    const double density = std::uniform_real_distribution<double>(0.0, 0.3)(rng);
    std::bernoulli_distribution isNear(density);
    std::vector<bool> near(static_cast<size_t>(n * n));
    for (size_t k = 0; k < near.size(); ++k) near[k] = isNear(rng);
    std::uniform_int_distribution<int> region(0, n - 1);
    const int fogs = std::uniform_int_distribution<int>(1, 3 * n)(rng);
    std::vector<int> fogRegion, wearableRegion, attachedTo;
    for (int j = 0; j < fogs; ++j) fogRegion.push_back(region(rng));
    const int wearables = std::uniform_int_distribution<int>(0, 4 * n)(rng);
    std::uniform_int_distribution<int> fog(0, fogs - 1);
    std::bernoulli_distribution elsewhere(0.1);  // now and then a wearable outside its fog node's building
    for (int i = 0; i < wearables; ++i) {
      attachedTo.push_back(fog(rng));
      wearableRegion.push_back(elsewhere(rng) ? region(rng) : fogRegion[static_cast<size_t>(attachedTo.back())]);
    }
    const std::vector<FleetPart> parts =
        fleet_parts(near, static_cast<uint32_t>(n), fogRegion, wearableRegion, attachedTo);
    const auto reach = Reach(near, n, fogRegion, wearableRegion, attachedTo);
    std::vector<int> fogPart(static_cast<size_t>(fogs), -1), wearablePart(static_cast<size_t>(wearables), -1);
    for (size_t p = 0; p < parts.size(); ++p) {
      ASSERT_FALSE(parts[p].fogs.empty());
      for (int j : parts[p].fogs) {
        ASSERT_EQ(fogPart[static_cast<size_t>(j)], -1);
        fogPart[static_cast<size_t>(j)] = static_cast<int>(p);
      }
      for (int i : parts[p].wearables) {
        ASSERT_EQ(wearablePart[static_cast<size_t>(i)], -1);
        wearablePart[static_cast<size_t>(i)] = static_cast<int>(p);
      }
      ASSERT_TRUE(std::is_sorted(parts[p].fogs.begin(), parts[p].fogs.end()));
      ASSERT_TRUE(std::is_sorted(parts[p].wearables.begin(), parts[p].wearables.end()));
      if (p > 0) ASSERT_LT(parts[p - 1].fogs.front(), parts[p].fogs.front());
    }
    for (int part : fogPart) ASSERT_GE(part, 0);
    for (int part : wearablePart) ASSERT_GE(part, 0);
    // Two nodes share a part exactly when their regions reach each other.
    auto regionOf = [&](bool isFog, int k) { return isFog ? fogRegion[static_cast<size_t>(k)] : wearableRegion[static_cast<size_t>(k)]; };
    auto partOf = [&](bool isFog, int k) { return isFog ? fogPart[static_cast<size_t>(k)] : wearablePart[static_cast<size_t>(k)]; };
    for (int a = 0; a < fogs + wearables; ++a)
      for (int b = 0; b < fogs + wearables; ++b) {
        const bool fa = a < fogs, fb = b < fogs;
        const int ka = fa ? a : a - fogs, kb = fb ? b : b - fogs;
        ASSERT_EQ(partOf(fa, ka) == partOf(fb, kb), static_cast<bool>(reach[regionOf(fa, ka)][regionOf(fb, kb)]))
            << "trial " << trial;
      }
    for (int i = 0; i < wearables; ++i)
      ASSERT_EQ(wearablePart[static_cast<size_t>(i)], fogPart[static_cast<size_t>(attachedTo[static_cast<size_t>(i)])]);
    split += parts.size() > 1;
  }
  EXPECT_GT(split, 100);  // the draws split fleets often
}

TEST(FleetParts, ATableOfTheWrongSizeIsRefused) {
  EXPECT_THROW(fleet_parts(std::vector<bool>(3, false), 2, {0}, {}, {}), std::logic_error);
  EXPECT_THROW(fleet_parts(std::vector<bool>(4, false), 2, {2}, {}, {}), std::logic_error);
}

}  // namespace
