// A tiny search with real LibTorch training: repeatable from its seed, whatever
// the number of jobs, and a stopped run resumes to the same result.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "fognas/common/atomic_file.h"
#include "fognas/devices/profile_io.h"
#include "fognas/search/search_run.h"
#include "fognas/train/torch_trainer.h"
#include "test_data.h"

namespace fognas {
namespace {

namespace fs = std::filesystem;

SearchScenario tiny() {
  return parse_search_scenario(R"(name: tiny-torch
seed: 9
data: {dataset: waves}
search: {population: 6, generations: 3, genes: 5, tournament_size: 2, crossover_rate: 0.9, mutation_rate: 0.2}
training: {epochs: 1, batch_size: 16, learning_rate: 0.003, dropout: 0.1}
limits: {energy_mj: 0.2}
energy: {scenario: edge}
factors: [10]
)",
                               "tiny.yaml");
}

fs::path dir(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("fognas_train_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(p);
  return p;
}

SearchRunOptions opts(const fs::path& out, int jobs) {
  SearchRunOptions o;
  o.out_dir = out.string();
  o.jobs = jobs;
  o.progress = false;
  return o;
}

class TrainSearch : public ::testing::Test {
 protected:
  void SetUp() override {
    split_ = testing::make_wave_split(2, 16, 8, 21);
    trainer_ = make_torch_trainer(split_, tiny().training);
    model_ = load_device_model("stm32l476rg", "ble-paper", "fog-paper");
  }
  DatasetSplit split_;
  std::unique_ptr<CandidateTrainer> trainer_;
  DeviceModel model_;
};

TEST_F(TrainSearch, SeededSearchIsRepeatableAcrossJobCounts) {
  auto one = dir("one"), two = dir("two");
  SearchResult a = run_search(tiny(), model_, trainer_.get(), 2, opts(one, 1));
  SearchResult b = run_search(tiny(), model_, trainer_.get(), 2, opts(two, 2));
  ASSERT_TRUE(a.best);
  EXPECT_EQ(read_file(one / "best.json"), read_file(two / "best.json"));
  ASSERT_EQ(a.candidates.size(), b.candidates.size());
  for (size_t i = 0; i < a.candidates.size(); ++i) {
    EXPECT_EQ(a.candidates[i].key, b.candidates[i].key);
    EXPECT_EQ(a.candidates[i].outcome.v1_accuracy, b.candidates[i].outcome.v1_accuracy);
  }
  fs::remove_all(one);
  fs::remove_all(two);
}

TEST_F(TrainSearch, ResumeAfterAKillGivesTheSameBestJson) {
  auto full = dir("full"), cut = dir("cut");
  run_search(tiny(), model_, trainer_.get(), 2, opts(full, 2));
  auto stop = opts(cut, 2);
  stop.stop_after_generations = 1;
  EXPECT_FALSE(run_search(tiny(), model_, trainer_.get(), 2, stop).completed);
  auto resume = opts(cut, 2);
  resume.resume = true;
  EXPECT_TRUE(run_search(tiny(), model_, trainer_.get(), 2, resume).completed);
  EXPECT_EQ(read_file(cut / "best.json"), read_file(full / "best.json"));
  fs::remove_all(full);
  fs::remove_all(cut);
}

}  // namespace
}  // namespace fognas
