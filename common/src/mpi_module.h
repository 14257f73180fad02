#pragma once
// MPI is a loadable module (libfognas_mpi.so): a process started without
// mpirun never needs Open MPI's libraries, not even to start, so fognas runs on
// a machine without them. mpi_module_loader.cpp opens the module when a
// launcher started the process, and the module's entry point hands over this
// table of the functions of mpi_workers.h that need MPI.
#include "fognas/common/mpi_workers.h"

#define FOGNAS_MPI_MODULE_EXPORT __attribute__((visibility("default")))

namespace fognas::mpi {

// Raised whenever the table's layout changes, so a stale module is refused.
constexpr int kMpiModuleVersion = 1;

struct MpiModule {
  int version;
  void (*start)(int* argc, char*** argv);
  int (*rank)();
  int (*size)();
  void (*run_tasks)(const std::vector<std::string>& tasks, const Work& work, const OnDone& on_done);
  void (*serve)(const Work& work);
  void (*workers_joined)();
  void (*finish)();
};

}  // namespace fognas::mpi

// The module's one exported symbol.
extern "C" FOGNAS_MPI_MODULE_EXPORT const fognas::mpi::MpiModule* fognas_mpi_module();
