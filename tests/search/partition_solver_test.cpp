// The prefix-sum solver against a direct recomputation of every point, over
// thousands of random genomes, plus properties that must hold for any network.
#include <gtest/gtest.h>

#include <random>

#include "fognas/devices/profile_io.h"
#include "fognas/search/genome.h"
#include "fognas/cost/cost.h"

namespace fognas {
namespace {

void expect_same_cost(const PartitionCost& a, const PartitionCost& b) {
  EXPECT_EQ(a.point, b.point);
  EXPECT_EQ(a.flash_bytes, b.flash_bytes);
  EXPECT_EQ(a.ram_bytes, b.ram_bytes);
  EXPECT_EQ(a.bytes_sent, b.bytes_sent);
  EXPECT_EQ(a.edge_parameters, b.edge_parameters);
  EXPECT_EQ(a.edge_macs, b.edge_macs);
  EXPECT_NEAR(a.e_edge_comp_mj, b.e_edge_comp_mj, 1e-12 + 1e-9 * b.e_edge_comp_mj);
  EXPECT_NEAR(a.e_edge_comm_mj, b.e_edge_comm_mj, 1e-12 + 1e-9 * b.e_edge_comm_mj);
  EXPECT_NEAR(a.e_fog_mj, b.e_fog_mj, 1e-12 + 1e-9 * b.e_fog_mj);
  EXPECT_EQ(a.fits_memory, b.fits_memory);
}

class SolverAgainstNaive : public ::testing::TestWithParam<const char*> {};

TEST_P(SolverAgainstNaive, EveryPointOfRandomGenomesAgrees) {
  const DeviceModel model = load_device_model("stm32l476rg", GetParam(), "fog-paper");
  std::mt19937_64 rng(20241107);
  std::uniform_real_distribution<double> factor(0.5, 20.0);
  std::uniform_int_distribution<int> classes(2, 5);
  for (int trial = 0; trial < 3000; ++trial) {
    Network net = Genome::random(rng).decode(classes(rng));
    PartitionOptions opt;
    opt.scenario = trial % 2 ? EnergyScenario::Edge : EnergyScenario::Total;
    opt.efficiency_factor = factor(rng);
    PartitionPlan plan = solve_partition(net, model, opt);
    ASSERT_EQ(plan.points.size(), net.layers.size() + 1);
    for (int p = 1; p <= net.layer_count() + 1; ++p)
      expect_same_cost(plan.points[static_cast<size_t>(p - 1)], partition_cost(net, model, p, *opt.efficiency_factor));
    if (HasFailure()) FAIL() << "first disagreement at " << net.describe();
  }
}

INSTANTIATE_TEST_SUITE_P(Radios, SolverAgainstNaive, ::testing::Values("ble-paper", "nrf52832-1m", "nrf52840-2m"));

TEST(Solver, BestIsTheCheapestPointWithinRandomLimits) {
  const DeviceModel model = load_device_model("stm32l476rg", "ble-paper", "fog-paper");
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> flash_kb(0.0, 40.0), ram_kb(6.0, 40.0);
  int infeasible = 0;
  for (int trial = 0; trial < 2000; ++trial) {
    Network net = Genome::random(rng).decode(2);
    PartitionOptions opt;
    opt.scenario = trial % 2 ? EnergyScenario::Edge : EnergyScenario::Total;
    opt.flash_limit_kb = flash_kb(rng);
    opt.ram_limit_kb = ram_kb(rng);
    PartitionPlan plan = solve_partition(net, model, opt);
    int best = -1;
    for (size_t i = 0; i < plan.points.size(); ++i) {
      const auto& c = plan.points[i];
      bool fits = c.flash_kb() <= *opt.flash_limit_kb && c.ram_kb() <= *opt.ram_limit_kb;
      ASSERT_EQ(fits, c.fits_memory);
      if (fits && (best < 0 || c.objective_mj(opt.scenario) < plan.points[static_cast<size_t>(best)].objective_mj(opt.scenario)))
        best = static_cast<int>(i);
    }
    ASSERT_EQ(plan.best_index, best) << net.describe();
    infeasible += best < 0;
  }
  // The limits were drawn so that both outcomes occur.
  EXPECT_GT(infeasible, 0);
  EXPECT_LT(infeasible, 2000);
}

TEST(Solver, EnergyIsConservedAcrossPointsAtFactorOne) {
  // At factor 1 the fog spends what the edge would have: edge compute + fog
  // compute is the whole network's compute energy at every point.
  const DeviceModel model = load_device_model("stm32l476rg", "ble-paper", "fog-paper");
  std::mt19937_64 rng(99);
  for (int trial = 0; trial < 500; ++trial) {
    Network net = Genome::random(rng).decode(5);
    PartitionOptions opt;
    opt.efficiency_factor = 1.0;
    PartitionPlan plan = solve_partition(net, model, opt);
    const double whole = plan.points.back().e_edge_comp_mj;
    for (const auto& c : plan.points) EXPECT_NEAR(c.e_edge_comp_mj + c.e_fog_mj, whole, 1e-12 + 1e-9 * whole);
  }
}

TEST(Solver, RejectsNonPositiveFactor) {
  const DeviceModel model = load_device_model("stm32l476rg", "ble-paper", "fog-paper");
  Network net = Network::from_shape({2048, 128, 2}, {1, 1, 1});
  PartitionOptions opt;
  opt.efficiency_factor = 0.0;
  EXPECT_THROW(solve_partition(net, model, opt), std::invalid_argument);
}

}  // namespace
}  // namespace fognas
