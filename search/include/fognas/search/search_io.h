#pragma once
// JSON forms of the search's records (candidates.jsonl, best.json, the
// checkpoint) and the Table II-style summary. Doubles are written with enough
// digits to read back exactly, so a resumed run continues bit for bit. None of
// these records holds a wall-clock figure (a repeated run writes the same
// bytes); those are in search_timing_json only. Reading ignores the seconds
// that older files still hold.
#include <nlohmann/json.hpp>

#include <string>

#include "fognas/common/table.h"
#include "fognas/search/search_run.h"

namespace fognas {

nlohmann::json partition_cost_to_json(const PartitionCost& c);
PartitionCost partition_cost_from_json(const nlohmann::json& j);

// with_epochs adds `epochs` (behind the outcome) and `epochs_trained` (spent
// in all) to a trained candidate; a record without them was trained for
// full_epochs.
nlohmann::json candidate_to_json(const CandidateRecord& r, bool with_epochs = false);
CandidateRecord candidate_from_json(const nlohmann::json& j, int full_epochs);

nlohmann::json generation_to_json(const GenerationStats& g);
GenerationStats generation_from_json(const nlohmann::json& j);

nlohmann::json solution_to_json(const ExtractedSolution& s, const SearchScenario& scenario);

// The baselines as a JSON list: name, threshold (null for majority), the class
// predicted at or below and above it, train and test accuracy.
nlohmann::json baselines_json(const std::vector<Baseline>& baselines, const std::vector<std::string>& class_names);

// Per-generation counts and fitness, no wall-clock figures (those are in the timing JSON).
std::string generations_csv(const std::vector<GenerationStats>& gens);
// Wall-clock seconds, written to the git-ignored timing.json and added to
// `search --json`: per generation and in all, and per trained candidate
// (train_seconds for the whole training call, step_seconds inside the optimiser
// steps; summed over the rungs of successive halving). Only what ran after `resumed_after_generation` (0: a fresh run) is
// listed, since a checkpoint keeps no seconds.
nlohmann::json search_timing_json(const std::vector<GenerationStats>& gens,
                                  const std::vector<CandidateRecord>& candidates, int resumed_after_generation);
Table solution_table(const ExtractedSolution& s, const SearchScenario& scenario);

}  // namespace fognas
