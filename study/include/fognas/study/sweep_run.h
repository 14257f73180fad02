#pragma once
// Running a sweep: every point of a scenario's sweep (each a complete evaluate,
// simulate, search or validate-splits run in its own folder), side by side on
// this machine (a pool of `jobs`), as one shard of a cluster job array, or over
// the ranks of an MPI job, then the points' tables joined into points.csv (and
// replications.csv when seeds are swept).
#include <optional>
#include <string>
#include <vector>

#include "fognas/study/run_options.h"

namespace fognas::study {

// With `out` empty, a shard writes to the scenario's out with -shard-i-of-n added.
struct SweepRunOptions : RunOptions {
  std::optional<std::string> shard;  // "i/n"
  int jobs = 1;                      // points at once on this machine (ignored under MPI)
  bool resume = false;
};

struct SweepRunResult {
  std::string out;    // the folder written
  size_t points = 0;  // points it holds
};

// Runs the sweep (on rank 0 of an MPI job; the other ranks serve points and
// return an empty result). Throws CommandFailed (exit 1) when a point failed,
// keeping OUT.partial for a later run with `resume`.
SweepRunResult run_sweep(const SweepRunOptions& options);

}  // namespace fognas::study
