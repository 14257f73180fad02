#pragma once
// Training of candidate networks with LibTorch behind a torch-free interface:
// callers see Networks, Datasets and TrainOutcomes, never tensors.
#include <memory>

#include "fognas/data/dataset.h"
#include "fognas/search/evaluator.h"
#include "fognas/cost/cost.h"

namespace fognas {

// A trainer for the search: Adam on the train split, accuracy on V1 after every
// epoch; the weights of the best V1 epoch also give the V2 and test accuracies.
// Every call uses one intra-op thread, so candidates run side by side on a pool.
// Throws InputError when the split is unusable (see check_split).
std::unique_ptr<CandidateTrainer> make_torch_trainer(const DatasetSplit& split, const TrainSettings& settings);

// Number of trainable parameters of the LibTorch model built for `net`
// (equals Network::parameters() by construction; the tests check it).
long torch_parameter_count(const Network& net);

// Throws InputError naming the data set when a part of the split is empty, a
// class has no examples in one part, or example lengths differ from the input
// length the networks expect.
void check_split(const DatasetSplit& split, int input_length);

}  // namespace fognas
