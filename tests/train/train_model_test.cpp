// The LibTorch model and training loop, seen through the torch-free interface.
#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "fognas/common/error.h"
#include "fognas/search/genome.h"
#include "fognas/train/torch_trainer.h"
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

TrainSettings quick(int epochs = 3) {
  TrainSettings s;
  s.epochs = epochs;
  s.batch_size = 8;
  s.learning_rate = 3e-3;
  s.dropout = 0.1;
  return s;
}

TEST(TrainModel, LearnsSeparableWavesWellAboveChance) {
  const auto split = testing::make_wave_split(2, 40, 20, 7);
  const auto trainer = make_torch_trainer(split, quick(4));
  const Network net = Network::from_shape({2048, 256, 64, 2}, {1, 4, 4, 1});
  const TrainOutcome o = trainer->train(net, 1);
  EXPECT_GT(o.v1_accuracy, 0.8);
  EXPECT_GT(o.test_accuracy, 0.8);
  EXPECT_EQ(o.parameters, net.parameters());
  EXPECT_EQ(o.optimiser_steps, 4 * (80 / 8));
  EXPECT_GE(o.best_epoch, 1);
  EXPECT_LE(o.best_epoch, 4);
}

TEST(TrainModel, SameSeedSameOutcomeAlsoWhenTrainedSideBySide) {
  const auto split = testing::make_wave_split(3, 20, 10, 11);
  const auto trainer = make_torch_trainer(split, quick(2));
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

TEST(TrainModel, AnEmptyClassIsAClearInputError) {
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
    make_torch_trainer(split, quick());
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("class 'class1' has no examples in the V2 split"), std::string::npos)
        << e.what();
  }
}

TEST(TrainModel, WrongExampleLengthIsRejected) {
  DatasetSplit s;
  s.train = testing::make_waves("short", 2, 4, 1, 1000);
  s.v1 = s.v2 = s.test = s.train;
  EXPECT_THROW(make_torch_trainer(s, quick()), InputError);
}

}  // namespace
}  // namespace fognas
