#pragma once
// One evaluated genome: its decoded network, costs at the chosen partition
// point, class and accuracies. The search loop caches these by Genome::key().
#include <optional>
#include <string>

#include "fognas/search/evaluator.h"
#include "fognas/search/fitness.h"
#include "fognas/search/genome.h"
#include "fognas/cost/cost.h"
#include "fognas/search/search_scenario.h"

namespace fognas {

struct CandidateCosts {
  CandidateClass cls = CandidateClass::Abandoned;
  std::optional<PartitionCost> chosen;  // empty when abandoned
  double energy_mj = 0;                 // the scenario's energy at `chosen`
  long parameters = 0;
  long effective_macs = 0;
  int layers = 0;
};

struct CandidateRecord {
  Genome genome;  // the first genome seen with this key
  std::string key;
  int generation = 0;  // generation in which it was first evaluated
  CandidateCosts costs;
  bool trained = false;
  TrainOutcome outcome;      // when trained (outcome.epochs: the epochs behind it)
  // Epochs spent on it in all: successive halving trains a promoted candidate
  // afresh at each rung, so this can exceed outcome.epochs.
  int epochs_trained = 0;
  double zero_shot_score = 0;  // zero-shot modes: the proxy mapped to (0, 1)
  double accuracy_for_fitness() const;
  // Takes a training's outcome: the epochs and seconds add to those of any
  // earlier training of the record (an earlier rung of successive halving).
  void record_training(TrainOutcome o);
};

// Costs of a network under a scenario's mode and limits: joint and zero-shot
// modes let the solver choose P; no-partition and sequential keep the whole
// network on the edge.
CandidateCosts evaluate_costs(const Network& net, const DeviceModel& model, const SearchScenario& scenario);

// log(1 + proxy) / log(1 + 1e9): a fixed, monotone map of #params or #MACs into
// (0, 1) so zero-shot scores are comparable across generations.
double zero_shot_score(const Network& net, SearchMode mode);

}  // namespace fognas
