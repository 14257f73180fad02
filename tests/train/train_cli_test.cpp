// The search and train commands end to end: bad input gives one clear line and
// a non-zero exit; good input gives results.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "fognas/testing/run_fognas.h"

#include "fognas/common/atomic_file.h"
#include "fognas/cost/cost.h"

namespace fognas {
namespace {

namespace fs = std::filesystem;

using testing::run_fognas;

fs::path scratch(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("fognas_cli_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

std::string scenario(const std::string& limits, const std::string& extra = "") {
  return "name: cli\nseed: 2\ndata: {dataset: synthetic-eeg, examples_per_class: 20}\n"
         "search: {population: 4, generations: 2, genes: 4}\ntraining: {epochs: 1, batch_size: 8}\n"
         "limits: " + limits + "\nenergy: {scenario: edge}\nfactors: [10]\n" + extra;
}

TEST(TrainCli, UnknownScenarioKeyIsOneLineNamingIt) {
  auto d = scratch("key");
  write_file_atomically(d / "s.yaml", scenario("{energy_mj: 0.2}", "generatons: 3\n"));
  testing::RunResult r = run_fognas("search " + (d / "s.yaml").string() + " --out " + (d / "out").string());
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("s.yaml:9"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("generatons"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  fs::remove_all(d);
}

TEST(TrainCli, RamNoArchitectureCanMeetFailsClearly) {
  auto d = scratch("ram");
  write_file_atomically(d / "s.yaml", scenario("{energy_mj: 0.2, ram_kb: 2}"));
  testing::RunResult r = run_fognas("search " + (d / "s.yaml").string() + " --out " + (d / "out").string() + " --jobs 1");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("limits.ram_kb"), std::string::npos) << r.err;
  fs::remove_all(d);
}

TEST(TrainCli, EnergyLimitNoCandidateMeetsIsANonZeroExit) {
  auto d = scratch("energy");
  write_file_atomically(d / "s.yaml", scenario("{energy_mj: 0.000001}"));
  testing::RunResult r = run_fognas("search " + (d / "s.yaml").string() + " --out " + (d / "out").string() + " --jobs 2");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("no candidate met"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::exists(d / "out" / "generations.csv"));
  EXPECT_FALSE(fs::exists(d / "out" / "best.json"));
  fs::remove_all(d);
}

TEST(TrainCli, ResumeWithoutACheckpointNamesIt) {
  auto d = scratch("resume");
  write_file_atomically(d / "s.yaml", scenario("{energy_mj: 0.2}"));
  testing::RunResult r = run_fognas("search " + (d / "s.yaml").string() + " --out " + (d / "out").string() + " --resume");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("checkpoint.json"), std::string::npos) << r.err;
  fs::remove_all(d);
}

TEST(TrainCli, AStoppedSearchResumesToTheSameBestJson) {
  auto d = scratch("stop");
  write_file_atomically(d / "s.yaml", scenario("{energy_mj: 0.3}"));
  const std::string s = (d / "s.yaml").string();
  testing::RunResult full = run_fognas("search " + s + " --out " + (d / "full").string() + " --jobs 2");
  ASSERT_EQ(full.exit_code, 0) << full.err;
  testing::RunResult cut = run_fognas("search " + s + " --out " + (d / "cut").string() + " --jobs 1 --stop-after 1");
  ASSERT_EQ(cut.exit_code, 0) << cut.err;
  EXPECT_FALSE(fs::exists(d / "cut" / "best.json"));
  testing::RunResult resumed = run_fognas("search " + s + " --out " + (d / "cut").string() + " --jobs 2 --resume");
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("generation 2/2"), std::string::npos) << resumed.err;
  EXPECT_EQ(resumed.err.find("generation 1/2"), std::string::npos) << "generation 1 must not run again";
  EXPECT_EQ(read_file(d / "cut" / "best.json"), read_file(d / "full" / "best.json"));
  fs::remove_all(d);
}

TEST(TrainCli, TrainReportsAccuraciesAndTheParameterCount) {
  testing::RunResult r = run_fognas("train --lengths 2048,64,2 --channels 1,2,1 --dataset synthetic-eeg --epochs 1 --batch-size 8 "
              "--examples-per-class 20 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("parameters").get<long>(), Network::from_shape({2048, 64, 2}, {1, 2, 1}).parameters());
  for (const char* k : {"v1_accuracy", "v2_accuracy", "test_accuracy"}) {
    EXPECT_GE(j.at(k).get<double>(), 0.0);
    EXPECT_LE(j.at(k).get<double>(), 1.0);
  }
  EXPECT_GT(j.at("optimiser_steps").get<long>(), 0);
}

TEST(TrainCli, TrainRejectsAClassCountThatDoesNotMatchTheData) {
  testing::RunResult r = run_fognas("train --lengths 2048,64,5 --channels 1,2,1 --dataset synthetic-eeg --epochs 1");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("--lengths"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace fognas
