#pragma once
// Does a predicted partition point survive a simulated network? For each
// network and factor, the point each energy model (the paper's energy per bit,
// the protocol-aware model) would choose is compared with the point the
// simulation finds cheapest: their ranks, and the regret, the simulated energy
// lost by trusting the model (mJ and % of the simulated optimum).
#include <string>
#include <vector>

#include "fognas/common/table.h"

namespace fognas::study {

// One simulated partition point of one network at one factor; energies per
// inference on the scenario's energy (edge, or the paper's total), in mJ,
// and the wearable's all-in energy per generated window (its battery's view:
// compute, the tensor's radio, the link's upkeep), simulated and predicted.
struct SimulatedPartition {
  std::string architecture;
  double factor = 1;
  int point = 1;
  double e_sim_mj = 0;
  double e_paper_mj = 0;
  double e_protocol_mj = 0;
  double e_allin_sim_mj = 0;
  double e_allin_protocol_mj = 0;
};

struct ModelVerdict {
  int chosen = 0;            // the model's cheapest point
  int rank_in_sim = 0;       // its rank among the simulated energies (1: the simulated optimum)
  int sim_opt_rank = 0;      // the simulated optimum's rank under the model
  double regret_mj = 0;      // E_sim(chosen) - E_sim(simulated optimum), >= 0
  double regret_pct = 0;     // the same, % of E_sim(simulated optimum)
};

struct PartitionVerdict {
  std::string architecture;
  double factor = 1;
  int points = 0;           // feasible points simulated
  int sim_optimum = 0;
  double e_sim_optimum_mj = 0;
  ModelVerdict paper, protocol;
  // Judged on the wearable's all-in energy: the simulated all-in optimum, the
  // paper model's point (it has no all-in figure: the point it chose above)
  // and the protocol-aware all-in prediction's point.
  int allin_optimum = 0;
  double e_allin_optimum_mj = 0;
  ModelVerdict paper_allin, protocol_allin;
};

// Groups `points` by network and factor (in first-seen order) and judges each
// group. Ties go to the lower partition point, as the solver breaks them.
std::vector<PartitionVerdict> judge_partitions(const std::vector<SimulatedPartition>& points);

Table partition_verdict_table(const std::vector<PartitionVerdict>& verdicts, const std::string& radio, const std::string& energy);
Table simulated_partitions_table(const std::vector<SimulatedPartition>& points, const std::string& radio);

}  // namespace fognas::study
