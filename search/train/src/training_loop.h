#pragma once
// The epoch loop both trainers share, so that for a seed they see the training
// examples in the same order, draw the same dropout masks and pick the epoch
// the same way: shuffle, gather the epoch's batches, one optimiser step per
// batch, V1 after every epoch, the weights of the best V1 epoch (the last, on a
// tie) kept and restored at the end, V2 and test read from those weights.
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "fognas/search/evaluator.h"
#include "fognas/train/initial_parameters.h"

namespace fognas {

enum class EvalPart { V1, V2, Test };

class EpochModel {
 public:
  virtual ~EpochModel() = default;
  // Gathers the training examples in this order, so that the steps of the
  // epoch take consecutive ranges of it.
  virtual void prepare_epoch(const std::vector<int64_t>& order) = 0;
  // One optimiser step on examples [start, end) of the prepared order; `masks`
  // is null without dropout, else the model draws batch x classifier-inputs
  // factors from it in LibTorch's flattening order.
  virtual void step(int64_t start, int64_t end, DropoutMasks* masks, double keep) = 0;
  virtual double accuracy(EvalPart part) = 0;
  virtual void keep_weights() = 0;
  virtual void restore_weights() = 0;
};

// The settings with another number of epochs (at least 1), for a candidate
// that successive halving trains for fewer or more than the settings' epochs.
inline TrainSettings with_epochs(TrainSettings settings, int epochs) {
  if (epochs < 1) throw std::invalid_argument("a candidate needs at least one epoch of training");
  settings.epochs = epochs;
  return settings;
}

// Runs settings.epochs epochs over `train_examples` examples; fills every
// field of the outcome but `parameters` and `train_seconds`.
TrainOutcome run_epochs(EpochModel& model, const TrainSettings& settings, int64_t train_examples, uint64_t seed);

}  // namespace fognas
