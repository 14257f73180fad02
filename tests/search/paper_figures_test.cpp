// The paper's published figures (its Tables II-IV: partition points, Flash,
// RAM, energies) reproduced by the cost model, the
// shipped STM32L476RG profile and the 20 nJ/bit radio.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "fognas/devices/profile_io.h"
#include "fognas/cost/cost.h"

namespace fognas {
namespace {

struct Published {
  const char* name;
  std::vector<int> lengths, channels;
  int point;  // Table IV
  double flash_kb, ram_kb, e_edge_mj, edge_only_mj;
  // Table III rows for factors 10, 2, 1: E_total, E_edge_comp, E_edge_comm, E_fog
  double t3[3][4];
};

const std::vector<Published>& published() {
  static const std::vector<Published> rows = {
      {"SD-1", {2048, 128, 8, 64, 2}, {1, 1, 4, 2, 1}, 3, 0.3, 8.5, 0.091, 0.192,
       {{0.103, 0.071, 0.020, 0.012}, {0.151, 0.071, 0.020, 0.060}, {0.192, 0.191, 0.001, 0}}},
      {"SD-2", {2048, 128, 4, 128, 2}, {1, 3, 3, 2, 1}, 3, 1.3, 9.5, 0.212, 0.884,
       {{0.281, 0.205, 0.008, 0.068}, {0.552, 0.205, 0.008, 0.339}, {0.884, 0.883, 0.001, 0}}},
      {"AC-1", {2048, 64, 256, 512, 4, 16, 16, 256, 5}, {1, 1, 1, 3, 2, 4, 4, 1, 1}, 2, 0.1, 8.2, 0.096, 0.775,
       {{0.168, 0.055, 0.041, 0.072}, {0.454, 0.055, 0.041, 0.358}, {0.775, 0.772, 0.003, 0}}},
      {"AC-2", {2048, 32, 8, 128, 256, 1024, 5}, {1, 4, 3, 4, 4, 2, 1}, 3, 1.2, 8.5, 0.253, 2.323,
       {{0.461, 0.238, 0.015, 0.208}, {1.294, 0.238, 0.015, 1.041}, {2.323, 2.320, 0.003, 0}}},
  };
  return rows;
}

const double kFactors[3] = {10, 2, 1};

std::string one_decimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

DeviceModel paper_model() { return load_device_model("stm32l476rg", "ble-paper", "fog-paper"); }

// The paper prints energies to three decimals: a figure matches when it is
// within 3% or within half a unit of the last printed digit (0.001 mJ printed
// can be anything from 0.0005 to 0.0015 mJ).
void expect_matches(double ours_mj, double published_mj, const std::string& what) {
  const double tolerance = std::max(0.03 * published_mj, 0.0005);
  EXPECT_NEAR(ours_mj, published_mj, tolerance) << what;
}

TEST(PaperTableII, FlashAndRamAtPublishedPointMatchToTenthOfKb) {
  const DeviceModel model = paper_model();
  for (const auto& p : published()) {
    Network net = Network::from_shape(p.lengths, p.channels);
    PartitionPlan plan = solve_partition(net, model, {});
    const PartitionCost& c = plan.points.at(static_cast<size_t>(p.point - 1));
    // Printed to 0.1 KB as the paper prints them (8.25 KB prints as 8.2).
    EXPECT_EQ(one_decimal(c.flash_kb()), one_decimal(p.flash_kb)) << p.name;
    EXPECT_EQ(one_decimal(c.ram_kb()), one_decimal(p.ram_kb)) << p.name;
  }
}

TEST(PaperTableII, EdgeScenarioChoosesPublishedPointAndEnergy) {
  const DeviceModel model = paper_model();
  PartitionOptions edge;
  edge.scenario = EnergyScenario::Edge;
  for (const auto& p : published()) {
    Network net = Network::from_shape(p.lengths, p.channels);
    PartitionPlan plan = solve_partition(net, model, edge);
    ASSERT_TRUE(plan.feasible());
    EXPECT_EQ(plan.best().point, p.point) << p.name;
    expect_matches(plan.best().e_edge_mj(), p.e_edge_mj, std::string(p.name) + " E_edge");
    expect_matches(plan.points.back().e_edge_mj(), p.edge_only_mj, std::string(p.name) + " edge-only");
  }
}

TEST(PaperTableIII, TotalScenarioChoosesPublishedPointAndEnergies) {
  const DeviceModel model = paper_model();
  for (const auto& p : published()) {
    Network net = Network::from_shape(p.lengths, p.channels);
    for (int f = 0; f < 3; ++f) {
      PartitionOptions opt;
      opt.scenario = EnergyScenario::Total;
      opt.efficiency_factor = kFactors[f];
      PartitionPlan plan = solve_partition(net, model, opt);
      ASSERT_TRUE(plan.feasible());
      const PartitionCost& c = plan.best();
      const std::string what = std::string(p.name) + " factor " + std::to_string(kFactors[f]);
      // At factors 10 and 2 the published point; at factor 1 everything on the edge.
      const int expected_point = kFactors[f] > 1 ? p.point : net.layer_count() + 1;
      EXPECT_EQ(c.point, expected_point) << what;
      expect_matches(c.e_total_mj(), p.t3[f][0], what + " E_total");
      expect_matches(c.e_edge_comp_mj, p.t3[f][1], what + " E_edge_comp");
      expect_matches(c.e_edge_comm_mj, p.t3[f][2], what + " E_edge_comm");
      expect_matches(c.e_fog_mj, p.t3[f][3], what + " E_fog");
    }
  }
}

TEST(PaperFigures, SendingTheRawInputCostsAbout1_3mJ) {
  const DeviceModel model = paper_model();
  Network net = Network::from_shape({2048, 128, 8, 64, 2}, {1, 1, 4, 2, 1});
  PartitionPlan plan = solve_partition(net, model, {});
  const PartitionCost& raw = plan.points.front();
  EXPECT_EQ(raw.point, 1);
  EXPECT_EQ(raw.bytes_sent, 2048 * 4);
  EXPECT_EQ(raw.flash_bytes, 0);
  EXPECT_DOUBLE_EQ(raw.e_edge_comp_mj, 0.0);
  // 65536 bits x 20 nJ; the paper rounds its radio figure to 1.317 mJ.
  EXPECT_NEAR(raw.e_edge_comm_mj, 1.317, 0.01 * 1.317);
}

}  // namespace
}  // namespace fognas
