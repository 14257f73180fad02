#pragma once
// Successive halving within a generation (search.successive_halving): every
// candidate of the generation is trained for a few epochs, the best 1/eta by V1
// are trained for eta times as many, and so on until the survivors have the
// full training.epochs. A rung trains a candidate afresh from its seed: since
// the first k epochs of a longer run are exactly a k-epoch run, a promoted
// candidate ends with the outcome full training would give it, and a
// candidate's outcome stays a function of its network, seed and epochs alone
// (no model state crosses threads, MPI ranks or checkpoints).
#include <cstddef>
#include <functional>
#include <vector>

#include "fognas/search/candidate.h"

namespace fognas {

// Trains candidates[which[i]] from scratch for `epochs` epochs.
using TrainForEpochs = std::function<void(const std::vector<size_t>& which, int epochs)>;

// The `ceil(n / eta)` of `alive` that go on to the next rung: valid before
// invalid (an invalid candidate's fitness does not depend on its accuracy),
// then higher V1, lower energy, and the key, so the choice depends on nothing
// but the records. Returned in ascending index order.
std::vector<size_t> halving_survivors(const std::vector<CandidateRecord>& candidates, std::vector<size_t> alive,
                                      int eta);

// Runs the rungs over `alive` (indices into candidates, trained or not): rung
// budgets min_epochs, min_epochs * eta, ... capped at full_epochs. A candidate
// already trained for at least a rung's budget (from the cache) is not trained
// again for it. Once one candidate is left it goes straight to full_epochs.
void successive_halving(const std::vector<CandidateRecord>& candidates, std::vector<size_t> alive,
                        const HalvingSettings& settings, int full_epochs, const TrainForEpochs& train);

}  // namespace fognas
