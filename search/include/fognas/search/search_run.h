#pragma once
// The search loop: evaluate a generation (candidates trained in parallel on a
// thread pool, identical decoded networks once), constraint check, extraction of
// the final architecture, result files and a checkpoint after every generation.
#include <optional>
#include <string>
#include <vector>

#include "fognas/data/baselines.h"
#include "fognas/devices/profiles.h"
#include "fognas/search/candidate.h"
#include "fognas/search/evaluator.h"
#include "fognas/search/search_scenario.h"

namespace fognas {

struct SearchRunOptions {
  std::string out_dir;
  int jobs = 1;  // candidates trained at once
  bool resume = false;
  // Stop after this many generations in total, leaving the checkpoint as a
  // killed run would (used to test --resume).
  std::optional<int> stop_after_generations;
  bool progress = true;  // one line per generation on stderr
  // Classifiers without learning on the same split, written beside the
  // network's accuracy in best.json (with the class names they predict).
  std::vector<Baseline> baselines;
  std::vector<std::string> class_names;
};

struct GenerationStats {
  int generation = 0;  // 1-based
  double best_fitness = 0;
  double mean_fitness = 0;  // over candidates that were not abandoned
  int valid = 0, invalid = 0, abandoned = 0;
  int trained = 0;  // newly trained in this generation (the rest came from the cache)
  // Wall-clock: kept in memory, on stderr and in timing.json, never in the
  // committed files or the checkpoint (0 for generations read back from it).
  double seconds = 0;
};

struct ExtractedSolution {
  CandidateRecord record;
  std::vector<int> lengths, channels;  // the decoded network, input first, classes last
  PartitionCost partition;  // sequential mode: the winner split afterwards
  double energy_mj = 0;
  bool meets_limits = false;
};

struct SearchResult {
  std::vector<GenerationStats> generations;
  std::vector<CandidateRecord> candidates;  // every evaluated network, first seen first
  std::optional<ExtractedSolution> best;
  bool completed = false;  // false when stopped early by stop_after_generations
  // Generations taken from the checkpoint by --resume (0: a fresh run); the
  // wall-clock figures cover only what ran after them.
  int resumed_after_generation = 0;
};

// Seed of one candidate's training: a function of the run's seed and the
// decoded network only, so results do not depend on order or thread count.
uint64_t candidate_seed(uint64_t run_seed, const std::string& key);

// Architecture extraction: among the valid candidates trained for full_epochs
// (successive halving leaves the others with less), the highest V2 accuracy
// (zero-shot modes: the highest proxy score); ties go to higher V1, then lower
// energy, then the one evaluated first. nullopt when none is valid.
std::optional<size_t> extract_best(const std::vector<CandidateRecord>& candidates, SearchMode mode,
                                   int full_epochs);

// A test hook: from now on at most `limit` worker threads may start (-1: no
// limit, the default), as if the system refused to create more; the variable
// FOGNAS_TEST_WORKER_START_LIMIT sets it for a whole process. A search that
// cannot start its workers throws InputError naming --jobs before training.
void set_worker_start_limit_for_testing(int limit);

// Runs (or with options.resume continues) the search and writes its files into
// options.out_dir. The trainer may be null only for zero-shot modes, in which
// case the winner is reported without accuracies.
SearchResult run_search(const SearchScenario& scenario, const DeviceModel& model, const CandidateTrainer* trainer,
                        int classes, const SearchRunOptions& options);

}  // namespace fognas
