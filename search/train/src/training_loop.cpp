#include "training_loop.h"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <random>

namespace fognas {

TrainOutcome run_epochs(EpochModel& model, const TrainSettings& settings, int64_t train_examples, uint64_t seed) {
  std::mt19937_64 shuffle_rng(seed ^ 0x5eedf00dULL);
  DropoutMasks masks(seed);
  DropoutMasks* dropout = settings.dropout > 0 ? &masks : nullptr;
  TrainOutcome out;
  out.v1_accuracy = -1;
  out.epochs = settings.epochs;
  std::vector<int64_t> order(static_cast<size_t>(train_examples));
  std::iota(order.begin(), order.end(), int64_t{0});
  for (int epoch = 1; epoch <= settings.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), shuffle_rng);
    const auto epoch_start = std::chrono::steady_clock::now();
    model.prepare_epoch(order);
    for (int64_t start = 0; start < train_examples; start += settings.batch_size) {
      model.step(start, std::min<int64_t>(train_examples, start + settings.batch_size), dropout,
                 1.0 - settings.dropout);
      ++out.optimiser_steps;
    }
    out.step_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - epoch_start).count();
    const double v1 = model.accuracy(EvalPart::V1);
    out.v1_per_epoch.push_back(v1);
    // On a tie the later epoch wins: as good on V1 and trained longer. With a
    // few dozen V1 windows accuracy often reaches its maximum early and stays,
    // and the first such epoch's weights scored lower on unseen windows.
    if (v1 >= out.v1_accuracy) {
      out.v1_accuracy = v1;
      out.best_epoch = epoch;
      model.keep_weights();
    }
  }
  // V2 and test are read once, from the kept weights of the chosen epoch.
  model.restore_weights();
  out.v2_accuracy = model.accuracy(EvalPart::V2);
  out.test_accuracy = model.accuracy(EvalPart::Test);
  return out;
}

}  // namespace fognas
