#include "fognas/search/fitness.h"

#include <algorithm>
#include <stdexcept>

namespace fognas {

std::string to_string(CandidateClass c) {
  switch (c) {
    case CandidateClass::Abandoned: return "abandoned";
    case CandidateClass::Invalid: return "invalid";
    case CandidateClass::Valid: return "valid";
  }
  return "?";
}

CandidateClass candidate_class_from_string(const std::string& s) {
  if (s == "abandoned") return CandidateClass::Abandoned;
  if (s == "invalid") return CandidateClass::Invalid;
  if (s == "valid") return CandidateClass::Valid;
  throw std::invalid_argument("unknown candidate class '" + s + "'");
}

std::vector<double> adjusted_fitness(const std::vector<FitnessInput>& candidates, double energy_limit_mj,
                                     double chance_accuracy) {
  bool any_valid = false, any_invalid = false;
  double p_min = 0, e_max = 0;
  for (const auto& c : candidates) {
    if (c.cls == CandidateClass::Valid) {
      p_min = any_valid ? std::min(p_min, c.accuracy) : c.accuracy;
      any_valid = true;
    } else if (c.cls == CandidateClass::Invalid) {
      e_max = any_invalid ? std::max(e_max, c.energy_mj) : c.energy_mj;
      any_invalid = true;
    }
  }
  if (!any_valid) p_min = 1.0;
  const double p_bound = std::min(chance_accuracy, p_min);
  const double span_mj = e_max - energy_limit_mj;

  std::vector<double> fitness;
  fitness.reserve(candidates.size());
  for (const auto& c : candidates) {
    switch (c.cls) {
      case CandidateClass::Valid:
        fitness.push_back(c.accuracy);
        break;
      case CandidateClass::Abandoned:
        fitness.push_back(kAbandonedFitness);
        break;
      case CandidateClass::Invalid:
        // span_mj > 0 whenever an invalid candidate exists (its energy is over
        // the limit); the guard only protects against a caller's inconsistent class.
        fitness.push_back(span_mj > 0 ? p_min - (p_min - p_bound) / span_mj * (c.energy_mj - energy_limit_mj)
                                      : p_bound);
        break;
    }
  }
  return fitness;
}

bool ranks_above(CandidateClass a_cls, double a_fitness, CandidateClass b_cls, double b_fitness) {
  if (a_cls != b_cls) return static_cast<int>(a_cls) > static_cast<int>(b_cls);
  return a_fitness > b_fitness;
}

}  // namespace fognas
