// The sweep's tables: rows prefixed with the point and its swept values, points
// joined in index order, and replications over seeds with a 95% interval
// computed here independently.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "fognas/study/sweep_tables.h"
#include "fognas/common/atomic_file.h"
#include "fognas/common/csv.h"
#include "fognas/common/error.h"

namespace fognas::study {
namespace {

namespace fs = std::filesystem;

TEST(SweepTables, PointRowsCarryThePointAndItsSweptValues) {
  const std::string rows = point_rows_csv(7, {{"radio.ble.conn_interval_ms", "30"}, {"factors", "[2]"}},
                                          "solution,e_total_mj\nSD-1,0.5\nSD-2,0.25\n", "t.csv");
  EXPECT_EQ(rows,
            "point,radio_ble_conn_interval_ms,factors,solution,e_total_mj\n"
            "7,30,2,SD-1,0.5\n"
            "7,30,2,SD-2,0.25\n");
  EXPECT_EQ(axis_cell("[5, 10]"), "[5, 10]");
}

TEST(SweepTables, JoiningRefusesPointsOfAnotherLayout) {
  const fs::path dir = fs::temp_directory_path() / ("fognas-join-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  for (int i : {0, 1, 2}) fs::create_directories(dir / point_folder_name(static_cast<size_t>(i)));
  write_file_atomically(dir / "0000/rows.csv", "point,x\n0,1\n");
  write_file_atomically(dir / "0001/rows.csv", "point,x\n1,2\n");
  write_file_atomically(dir / "0002/rows.csv", "point,y\n2,3\n");
  EXPECT_EQ(join_point_rows(dir.string(), {1, 0}), "point,x\n1,2\n0,1\n");
  EXPECT_THROW(join_point_rows(dir.string(), {0, 2}), InputError);
  fs::remove_all(dir);
}

TEST(SweepTables, ReplicationsGiveMeanAndStudentIntervalOverSeeds) {
  SweepSpec sweep;
  sweep.axes = {{"distance_m", {"1", "2"}, ""}, {"seed", {"1", "2", "3"}, ""}};
  // Two rows per point (two architectures); figures differ by seed.
  std::string csv = "point,distance_m,seed,solution,e_mj,note\n";
  const double e[2][3] = {{1.0, 2.0, 4.0}, {10, 10, 10}};
  size_t point = 0;
  for (int d = 1; d <= 2; ++d)
    for (int s = 0; s < 3; ++s, ++point)
      for (int arch = 0; arch < 2; ++arch)
        csv += std::to_string(point) + "," + std::to_string(d) + "," + std::to_string(s + 1) + "," +
               (arch ? "B" : "A") + "," + std::to_string(e[arch][s] * d) + "," + (s == 2 ? "x" : "y") + "\n";
  const CsvTable t = parse_csv(replications_csv(csv, sweep), "r.csv");
  EXPECT_EQ(t.header, (std::vector<std::string>{"distance_m", "solution", "e_mj_mean", "e_mj_ci95", "note", "replications"}));
  ASSERT_EQ(t.rows.size(), 4u);
  // distance 1, architecture A: 1, 2, 4 -> mean 7/3, s = sqrt(7/3), half-width t(2) s / sqrt(3).
  const double mean = 7.0 / 3.0, sd = std::sqrt(((1 - mean) * (1 - mean) + (2 - mean) * (2 - mean) + (4 - mean) * (4 - mean)) / 2);
  EXPECT_EQ(t.rows[0].cells[1], "A");
  EXPECT_NEAR(t.number(t.rows[0], "e_mj_mean"), mean, 1e-12);
  EXPECT_NEAR(t.number(t.rows[0], "e_mj_ci95"), 4.303 * sd / std::sqrt(3.0), 1e-9);
  EXPECT_EQ(t.cell(t.rows[1], "e_mj_ci95"), "0");  // B: no spread, printed as 0
  EXPECT_EQ(t.cell(t.rows[0], "note"), "");                    // differs between seeds
  EXPECT_EQ(t.cell(t.rows[3], "replications"), "3");
  EXPECT_NEAR(t.number(t.rows[2], "e_mj_mean"), 2 * mean, 1e-12);
  sweep.axes.pop_back();
  EXPECT_EQ(replications_csv(csv, sweep), "");
}

// A partition point is chosen, not measured: replications give the most
// frequent one and how many distinct points the seeds chose, never a mean.
TEST(SweepTables, AChosenPartitionPointIsItsModeAndDistinctCount) {
  SweepSpec sweep;
  sweep.axes = {{"seed", {"1", "2", "3", "4"}, ""}};
  const std::string csv = "point,seed,partition_point,e_mj\n0,1,3,1\n1,2,3,1\n2,3,5,1\n3,4,3,1\n";
  const CsvTable t = parse_csv(replications_csv(csv, sweep), "r.csv");
  EXPECT_EQ(t.header, (std::vector<std::string>{"partition_point_mode", "partition_point_distinct", "e_mj_mean",
                                                "e_mj_ci95", "replications"}));
  EXPECT_EQ(t.cell(t.rows[0], "partition_point_mode"), "3");
  EXPECT_EQ(t.cell(t.rows[0], "partition_point_distinct"), "2");
  EXPECT_EQ(t.cell(t.rows[0], "e_mj_ci95"), "0");
}

TEST(SweepTables, StudentQuantilesMatchTheTableAndApproachTheNormal) {
  EXPECT_DOUBLE_EQ(t95(1), 12.706);
  EXPECT_DOUBLE_EQ(t95(10), 2.228);
  EXPECT_NEAR(t95(40), 2.021, 1e-3);
  EXPECT_NEAR(t95(120), 1.980, 1e-3);
  EXPECT_NEAR(t95(100000), 1.960, 1e-3);
}

}  // namespace
}  // namespace fognas::study
