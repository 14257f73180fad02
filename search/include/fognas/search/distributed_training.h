#pragma once
// Training a generation's candidates on the ranks of an MPI job
// (`mpirun -n N fognas search ...`, see fognas/common/mpi_workers.h): rank 0
// runs the genetic algorithm, the cache and the checkpoints and trains
// candidates too; every rank holds the same data split and trainer, so a
// candidate (its network and seed) trains to the same outcome wherever it runs
// and the search gives the same best.json as a single process.
#include <cstdint>
#include <vector>

#include "fognas/search/candidate.h"
#include "fognas/search/evaluator.h"

namespace fognas {

// True on every rank of an MPI job with more than one rank.
bool training_is_distributed();

// Rank 0: trains candidates[which[i]] on the ranks for `epochs` epochs; each
// outcome lands in its own record. Throws std::runtime_error naming a candidate
// whose training failed.
void train_on_ranks(std::vector<CandidateRecord>& candidates, const std::vector<size_t>& which,
                    const CandidateTrainer& trainer, int classes, uint64_t run_seed, int epochs);

// Ranks > 0: trains what rank 0 sends until the search ends.
void serve_training(const CandidateTrainer& trainer);

}  // namespace fognas
