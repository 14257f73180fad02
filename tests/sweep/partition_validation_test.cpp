// Judging predicted partition points against simulated ones: ranks and regret
// computed by hand on a crafted case, and, end to end, a network and factor at
// which the paper's energy-per-bit model picks another point than the
// simulated network (SD-1 at factor 1.15 on an nRF52832: the paper model keeps
// every layer on the wearable, the simulated link finds sending the third
// layer's 128-byte output cheaper).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "fognas/study/partition_validation.h"
#include "fognas/common/atomic_file.h"
#include "fognas/common/csv.h"
#if defined(FOGNAS_BINARY) && defined(FOGNAS_WITH_SIM_TESTS)
#include "fognas/testing/run_fognas.h"
#endif

namespace fognas::study {
namespace {

TEST(PartitionValidation, RanksAndRegretFollowTheSimulatedEnergies) {
  // Simulated: P2 < P3 < P1; paper: P3 < P1 < P2; protocol: P2 < P1 < P3.
  const std::vector<SimulatedPartition> points = {
      {"N", 5, 1, 3.0, 2.0, 2.5}, {"N", 5, 2, 1.0, 2.5, 1.1}, {"N", 5, 3, 2.0, 1.5, 2.9},
      {"M", 5, 1, 1.0, 1.0, 1.0}, {"M", 5, 2, 1.0, 2.0, 2.0},  // a tie in the simulation: the lower point wins
  };
  const auto v = judge_partitions(points);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].architecture, "N");
  EXPECT_EQ(v[0].points, 3);
  EXPECT_EQ(v[0].sim_optimum, 2);
  EXPECT_EQ(v[0].paper.chosen, 3);
  EXPECT_EQ(v[0].paper.rank_in_sim, 2);
  EXPECT_EQ(v[0].paper.sim_opt_rank, 3);
  EXPECT_DOUBLE_EQ(v[0].paper.regret_mj, 1.0);
  EXPECT_DOUBLE_EQ(v[0].paper.regret_pct, 100.0);
  EXPECT_EQ(v[0].protocol.chosen, 2);
  EXPECT_EQ(v[0].protocol.rank_in_sim, 1);
  EXPECT_DOUBLE_EQ(v[0].protocol.regret_mj, 0.0);
  EXPECT_EQ(v[1].sim_optimum, 1);
  EXPECT_EQ(v[1].paper.chosen, 1);
  EXPECT_DOUBLE_EQ(v[1].paper.regret_mj, 0.0);
  const Table t = partition_verdict_table(v, "r", "total");
  EXPECT_EQ(t.rows.size(), 2u);
  EXPECT_NE(t.to_csv().find("regret_paper_pct"), std::string::npos);
}

TEST(PartitionValidation, AllInRegretJudgesEachChoiceByTheWearablesAllInEnergy) {
  // Simulated all-in: P2 < P1 < P3; the protocol's all-in prediction: P3 <
  // P1 < P2; the paper model keeps its own choice (P3, cheapest paper total).
  const std::vector<SimulatedPartition> points = {{"N", 5, 1, 3.0, 2.0, 2.5, 5.0, 4.5},
                                          {"N", 5, 2, 1.0, 2.5, 1.1, 4.0, 4.8},
                                          {"N", 5, 3, 2.0, 1.5, 2.9, 6.0, 4.0}};
  const auto v = judge_partitions(points);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].allin_optimum, 2);
  EXPECT_DOUBLE_EQ(v[0].e_allin_optimum_mj, 4.0);
  EXPECT_EQ(v[0].paper_allin.chosen, 3);
  EXPECT_DOUBLE_EQ(v[0].paper_allin.regret_mj, 2.0);
  EXPECT_DOUBLE_EQ(v[0].paper_allin.regret_pct, 50.0);
  EXPECT_EQ(v[0].protocol_allin.chosen, 3);
  EXPECT_EQ(v[0].protocol_allin.rank_in_sim, 3);
  EXPECT_EQ(v[0].protocol_allin.sim_opt_rank, 3);
  EXPECT_DOUBLE_EQ(v[0].protocol_allin.regret_mj, 2.0);
  // Under the paper's total the protocol model chose the simulated optimum.
  EXPECT_DOUBLE_EQ(v[0].protocol.regret_mj, 0.0);
  const std::string csv = partition_verdict_table(v, "r", "total").to_csv();
  for (const char* key : {"p_sim_allin", "regret_allin_paper_pct", "regret_allin_protocol_mj"})
    EXPECT_NE(csv.find(key), std::string::npos) << key;
}

#if defined(FOGNAS_BINARY) && defined(FOGNAS_WITH_SIM_TESTS)
TEST(PartitionValidation, ThePaperModelAndTheSimulatedNetworkDisagreeOnSd1NearFactorOne) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("fognas-splits-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  write_file_atomically(dir / "s.yaml",
                        "name: disagree\n"
                        "devices: {radio: nrf52832-1m}\n"
                        "factors: [1.15, 10]\n"
                        "architectures:\n"
                        "  - {name: SD-1, lengths: [2048, 128, 8, 64, 2], channels: [1, 1, 4, 2, 1]}\n"
                        "duration_s: 40\n");
  const auto r = testing::run_fognas("validate-splits " + (dir / "s.yaml").string() + " --quiet --out " +
                                     (dir / "out").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const CsvTable t = read_csv((dir / "out/splits.csv").string());
  ASSERT_EQ(t.rows.size(), 2u);
  const CsvRow& low = t.rows[0];
  EXPECT_EQ(t.cell(low, "factor"), "1.15");
  EXPECT_EQ(t.cell(low, "p_sim"), "3");
  EXPECT_EQ(t.cell(low, "p_paper"), "5");
  EXPECT_EQ(t.cell(low, "rank_sim_paper"), "2");
  EXPECT_GT(t.number(low, "regret_paper_mj"), 0.0);
  EXPECT_EQ(t.cell(low, "p_protocol"), "3");
  EXPECT_EQ(t.number(low, "regret_protocol_mj"), 0.0);
  // At factor 10 both models agree with the simulation.
  EXPECT_EQ(t.number(t.rows[1], "regret_paper_mj"), 0.0);
  EXPECT_TRUE(path_is_file(dir / "out/simulation/summary.csv"));
  // The tables rest on a calibrated radio profile and say so.
  for (const char* md : {"out/splits.md", "out/split-points.md"})
    EXPECT_NE(read_file(dir / md).find("Radio profile nrf52832-1m (radio-only currents): per-event figures calibrated"), std::string::npos)
        << md;
  fs::remove_all(dir);
}
#endif

}  // namespace
}  // namespace fognas::study
