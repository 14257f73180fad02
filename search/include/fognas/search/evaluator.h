#pragma once
// What the search asks of training, without knowing how it is done: the GA and
// the search loop call this interface, the LibTorch library (fognas_train)
// implements it. Keeping torch out of this header keeps it out of the search.
#include <cstdint>
#include <string>
#include <vector>

#include "fognas/cost/cost.h"

namespace fognas {

// Which implementation trains a candidate. Both start from the same weights,
// see the examples in the same order and draw the same dropout masks for a
// seed, so they differ only by floating-point rounding: LibTorch is the
// reference, Fast a hand-written forward/backward for this architecture family.
enum class TrainerKind { LibTorch, Fast };
std::string to_string(TrainerKind kind);
// "libtorch" | "fast"; throws std::invalid_argument otherwise.
TrainerKind trainer_kind_from_string(const std::string& name);

struct TrainSettings {
  int epochs = 2;
  int batch_size = 32;
  double learning_rate = 1e-3;
  double dropout = 0.0;  // applied during training only
  TrainerKind trainer = TrainerKind::Fast;
};

// Accuracies are fractions in [0, 1]. V1 is the fitness during evolution, V2 is
// read only at extraction, test only for the reported figure.
struct TrainOutcome {
  double v1_accuracy = 0;
  double v2_accuracy = 0;
  double test_accuracy = 0;
  int epochs = 0;      // epochs run
  int best_epoch = 0;  // the epoch whose weights scored best on V1 (the first such epoch)
  std::vector<double> v1_per_epoch;  // V1 accuracy after every epoch; not kept in checkpoints
  long parameters = 0;
  long optimiser_steps = 0;
  double step_seconds = 0;   // inside the optimiser steps only (forward, backward, update)
  double train_seconds = 0;  // the whole call, evaluation included
};

class CandidateTrainer {
 public:
  virtual ~CandidateTrainer() = default;
  // Trains a fresh model of `net` from `seed` for `epochs` epochs. Must be safe
  // to call from several threads at once and give the same outcome (apart from
  // timing) for the same network, seed and epochs, whatever else runs beside
  // it. The first k epochs of a longer run are those of a k-epoch run (same
  // shuffles and dropout masks), which successive halving relies on.
  virtual TrainOutcome train(const Network& net, uint64_t seed, int epochs) const = 0;
  // Full training: the settings' epochs.
  TrainOutcome train(const Network& net, uint64_t seed) const { return train(net, seed, epochs()); }
  virtual int epochs() const = 0;
  virtual int classes() const = 0;
};

}  // namespace fognas
