// fognas sweep and merge end to end on a small evaluate sweep: the joined
// table, shards that cover every point once, resume, a point rerun alone, an
// MPI run equal to the --jobs run, and bad sweeps refused before any work.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "fognas/common/atomic_file.h"
#include "fognas/common/csv.h"
#include "fognas/common/manifest.h"
#include "fognas/testing/run_fognas.h"

namespace fognas {
namespace {

namespace fs = std::filesystem;
using testing::run_fognas;

const char* kScenario = R"(name: tiny-sweep
architectures:
  - {name: SD-1, lengths: [2048, 128, 8, 64, 2], channels: [1, 1, 4, 2, 1]}
sweep:
  command: evaluate
  axes:
    factors: [1, 10]
    seed: [1, 2]
)";

class SweepCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("fognas-sweep-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    write_file_atomically(dir_ / "s.yaml", kScenario);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  testing::RunResult sweep(const std::string& extra) {
    return run_fognas("sweep " + path("s.yaml") + " --quiet " + extra);
  }
  fs::path dir_;
};

int rows_of(const std::string& csv) { return testing::line_count(csv) - 1; }

TEST_F(SweepCli, JoinsEveryPointWithItsSweptValues) {
  auto r = sweep("--jobs 2 --out " + path("all"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string points = read_file(path("all/points.csv"));
  EXPECT_EQ(points.substr(0, points.find('\n')).rfind("point,factors,seed,solution,factor,", 0), 0u) << points;
  EXPECT_EQ(rows_of(points), 4);
  EXPECT_NE(points.find("\n3,10,2,SD-1,10,3,"), std::string::npos) << points;
  // Seeds swept: two groups of two replications; evaluate is deterministic, so no spread.
  const std::string reps = read_file(path("all/replications.csv"));
  EXPECT_EQ(rows_of(reps), 2);
  EXPECT_NE(reps.find(",0,"), std::string::npos) << reps;
  EXPECT_NE(reps.find("e_total_mj_ci95"), std::string::npos) << reps;
  for (size_t i = 0; i < 4; ++i) EXPECT_TRUE(path_is_file(dir_ / "all/points" / ("000" + std::to_string(i)) / "scenario.yaml"));
  // Each point's scenario says which profile files it read, by content.
  const std::string radio = read_file(fs::path(FOGNAS_SOURCE_DIR) / "devices/ble-paper/profile.yaml");
  EXPECT_EQ(read_file(dir_ / "all/points/0000/scenario.yaml").rfind("# profiles read: mcu STM32L476RG (sha256 ", 0), 0u);
  EXPECT_NE(read_file(dir_ / "all/points/0000/scenario.yaml").find("radio ble-paper (sha256 " + sha256_hex(radio).substr(0, 16)),
            std::string::npos);
  // points.csv's README names the radio profile its figures rest on, and that it was never calibrated.
  EXPECT_NE(read_file(path("all/README.md")).find("Radio profile ble-paper (ideal currents): per-event figures NOT calibrated"),
            std::string::npos);
  EXPECT_FALSE(path_exists(path("all.partial")));
  // The points' manifests name the finished sweep's folder.
  EXPECT_EQ(read_file(path("all/points/0000/manifest.json")).find(".partial"), std::string::npos);
}

TEST_F(SweepCli, APointReranAloneGivesItsTableAgain) {
  ASSERT_EQ(sweep("--jobs 1 --out " + path("all")).exit_code, 0);
  auto r = run_fognas("evaluate " + path("all/points/0003/scenario.yaml") + " --out " + path("again"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(path("again/factor-sweep.csv")), read_file(path("all/points/0003/factor-sweep.csv")));
}

TEST_F(SweepCli, ShardsCoverEveryPointOnceAndMergeToTheSameTable) {
  ASSERT_EQ(sweep("--jobs 2 --out " + path("all")).exit_code, 0);
  for (int i = 1; i <= 3; ++i) {
    auto r = sweep("--jobs 1 --shard " + std::to_string(i) + "/3 --out " + path("s" + std::to_string(i)));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  EXPECT_EQ(rows_of(read_file(path("s1/points.csv"))), 2);  // points 0, 3
  EXPECT_EQ(rows_of(read_file(path("s3/points.csv"))), 1);  // point 2
  auto r = run_fognas("merge " + path("merged") + " " + path("s1") + " " + path("s2") + " " + path("s3"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(path("merged/points.csv")), read_file(path("all/points.csv")));
  EXPECT_EQ(read_file(path("merged/replications.csv")), read_file(path("all/replications.csv")));

  r = run_fognas("merge " + path("m2") + " " + path("s1") + " " + path("s3"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("missing 1 of 4: 1."), std::string::npos) << r.err;
  r = run_fognas("merge " + path("m3") + " " + path("s1") + " " + path("s2") + " " + path("s3") + " " + path("s1"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("duplicated: 0, 3."), std::string::npos) << r.err;
  EXPECT_FALSE(path_exists(path("m2")));
}

TEST_F(SweepCli, ResumeRunsOnlyThePointsNotFinished) {
  ASSERT_EQ(sweep("--jobs 2 --out " + path("all")).exit_code, 0);
  const std::string before = read_file(path("all/points.csv"));
  fs::remove_all(path("all/points/0002"));
  auto r = run_fognas("sweep " + path("s.yaml") + " --resume --out " + path("all"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("4 points (all), 1 to run after resuming"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(path("all/points.csv")), before);
  // Another sweep's folder is not resumed.
  r = run_fognas("sweep " + path("s.yaml") + " --resume --set factors=[2] --out " + path("all"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("another sweep"), std::string::npos) << r.err;
}

TEST_F(SweepCli, AnMpiRunGivesTheSameTableAsTheJobsRun) {
  if (std::system("command -v mpirun >/dev/null 2>&1") != 0) GTEST_SKIP() << "mpirun not installed";
  ASSERT_EQ(sweep("--jobs 2 --out " + path("all")).exit_code, 0);
  const std::string mpirun =
      "OMPI_MCA_btl_vader_single_copy_mechanism=none OMPI_MCA_rmaps_base_oversubscribe=1 "
      "mpirun --allow-run-as-root --oversubscribe -n 3 ";
  const std::string cmd = mpirun + FOGNAS_BINARY + std::string(" sweep ") + path("s.yaml") + " --quiet --out " +
                          path("mpi") + " >" + path("mpi.out") + " 2>" + path("mpi.err");
  const int status = std::system(cmd.c_str());
  if (status != 0 && read_file(path("mpi.err")).find("fognas") == std::string::npos)
    GTEST_SKIP() << "mpirun cannot start here: " << read_file(path("mpi.err"));
  ASSERT_EQ(status, 0) << read_file(path("mpi.err"));
  EXPECT_EQ(read_file(path("mpi/points.csv")), read_file(path("all/points.csv")));
  // Only rank 0 printed.
  EXPECT_EQ(testing::line_count(read_file(path("mpi.out"))), 1) << read_file(path("mpi.out"));
}

TEST_F(SweepCli, BadSweepsAreRefusedBeforeAnyPointRuns) {
  write_file_atomically(dir_ / "bad.yaml", std::string(kScenario) + "    distance_m: [1, -2]\n");
  auto r = run_fognas("sweep " + path("bad.yaml") + " --out " + path("bad"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(testing::line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("distance_m=-2"), std::string::npos) << r.err;
  EXPECT_FALSE(path_exists(path("bad.partial")));
  r = run_fognas("sweep " + path("s.yaml") + " --shard 4/3 --out " + path("bad"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--shard"), std::string::npos) << r.err;
}

// study.yaml lies in the study's folder: a profile given as a path beside the
// original scenario must still be found from there by the later stages.
TEST_F(SweepCli, AStudyFindsAProfileGivenBesideItsScenario) {
  fs::copy_file(fs::path(FOGNAS_SOURCE_DIR) / "devices/nrf52832-1m/profile.yaml", dir_ / "radio.yaml");
  write_file_atomically(dir_ / "study.yaml",
                        "name: beside\ndevices: {radio: radio.yaml}\nduration_s: 8\narchitectures:\n"
                        "  - {name: SD-1, lengths: [2048, 128, 8, 64, 2], channels: [1, 1, 4, 2, 1]}\n");
  auto r = run_fognas("study " + path("study.yaml") + " --quiet --out " + path("out"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(path_is_file(dir_ / "out/simulate/summary.csv"));
  EXPECT_NE(read_file(dir_ / "out/study.yaml").find("radio: ../radio.yaml"), std::string::npos)
      << read_file(dir_ / "out/study.yaml");
  // The stages' manifests name the finished folder, not the one they ran in.
  for (const char* stage : {"partition", "simulate"}) {
    const std::string manifest = read_file(dir_ / "out" / stage / "manifest.json");
    EXPECT_EQ(manifest.find(".partial"), std::string::npos) << manifest;
    EXPECT_NE(manifest.find((dir_ / "out" / stage).string()), std::string::npos) << manifest;
  }
}

// A profile NAME the user keeps beside the scenario (devices/NAME/profile.yaml
// there) is found before any other, and the manifest records the file read.
TEST_F(SweepCli, AProfileKeptBesideTheScenarioIsFoundAndRecorded) {
  std::string radio = read_file(fs::path(FOGNAS_SOURCE_DIR) / "devices/nrf52832-1m/profile.yaml");
  radio.replace(radio.find("name: nrf52832-1m"), 17, "name: my-radio");
  fs::create_directories(dir_ / "devices/my-radio");
  write_file_atomically(dir_ / "devices/my-radio/profile.yaml", radio);
  write_file_atomically(dir_ / "ward.yaml",
                        "name: mine\ndevices: {radio: my-radio}\nduration_s: 8\narchitectures:\n"
                        "  - {name: SD-1, lengths: [2048, 128, 8, 64, 2], channels: [1, 1, 4, 2, 1]}\n");
  const auto r = run_fognas("simulate " + path("ward.yaml") + " --quiet --out " + path("out"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(read_file(dir_ / "out/manifest.json").find("devices/my-radio/profile.yaml"), std::string::npos)
      << read_file(dir_ / "out/manifest.json");
  EXPECT_NE(read_file(dir_ / "out/report.json").find("my-radio"), std::string::npos);
}

// fognas report on a stored sweep (tests/sweep/data/report): the tables match
// the expected files beside it, computed by hand (means over two seeds).
TEST_F(SweepCli, ReportTablesMatchTheStoredExpectedFiles) {
  const fs::path data = fs::path(FOGNAS_SOURCE_DIR) / "tests/sweep/data/report";
  fs::copy_file(data / "points.csv", dir_ / "points.csv");
  // A sweep names the calibration of its radio profiles.
  std::string sweep_json = read_file(data / "sweep.json");
  const std::string note = "Radio profile r: per-event figures NOT calibrated against a measured connection event.";
  sweep_json.insert(sweep_json.find('{') + 1, "\"radio_notes\": [\"" + note + "\"],");
  write_file_atomically(dir_ / "sweep.json", sweep_json);
  auto r = run_fognas("report " + dir_.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_file(dir_ / "tables/energy-by-factor.csv"), read_file(data / "expected-energy-by-factor.csv"));
  const CsvTable got = read_csv((dir_ / "tables/model-error.csv").string());
  const CsvTable want = read_csv((data / "expected-model-error.csv").string());
  ASSERT_EQ(got.header, want.header);
  ASSERT_EQ(got.rows.size(), want.rows.size());
  for (size_t i = 0; i < want.rows.size(); ++i)
    for (const std::string& c : want.header) EXPECT_NEAR(got.number(got.rows[i], c), want.number(want.rows[i], c), 1e-9) << c;
  // Captions name the radio; its calibration note stays in the sweep's
  // README.md, out of a paper's caption.
  EXPECT_NE(read_file(dir_ / "tables/model-error.md").find("Radio: r."), std::string::npos);
  EXPECT_EQ(read_file(dir_ / "tables/model-error.tex").find("NOT CALIBRATED"), std::string::npos);
  for (const char* figure : {"e_paper_total_sim_mj-over-factor-A.dat", "e_paper_total_sim_mj-over-distance_m-A.dat",
                             "e_wearable_allin_sim_mj-over-distance_m-A.dat", "lifetime_d-over-distance_m-A.dat",
                             "predicted-vs-simulated.dat", "energy-breakdown.dat"})
    EXPECT_TRUE(path_is_file(dir_ / "figures" / figure)) << figure;
  // Lifetime over distance, at factor 2: the means over the seeds, each
  // beside its 95% half-width: t(1) = 12.706 times s / sqrt(2), here half
  // the difference of the two seeds (100 and 110 days at 1 m: 63.53).
  EXPECT_NE(read_file(dir_ / "figures/lifetime_d-over-distance_m-A.dat").find("1\t105\t63.53"), std::string::npos)
      << read_file(dir_ / "figures/lifetime_d-over-distance_m-A.dat");
  // The table's cells: mean ± half-width, by hand. Distance 1, factor 2:
  // E_sim 0.5 and 0.75 over the two seeds, mean 0.625, half-width
  // 12.706 x 0.125 = 1.58825; the partition point 3 in brackets.
  const std::string table = read_file(dir_ / "tables/energy-by-factor.md");
  EXPECT_NE(table.find("0.6250 ± 1.588"), std::string::npos) << table;
  EXPECT_NE(table.find("over 2 seeds"), std::string::npos) << table;
  r = run_fognas("report " + path("nowhere"));
  EXPECT_EQ(r.exit_code, 1);
}

// Factors are numbers: the energy breakdown lists f=1, 2, 10 (as text, 10
// would come before 2), whatever order the rows come in.
TEST_F(SweepCli, TheEnergyBreakdownOrdersFactorsAsNumbers) {
  write_file_atomically(dir_ / "factor-sweep.csv",
                        "solution,factor,partition_point,e_total_mj,e_edge_comp_mj,e_edge_comm_mj,e_fog_mj\n"
                        "A,10,3,0.3,0.1,0.1,0.1\nA,2,3,0.5,0.1,0.1,0.3\nA,1,5,0.9,0.8,0.1,0\n");
  const auto r = run_fognas("report " + dir_.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string dat = read_file(dir_ / "figures/energy-breakdown.dat");
  const size_t f1 = dat.find("A f=1\t"), f2 = dat.find("A f=2\t"), f10 = dat.find("A f=10\t");
  ASSERT_NE(f10, std::string::npos) << dat;
  EXPECT_LT(f1, f2);
  EXPECT_LT(f2, f10);
}

// A validate-splits sweep's report: each model's largest regret per setting
// and network (by hand from the rows below) and its regret over the factor.
TEST_F(SweepCli, AValidateSplitsSweepIsReportedAsRegret) {
  write_file_atomically(dir_ / "sweep.json",
                        R"({"schema_version": 1, "command": "validate-splits", "mode": "product", "points": 2,
                            "axes": [{"path": "devices.radio", "column": "devices_radio", "values": ["a", "b"]}]})");
  write_file_atomically(dir_ / "points.csv",
                        "point,devices_radio,architecture,factor,regret_paper_pct,regret_protocol_pct,"
                        "regret_allin_paper_pct,regret_allin_protocol_pct\n"
                        "0,a,N,1,0,0,5,0\n0,a,N,2,4.5,0,7,0\n0,a,N,10,1,0.5,6,0\n"
                        "1,b,N,1,0,0,3,1\n1,b,N,2,0,0,2,0\n1,b,N,10,2,0,1,0\n");
  const auto r = run_fognas("report " + dir_.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const CsvTable t = read_csv((dir_ / "tables/regret.csv").string());
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.cell(t.rows[0], "devices_radio"), "a");
  EXPECT_DOUBLE_EQ(t.number(t.rows[0], "regret_paper_pct"), 4.5);
  EXPECT_DOUBLE_EQ(t.number(t.rows[0], "regret_protocol_pct"), 0.5);
  EXPECT_DOUBLE_EQ(t.number(t.rows[0], "regret_allin_paper_pct"), 7);
  EXPECT_DOUBLE_EQ(t.number(t.rows[1], "regret_paper_pct"), 2);
  EXPECT_DOUBLE_EQ(t.number(t.rows[1], "regret_allin_protocol_pct"), 1);
  EXPECT_NE(read_file(dir_ / "figures/regret-over-factor-N.dat").find("2\t4.5\t0\t0\t0\n"), std::string::npos)
      << read_file(dir_ / "figures/regret-over-factor-N.dat");
}

}  // namespace
}  // namespace fognas
