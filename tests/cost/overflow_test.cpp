// Shapes near the limits of int: every network is either rejected when it is
// built, or costed with positive, finite Flash, RAM, bytes and energies (no
// product of lengths and channels wraps around 64 bits).
#include <gtest/gtest.h>

#include <climits>
#include <cmath>
#include <random>

#include "fognas/cost/cost.h"
#include "fognas/devices/profile_io.h"

namespace fognas {
namespace {

int draw_size(std::mt19937_64& rng, int small_max) {
  switch (rng() % 4) {
    case 0: return 1 + static_cast<int>(rng() % static_cast<uint64_t>(small_max));
    case 1: return 1 << (rng() % 31);                                       // powers of two up to 2^30
    case 2: return static_cast<int>(rng() % static_cast<uint64_t>(INT_MAX)) + 1;  // anything
    default: return INT_MAX - static_cast<int>(rng() % 4);
  }
}

TEST(CostOverflow, HugeShapesAreRejectedOrCostedPositiveAndFinite) {
  const DeviceModel model = load_device_model("stm32l476rg", "ble-paper", "fog-paper");
  std::mt19937_64 rng(20240601);
  int accepted = 0, rejected = 0;
  for (int trial = 0; trial < 4000; ++trial) {
    const size_t n = 2 + rng() % 5;
    std::vector<int> lengths(n), channels(n);
    // Mostly powers of two, so that many shapes pass the ratio check and reach the costing.
    for (size_t i = 0; i < n; ++i) {
      lengths[i] = rng() % 3 ? 1 << (rng() % 22) : draw_size(rng, 4096);
      channels[i] = rng() % 3 ? 1 << (rng() % 14) : draw_size(rng, 64);
    }
    channels.back() = 1;
    Network net;
    try {
      net = Network::from_shape(lengths, channels);
    } catch (const std::invalid_argument&) {
      ++rejected;
      continue;
    }
    ++accepted;
    EXPECT_GT(net.parameters(), 0);
    EXPECT_GT(net.effective_macs(), 0);
    PartitionOptions opt;
    opt.efficiency_factor = 1e-6 + static_cast<double>(rng() % 1000000);
    const PartitionPlan plan = solve_partition(net, model, opt);
    ASSERT_EQ(plan.points.size(), net.layers.size() + 1);
    for (const auto& c : plan.points) {
      SCOPED_TRACE(net.describe() + " P=" + std::to_string(c.point));
      EXPECT_GE(c.flash_bytes, 0);
      if (c.point > 1) EXPECT_GT(c.flash_bytes, 0);
      EXPECT_GT(c.ram_bytes, 0);
      EXPECT_GT(c.bytes_sent, 0);
      EXPECT_GE(c.edge_macs, 0);
      for (double e : {c.e_edge_comp_mj, c.e_edge_comm_mj, c.e_fog_mj, c.e_edge_mj(), c.e_total_mj(),
                       c.edge_latency_ms, c.flash_kb(), c.ram_kb()}) {
        EXPECT_TRUE(std::isfinite(e)) << e;
        EXPECT_GE(e, 0);
      }
      EXPECT_GT(c.e_total_mj(), 0);
      const PartitionCost direct = partition_cost(net, model, c.point, plan.efficiency_factor);
      EXPECT_EQ(direct.flash_bytes, c.flash_bytes);
      EXPECT_EQ(direct.ram_bytes, c.ram_bytes);
      EXPECT_EQ(direct.bytes_sent, c.bytes_sent);
    }
    if (plan.feasible()) EXPECT_TRUE(plan.best().fits_memory);
  }
  // The draw reaches both sides of the limits.
  EXPECT_GT(accepted, 200);
  EXPECT_GT(rejected, 200);
}

TEST(CostOverflow, LimitsAreNamed) {
  auto message = [](std::vector<int> l, std::vector<int> c) -> std::string {
    try {
      Network::from_shape(std::move(l), std::move(c));
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "";
  };
  EXPECT_NE(message({2048, 1 << 21, 2}, {1, 1, 1}).find("above the limit"), std::string::npos);
  EXPECT_NE(message({2048, 2048, 2}, {1, 8192, 1}).find("above the limit"), std::string::npos);
  EXPECT_NE(message({1, 1 << 20, 2}, {4096, 4096, 1}).find("multiply-accumulates"), std::string::npos);
  EXPECT_EQ(message({1 << 20, 1 << 20, 2}, {1, 1, 1}), "");  // at the limits, and small enough
}

}  // namespace
}  // namespace fognas
