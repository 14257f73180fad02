// The MPI side of mpi_workers.h, built as the loadable module of
// mpi_module.h: the C API of MPI, one translation unit.
// Messages: a worker announces itself (kReady), rank 0 sends a task (kTask:
// 8-byte task number, then its bytes), the worker answers (kResult: task
// number, one ok byte, then the result), and rank 0 ends serve() with kStop.
#include "mpi_module.h"

#include <mpi.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <future>
#include <set>
#include <stdexcept>
#include <thread>

// Named apart from mpi_workers.h's functions, which the loader defines.
namespace fognas::mpi::module {
namespace {

enum Tag : int { kReady = 1, kTask = 2, kResult = 3, kStop = 4 };

bool g_distributed = false;  // rank 0 has talked to the workers: they must be stopped
std::set<int> g_idle;        // rank 0: workers waiting for a task (kept between run_tasks calls)

std::string receive(int source, int tag, MPI_Status* status) {
  MPI_Status probe;
  MPI_Probe(source, tag, MPI_COMM_WORLD, &probe);
  int bytes = 0;
  MPI_Get_count(&probe, MPI_BYTE, &bytes);
  std::string data(static_cast<size_t>(bytes), '\0');
  MPI_Recv(data.data(), bytes, MPI_BYTE, probe.MPI_SOURCE, probe.MPI_TAG, MPI_COMM_WORLD, status);
  return data;
}

void send(int dest, int tag, const std::string& data) {
  if (data.size() > static_cast<size_t>(INT32_MAX)) throw std::runtime_error("MPI message over 2 GiB");
  MPI_Send(data.data(), static_cast<int>(data.size()), MPI_BYTE, dest, tag, MPI_COMM_WORLD);
}

std::string with_number(uint64_t n, const std::string& bytes) {
  std::string out(sizeof n, '\0');
  std::memcpy(out.data(), &n, sizeof n);
  return out + bytes;
}

uint64_t number_of(const std::string& message) {
  uint64_t n = 0;
  if (message.size() < sizeof n) throw std::runtime_error("short MPI message");
  std::memcpy(&n, message.data(), sizeof n);
  return n;
}

std::pair<bool, std::string> run_safely(const Work& work, const std::string& task) {
  try {
    return {true, work(task)};
  } catch (const std::exception& e) {
    return {false, e.what()};
  }
}

void finalize_at_exit() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (!finalized) MPI_Finalize();
}

void start(int* argc, char*** argv) {
  int provided = 0;
  MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
  std::atexit(finalize_at_exit);
}

int rank() {
  int r = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &r);
  return r;
}

int size() {
  int n = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &n);
  return n;
}

void run_tasks(const std::vector<std::string>& tasks, const Work& work, const OnDone& on_done) {
  g_distributed = true;
  std::deque<size_t> pending;
  for (size_t i = 0; i < tasks.size(); ++i) pending.push_back(i);
  size_t done = 0, local_task = 0;
  std::future<std::pair<bool, std::string>> local;
  while (done < tasks.size()) {
    bool progressed = false;
    // Rank 0 works too, in a thread that never calls MPI.
    if (!local.valid() && !pending.empty()) {
      local_task = pending.front();
      pending.pop_front();
      local = std::async(std::launch::async, run_safely, std::cref(work), std::cref(tasks[local_task]));
      progressed = true;
    }
    if (local.valid() && local.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
      auto [ok, result] = local.get();
      on_done(local_task, ok, result);
      ++done;
      progressed = true;
    }
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
    if (flag) {
      const std::string message = receive(status.MPI_SOURCE, status.MPI_TAG, &status);
      if (status.MPI_TAG == kResult) {
        on_done(number_of(message), message.size() > 8 && message[8] == 1, message.substr(std::min<size_t>(9, message.size())));
        ++done;
      }
      g_idle.insert(status.MPI_SOURCE);
      progressed = true;
    }
    while (!g_idle.empty() && !pending.empty()) {
      const int worker = *g_idle.begin();
      g_idle.erase(g_idle.begin());
      send(worker, kTask, with_number(pending.front(), tasks[pending.front()]));
      pending.pop_front();
    }
    if (!progressed) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

void serve(const Work& work) {
  send(0, kReady, "");
  for (;;) {
    MPI_Status status;
    const std::string message = receive(0, MPI_ANY_TAG, &status);
    if (status.MPI_TAG == kStop) return;
    auto [ok, result] = run_safely(work, message.substr(8));
    send(0, kResult, with_number(number_of(message), std::string(1, ok ? 1 : 0) + result));
  }
}

void workers_joined() { g_distributed = true; }

void finish() {
  if (rank() != 0 || !g_distributed) return;
  for (int r = 1; r < size(); ++r) send(r, kStop, "");
  g_distributed = false;
}

}  // namespace
}  // namespace fognas::mpi::module

const fognas::mpi::MpiModule* fognas_mpi_module() {
  namespace m = fognas::mpi::module;
  static const fognas::mpi::MpiModule table{fognas::mpi::kMpiModuleVersion, m::start, m::rank, m::size, m::run_tasks,
                                            m::serve, m::workers_joined, m::finish};
  return &table;
}
