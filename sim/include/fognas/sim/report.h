#pragma once
// The simulation's figures as tables (Markdown, CSV) and JSON.
#include <nlohmann/json.hpp>

#include <string>

#include "fognas/common/table.h"
#include "fognas/sim/simulate.h"

namespace fognas::sim {

// One row per case: simulated per-inference energies beside both predictions.
Table summary_table(const RunResult& run);
// One row per wearable and case: per-inference energies beside both
// predictions, with the relative errors.
Table energy_table(const RunResult& run);
// One row per wearable and case: counts, latency, lifetime.
Table wearable_table(const RunResult& run);
// Per fog node: load, energy, utilisation, queueing, event collisions.
Table fog_table(const RunResult& run);
// Energy by radio and MCU state.
Table state_table(const RunResult& run);

nlohmann::json to_json(const RunResult& run);

// Writes summary, energy, wearables, fog_nodes and states as .csv and .md, report.md
// and report.json
// under `dir` (atomically).
void write_reports(const RunResult& run, const std::string& dir);

// Relative error of a prediction against the simulated figure, in percent.
double relative_error_pct(double predicted, double simulated);

}  // namespace fognas::sim
