// The search loop without LibTorch: a recording trainer whose accuracies are a
// fixed function of the network stands in for training, so the loop's own
// behaviour (abandoning, caching, extraction, checkpoints) is checked exactly.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <set>
#include <sstream>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/devices/profile_io.h"
#include "fognas/search/search_run.h"
#include "fognas/search/successive_halving.h"

namespace fognas {
namespace {

namespace fs = std::filesystem;

class RecordingTrainer : public CandidateTrainer {
 public:
  // V1 grows with the epochs up to its value at full_epochs, so successive
  // halving has something to rank.
  explicit RecordingTrainer(int full_epochs = 1) : full_epochs_(full_epochs) {}
  using CandidateTrainer::train;
  TrainOutcome train(const Network& net, uint64_t seed, int epochs) const override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      trained_.push_back(net.describe());
      epochs_run_ += epochs;
    }
    TrainOutcome o;
    o.epochs = epochs;
    const double p = std::log1p(static_cast<double>(net.parameters()));
    o.v1_accuracy = 0.5 + 0.4 * std::min(1.0, p / 12.0) * epochs / full_epochs_;
    o.v2_accuracy = 0.5 + 0.4 * std::fabs(std::sin(p + static_cast<double>(seed % 7)));
    o.test_accuracy = o.v2_accuracy - 0.01;
    o.parameters = net.parameters();
    return o;
  }
  int classes() const override { return 2; }
  int epochs() const override { return full_epochs_; }
  std::vector<std::string> trained() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return trained_;
  }
  long epochs_run() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return epochs_run_;
  }

 private:
  int full_epochs_;
  mutable std::mutex mutex_;
  mutable std::vector<std::string> trained_;
  mutable long epochs_run_ = 0;
};

SearchScenario tiny_scenario(const std::string& limits, int generations = 4, int population = 10) {
  return parse_search_scenario(fmt::format(R"(name: tiny
seed: 3
data: {{dataset: synthetic-eeg}}
search: {{population: {}, generations: {}, genes: 6, tournament_size: 3, crossover_rate: 0.9, mutation_rate: 0.2}}
training: {{epochs: 1, batch_size: 8}}
limits: {}
energy: {{scenario: edge}}
factors: [10]
)",
                                           population, generations, limits),
                               "tiny.yaml");
}

DeviceModel paper_model() { return load_device_model("stm32l476rg", "ble-paper", "fog-paper"); }

