#pragma once
// The constraint check of the method's search (the paper's fitness rule): every evaluated
// candidate is abandoned (Flash or RAM unmet at every partition point; never
// trained), invalid (memory met, energy over the limit) or valid.
#include <string>
#include <vector>

namespace fognas {

enum class CandidateClass { Abandoned, Invalid, Valid };

std::string to_string(CandidateClass c);
CandidateClass candidate_class_from_string(const std::string& s);

struct FitnessInput {
  CandidateClass cls = CandidateClass::Abandoned;
  double accuracy = 0;   // V1 accuracy (ignored for abandoned candidates)
  double energy_mj = 0;  // the scenario's energy at the chosen partition point
};

// Fitness of abandoned candidates: below anything a trained candidate can get.
inline constexpr double kAbandonedFitness = -1.0;

// Valid candidates keep their accuracy. Invalid ones get
//   P_adj = P_min - (P_min - P_bound) / (E_max - E_limit) * (E - E_limit)
// with P_min the lowest accuracy among the valid ones, E_max the highest energy
// among the invalid ones and P_bound the chance accuracy, so invalid ones rank
// below every valid one and lower the more energy they use. P_bound is clamped
// to P_min when a valid candidate scores at or below chance. With no valid
// candidate to compare with, P_min is taken as 1 so the invalid ones still rank
// by energy.
std::vector<double> adjusted_fitness(const std::vector<FitnessInput>& candidates, double energy_limit_mj,
                                     double chance_accuracy);

// Strict "a ranks above b": by class first (valid > invalid > abandoned), then by
// fitness. Ties between equal fitness values fall to the caller's order.
bool ranks_above(CandidateClass a_cls, double a_fitness, CandidateClass b_cls, double b_fitness);

}  // namespace fognas
