#pragma once
// The trainers of the search behind one factory: TrainSettings::trainer picks
// LibTorch (the reference) or the fast hand-written one (fast_net in src/).
#include <memory>
#include <vector>

#include "fognas/data/dataset.h"
#include "fognas/search/evaluator.h"

namespace fognas {

// Throws InputError when the split is unusable (see check_split).
std::unique_ptr<CandidateTrainer> make_trainer(const DatasetSplit& split, const TrainSettings& settings);
std::unique_ptr<CandidateTrainer> make_fast_trainer(const DatasetSplit& split, const TrainSettings& settings);

// ---- Two independent computations of the same step, in double, for the tests.

struct StepInput {
  std::vector<double> parameters;     // LibTorch's flat layout (initial_parameters.h)
  std::vector<double> x;              // batch x kInputLength samples
  std::vector<int> labels;            // batch class indices
  std::vector<double> dropout_scale;  // empty, or batch x classifier inputs (channel after channel)
};

struct LossAndGradient {
  double loss = 0;                 // mean cross-entropy of the batch
  std::vector<double> gradient;    // of the loss, in the flat layout
  std::vector<double> logits;      // classes x batch, example after example
};

LossAndGradient libtorch_loss_and_gradient(const Network& net, const StepInput& in);
LossAndGradient fast_loss_and_gradient(const Network& net, const StepInput& in);

// Parameters after Adam steps with these gradients (one vector per step).
std::vector<double> libtorch_adam(const std::vector<double>& parameters,
                                  const std::vector<std::vector<double>>& gradients, double learning_rate);
std::vector<double> fast_adam(const std::vector<double>& parameters, const std::vector<std::vector<double>>& gradients,
                              double learning_rate);

}  // namespace fognas
