// Running a sweep (sweep_run.h): the points checked first, then run by a
// thread pool or the ranks of an MPI job, with progress and an ETA on stderr.
#include "fognas/study/sweep_run.h"

#include <fmt/format.h>

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <unistd.h>

#include "fognas/common/error.h"
#include "fognas/common/interrupt.h"
#include "fognas/common/mpi_workers.h"
#include "fognas/common/result_dir.h"
#include "fognas/study/folder_bytes.h"
#include "fognas/study/sweep_output.h"
#include "fognas/study/sweep_points.h"
#include "fognas/study/sweep_tables.h"

namespace fognas::study {
namespace {

namespace fs = std::filesystem;

// Points done, failed, and an estimate of the time left, on stderr.
class SweepProgress {
 public:
  SweepProgress(const SweepPlan& plan, size_t todo, bool quiet) : plan_(plan), todo_(todo), quiet_(quiet) {}

  void point_done(size_t index, bool ok, const std::string& error) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++done_;
    if (!ok) failures_.push_back({index, error});
    test_hold_point("sweep-point-done");
    if (quiet_) return;
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double eta = wall / static_cast<double>(done_) * static_cast<double>(todo_ - done_);
    std::fprintf(stderr, "sweep: point %zu (%s) %s; %zu of %zu done, %.0f s so far, ETA %.0f s\n", index,
                 describe_point(plan_.sweep(), index).c_str(), ok ? "done" : "FAILED", done_, todo_, wall, eta);
  }
  const std::vector<std::pair<size_t, std::string>>& failures() const { return failures_; }

 private:
  const SweepPlan& plan_;
  size_t todo_, done_ = 0;
  bool quiet_;
  std::mutex mutex_;
  std::vector<std::pair<size_t, std::string>> failures_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

void run_on_pool(const SweepPlan& plan, const std::vector<size_t>& todo, const fs::path& points_dir, int jobs,
                 SweepProgress& progress) {
  boost::asio::thread_pool pool(static_cast<size_t>(jobs));
  for (size_t index : todo)
    boost::asio::post(pool, [&, index] {
      try {
        run_point(plan, index, points_dir.string());
        progress.point_done(index, true, "");
      } catch (const std::exception& e) {
        progress.point_done(index, false, e.what());
      }
    });
  pool.join();
}

// A point run anywhere in the MPI job: into a scratch folder of that rank,
// sent back to rank 0 as bytes.
std::string run_point_to_bytes(const SweepPlan& plan, const std::string& task) {
  const size_t index = std::stoull(task);
  const fs::path scratch = fs::temp_directory_path() / fmt::format("fognas-sweep-{}-{}", getpid(), index);
  fs::remove_all(scratch);
  fs::create_directories(scratch);
  try {
    run_point(plan, index, scratch.string());
    std::string bytes = pack_folder((scratch / point_folder_name(index)).string());
    fs::remove_all(scratch);
    return bytes;
  } catch (...) {
    fs::remove_all(scratch);
    throw;
  }
}

void run_on_mpi(const SweepPlan& plan, const std::vector<size_t>& todo, const fs::path& points_dir,
                SweepProgress& progress) {
  std::vector<std::string> tasks;
  for (size_t index : todo) tasks.push_back(std::to_string(index));
  auto work = [&plan](const std::string& task) { return run_point_to_bytes(plan, task); };
  mpi::run_tasks(tasks, work, [&](size_t task, bool ok, const std::string& result) {
    const size_t index = todo[task];
    if (ok) {
      try {
        receive_point(plan, index, result, points_dir.string());
      } catch (const std::exception& e) {
        progress.point_done(index, false, e.what());
        return;
      }
    }
    progress.point_done(index, ok, ok ? "" : result);
  });
}

std::string default_out(const SweepPlan& plan) {
  if (!plan.shard) return plan.scenario.out_dir;
  return fmt::format("{}-shard-{}-of-{}", plan.scenario.out_dir, plan.shard->index, plan.shard->count);
}

}  // namespace

SweepRunResult run_sweep(const SweepRunOptions& a) {
  const std::optional<Shard> shard = a.shard ? std::optional<Shard>(parse_shard(*a.shard)) : std::nullopt;
  const SweepPlan plan = plan_sweep(a.scenario_file, a.overrides, shard);  // every point checked
  if (mpi::active() && mpi::rank() != 0) {
    mpi::serve([&plan](const std::string& task) { return run_point_to_bytes(plan, task); });
    return {};
  }
  if (mpi::active()) mpi::workers_joined();
  const std::string out = a.out.empty() ? default_out(plan) : a.out;
  ResultDir dir(out, a.out.empty() ? "out" : "--out", "fognas sweep", ResultDir::OnFailure::Keep, a.resume);
  start_sweep_folder(plan, dir.work(), a.resume);
  const fs::path points_dir = dir.work() / "points";
  std::vector<size_t> todo;
  for (size_t index : plan.indices)
    if (!point_finished(points_dir.string(), index)) todo.push_back(index);
  const int workers = mpi::active() ? mpi::size() : std::min<int>(a.jobs, static_cast<int>(std::max<size_t>(1, todo.size())));
  if (!a.quiet)
    std::fprintf(stderr, "sweep: %zu points (%s), %zu to run%s, %d %s -> %s\n", plan.indices.size(),
                 plan.shard ? ("shard " + plan.shard->label()).c_str() : "all",
                 todo.size(), a.resume ? " after resuming" : "", workers, mpi::active() ? "MPI ranks" : "jobs", out.c_str());
  SweepProgress progress(plan, todo.size(), a.quiet);
  if (mpi::active())
    run_on_mpi(plan, todo, points_dir, progress);
  else
    run_on_pool(plan, todo, points_dir, workers, progress);
  if (!progress.failures().empty()) {
    std::string list;
    for (const auto& [index, error] : progress.failures()) list += fmt::format("\n  {}", error);
    throw CommandFailed(fmt::format("sweep: {} of {} points failed (finished points are kept in {}; fix and rerun "
                                    "with --resume):{}",
                                    progress.failures().size(), todo.size(), dir.work().string(), list),
                        1);
  }
  finish_sweep_folder(plan, dir.work(), plan.indices, out, a.command_line);
  dir.commit();
  return {out, plan.indices.size()};
}

}  // namespace fognas::study
