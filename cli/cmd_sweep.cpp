// fognas sweep: runs every point of a scenario's sweep (each a complete
// evaluate, simulate or search run in its own folder), side by side on this
// machine (--jobs), as one shard of a cluster job array (--shard i/n), or over
// the ranks of an MPI job (mpirun -n N fognas sweep ...), then joins the
// points' tables into points.csv (and replications.csv when seeds are swept).
#include <fmt/format.h>

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "command.h"
#include "folder_bytes.h"
#include "scenario_options.h"
#include "sweep_output.h"
#include "sweep_points.h"
#include "sweep_tables.h"
#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/common/interrupt.h"
#include "fognas/common/mpi_workers.h"
#include "fognas/common/result_dir.h"

namespace fognas::cli {
namespace {

namespace fs = std::filesystem;

struct SweepArgs {
  ScenarioOptions scenario;
  std::string out;
  std::optional<int> jobs;
  std::optional<std::string> shard;
  bool resume = false;
  bool quiet = false;
};

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

void run(const SweepArgs& a) {
  const std::optional<Shard> shard = a.shard ? std::optional<Shard>(parse_shard(*a.shard)) : std::nullopt;
  const SweepPlan plan = plan_sweep(a.scenario.file, a.scenario.overrides, shard);  // every point checked
  if (mpi::active() && mpi::rank() != 0) {
    mpi::serve([&plan](const std::string& task) { return run_point_to_bytes(plan, task); });
    return;
  }
  if (mpi::active()) mpi::workers_joined();
  const std::string out = a.out.empty() ? default_out(plan) : a.out;
  ResultDir dir(out, a.out.empty() ? "out" : "--out", "fognas sweep", ResultDir::OnFailure::Keep, a.resume);
  start_sweep_folder(plan, dir.work(), a.resume);
  const fs::path points_dir = dir.work() / "points";
  std::vector<size_t> todo;
  for (size_t index : plan.indices)
    if (!point_finished(points_dir.string(), index)) todo.push_back(index);
  const int workers = mpi::active() ? mpi::size() : std::min<int>(a.jobs.value_or(hardware_cores()), static_cast<int>(std::max<size_t>(1, todo.size())));
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
  finish_sweep_folder(plan, dir.work(), plan.indices, out);
  dir.commit();
  std::cout << fmt::format("sweep: {} points -> {}/points.csv\n", plan.indices.size(), out);
}

const Command registration("sweep", [](CLI::App& app) {
  auto args = std::make_shared<SweepArgs>();
  auto* cmd = app.add_subcommand("sweep", "run every point of a scenario's sweep: section and join their tables");
  args->scenario.add_to(cmd, "scenarios/paper-sweep.yaml");
  add_text(cmd, "--out", args->out, "output folder (default: the scenario's out; a shard adds -shard-i-of-n)");
  add_integer(cmd, "--jobs", args->jobs,
              fmt::format("points run at once, 1 to {} (4 x the cores; default: all cores)", 4 * hardware_cores()), 1, 4 * hardware_cores());
  add_text(cmd, "--shard", args->shard, "run only shard i of n (1-based, points i, i+n, ...), e.g. --shard 2/4");
  cmd->add_flag("--resume", args->resume, "keep the finished points of an interrupted run and run the rest");
  cmd->add_flag("--quiet", args->quiet, "no progress on stderr");
  cmd->callback([args] { run(*args); });
});

}  // namespace
}  // namespace fognas::cli
