#pragma once
// validate-splits: simulates every feasible partition point of each network at
// each factor and judges whether the point each energy model would choose is
// the one the simulated network finds cheapest (partition_validation.h).
// Needs the simulator (built with ns-3).
#include <string>
#include <vector>

#include "fognas/common/table.h"
#include "fognas/study/run_options.h"

namespace fognas::study {

struct ValidatePartitionsResult {
  std::string out;
  Table verdicts;  // splits.csv: one row per network and factor
};

// Writes splits, split-points and simulation/ into OUT (replaced as a unit).
// InfeasibleError (exit 3, OUT unchanged) when no point fits or none delivered.
ValidatePartitionsResult validate_partitions(const RunOptions& options);

}  // namespace fognas::study