fs::path fresh_dir(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("fognas_ga_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(p);
  return p;
}

SearchRunOptions quiet(const fs::path& out, int jobs = 2) {
  SearchRunOptions o;
  o.out_dir = out.string();
  o.jobs = jobs;
  o.progress = false;
  return o;
}

TEST(GaSearch, AbandonedCandidatesAreNeverTrainedAndEachNetworkOnce) {
  // With the whole network on the edge, 2 KB of Flash and 16 KB of RAM abandon
  // many random networks (jointly, P = 1 always fits 8 KB of input and no Flash).
  auto sc = tiny_scenario("{energy_mj: 0.3, flash_kb: 2, ram_kb: 16}", 5, 12);
  sc.mode = SearchMode::NoPartition;
  RecordingTrainer trainer;
  auto out = fresh_dir("abandon");
  SearchResult r = run_search(sc, paper_model(), &trainer, 2, quiet(out));
  std::set<std::string> trained_set;
  for (const auto& d : trainer.trained()) EXPECT_TRUE(trained_set.insert(d).second) << d << " trained twice";
  int abandoned = 0;
  for (const auto& c : r.candidates) {
    const std::string d = c.genome.decode(2).describe();
    if (c.costs.cls == CandidateClass::Abandoned) {
      ++abandoned;
      EXPECT_FALSE(c.trained);
      EXPECT_EQ(trained_set.count(d), 0u) << d;
    } else {
      EXPECT_TRUE(c.trained);
      EXPECT_EQ(trained_set.count(d), 1u) << d;
    }
  }
  EXPECT_GT(abandoned, 0);
  EXPECT_EQ(trained_set.size() + static_cast<size_t>(abandoned), r.candidates.size());
  fs::remove_all(out);
}

TEST(GaSearch, ExtractionChoosesTheValidCandidateWithTheBestV2) {
  auto sc = tiny_scenario("{energy_mj: 0.3}");
  RecordingTrainer trainer;
  auto out = fresh_dir("extract");
  SearchResult r = run_search(sc, paper_model(), &trainer, 2, quiet(out));
  ASSERT_TRUE(r.best);
  double best_v2 = -1;
  for (const auto& c : r.candidates)
    if (c.costs.cls == CandidateClass::Valid) best_v2 = std::max(best_v2, c.outcome.v2_accuracy);
  EXPECT_EQ(r.best->record.outcome.v2_accuracy, best_v2);
  EXPECT_TRUE(r.best->meets_limits);
  EXPECT_LE(r.best->energy_mj, 0.3);
  EXPECT_TRUE(fs::exists(out / "best.json"));
  EXPECT_TRUE(fs::exists(out / "table.md"));
  EXPECT_TRUE(fs::exists(out / "table.tex"));
  // generations.csv: header plus one line per generation, no wall-clock column;
  // the seconds are in timing.json.
  const std::string csv = read_file(out / "generations.csv");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 5);
  EXPECT_EQ(csv.find("seconds"), std::string::npos) << csv;
  const auto timing = nlohmann::json::parse(read_file(out / "timing.json"));
  EXPECT_EQ(timing["generations"].size(), 4u);
  EXPECT_EQ(timing["resumed_after_generation"], 0);
  EXPECT_EQ(timing["candidates"].size(), trainer.trained().size());
  // Nor do the other files a run commits hold wall-clock figures.
  for (const char* f : {"candidates.jsonl", "checkpoint.json", "best.json"})
    EXPECT_EQ(read_file(out / f).find("seconds"), std::string::npos) << f;
  fs::remove_all(out);
}

TEST(GaSearch, ResumingAFinishedRunRewritesItsReportsWithoutTraining) {
  auto sc = tiny_scenario("{energy_mj: 0.3}");
  RecordingTrainer trainer;
  auto out = fresh_dir("finished");
  run_search(sc, paper_model(), &trainer, 2, quiet(out));
  const std::string best = read_file(out / "best.json"), csv = read_file(out / "generations.csv");
  const size_t trained = trainer.trained().size();
  fs::remove(out / "generations.csv");
  fs::remove(out / "table.md");
  auto resume = quiet(out);
  resume.resume = true;
  SearchResult r = run_search(sc, paper_model(), &trainer, 2, resume);
  EXPECT_TRUE(r.completed);
  EXPECT_EQ(trainer.trained().size(), trained);
  EXPECT_EQ(read_file(out / "best.json"), best);
  EXPECT_EQ(read_file(out / "generations.csv"), csv);
  EXPECT_TRUE(fs::exists(out / "table.md"));
  fs::remove_all(out);
}

