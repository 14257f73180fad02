// fognas search: energy-aware NAS with partitioning, as a scenario file describes.
#include <fmt/format.h>

#include <iostream>
#include <optional>
#include <thread>

#include "checked_options.h"
#include "command.h"
#include "data_options.h"
#include "scenario_options.h"
#include "fognas/common/mpi_workers.h"
#include "fognas/search/distributed_training.h"
#include "fognas/common/error.h"
#include "fognas/common/manifest.h"
#include "fognas/common/result_dir.h"
#include "fognas/data/load.h"
#include "fognas/data/split.h"
#include "fognas/devices/profile_io.h"
#include "fognas/search/search_io.h"
#include "fognas/devices/profile_json.h"
#include "fognas/search/scenario_json.h"
#include "fognas/search/search_run.h"
#include "fognas/train/trainer.h"

namespace fognas::cli {
namespace {

struct SearchArgs {
  ScenarioOptions scenario;
  std::string out;
  std::optional<uint64_t> seed;  // passed on as --set seed=...
  std::optional<int> jobs;  // default: all cores
  bool resume = false;
  std::string strategy;  // shortcuts for --set search.strategy=..., --set training.trainer=...
  std::string trainer;
  bool no_partition = false;
  std::optional<int> stop_after;
  bool json = false;
};


void run(const SearchArgs& a) {
  std::vector<std::string> overrides = a.scenario.overrides;
  if (a.seed) overrides.push_back(fmt::format("seed={}", *a.seed));
  if (a.no_partition && !a.strategy.empty() && a.strategy != "no-partition")
    throw InputError("--no-partition", "conflicts with --strategy " + a.strategy);
  // The shortcuts are overrides: the scenario reader checks them as it checks
  // the file's own values.
  if (!a.strategy.empty()) overrides.push_back("search.strategy=" + a.strategy);
  if (a.no_partition) overrides.push_back("search.strategy=no-partition");
  if (!a.trainer.empty()) overrides.push_back("training.trainer=" + a.trainer);
  const SearchScenario sc = load_search_scenario(a.scenario.file, overrides);

  const DeviceModel& model = sc.devices;
  // Recordings are not shipped; say where a relative path was looked for.
  if (!is_generator_name(sc.dataset) && dataset_input_files(sc.dataset).empty())
    throw InputError(sc.dataset_where, fmt::format("no data at '{}' (a relative path is looked for beside the scenario "
                                                   "file, then from the working directory); recordings are not "
                                                   "shipped with fognas, put them there or change the path",
                                                   sc.dataset));
  const Dataset data = load_dataset(sc.dataset, sc.data_options());
  require_splittable(data);
  const DatasetSplit split = split_dataset(data, sc.data_seed, sc.split);
  const auto trainer = make_trainer(split, sc.training);
  // Under mpirun every rank has read the same data; the other ranks train what
  // rank 0 sends them.
  if (mpi::size() > sc.ga.population)
    throw InputError("mpirun -n", fmt::format("{} ranks for a population of {} (search.population in {}): use at "
                                              "most {} ranks or a larger population",
                                              mpi::size(), sc.ga.population, sc.file, sc.ga.population));
  if (mpi::rank() != 0) {
    serve_training(*trainer);
    return;
  }
  if (mpi::active()) mpi::workers_joined();

  // The run works in out.partial (its checkpoints too) and replaces out only
  // when it found a solution: a stopped or failed search leaves an earlier
  // run's folder byte-identical, and --resume continues in out.partial.
  const std::string out = a.out.empty() ? sc.out_dir : a.out;
  ResultDir dir(out, a.out.empty() ? "out" : "--out", "fognas search", ResultDir::OnFailure::Keep, a.resume);
  SearchRunOptions opt;
  opt.out_dir = dir.work().string();
  opt.jobs = mpi::active() ? mpi::size() : a.jobs.value_or(hardware_cores());
  opt.resume = a.resume;
  opt.stop_after_generations = a.stop_after;
  opt.baselines = compute_baselines(split);
  opt.class_names = data.class_names;
  std::fprintf(stderr,
               "search: %s, %s mode, %s (%zu train / %zu V1 / %zu V2 / %zu test, normalised per %s, split by %s), "
               "%s trainer, %d jobs -> %s\n",
               sc.name.c_str(), to_string(sc.mode).c_str(), data.name.c_str(), split.train.size(), split.v1.size(),
               split.v2.size(), split.test.size(), to_string(data.normalisation).c_str(), to_string(sc.split).c_str(),
               to_string(sc.training.trainer).c_str(), opt.jobs, out.c_str());

  const SearchResult r = run_search(sc, model, trainer.get(), data.classes(), opt);
  std::vector<std::string> inputs = {sc.file, model.mcu.file, model.radio.file, model.fog.file};
  for (const auto& f : dataset_input_files(sc.dataset)) inputs.push_back(f);
  write_manifest(opt.out_dir, command_line(),
                 {{"scenario", sc}, {"out", out}, {"profiles", model}},
                 {{"seed", sc.seed}, {"data_seed", sc.data_seed}}, inputs);
  if (!r.completed) {
    std::cout << fmt::format("stopped after generation {}; the checkpoint is in {}; continue with --resume\n",
                             r.generations.size(), dir.work().string());
    return;
  }
  if (!r.best) {
    double lowest = -1;
    for (const auto& c : r.candidates)
      if (c.costs.cls != CandidateClass::Abandoned && (lowest < 0 || c.costs.energy_mj < lowest))
        lowest = c.costs.energy_mj;
    throw CommandFailed(
        lowest < 0 ? "no candidate met the Flash and RAM limits at any partition point"
                   : fmt::format("no candidate met limits.energy_mj = {} mJ (the lowest seen was {:.4f} mJ)",
                                 sc.limits.energy_mj, lowest));
  }
  check_physical(r.best->partition, "the search's solution");
  dir.commit();
  const auto& b = *r.best;
  if (a.json) {
    nlohmann::json j = solution_to_json(b, sc);
    j["out"] = out;
    j["baselines"] = baselines_json(opt.baselines, data.class_names);
    // Wall-clock seconds of this run (as in timing.json); best.json leaves them out.
    j["timing"] = search_timing_json(r.generations, r.candidates, r.resumed_after_generation);
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::cout << fmt::format(
      "best: {} P = {} | Flash {:.1f} KB, RAM {:.1f} KB | E_edge {:.3f} mJ, E_total {:.3f} mJ | V2 {:.3f}, test "
      "{:.3f}\nwritten to {}\n",
      b.record.genome.decode(data.classes()).describe(), b.partition.point, b.partition.flash_kb(),
      b.partition.ram_kb(), b.partition.e_edge_mj(), b.partition.e_total_mj(), b.record.outcome.v2_accuracy,
      b.record.outcome.test_accuracy, out);
  std::cout << baselines_text(opt.baselines, data.class_names)
            << fmt::format("  {:<13} test {:.3f}\n", "network", b.record.outcome.test_accuracy);
}

const Command registration("search", [](CLI::App& app) {
  auto args = std::make_shared<SearchArgs>();
  auto* cmd = app.add_subcommand("search", "energy-aware NAS: genetic search with LibTorch training and partitioning");
  args->scenario.add_to(cmd, "scenarios/seizure-edge.yaml");
  add_text(cmd, "--out", args->out, "output directory (default: the scenario's out, results/<name>)");
  add_integer(cmd, "--seed", args->seed, "search seed (default: the scenario's; same as --set seed=N)", 0,
              std::numeric_limits<int64_t>::max());
  add_integer(cmd, "--jobs", args->jobs,
              fmt::format("candidates trained at once, 1 to {} (4 x the cores; default: all cores)", 4 * hardware_cores()),
              1, 4 * hardware_cores());
  cmd->add_flag("--resume", args->resume, "continue from the checkpoint in the output directory");
  add_text(cmd, "--strategy", args->strategy,
           "same as --set search.strategy=S: joint, no-partition, sequential, zero-shot-params or zero-shot-flops");
  add_text(cmd, "--trainer", args->trainer, "same as --set training.trainer=T: fast or libtorch (the reference)");
  cmd->add_flag("--no-partition", args->no_partition,
                "keep the whole network on the edge (same as --strategy no-partition)");
  cmd->add_flag("--json", args->json, "print the result as one JSON object on stdout");
  add_integer(cmd, "--stop-after", args->stop_after,
              "stop after this many generations, as a killed run would (to exercise --resume)", 1, 100000);
  cmd->callback([args] { run(*args); });
});

}  // namespace
}  // namespace fognas::cli
