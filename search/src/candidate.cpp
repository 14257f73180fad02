#include "fognas/search/candidate.h"

#include <cmath>
#include <utility>

namespace fognas {

double CandidateRecord::accuracy_for_fitness() const { return trained ? outcome.v1_accuracy : zero_shot_score; }

void CandidateRecord::record_training(TrainOutcome o) {
  if (trained) {
    o.train_seconds += outcome.train_seconds;
    o.step_seconds += outcome.step_seconds;
  }
  epochs_trained += o.epochs;
  outcome = std::move(o);
  trained = true;
}

CandidateCosts evaluate_costs(const Network& net, const DeviceModel& model, const SearchScenario& scenario) {
  CandidateCosts c;
  c.parameters = net.parameters();
  c.effective_macs = net.effective_macs();
  c.layers = net.layer_count();
  const PartitionPlan plan = solve_partition(net, model, scenario.partition_options());
  // Zero-shot modes differ from the joint method only in how they rank, so the
  // solver picks P for them too.
  if (scenario.mode == SearchMode::Joint || is_zero_shot(scenario.mode)) {
    if (plan.feasible()) c.chosen = plan.best();
  } else {
    // Searching without partitioning: only P = L + 1 (everything on the edge).
    const PartitionCost& all_on_edge = plan.points.back();
    if (all_on_edge.fits_memory) c.chosen = all_on_edge;
  }
  if (!c.chosen) {
    c.cls = CandidateClass::Abandoned;
    return c;
  }
  c.energy_mj = c.chosen->objective_mj(scenario.energy_scenario);
  c.cls = c.energy_mj <= scenario.limits.energy_mj ? CandidateClass::Valid : CandidateClass::Invalid;
  return c;
}

double zero_shot_score(const Network& net, SearchMode mode) {
  const double proxy = static_cast<double>(mode == SearchMode::ZeroShotFlops ? net.effective_macs() : net.parameters());
  return std::log1p(proxy) / std::log1p(1e9);
}

}  // namespace fognas
