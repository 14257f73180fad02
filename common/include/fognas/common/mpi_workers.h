#pragma once
// Work spread over the ranks of an MPI job, for runs that span machines
// (`mpirun -n N fognas sweep ...`). Rank 0 hands out tasks, collects their
// results and works on tasks too, so N ranks are N workers; the other ranks
// answer tasks until rank 0 is done. A task and its result are byte strings,
// so any command can use this: the sweep sends point indices and gets point
// folders back; the search can send candidates and get their fitness back.
//
// MPI is loaded (a module opened at run time, so the executable does not link
// Open MPI) and initialised only when the process was started by mpirun (Open
// MPI's or a PMI launcher's environment is present): a plain `fognas` never
// starts MPI. When fognas is built without MPI, a run under mpirun says so and
// stops.
// If a rank dies, Open MPI ends the whole job; commands that checkpoint (sweep,
// search) continue from their last checkpoint with --resume.
#include <functional>
#include <string>
#include <vector>

namespace fognas::mpi {

// True when the environment says mpirun (or another PMI launcher) started us.
bool launched_by_mpirun();

// Initialises MPI if launched_by_mpirun(); finalises it when the process ends.
// Call once, first thing in main. Returns false (and prints why) when the run
// needs MPI that this build lacks.
bool start(int* argc, char*** argv);
bool active();  // MPI initialised, more than zero ranks
int rank();     // 0 when not active
int size();     // 1 when not active

using Work = std::function<std::string(const std::string& task)>;
// Called on rank 0 for every task, in completion order: ok = false when the
// work threw (result holds its message).
using OnDone = std::function<void(size_t task, bool ok, const std::string& result)>;

// Rank 0: runs every task on some rank (rank 0 itself included, in a thread)
// and returns when all are done. `work` must be the same function on all ranks.
void run_tasks(const std::vector<std::string>& tasks, const Work& work, const OnDone& on_done);
// Ranks > 0: runs the tasks rank 0 sends until it calls finish().
void serve(const Work& work);
// Rank 0: the other ranks are (or will soon be) in serve(), so finish() must
// release them even if rank 0 fails before it hands out any task.
void workers_joined();
// Rank 0: lets the other ranks leave serve(). Called by main when a command
// that distributed work returns or fails, so no rank waits forever.
void finish();

}  // namespace fognas::mpi
