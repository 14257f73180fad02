// Evaluation throughput of the search: trained candidates per second for a fixed
// data set and a fixed list of genomes, with N candidates trained at once (the
// search's own thread pool layout), by either trainer (--trainer). bench/train_peer.py runs the same loop in
// Python PyTorch on files this program writes; bench/train_throughput.sh runs
// both and prints the ratios.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <numeric>
#include <nlohmann/json.hpp>
#include <random>

#include "fognas/common/atomic_file.h"
#include "fognas/data/load.h"
#include "fognas/data/split.h"
#include "fognas/devices/profile_io.h"
#include "fognas/search/genome.h"
#include "fognas/cost/cost.h"
#include "fognas/search/search_run.h"
#include "fognas/train/trainer.h"

namespace {

using namespace fognas;
namespace fs = std::filesystem;

// Genomes the search would train: random ones whose network fits the MCU's
// Flash and RAM at some partition point (abandoned ones are never trained).
std::vector<Network> benchmark_networks(const std::string& shape, int count, uint64_t seed, int classes) {
  // The paper's SD-2 (seizure detection) and AC-2 (arrhythmia classification),
  // `count` times over: the step cost of one typical network.
  if (shape == "sd2") return std::vector<Network>(count, Network::from_shape({2048, 128, 4, 128, 2}, {1, 3, 3, 2, 1}));
  if (shape == "ac2")
    return std::vector<Network>(count, Network::from_shape({2048, 32, 8, 128, 256, 1024, 5}, {1, 4, 3, 4, 4, 2, 1}));
  if (shape != "random") throw std::invalid_argument("--shape: expected random, sd2 or ac2");
  const DeviceModel model = load_device_model("stm32l476rg", "ble-paper", "fog-paper");
  std::mt19937_64 rng(seed);
  std::vector<Network> nets;
  while (static_cast<int>(nets.size()) < count) {
    Network net = Genome::random(rng).decode(classes);
    if (solve_partition(net, model).feasible()) nets.push_back(std::move(net));
  }
  return nets;
}

void write_part(const fs::path& dir, const std::string& name, const Dataset& d) {
  std::string x(reinterpret_cast<const char*>(d.samples.data()), d.samples.size() * sizeof(float));
  write_file_atomically(dir / (name + "_x.f32"), x);
  std::vector<int64_t> y(d.labels.begin(), d.labels.end());
  write_file_atomically(dir / (name + "_y.i64"), std::string(reinterpret_cast<const char*>(y.data()), y.size() * 8));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"bench_train: trained candidates per second (fast trainer or LibTorch)"};
  int jobs = 1, genomes = 16, epochs = 3, batch = 8;
  size_t per_class = 100;
  uint64_t seed = 1;
  std::string write_data, trainer_name = "libtorch", shape_name = "random";
  app.add_option("--jobs", jobs, "candidates trained at once")->capture_default_str();
  app.add_option("--genomes", genomes, "candidates in the fixed list")->capture_default_str();
  app.add_option("--epochs", epochs)->capture_default_str();
  app.add_option("--batch", batch)->capture_default_str();
  app.add_option("--examples-per-class", per_class)->capture_default_str();
  app.add_option("--seed", seed)->capture_default_str();
  app.add_option("--trainer", trainer_name, "libtorch or fast")->capture_default_str();
  app.add_option("--shape", shape_name, "random (feasible random genomes), sd2 or ac2 (the paper's networks)")
      ->capture_default_str();
  app.add_option("--write-data", write_data, "also write the data set and genome list here for train_peer.py");
  CLI11_PARSE(app, argc, argv);

  try {
    DataOptions opt;
    opt.seed = seed;
    opt.examples_per_class = per_class;
    const bool ecg = shape_name == "ac2";
    const Dataset data = load_dataset(ecg ? "synthetic-ecg" : "synthetic-eeg", opt);
    const DatasetSplit split = split_dataset(data, seed);
    TrainSettings settings;
    settings.epochs = epochs;
    settings.batch_size = batch;
    settings.learning_rate = 1e-3;
    settings.dropout = 0.1;
    settings.trainer = trainer_kind_from_string(trainer_name);
    const std::vector<Network> nets = benchmark_networks(shape_name, genomes, seed, data.classes());

    if (!write_data.empty()) {
      const fs::path dir(write_data);
      fs::create_directories(dir);
      nlohmann::json m{{"length", data.length}, {"classes", data.classes()}, {"epochs", epochs},
                       {"batch_size", batch},   {"learning_rate", settings.learning_rate},
                       {"dropout", settings.dropout}};
      for (const auto& [name, part] : {std::pair<const char*, const Dataset*>{"train", &split.train},
                                       {"v1", &split.v1}, {"v2", &split.v2}, {"test", &split.test}}) {
        write_part(dir, name, *part);
        m["sizes"][name] = part->size();
      }
      for (const auto& n : nets) m["networks"].push_back({{"lengths", n.lengths}, {"channels", n.channels}});
      write_file_atomically(dir / "manifest.json", m.dump(2) + "\n");
    }

    const auto trainer = make_trainer(split, settings);
    std::vector<TrainOutcome> outcomes(nets.size());
    const auto t0 = std::chrono::steady_clock::now();
    {
      // Largest first, as the search schedules a generation.
      std::vector<size_t> order(nets.size());
      std::iota(order.begin(), order.end(), size_t{0});
      std::stable_sort(order.begin(), order.end(),
                       [&](size_t a, size_t b) { return nets[a].effective_macs() > nets[b].effective_macs(); });
      boost::asio::thread_pool pool(static_cast<size_t>(std::max(1, jobs)));
      for (size_t i : order)
        boost::asio::post(pool, [&, i] { outcomes[i] = trainer->train(nets[i], candidate_seed(seed, nets[i].describe())); });
      pool.join();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    double mean_v1 = 0, busy_seconds = 0, longest_seconds = 0, step_seconds = 0;
    long steps = 0;
    for (const auto& o : outcomes) {
      mean_v1 += o.v1_accuracy / static_cast<double>(outcomes.size());
      steps += o.optimiser_steps;
      busy_seconds += o.train_seconds;
      step_seconds += o.step_seconds;
      longest_seconds = std::max(longest_seconds, o.train_seconds);
    }
    nlohmann::json j{{"impl", trainer_name + "-cpp"},  {"jobs", jobs}, {"shape", shape_name},
                     {"batch_size", batch},
                     {"candidates", nets.size()}, {"seconds", seconds},
                     {"candidates_per_s", static_cast<double>(nets.size()) / seconds},
                     {"optimiser_steps", steps},  {"mean_v1_accuracy", mean_v1},
                     // Inside the optimiser steps only (forward, backward, update, batch gathering).
                     {"ms_per_step", steps ? step_seconds * 1e3 / static_cast<double>(steps) : 0.0},
                     // Sum of per-candidate training times over jobs x wall time: how
                     // well the pool kept its threads busy (1 = perfectly).
                     {"pool_utilisation", busy_seconds / (std::max(1, jobs) * seconds)},
                     {"longest_candidate_seconds", longest_seconds}};
    std::cout << j.dump() << "\n";
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_train: error: %s\n", e.what());
    return 1;
  }
  return 0;
}
