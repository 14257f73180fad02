// The fog side of the cost model: a physical fog node (busy power, speed) and
// the efficiency factor the method sweeps are two views of one thing.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>

#include "fognas/cost/cost.h"
#include "fognas/devices/profile_io.h"

namespace fognas {
namespace {

TEST(FogCost, ThePaperFogNodeIsTenTimesMoreEfficientThanTheStm32) {
  const McuProfile mcu = load_mcu_profile("stm32l476rg");
  const FogProfile fog = load_fog_profile("fog-paper");
  // 33 mW RUN power; the fog node draws 66 mW at 20x the speed.
  EXPECT_DOUBLE_EQ(efficiency_factor(mcu, fog), 33.0 * 20.0 / 66.0);
}

TEST(FogCost, SettingAFactorGivesThatFactorAndDividesTheMcuEnergyByIt) {
  const McuProfile mcu = load_mcu_profile("stm32l476rg");
  const FogProfile base = load_fog_profile("fog-paper");
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> log_factor(std::log(0.01), std::log(1000.0)), ms(0.0, 500.0);
  for (int trial = 0; trial < 1000; ++trial) {
    const double f = std::exp(log_factor(rng));
    const FogProfile fog = fog_at_factor(mcu, base, f);
    EXPECT_NEAR(efficiency_factor(mcu, fog), f, 1e-12 * f);
    EXPECT_EQ(fog.relative_speed, base.relative_speed);  // only the busy power moves
    const double edge_ms = ms(rng);
    const FogCost c = fog_cost(mcu, fog, edge_ms, 0);
    // Independently: the MCU's energy for those layers, divided by the factor.
    EXPECT_NEAR(c.compute_mj, edge_ms * 33e-3 / f, 1e-12 + 1e-12 * c.compute_mj);
    EXPECT_NEAR(c.compute_ms, edge_ms / base.relative_speed, 1e-12);
  }
}

TEST(FogCost, ImpossibleFactorsAreRefused) {
  const McuProfile mcu = load_mcu_profile("stm32l476rg");
  const FogProfile fog = load_fog_profile("fog-paper");
  for (double f : {0.0, -1.0, 1e-320, std::numeric_limits<double>::infinity(), std::nan("")})
    EXPECT_THROW(fog_at_factor(mcu, fog, f), std::invalid_argument) << f;
}

TEST(FogCost, ReceptionIsChargedPerBitReceived) {
  const McuProfile mcu = load_mcu_profile("stm32l476rg");
  FogProfile fog = load_fog_profile("fog-paper");
  fog.rx_energy_per_bit_nj = 5;
  EXPECT_DOUBLE_EQ(fog_cost(mcu, fog, 0, 1000).rx_mj, 1000 * 8 * 5e-6);
}

TEST(FogCost, SolverFogShareIsTheMcuEnergyOfTheFogLayersOverTheFactor) {
  const DeviceModel model = load_device_model("stm32l476rg", "ble-paper", "fog-paper");
  const Network net = Network::from_shape({2048, 64, 256, 512, 4, 16, 16, 256, 5}, {1, 1, 1, 3, 2, 4, 4, 1, 1});
  for (double f : {0.5, 1.0, 2.0, 10.0}) {
    PartitionOptions opt;
    opt.efficiency_factor = f;
    const PartitionPlan plan = solve_partition(net, model, opt);
    EXPECT_NEAR(plan.efficiency_factor, f, 1e-12 * f);
    for (const PartitionCost& c : plan.points) {
      double mcu_mj = 0, mcu_ms = 0;
      for (int j = c.point - 1; j < net.layer_count(); ++j) {
        mcu_mj += model.mcu.energy_mj(net.layers[static_cast<size_t>(j)]);
        mcu_ms += model.mcu.latency_ms(net.layers[static_cast<size_t>(j)]);
      }
      EXPECT_NEAR(c.e_fog_mj, mcu_mj / f, 1e-12 + 1e-9 * mcu_mj / f) << "P = " << c.point;
      EXPECT_NEAR(c.fog.compute_ms, mcu_ms / model.fog.relative_speed, 1e-9 * (1 + mcu_ms)) << "P = " << c.point;
    }
  }
}

TEST(CostPostConditions, ImpossibleCostsAreRefusedBeforeTheyReachAResult) {
  const DeviceModel model = load_device_model("stm32l476rg", "ble-paper", "fog-paper");
  const Network net = Network::from_shape({2048, 128, 8, 64, 2}, {1, 1, 4, 2, 1});
  for (const PartitionCost& c : solve_partition(net, model).points) EXPECT_NO_THROW(check_physical(c, "SD-1"));
  PartitionCost bad = solve_partition(net, model).points.at(2);
  bad.e_fog_mj = -1e-3;
  EXPECT_THROW(check_physical(bad, "SD-1"), std::logic_error);
  bad.e_fog_mj = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(check_physical(bad, "SD-1"), std::logic_error);
  bad = solve_partition(net, model).points.at(2);
  bad.ram_bytes = -4;
  EXPECT_THROW(check_physical(bad, "SD-1"), std::logic_error);
}

}  // namespace
}  // namespace fognas
