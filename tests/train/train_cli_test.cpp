// The search and train commands end to end: bad input gives one clear line and
// a non-zero exit; good input gives results.
#include <gtest/gtest.h>

#include <map>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "fognas/data/baselines.h"
#include "fognas/data/load.h"
#include "fognas/data/split.h"
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

TEST(TrainCli, SeedsReportTheSpreadOfTheRunsTheyList) {
  const auto r = run_fognas(
      "train --lengths 2048,128,8,64,2 --channels 1,1,4,2,1 --dataset synthetic-eeg --examples-per-class 20 "
      "--epochs 1 --batch-size 8 --seeds 3 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const auto& runs = j["seeds"]["runs"];
  ASSERT_EQ(runs.size(), 3u);
  std::vector<double> acc;
  for (size_t i = 0; i < runs.size(); ++i) {
    EXPECT_EQ(runs[i]["seed"].get<uint64_t>(), 1 + i);
    acc.push_back(runs[i]["test_accuracy"].get<double>());
  }
  EXPECT_EQ(acc[0], j["test_accuracy"].get<double>());  // the first run is the one reported alone
  const double mean = (acc[0] + acc[1] + acc[2]) / 3;
  const double sd = std::sqrt(((acc[0] - mean) * (acc[0] - mean) + (acc[1] - mean) * (acc[1] - mean) +
                               (acc[2] - mean) * (acc[2] - mean)) / 2);
  EXPECT_NEAR(j["seeds"]["test_accuracy_mean"].get<double>(), mean, 1e-12);
  EXPECT_NEAR(j["seeds"]["test_accuracy_sd"].get<double>(), sd, 1e-12);
  EXPECT_EQ(j["seeds"]["test_accuracy_min"].get<double>(), *std::min_element(acc.begin(), acc.end()));
  EXPECT_EQ(j["seeds"]["test_accuracy_max"].get<double>(), *std::max_element(acc.begin(), acc.end()));
  // Baselines on the same split: the majority class of a balanced set scores one half.
  ASSERT_EQ(j["baselines"].size(), 4u);
  EXPECT_EQ(j["baselines"][0]["name"], "majority");
  EXPECT_DOUBLE_EQ(j["baselines"][0]["test_accuracy"].get<double>(), 0.5);
  EXPECT_EQ(j["normalise"], "window");  // the generators' default
}

// Each reported baseline, its threshold and sides applied here to the split
// that --seed gives (rebuilt here from the same data), scores what train
// reports on that split's training and test parts: the baselines were fitted
// and scored where the network was trained and tested. With another seed the
// split differs, and so do the figures.
TEST(TrainCli, BaselinesAreScoredOnTheNetworksSplit) {
  for (uint64_t seed : {1u, 2u}) {
    const auto r = run_fognas(
        "train --lengths 2048,128,8,64,2 --channels 1,1,4,2,1 --dataset synthetic-eeg --examples-per-class 20 "
        "--epochs 1 --batch-size 8 --json --seed " + std::to_string(seed));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    DataOptions o;
    o.seed = seed;
    o.examples_per_class = 20;
    const DatasetSplit split = split_dataset(load_dataset("synthetic-eeg", o), seed);
    EXPECT_EQ(j["train_examples"].get<size_t>(), split.train.size());
    auto score = [](const nlohmann::json& b, const Dataset& part) {
      const auto& names = part.class_names;
      auto label = [&names](const nlohmann::json& name) {
        return static_cast<int>(std::find(names.begin(), names.end(), name.get<std::string>()) - names.begin());
      };
      long hits = 0;
      for (size_t i = 0; i < part.size(); ++i) {
        int predicted = label(b["below"]);
        if (b["name"] != "majority" &&
            window_feature(b["name"], part.example(i), static_cast<size_t>(part.length)) > b["threshold"].get<double>())
          predicted = label(b["above"]);
        hits += predicted == part.labels[i];
      }
      return static_cast<double>(hits) / static_cast<double>(part.size());
    };
    ASSERT_EQ(j["baselines"].size(), 4u);
    for (const auto& b : j["baselines"]) {
      EXPECT_DOUBLE_EQ(b["train_accuracy"].get<double>(), score(b, split.train)) << b.dump() << " seed " << seed;
      EXPECT_DOUBLE_EQ(b["test_accuracy"].get<double>(), score(b, split.test)) << b.dump() << " seed " << seed;
    }
  }
}

TEST(TrainCli, SearchWritesTheBaselinesIntoBestJson) {
  auto d = scratch("baselines");
  write_file_atomically(d / "s.yaml", scenario("{energy_mj: 100}"));
  const auto r = run_fognas("search " + (d / "s.yaml").string() + " --jobs 2 --json --out " + (d / "out").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto best = nlohmann::json::parse(read_file(d / "out" / "best.json"));
  ASSERT_TRUE(best.contains("baselines"));
  std::vector<std::string> names;
  for (const auto& b : best["baselines"]) names.push_back(b["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"majority", "peak-to-peak", "std", "line-length"}));
  EXPECT_EQ(nlohmann::json::parse(r.out)["baselines"], best["baselines"]);
  EXPECT_NE(r.out.find("\"baselines\""), std::string::npos);
  fs::remove_all(d);
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

// Every file of a folder, by relative path.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files[fs::relative(e.path(), dir).string()] = read_file(e.path());
  return files;
}

TEST(TrainCli, AFailedSearchLeavesTheEarlierRunByteIdentical) {
  auto d = scratch("failed");
  write_file_atomically(d / "ok.yaml", scenario("{energy_mj: 100}"));
  write_file_atomically(d / "none.yaml", scenario("{energy_mj: 0.000001}"));
  ASSERT_EQ(run_fognas("search " + (d / "ok.yaml").string() + " --jobs 2 --out " + (d / "out").string()).exit_code, 0);
  const auto earlier = snapshot(d / "out");
  ASSERT_TRUE(earlier.count("best.json"));
  const auto r = run_fognas("search " + (d / "none.yaml").string() + " --jobs 2 --out " + (d / "out").string());
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(snapshot(d / "out"), earlier);
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
  // The failed run stays in out.partial for inspection; out itself is not made.
  EXPECT_TRUE(fs::exists(d / "out.partial" / "generations.csv"));
  EXPECT_FALSE(fs::exists(d / "out"));
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
  testing::RunResult full = run_fognas("search " + s + " --out " + (d / "full").string() + " --jobs 2 --json");
  ASSERT_EQ(full.exit_code, 0) << full.err;
  // The wall-clock seconds are on stdout (and in timing.json), not in the files.
  const auto timing = nlohmann::json::parse(full.out)["timing"];
  EXPECT_EQ(timing["generations"].size(), 2u);
  ASSERT_FALSE(timing["candidates"].empty());
  EXPECT_GT(timing["candidates"][0]["train_seconds"].get<double>(), 0.0);
  EXPECT_EQ(timing, nlohmann::json::parse(read_file(d / "full" / "timing.json")));
  testing::RunResult cut = run_fognas("search " + s + " --out " + (d / "cut").string() + " --jobs 1 --stop-after 1");
  ASSERT_EQ(cut.exit_code, 0) << cut.err;
  EXPECT_FALSE(fs::exists(d / "cut" / "best.json"));
  testing::RunResult resumed = run_fognas("search " + s + " --out " + (d / "cut").string() + " --jobs 2 --resume");
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("generation 2/2"), std::string::npos) << resumed.err;
  EXPECT_EQ(resumed.err.find("generation 1/2"), std::string::npos) << "generation 1 must not run again";
  EXPECT_EQ(read_file(d / "cut" / "best.json"), read_file(d / "full" / "best.json"));
  for (const char* f : {"candidates.jsonl", "checkpoint.json", "generations.csv"})
    EXPECT_EQ(read_file(d / "cut" / f), read_file(d / "full" / f)) << f;
  const auto m = nlohmann::json::parse(read_file(d / "full" / "manifest.json"));
  EXPECT_EQ(m["schema_version"], 1);
  EXPECT_EQ(m["seeds"], (nlohmann::json{{"seed", 2}, {"data_seed", 1}}));
  EXPECT_EQ(m["scenario"]["scenario"]["dataset"], "synthetic-eeg");
  EXPECT_EQ(m["scenario"]["scenario"]["ga"]["population"], 4);
  EXPECT_EQ(m["scenario"]["profiles"]["mcu"]["name"], "STM32L476RG");
  EXPECT_EQ(m["inputs"].size(), 4u) << m["inputs"].dump();  // the scenario and three profiles
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

// A data folder whose MIT-BIH record has N, S and V beats but no F or Q beats.
fs::path record_without_f_and_q(const std::string& name) {
  auto d = scratch(name);
  const long n = 360 * 60;
  std::vector<int16_t> sig(static_cast<size_t>(n), 0);
  std::string atr;  // MIT format: 2-byte words, code << 10 | sample delta
  auto word = [&](int code, long delta) {
    const int w = code << 10 | static_cast<int>(delta);
    atr += static_cast<char>(w & 0xff);
    atr += static_cast<char>((w >> 8) & 0xff);
  };
  long last = 0;
  const int codes[] = {1, 8, 5};  // N, A (S), V
  int sum = 0;
  for (long k = 0, t = 800; t < n - 1200; ++k, t += 500) {
    word(codes[k % 3], t - last);
    last = t;
    for (long i = t - 5; i <= t + 5; ++i) sig[static_cast<size_t>(i)] = 1000, sum += 1000;
  }
  word(0, 0);
  const int checksum = static_cast<int16_t>(static_cast<uint16_t>(sum & 0xFFFF));
  std::string dat(reinterpret_cast<const char*>(sig.data()), sig.size() * 2);  // format 16, little-endian
  write_file_atomically(d / "r.dat", dat);
  write_file_atomically(d / "r.atr", atr);
  write_file_atomically(d / "r.hea", "r 1 360 " + std::to_string(n) + "\nr.dat 16 200 16 0 0 " + std::to_string(checksum) +
                                          " 0 MLII\n");
  return d;
}

TEST(TrainCli, TrainAndSearchNameAnEmptyClassAndWhereClassesComeFrom) {
  const auto d = record_without_f_and_q("noF");
  testing::RunResult r = run_fognas("train --lengths 2048,64,5 --channels 1,2,1 --epochs 1 --dataset " + d.string());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("class 'F' has no examples, class 'Q' has no examples"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("MIT-BIH reader"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--classes '[N, S, V]'"), std::string::npos) << r.err;
  write_file_atomically(d / "s.yaml", "name: cli\ndata: {dataset: " + d.string() +
                                          "}\nsearch: {population: 4, generations: 1, genes: 4}\n"
                                          "training: {epochs: 1}\nlimits: {energy_mj: 1}\nenergy: {scenario: edge}\n");
  r = run_fognas("search " + (d / "s.yaml").string() + " --out " + (d / "out").string());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("class 'F' has no examples"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("AAMI"), std::string::npos) << r.err;
  fs::remove_all(d);
}

TEST(TrainCli, TrainNamesAClassTooSmallForTheSplit) {
  testing::RunResult r = run_fognas(
      "train --lengths 2048,64,2 --channels 1,2,1 --dataset synthetic-eeg --epochs 1 --examples-per-class 6");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("has 6 examples, fewer than the 10 per class"), std::string::npos) << r.err;
}

TEST(TrainCli, TrainRejectsAClassCountThatDoesNotMatchTheData) {
  testing::RunResult r = run_fognas("train --lengths 2048,64,5 --channels 1,2,1 --dataset synthetic-eeg --epochs 1");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("--lengths"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace fognas
