// Cost of the partition solver per candidate architecture. It runs once per
// candidate in the search, next to a training run of seconds, so it must stay
// far below a microsecond.
#include <benchmark/benchmark.h>

#include <random>

#include "fognas/devices/profile_io.h"
#include "fognas/search/genome.h"
#include "fognas/cost/cost.h"

namespace {

std::vector<fognas::Network> random_networks(size_t n) {
  std::mt19937_64 rng(42);
  std::vector<fognas::Network> nets;
  for (size_t i = 0; i < n; ++i) nets.push_back(fognas::Genome::random(rng).decode(5));
  return nets;
}

void BM_SolvePartition(benchmark::State& state, const char* radio) {
  const fognas::DeviceModel model = fognas::load_device_model("stm32l476rg", radio, "fog-paper");
  const auto nets = random_networks(4096);
  fognas::PartitionOptions opt;
  opt.scenario = fognas::EnergyScenario::Total;
  size_t i = 0;
  for (auto _ : state) {
    auto plan = fognas::solve_partition(nets[i++ & 4095], model, opt);
    benchmark::DoNotOptimize(plan.best_index);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel("candidates");
}

void BM_DecodeAndSolve(benchmark::State& state) {
  const fognas::DeviceModel model = fognas::load_device_model("stm32l476rg", "ble-paper", "fog-paper");
  std::mt19937_64 rng(1);
  std::vector<fognas::Genome> genomes;
  for (int i = 0; i < 4096; ++i) genomes.push_back(fognas::Genome::random(rng));
  size_t i = 0;
  for (auto _ : state) {
    auto plan = fognas::solve_partition(genomes[i++ & 4095].decode(2), model, {});
    benchmark::DoNotOptimize(plan.best_index);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK_CAPTURE(BM_SolvePartition, per_bit_radio, "ble-paper");
BENCHMARK_CAPTURE(BM_SolvePartition, ble_protocol_radio, "nrf52832-1m");
BENCHMARK(BM_DecodeAndSolve);

}  // namespace

BENCHMARK_MAIN();
