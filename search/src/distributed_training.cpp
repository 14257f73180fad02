// A candidate travels as JSON: its network's lengths and channels, its seed and epochs;
// the outcome comes back as JSON with every field (doubles round-trip exactly).
#include "fognas/search/distributed_training.h"

#include <fmt/format.h>

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "fognas/common/mpi_workers.h"
#include "fognas/search/search_run.h"

namespace fognas {
namespace {

std::string train_task(const CandidateTrainer& trainer, const std::string& task) {
  const nlohmann::json t = nlohmann::json::parse(task);
  const Network net = Network::from_shape(t.at("lengths").get<std::vector<int>>(), t.at("channels").get<std::vector<int>>());
  const TrainOutcome o = trainer.train(net, t.at("seed").get<uint64_t>(), t.at("epochs").get<int>());
  return nlohmann::json{{"v1_accuracy", o.v1_accuracy},       {"v2_accuracy", o.v2_accuracy},
                        {"test_accuracy", o.test_accuracy},   {"best_epoch", o.best_epoch}, {"epochs", o.epochs},
                        {"v1_per_epoch", o.v1_per_epoch},
                        {"parameters", o.parameters},         {"optimiser_steps", o.optimiser_steps},
                        {"step_seconds", o.step_seconds},     {"train_seconds", o.train_seconds}}
      .dump();
}

TrainOutcome outcome_from(const std::string& text) {
  const nlohmann::json j = nlohmann::json::parse(text);
  TrainOutcome o;
  o.v1_accuracy = j.at("v1_accuracy").get<double>();
  o.v2_accuracy = j.at("v2_accuracy").get<double>();
  o.test_accuracy = j.at("test_accuracy").get<double>();
  o.best_epoch = j.at("best_epoch").get<int>();
  o.epochs = j.at("epochs").get<int>();
  o.v1_per_epoch = j.at("v1_per_epoch").get<std::vector<double>>();
  o.parameters = j.at("parameters").get<long>();
  o.optimiser_steps = j.at("optimiser_steps").get<long>();
  o.step_seconds = j.at("step_seconds").get<double>();
  o.train_seconds = j.at("train_seconds").get<double>();
  return o;
}

}  // namespace

bool training_is_distributed() { return mpi::active() && mpi::size() > 1; }

void train_on_ranks(std::vector<CandidateRecord>& candidates, const std::vector<size_t>& which,
                    const CandidateTrainer& trainer, int classes, uint64_t run_seed, int epochs) {
  std::vector<std::string> tasks;
  for (size_t i : which) {
    const CandidateRecord& rec = candidates[i];
    const Network net = rec.genome.decode(classes);
    tasks.push_back(nlohmann::json{{"lengths", net.lengths}, {"channels", net.channels},
                                   {"seed", candidate_seed(run_seed, rec.key)}, {"epochs", epochs}}
                        .dump());
  }
  std::string failure;
  mpi::run_tasks(tasks, [&trainer](const std::string& task) { return train_task(trainer, task); },
                 [&](size_t task, bool ok, const std::string& result) {
                   CandidateRecord& rec = candidates[which[task]];
                   if (!ok) {
                     if (failure.empty()) failure = fmt::format("training {} failed: {}", rec.key, result);
                     return;
                   }
                   rec.record_training(outcome_from(result));
                 });
  if (!failure.empty()) throw std::runtime_error(failure);
}

void serve_training(const CandidateTrainer& trainer) {
  mpi::serve([&trainer](const std::string& task) { return train_task(trainer, task); });
}

}  // namespace fognas
