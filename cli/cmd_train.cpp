// fognas train: train one network (given by lengths and channels) and report
// its V1, V2 and test accuracy, size and speed.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>

#include "checked_options.h"
#include "command.h"
#include "data_options.h"
#include "fognas/common/error.h"
#include "fognas/common/parse.h"
#include "fognas/data/load.h"
#include "fognas/data/split.h"
#include "fognas/search/genome.h"
#include "fognas/search/search_io.h"
#include "fognas/train/trainer.h"

namespace fognas::cli {
namespace {

struct TrainArgs {
  std::string lengths, channels, dataset;
  int epochs = 20;
  int batch = 32;
  double lr = 1e-3;
  double dropout = 0.0;
  uint64_t seed = 1;
  size_t examples_per_class = 0;
  std::string normalise, classes, split = "window";
  int seeds = 1;
  bool json = false;
  std::string trainer = "fast";
};

// Test accuracy over the training seeds: mean, sample deviation (none for one
// seed), min and max.
struct SeedSummary {
  double mean = 0, min = 0, max = 0;
  std::optional<double> sd;
};

SeedSummary summarise(const std::vector<TrainOutcome>& runs) {
  SeedSummary s;
  s.min = s.max = runs.front().test_accuracy;
  for (const auto& o : runs) {
    s.mean += o.test_accuracy;
    s.min = std::min(s.min, o.test_accuracy);
    s.max = std::max(s.max, o.test_accuracy);
  }
  s.mean /= static_cast<double>(runs.size());
  if (runs.size() > 1) {
    double sq = 0;
    for (const auto& o : runs) sq += (o.test_accuracy - s.mean) * (o.test_accuracy - s.mean);
    s.sd = std::sqrt(sq / static_cast<double>(runs.size() - 1));
  }
  return s;
}

Dataset load_train_data(const TrainArgs& a) {
  DataOptions data_options;
  data_options.seed = a.seed;
  data_options.examples_per_class = a.examples_per_class;
  data_options.normalisation = normalisation_option(a.normalise);
  data_options.classes = classes_option(a.classes);
  data_options.classes_where = "--classes";
  return load_dataset(a.dataset, data_options);
}

nlohmann::json seeds_json(const TrainArgs& a, const std::vector<TrainOutcome>& runs) {
  nlohmann::json per_seed = nlohmann::json::array();
  for (size_t i = 0; i < runs.size(); ++i)
    per_seed.push_back({{"seed", a.seed + i},
                        {"v1_accuracy", runs[i].v1_accuracy},
                        {"v2_accuracy", runs[i].v2_accuracy},
                        {"test_accuracy", runs[i].test_accuracy},
                        {"best_epoch", runs[i].best_epoch}});
  const SeedSummary s = summarise(runs);
  return {{"runs", per_seed},
          {"test_accuracy_mean", s.mean},
          {"test_accuracy_sd", s.sd ? nlohmann::json(*s.sd) : nlohmann::json(nullptr)},
          {"test_accuracy_min", s.min},
          {"test_accuracy_max", s.max}};
}

std::string seeds_text(const TrainArgs& a, const std::vector<TrainOutcome>& runs) {
  std::string t;
  for (size_t i = 0; i < runs.size(); ++i)
    t += fmt::format("seed {}: V1 {:.3f}  V2 {:.3f}  test {:.3f}  (best epoch {})\n", a.seed + i,
                     runs[i].v1_accuracy, runs[i].v2_accuracy, runs[i].test_accuracy, runs[i].best_epoch);
  const SeedSummary s = summarise(runs);
  return t + fmt::format("test accuracy over {} seeds: mean {:.3f}  sd {:.3f}  min {:.3f}  max {:.3f}\n", runs.size(),
                         s.mean, s.sd.value_or(0.0), s.min, s.max);
}

void run(const TrainArgs& a) {
  TrainerKind trainer_kind = TrainerKind::Fast;
  try {
    trainer_kind = trainer_kind_from_string(a.trainer);
  } catch (const std::invalid_argument& e) {
    throw InputError("--trainer", e.what());
  }
  const std::vector<int> lengths = parse_int_list(a.lengths, "--lengths");
  const std::vector<int> channels = parse_int_list(a.channels, "--channels");
  Network net;
  try {
    net = Network::from_shape(lengths, channels);
  } catch (const std::invalid_argument& e) {
    throw InputError("--lengths/--channels", e.what());
  }
  if (net.lengths.front() != kInputLength || net.channels.front() != kInputChannels)
    throw InputError("--lengths/--channels", fmt::format("the input must be {} x {}", kInputLength, kInputChannels));

  const SplitUnit unit = split_option(a.split);
  const Dataset data = load_train_data(a);
  if (net.classes() != data.classes())
    throw InputError("--lengths", fmt::format("the network ends in {} outputs but '{}' has {} classes", net.classes(),
                                              a.dataset, data.classes()));
  require_splittable(data);
  const DatasetSplit split = split_dataset(data, a.seed, unit);
  const std::vector<Baseline> baselines = compute_baselines(split);
  TrainSettings settings;
  settings.epochs = a.epochs;
  settings.batch_size = a.batch;
  settings.learning_rate = a.lr;
  settings.dropout = a.dropout;
  settings.trainer = trainer_kind;
  const auto trainer = make_trainer(split, settings);
  // The split stays that of --seed; each further run trains from the next seed.
  std::vector<TrainOutcome> runs;
  for (int i = 0; i < a.seeds; ++i) {
    if (a.seeds > 1) std::fprintf(stderr, "train: seed %d of %d\n", i + 1, a.seeds);
    runs.push_back(trainer->train(net, a.seed + static_cast<uint64_t>(i)));
  }
  const TrainOutcome& o = runs.front();
  const double ms_per_step = o.optimiser_steps ? o.step_seconds * 1e3 / static_cast<double>(o.optimiser_steps) : 0;

  if (a.json) {
    nlohmann::json j{{"network", net.describe()},     {"dataset", data.name},
                     {"train_examples", split.train.size()},
                     {"v1_accuracy", o.v1_accuracy},  {"v2_accuracy", o.v2_accuracy},
                     {"test_accuracy", o.test_accuracy}, {"best_epoch", o.best_epoch},
                     {"parameters", o.parameters},    {"epochs", a.epochs},
                     {"batch_size", a.batch},         {"optimiser_steps", o.optimiser_steps},
                     {"wall_seconds", o.train_seconds}, {"step_seconds", o.step_seconds},
                     {"ms_per_step", ms_per_step},   {"trainer", a.trainer},
                     {"v1_per_epoch", o.v1_per_epoch},
                     {"normalise", to_string(data.normalisation)},
                     {"split", to_string(unit)},
                     {"classes", data.class_names},
                     {"seeds", seeds_json(a, runs)},
                     {"baselines", baselines_json(baselines, data.class_names)}};
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << fmt::format(
        "{} on {} ({} train examples)\nV1 {:.3f}  V2 {:.3f}  test {:.3f}  (best epoch {} of {})\n"
        "parameters {}  wall {:.2f} s  {} steps  {:.3f} ms per step\n",
        net.describe(), data.name, split.train.size(), o.v1_accuracy, o.v2_accuracy, o.test_accuracy, o.best_epoch,
        a.epochs, o.parameters, o.train_seconds, o.optimiser_steps, ms_per_step);
    if (a.seeds > 1) std::cout << seeds_text(a, runs);
    std::cout << baselines_text(baselines, data.class_names)
              << fmt::format("  {:<13} test {:.3f}{}\n", "network", summarise(runs).mean,
                             a.seeds > 1 ? fmt::format("  (mean of {} seeds)", a.seeds) : std::string());
  }
}

const Command registration("train", [](CLI::App& app) {
  auto args = std::make_shared<TrainArgs>();
  auto* cmd = app.add_subcommand("train", "train one network (fast trainer or LibTorch) and report its accuracies and speed");
  add_text(cmd, "--lengths", args->lengths, "per-layer lengths, input first, classes last (2048,128,8,64,2)")
      ->required();
  add_text(cmd, "--channels", args->channels, "per-layer channels, same count (1,1,4,2,1)")->required();
  add_text(cmd, "--dataset", args->dataset, "synthetic-eeg, synthetic-ecg or a data path")->required();
  // The same ranges as the scenario keys training.* and data.* (scenarios/README.md).
  add_integer(cmd, "--epochs", args->epochs, "training epochs", 1, 100000);
  add_integer(cmd, "--batch-size", args->batch, "batch size (training.batch_size)", 1, 1000000);
  add_real(cmd, "--learning-rate", args->lr, "Adam learning rate (training.learning_rate)", positive_up_to(10));
  add_real(cmd, "--dropout", args->dropout, "dropout before the classifier, training only", {0, 1, false, true});
  add_integer(cmd, "--seed", args->seed, "seed of the data split and the training", 0,
              std::numeric_limits<int64_t>::max());
  add_integer(cmd, "--examples-per-class", args->examples_per_class, "examples per class (0: the data set's default)",
              0, 1000000);
  add_text(cmd, "--trainer", args->trainer, "fast (default) or libtorch (training.trainer)");
  add_text(cmd, "--normalise", args->normalise,
           "window, recording or training-set (data.normalise; default: the data set's)");
  add_text(cmd, "--classes", args->classes,
           "classes as in data.classes: '[N, S, V]' or '{seizure: [E], non-seizure: [A, B, C, D]}'");
  add_text(cmd, "--split", args->split, "window or record (data.split)");
  add_integer(cmd, "--seeds", args->seeds, "train this many times, from --seed on, and report the spread", 1, 1000);
  cmd->add_flag("--json", args->json, "print one JSON object");
  cmd->callback([args] { run(*args); });
});

}  // namespace
}  // namespace fognas::cli
