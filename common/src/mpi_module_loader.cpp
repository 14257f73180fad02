// mpi_workers.h in the fognas executable: opens the MPI module only when a
// launcher started the process and forwards to it; a plain run never touches
// MPI. A build without Open MPI has no module (FOGNAS_MPI_MODULE_PATH unset)
// and refuses a run under mpirun with the reason.
#include <dlfcn.h>

#include <cstdio>
#include <stdexcept>
#include <string>

#include "mpi_module.h"

namespace fognas::mpi {
namespace {

const MpiModule* g_module = nullptr;  // set by start() under mpirun

// Null, after printing why, when the module cannot be used.
const MpiModule* open_module() {
#ifdef FOGNAS_MPI_MODULE_PATH
  const char* path = FOGNAS_MPI_MODULE_PATH;
  // RTLD_GLOBAL: Open MPI opens its own components (transports, launchers'
  // clients) as plugins that look up libmpi's symbols in the global scope.
  void* handle = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
  if (handle == nullptr) {
    std::fprintf(stderr, "fognas: error: started by mpirun, but MPI cannot be loaded: %s\n", dlerror());
    return nullptr;
  }
  auto entry = reinterpret_cast<const MpiModule* (*)()>(dlsym(handle, "fognas_mpi_module"));
  if (entry == nullptr || entry()->version != kMpiModuleVersion) {
    std::fprintf(stderr, "fognas: error: %s is not this build's MPI module\n", path);
    return nullptr;
  }
  return entry();
#else
  std::fprintf(stderr, "fognas: error: started by mpirun, but this fognas was built without MPI "
                       "(install libopenmpi-dev and rebuild)\n");
  return nullptr;
#endif
}

const MpiModule& module() {
  if (g_module == nullptr) throw std::logic_error("MPI used outside an mpirun launch");
  return *g_module;
}

}  // namespace

bool start(int* argc, char*** argv) {
  if (!launched_by_mpirun()) return true;
  const MpiModule* m = open_module();
  if (m == nullptr) return false;
  m->start(argc, argv);
  g_module = m;
  return true;
}

bool active() { return g_module != nullptr; }
int rank() { return g_module ? g_module->rank() : 0; }
int size() { return g_module ? g_module->size() : 1; }

void run_tasks(const std::vector<std::string>& tasks, const Work& work, const OnDone& on_done) {
  module().run_tasks(tasks, work, on_done);
}
void serve(const Work& work) { module().serve(work); }
void workers_joined() {
  if (g_module) g_module->workers_joined();
}
void finish() {
  if (g_module) g_module->finish();
}

}  // namespace fognas::mpi
