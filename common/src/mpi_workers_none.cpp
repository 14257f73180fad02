// mpi_workers.h for a build without MPI (libopenmpi-dev absent): a plain run
// works as always; a run under mpirun is refused with the reason.
#include <cstdio>
#include <stdexcept>

#include "fognas/common/mpi_workers.h"

namespace fognas::mpi {

bool start(int*, char***) {
  if (!launched_by_mpirun()) return true;
  std::fprintf(stderr, "fognas: error: started by mpirun, but this fognas was built without MPI "
                       "(install libopenmpi-dev and rebuild)\n");
  return false;
}

bool active() { return false; }
int rank() { return 0; }
int size() { return 1; }

void run_tasks(const std::vector<std::string>&, const Work&, const OnDone&) {
  throw std::logic_error("mpi::run_tasks without MPI");
}
void serve(const Work&) { throw std::logic_error("mpi::serve without MPI"); }
void workers_joined() {}
void finish() {}

}  // namespace fognas::mpi
