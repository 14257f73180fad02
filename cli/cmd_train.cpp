// fognas train: train one network (given by lengths and channels) and report
// its V1, V2 and test accuracy, size and speed.
#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>

#include "checked_options.h"
#include "command.h"
#include "fognas/common/error.h"
#include "fognas/common/parse.h"
#include "fognas/data/load.h"
#include "fognas/data/split.h"
#include "fognas/search/genome.h"
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
  bool json = false;
  std::string trainer = "fast";
};

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

  DataOptions data_options;
  data_options.seed = a.seed;
  data_options.examples_per_class = a.examples_per_class;
  const Dataset data = load_dataset(a.dataset, data_options);
  if (net.classes() != data.classes())
    throw InputError("--lengths", fmt::format("the network ends in {} outputs but '{}' has {} classes", net.classes(),
                                              a.dataset, data.classes()));
  require_splittable(data);
  const DatasetSplit split = split_dataset(data, a.seed);
  TrainSettings settings;
  settings.epochs = a.epochs;
  settings.batch_size = a.batch;
  settings.learning_rate = a.lr;
  settings.dropout = a.dropout;
  settings.trainer = trainer_kind;
  const auto trainer = make_trainer(split, settings);
  const TrainOutcome o = trainer->train(net, a.seed);
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
                     {"v1_per_epoch", o.v1_per_epoch}};
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << fmt::format(
        "{} on {} ({} train examples)\nV1 {:.3f}  V2 {:.3f}  test {:.3f}  (best epoch {} of {})\n"
        "parameters {}  wall {:.2f} s  {} steps  {:.3f} ms per step\n",
        net.describe(), data.name, split.train.size(), o.v1_accuracy, o.v2_accuracy, o.test_accuracy, o.best_epoch,
        a.epochs, o.parameters, o.train_seconds, o.optimiser_steps, ms_per_step);
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
  cmd->add_flag("--json", args->json, "print one JSON object");
  cmd->callback([args] { run(*args); });
});

}  // namespace
}  // namespace fognas::cli
