// Both trainers (LibTorch and fast), seen through the torch-free interface.
#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "fognas/common/error.h"
#include "fognas/data/load.h"
#include "fognas/data/split.h"
#include "fognas/search/genome.h"
#include "fognas/train/torch_trainer.h"
#include "fognas/train/trainer.h"
#include "test_data.h"

namespace fognas {
namespace {

TEST(TrainModel, ParameterCountEqualsTheCostModelForRandomGenomes) {
  std::mt19937_64 rng(2024);
  for (int i = 0; i < 150; ++i) {
    const Genome g = Genome::random(rng);
    for (int classes : {2, 5}) {
      const Network net = g.decode(classes);
      EXPECT_EQ(torch_parameter_count(net), net.parameters()) << net.describe();
    }
  }
}

TEST(TrainModel, PaperArchitecturesHaveTheirPublishedSizes) {
  // Table II: SD-2's whole network is 4 B x parameters; its edge part (2 layers)
  // is the 1.3 KB of Flash the paper lists.
  const Network sd2 = Network::from_shape({2048, 128, 4, 128, 2}, {1, 3, 3, 2, 1});
  EXPECT_EQ(torch_parameter_count(sd2), sd2.parameters());
  EXPECT_EQ(sd2.layers[0].parameters() + sd2.layers[1].parameters(), 16 * 3 + 3 + 32 * 3 * 3 + 3);
}

TrainSettings quick(int epochs = 3, TrainerKind kind = TrainerKind::LibTorch) {
  TrainSettings s;
  s.trainer = kind;
  s.epochs = epochs;
  s.batch_size = 8;
  s.learning_rate = 3e-3;
  s.dropout = 0.1;
  return s;
}

class EachTrainer : public ::testing::TestWithParam<TrainerKind> {};
INSTANTIATE_TEST_SUITE_P(TrainModel, EachTrainer, ::testing::Values(TrainerKind::LibTorch, TrainerKind::Fast),
                         [](const auto& info) { return to_string(info.param); });

TEST_P(EachTrainer, LearnsSeparableWavesWellAboveChance) {
  const auto split = testing::make_wave_split(2, 40, 20, 7);
  TrainSettings s = quick(8, GetParam());
  s.learning_rate = 1e-2;
  const auto trainer = make_trainer(split, s);
  const Network net = Network::from_shape({2048, 256, 64, 2}, {1, 4, 4, 1});
  const TrainOutcome o = trainer->train(net, 1);
  EXPECT_GT(o.v1_accuracy, 0.8);
  EXPECT_GT(o.test_accuracy, 0.8);
  EXPECT_EQ(o.parameters, net.parameters());
  EXPECT_EQ(o.optimiser_steps, 8 * (80 / 8));
  EXPECT_GE(o.best_epoch, 1);
  EXPECT_LE(o.best_epoch, 8);
}

TEST_P(EachTrainer, SameSeedSameOutcomeAlsoWhenTrainedSideBySide) {
  const auto split = testing::make_wave_split(3, 20, 10, 11);
  const auto trainer = make_trainer(split, quick(2, GetParam()));
  const Network a = Network::from_shape({2048, 64, 128, 3}, {1, 2, 3, 1});
  const Network b = Network::from_shape({2048, 512, 512, 3}, {1, 1, 2, 1});
  const TrainOutcome alone = trainer->train(a, 5);
  TrainOutcome beside_a, beside_b;
  std::thread t1([&] { beside_a = trainer->train(a, 5); });
  std::thread t2([&] { beside_b = trainer->train(b, 5); });
  t1.join();
  t2.join();
  EXPECT_EQ(alone.v1_accuracy, beside_a.v1_accuracy);
  EXPECT_EQ(alone.v2_accuracy, beside_a.v2_accuracy);
  EXPECT_EQ(alone.test_accuracy, beside_a.test_accuracy);
  EXPECT_EQ(alone.best_epoch, beside_a.best_epoch);
  EXPECT_EQ(beside_b.parameters, b.parameters());
}

TEST_P(EachTrainer, AnEmptyClassIsAClearInputError) {
  auto split = testing::make_wave_split(2, 10, 4, 3);
  // Drop class 1 from V2.
  Dataset only0 = testing::make_waves("waves", 2, 0, 1);
  for (size_t i = 0; i < split.v2.size(); ++i)
    if (split.v2.labels[i] == 0) {
      only0.labels.push_back(0);
      only0.samples.insert(only0.samples.end(), split.v2.example(i), split.v2.example(i) + split.v2.length);
    }
  split.v2 = only0;
  try {
    make_trainer(split, quick(3, GetParam()));
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("class 'class1' has no examples in the V2 split"), std::string::npos)
        << e.what();
  }
}

TEST_P(EachTrainer, WrongExampleLengthIsRejected) {
  DatasetSplit s;
  s.train = testing::make_waves("short", 2, 4, 1, 1000);
  s.v1 = s.v2 = s.test = s.train;
  EXPECT_THROW(make_trainer(s, quick(3, GetParam())), InputError);
}

TEST_P(EachTrainer, ReportsTheWeightsOfTheBestV1Epoch) {
  // V1 after every epoch; the reported V1 is their maximum, at the last epoch
  // that reached it. Training the same seed for just that many epochs ends on
  // the same weights, so V2 and test must come out the same: they were read
  // from the kept weights, not from the last epoch's.
  // Synthetic EEG with 9 V1 windows and a learning rate this network does not
  // settle under: V1 moves up and down between epochs.
  DataOptions data;
  data.seed = 1;
  data.examples_per_class = 60;
  const DatasetSplit split = split_dataset(load_dataset("synthetic-eeg", data), 1);
  const Network net = Network::from_shape({2048, 128, 16, 2}, {1, 2, 3, 1});
  TrainSettings s = quick(6, GetParam());
  s.learning_rate = 2e-2;
  // Seeds whose best V1 came before the last epoch: without one the test could
  // not tell. Here two of the five do (seeds 3 and 5, with either trainer);
  // five seeds keep one likely where another processor rounds LibTorch's
  // products differently.
  int peaked_early = 0;
  for (uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
    const TrainOutcome o = make_trainer(split, s)->train(net, seed);
    peaked_early += o.best_epoch < 6;
    ASSERT_EQ(o.v1_per_epoch.size(), 6u);
    const auto best = std::max_element(o.v1_per_epoch.rbegin(), o.v1_per_epoch.rend());  // the last maximum
    EXPECT_EQ(o.v1_accuracy, *best);
    EXPECT_EQ(o.best_epoch, static_cast<int>(o.v1_per_epoch.rend() - best));
    TrainSettings shorter = s;
    shorter.epochs = o.best_epoch;
    const TrainOutcome again = make_trainer(split, shorter)->train(net, seed);
    EXPECT_EQ(again.v1_accuracy, o.v1_accuracy) << "seed " << seed;
    EXPECT_EQ(again.v2_accuracy, o.v2_accuracy) << "seed " << seed;
    EXPECT_EQ(again.test_accuracy, o.test_accuracy) << "seed " << seed;
  }
  EXPECT_GT(peaked_early, 0);
}

TEST_P(EachTrainer, ADeepReluChainLearnsSyntheticEeg) {
  // Eight layers, seven of them ReLU convolutions of two channels, with the
  // search's training settings (seizure-edge): with He initialisation the
  // signal reaches the classifier and the network learns; with PyTorch's
  // default initialisation this network stayed at chance (V1 0.51 for these
  // seeds).
  DataOptions opt;
  opt.seed = 1;
  opt.examples_per_class = 300;
  const DatasetSplit split = split_dataset(load_dataset("synthetic-eeg", opt), 1);
  const Network net =
      Network::from_shape({2048, 512, 256, 256, 128, 64, 64, 32, 2}, {1, 2, 2, 2, 2, 2, 2, 2, 1});
  TrainSettings s = quick(8, GetParam());
  s.batch_size = 4;
  s.learning_rate = 2e-3;
  double mean_v1 = 0;
  for (uint64_t seed : {1u, 2u, 3u}) mean_v1 += make_trainer(split, s)->train(net, seed).v1_accuracy / 3;
  EXPECT_GT(mean_v1, 0.7);
}

}  // namespace
}  // namespace fognas
