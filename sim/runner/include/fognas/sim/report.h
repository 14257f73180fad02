#pragma once
// The simulation's figures as tables (Markdown, CSV, LaTeX) and JSON.
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
// Per case, the fleet's figures (CaseResult::fleet): inferences generated,
// completed and dropped by reason, traffic, latency and energy percentiles.
Table fleet_table(const RunResult& run);
// Energy by radio and MCU state.
Table state_table(const RunResult& run);

// Every figure of the run; wall-clock seconds only `with_timing` (they differ
// from run to run, so committed reports leave them out).
nlohmann::json to_json(const RunResult& run, bool with_timing = false);
// Wall-clock seconds per case and in all.
nlohmann::json timing_json(const RunResult& run);

// Writes summary, energy, wearables, fog_nodes and states as .csv, .md and .tex,
// report.md and report.json, and the (git-ignored) timing.json under `dir`,
// atomically. With more than 10 wearables in a case, the Markdown and LaTeX of
// the per-wearable tables hold statistics across the wearables; the CSVs keep
// every row.
void write_reports(const RunResult& run, const std::string& dir);

// Relative error of a prediction against the simulated figure, in percent.
double relative_error_pct(double predicted, double simulated);

}  // namespace fognas::sim
