#pragma once
// JSON forms of the search's records (candidates.jsonl, best.json, the
// checkpoint) and the Table II-style summary. Doubles are written with enough
// digits to read back exactly, so a resumed run continues bit for bit.
#include <nlohmann/json.hpp>

#include <string>

#include "fognas/common/table.h"
#include "fognas/search/search_run.h"

namespace fognas {

nlohmann::json partition_cost_to_json(const PartitionCost& c);
PartitionCost partition_cost_from_json(const nlohmann::json& j);

nlohmann::json candidate_to_json(const CandidateRecord& r);
CandidateRecord candidate_from_json(const nlohmann::json& j);

nlohmann::json generation_to_json(const GenerationStats& g);
GenerationStats generation_from_json(const nlohmann::json& j);

nlohmann::json solution_to_json(const ExtractedSolution& s, const SearchScenario& scenario);

// Per-generation counts and fitness, no wall-clock figures (those are in the timing JSON).
std::string generations_csv(const std::vector<GenerationStats>& gens);
// Seconds per generation and in all: written to the ignored timing.json.
nlohmann::json generations_timing_json(const std::vector<GenerationStats>& gens);
Table solution_table(const ExtractedSolution& s, const SearchScenario& scenario);

}  // namespace fognas