TEST(GaSearch, ResumeAfterAStopGivesTheSameBestAsAnUninterruptedRun) {
  auto sc = tiny_scenario("{energy_mj: 0.25}", 5, 10);
  RecordingTrainer trainer;
  auto full = fresh_dir("full"), part = fresh_dir("part");
  run_search(sc, paper_model(), &trainer, 2, quiet(full));
  auto stop = quiet(part);
  stop.stop_after_generations = 2;
  SearchResult first = run_search(sc, paper_model(), &trainer, 2, stop);
  EXPECT_FALSE(first.completed);
  EXPECT_FALSE(fs::exists(part / "best.json"));
  auto resume = quiet(part, 1);
  resume.resume = true;
  SearchResult second = run_search(sc, paper_model(), &trainer, 2, resume);
  EXPECT_TRUE(second.completed);
  EXPECT_EQ(read_file(part / "best.json"), read_file(full / "best.json"));
  // With no wall-clock figures in them, the committed files are byte for byte the same.
  for (const char* f : {"candidates.jsonl", "checkpoint.json", "generations.csv"})
    EXPECT_EQ(read_file(part / f), read_file(full / f)) << f;
  // timing.json covers only the generations the resumed run ran.
  const auto timing = nlohmann::json::parse(read_file(part / "timing.json"));
  EXPECT_EQ(timing["resumed_after_generation"], 2);
  ASSERT_EQ(timing["generations"].size(), 3u);
  EXPECT_EQ(timing["generations"][0]["generation"], 3);
  EXPECT_EQ(second.resumed_after_generation, 2);
  fs::remove_all(full);
  fs::remove_all(part);
}

TEST(GaSearch, ResumeReadsACheckpointThatStillHoldsSeconds) {
  // Checkpoints written before the seconds moved to timing.json carry them in
  // the run, every generation and every trained candidate; they are ignored.
  auto sc = tiny_scenario("{energy_mj: 0.25}", 3, 8);
  RecordingTrainer trainer;
  auto full = fresh_dir("old_full"), part = fresh_dir("old_part");
  run_search(sc, paper_model(), &trainer, 2, quiet(full));
  auto stop = quiet(part);
  stop.stop_after_generations = 1;
  run_search(sc, paper_model(), &trainer, 2, stop);
  auto j = nlohmann::json::parse(read_file(part / "checkpoint.json"));
  j["elapsed_seconds"] = 12.5;
  for (auto& g : j["generations"]) g["seconds"] = 12.5;
  for (auto& c : j["candidates"])
    if (c["trained"].get<bool>()) {
      c["train_seconds"] = 3.0;
      c["step_seconds"] = 2.0;
    }
  write_file_atomically(part / "checkpoint.json", j.dump() + "\n");
  auto resume = quiet(part);
  resume.resume = true;
  EXPECT_TRUE(run_search(sc, paper_model(), &trainer, 2, resume).completed);
  for (const char* f : {"best.json", "candidates.jsonl", "checkpoint.json"})
    EXPECT_EQ(read_file(part / f), read_file(full / f)) << f;
  fs::remove_all(full);
  fs::remove_all(part);
}

TEST(GaSearch, ResumeRefusesACheckpointOfOtherSettings) {
  RecordingTrainer trainer;
  auto out = fresh_dir("other");
  auto stop = quiet(out);
  stop.stop_after_generations = 1;
  run_search(tiny_scenario("{energy_mj: 0.25}"), paper_model(), &trainer, 2, stop);
  auto resume = quiet(out);
  resume.resume = true;
  EXPECT_THROW(run_search(tiny_scenario("{energy_mj: 0.5}"), paper_model(), &trainer, 2, resume), InputError);
  fs::remove_all(out);
}

