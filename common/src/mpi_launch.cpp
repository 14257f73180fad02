// Whether a launcher started this process, for both builds of mpi_workers.h
// (with and without MPI): Open MPI's mpirun and PMI/PMIx launchers set these.
#include <cstdlib>

#include "fognas/common/mpi_workers.h"

namespace fognas::mpi {

bool launched_by_mpirun() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(v)) return true;
  return false;
}

}  // namespace fognas::mpi
