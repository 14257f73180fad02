#include "fognas/search/successive_halving.h"

#include <algorithm>

namespace fognas {

std::vector<size_t> halving_survivors(const std::vector<CandidateRecord>& candidates, std::vector<size_t> alive,
                                      int eta) {
  auto before = [&candidates](size_t a, size_t b) {
    const CandidateRecord& x = candidates[a];
    const CandidateRecord& y = candidates[b];
    const bool x_valid = x.costs.cls == CandidateClass::Valid, y_valid = y.costs.cls == CandidateClass::Valid;
    if (x_valid != y_valid) return x_valid;
    if (x.outcome.v1_accuracy != y.outcome.v1_accuracy) return x.outcome.v1_accuracy > y.outcome.v1_accuracy;
    if (x.costs.energy_mj != y.costs.energy_mj) return x.costs.energy_mj < y.costs.energy_mj;
    return x.key < y.key;
  };
  std::sort(alive.begin(), alive.end(), before);
  const size_t keep = (alive.size() + static_cast<size_t>(eta) - 1) / static_cast<size_t>(eta);
  alive.resize(std::min(alive.size(), keep));
  std::sort(alive.begin(), alive.end());
  return alive;
}

void successive_halving(const std::vector<CandidateRecord>& candidates, std::vector<size_t> alive,
                        const HalvingSettings& settings, int full_epochs, const TrainForEpochs& train) {
  std::sort(alive.begin(), alive.end());
  alive.erase(std::unique(alive.begin(), alive.end()), alive.end());
  int budget = std::min(settings.min_epochs, full_epochs);
  while (!alive.empty()) {
    std::vector<size_t> short_of_budget;
    for (size_t i : alive)
      if (!candidates[i].trained || candidates[i].outcome.epochs < budget) short_of_budget.push_back(i);
    if (!short_of_budget.empty()) train(short_of_budget, budget);
    if (budget >= full_epochs) return;
    alive = halving_survivors(candidates, std::move(alive), settings.eta);
    // long arithmetic: budget * eta may exceed an int before the cap applies.
    const long next = static_cast<long>(budget) * settings.eta;
    budget = alive.size() <= 1 ? full_epochs : static_cast<int>(std::min<long>(next, full_epochs));
  }
}

}  // namespace fognas