TEST(GaSearch, RamBelowTheInputBufferIsRejectedBeforeAnyTraining) {
  RecordingTrainer trainer;
  auto out = fresh_dir("ram");
  try {
    run_search(tiny_scenario("{energy_mj: 0.25, ram_kb: 4}"), paper_model(), &trainer, 2, quiet(out));
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("limits.ram_kb"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(trainer.trained().empty());
  fs::remove_all(out);
}

TEST(GaSearch, AnEnergyLimitNoCandidateMeetsLeavesNoSolution) {
  RecordingTrainer trainer;
  auto out = fresh_dir("energy");
  SearchResult r = run_search(tiny_scenario("{energy_mj: 0.000001}", 2, 6), paper_model(), &trainer, 2, quiet(out));
  EXPECT_TRUE(r.completed);
  EXPECT_FALSE(r.best);
  EXPECT_FALSE(fs::exists(out / "best.json"));
  fs::remove_all(out);
}

TEST(GaSearch, ZeroShotRanksByTheProxyWithoutTraining) {
  auto sc = tiny_scenario("{energy_mj: 0.3}", 3, 8);
  sc.mode = SearchMode::ZeroShotParams;
  auto out = fresh_dir("zeroshot");
  SearchResult r = run_search(sc, paper_model(), nullptr, 2, quiet(out));
  ASSERT_TRUE(r.best);
  long most = 0;
  for (const auto& c : r.candidates) {
    EXPECT_FALSE(c.trained);
    if (c.costs.cls == CandidateClass::Valid) most = std::max(most, c.costs.parameters);
  }
  EXPECT_EQ(r.best->record.costs.parameters, most);
  // Only the ranking differs from the joint method: the solver still picks P.
  const Network net = r.best->record.genome.decode(2);
  EXPECT_EQ(r.best->partition.point, solve_partition(net, paper_model(), sc.partition_options()).best().point);
  fs::remove_all(out);
}

TEST(GaSearch, SequentialSearchesOnTheEdgeThenSplitsTheWinner) {
  auto sc = tiny_scenario("{energy_mj: 2.0}", 3, 8);
  sc.mode = SearchMode::Sequential;
  RecordingTrainer trainer;
  auto out = fresh_dir("sequential");
  SearchResult r = run_search(sc, paper_model(), &trainer, 2, quiet(out));
  for (const auto& c : r.candidates) {
    if (c.costs.chosen) {
      EXPECT_EQ(c.costs.chosen->point, c.costs.layers + 1);
    }
  }
  ASSERT_TRUE(r.best);
  const Network net = r.best->record.genome.decode(2);
  const PartitionPlan plan = solve_partition(net, paper_model(), sc.partition_options());
  EXPECT_EQ(r.best->partition.point, plan.best().point);
  EXPECT_LE(r.best->energy_mj, r.best->record.costs.energy_mj);
  fs::remove_all(out);
}

// The tiny search with 9 epochs per candidate, successive halving on or off.
SearchScenario halving_scenario(bool enabled, int eta = 3, int min_epochs = 1) {
  auto sc = tiny_scenario("{energy_mj: 0.25}", 4, 10);
  sc.training.epochs = 9;
  sc.halving = {enabled, eta, min_epochs};
  return sc;
}

long epochs_in(const std::vector<CandidateRecord>& candidates) {
  long sum = 0;
  for (const auto& c : candidates) sum += c.epochs_trained;
  return sum;
}

TEST(GaSearch, SuccessiveHalvingTrainsFewerEpochsAndReportsAFullyTrainedNetwork) {
  RecordingTrainer full_trainer(9), halving_trainer(9);
  auto full_out = fresh_dir("halving_off"), halving_out = fresh_dir("halving_on");
  const SearchResult full = run_search(halving_scenario(false), paper_model(), &full_trainer, 2, quiet(full_out));
  const SearchResult halved = run_search(halving_scenario(true), paper_model(), &halving_trainer, 2, quiet(halving_out));
  EXPECT_EQ(full_trainer.epochs_run(), 9 * static_cast<long>(full.candidates.size()));
  EXPECT_LT(halving_trainer.epochs_run(), full_trainer.epochs_run() * 2 / 3);
  // The records account for every epoch the trainer ran.
  EXPECT_EQ(epochs_in(halved.candidates), halving_trainer.epochs_run());
  int stopped_early = 0;
  for (const auto& c : halved.candidates) {
    ASSERT_TRUE(c.trained);
    EXPECT_TRUE(c.outcome.epochs == 1 || c.outcome.epochs == 3 || c.outcome.epochs == 9) << c.outcome.epochs;
    stopped_early += c.outcome.epochs < 9;
  }
  EXPECT_GT(stopped_early, 0);
  ASSERT_TRUE(halved.best);
  EXPECT_EQ(halved.best->record.outcome.epochs, 9);
  // candidates.jsonl says what each candidate got; without the option it reads as before.
  std::istringstream lines(read_file(halving_out / "candidates.jsonl"));
  size_t i = 0;
  for (std::string line; std::getline(lines, line); ++i) {
    const auto j = nlohmann::json::parse(line);
    EXPECT_EQ(j.at("epochs"), halved.candidates.at(i).outcome.epochs);
    EXPECT_EQ(j.at("epochs_trained"), halved.candidates.at(i).epochs_trained);
  }
  EXPECT_EQ(i, halved.candidates.size());
  EXPECT_EQ(read_file(full_out / "candidates.jsonl").find("epochs"), std::string::npos);
  fs::remove_all(full_out);
  fs::remove_all(halving_out);
}

TEST(GaSearch, SuccessiveHalvingWithOneRungIsFullTraining) {
  // min_epochs = training.epochs leaves a single rung: the same search, the
  // same best.json, as with the option off.
  RecordingTrainer trainer(9);
  auto off = fresh_dir("one_rung_off"), on = fresh_dir("one_rung_on");
  run_search(halving_scenario(false), paper_model(), &trainer, 2, quiet(off));
  run_search(halving_scenario(true, 3, 9), paper_model(), &trainer, 2, quiet(on));
  EXPECT_EQ(read_file(on / "best.json"), read_file(off / "best.json"));
  EXPECT_EQ(read_file(on / "generations.csv"), read_file(off / "generations.csv"));
  fs::remove_all(off);
  fs::remove_all(on);
}

TEST(GaSearch, SuccessiveHalvingGivesTheSameFilesForAnyJobsAndAfterResume) {
  RecordingTrainer trainer(9);
  auto one = fresh_dir("halving_j1"), three = fresh_dir("halving_j3"), part = fresh_dir("halving_part");
  run_search(halving_scenario(true, 2, 2), paper_model(), &trainer, 2, quiet(one, 1));
  run_search(halving_scenario(true, 2, 2), paper_model(), &trainer, 2, quiet(three, 3));
  auto stop = quiet(part, 2);
  stop.stop_after_generations = 2;
  run_search(halving_scenario(true, 2, 2), paper_model(), &trainer, 2, stop);
  auto resume = quiet(part, 3);
  resume.resume = true;
  run_search(halving_scenario(true, 2, 2), paper_model(), &trainer, 2, resume);
  for (const char* f : {"best.json", "candidates.jsonl", "checkpoint.json", "generations.csv"}) {
    EXPECT_EQ(read_file(three / f), read_file(one / f)) << f;
    EXPECT_EQ(read_file(part / f), read_file(one / f)) << f;
  }
  fs::remove_all(one);
  fs::remove_all(three);
  fs::remove_all(part);
}

TEST(GaSearch, HalvingKeepsTheBestThirdValidFirstWithATotalOrder) {
  std::vector<CandidateRecord> c(7);
  const double v1[] = {0.6, 0.9, 0.7, 0.9, 0.95, 0.5, 0.8};
  for (size_t i = 0; i < c.size(); ++i) {
    c[i].key = "k" + std::to_string(i);
    c[i].trained = true;
    c[i].outcome.v1_accuracy = v1[i];
    c[i].costs.cls = CandidateClass::Valid;
    c[i].costs.energy_mj = 0.1;
  }
  c[4].costs.cls = CandidateClass::Invalid;  // the highest V1, but over the energy limit
  c[3].costs.energy_mj = 0.05;               // ties with 1 on V1, needs less energy
  EXPECT_EQ(halving_survivors(c, {0, 1, 2, 3, 4, 5, 6}, 3), (std::vector<size_t>{1, 3, 6}));
  EXPECT_EQ(halving_survivors(c, {6, 5, 3, 1}, 2), (std::vector<size_t>{1, 3}));
  EXPECT_EQ(halving_survivors(c, {5}, 3), (std::vector<size_t>{5}));
}

}  // namespace
}  // namespace fognas
