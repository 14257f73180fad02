#include "fognas/search/search_scenario.h"

#include <fmt/format.h>

#include <stdexcept>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/devices/profile_json.h"

namespace fognas {

std::string to_string(SearchMode m) {
  switch (m) {
    case SearchMode::Joint: return "joint";
    case SearchMode::NoPartition: return "no-partition";
    case SearchMode::Sequential: return "sequential";
    case SearchMode::ZeroShotParams: return "zero-shot-params";
    case SearchMode::ZeroShotFlops: return "zero-shot-flops";
  }
  return "?";
}

SearchMode search_mode_from_string(const std::string& s) {
  for (SearchMode m : {SearchMode::Joint, SearchMode::NoPartition, SearchMode::Sequential, SearchMode::ZeroShotParams,
                       SearchMode::ZeroShotFlops})
    if (to_string(m) == s) return m;
  throw std::invalid_argument(
      "unknown mode '" + s + "' (expected joint, no-partition, sequential, zero-shot-params or zero-shot-flops)");
}

std::string to_string(TrainerKind kind) { return kind == TrainerKind::LibTorch ? "libtorch" : "fast"; }

TrainerKind trainer_kind_from_string(const std::string& s) {
  for (TrainerKind k : {TrainerKind::LibTorch, TrainerKind::Fast})
    if (to_string(k) == s) return k;
  throw std::invalid_argument("unknown trainer '" + s + "' (expected libtorch or fast)");
}

bool is_zero_shot(SearchMode m) { return m == SearchMode::ZeroShotParams || m == SearchMode::ZeroShotFlops; }

PartitionOptions SearchScenario::partition_options() const {
  PartitionOptions o;
  o.scenario = energy_scenario;
  o.efficiency_factor = efficiency_factor;
  o.flash_limit_kb = limits.flash_kb;
  o.ram_limit_kb = limits.ram_kb;
  return o;
}

DataOptions SearchScenario::data_options() const {
  DataOptions o;
  o.seed = data_seed;
  o.examples_per_class = examples_per_class;
  o.normalisation = normalisation;
  o.classes = classes;
  o.classes_where = classes_where;
  return o;
}

std::string SearchScenario::fingerprint() const {
  auto opt = [](const std::optional<double>& v) { return v ? fmt::format("{}", *v) : std::string("default"); };
  // The data keys and successive halving appear only when set, so checkpoints
  // written before they existed still resume.
  std::string data_keys;
  if (normalisation) data_keys += " normalise=" + to_string(*normalisation);
  for (const ClassGroup& g : classes) data_keys += fmt::format(" class={}:{}", g.name, fmt::join(g.sources, "+"));
  if (split != SplitUnit::Window) data_keys += " split=" + to_string(split);
  if (halving.enabled) data_keys += fmt::format(" halving_eta={} halving_min_epochs={}", halving.eta, halving.min_epochs);
  const std::string base = fmt::format(
      "dataset={} data_seed={} examples_per_class={} seed={} mode={} population={} generations={} genes={} "
      "tournament={} crossover={} mutation={} epochs={} batch={} lr={} dropout={} trainer={} energy_mj={} flash_kb={} "
      "ram_kb={} scenario={} factor={} mcu={} radio={} fog={}",
      dataset, data_seed, examples_per_class, seed, to_string(mode), ga.population, ga.generations, ga.genes,
      ga.tournament_size, ga.crossover_rate, ga.mutation_rate, training.epochs, training.batch_size,
      training.learning_rate, training.dropout, to_string(training.trainer), limits.energy_mj, opt(limits.flash_kb), opt(limits.ram_kb),
      to_string(energy_scenario), opt(efficiency_factor), mcu, radio, fog) +
                           " profiles=" + nlohmann::json(devices).dump();
  return base + data_keys;
}

SearchScenario search_scenario_from(const Scenario& sc) {
  if (!sc.data) throw InputError(sc.file, "search needs a 'data' section (data.dataset: synthetic-eeg, ...)");
  if (!sc.limits.energy_mj) throw InputError(sc.file, "search needs 'limits.energy_mj', the energy budget per inference");
  SearchScenario s;
  s.file = sc.file;
  s.name = sc.name;
  s.out_dir = sc.out_dir;
  s.dataset = sc.data->dataset;
  if (!sc.data->dataset_where.empty()) s.dataset_where = sc.data->dataset_where;
  s.data_seed = sc.data->seed;
  s.examples_per_class = sc.data->examples_per_class;
  if (!sc.data->normalise.empty()) s.normalisation = normalisation_from_string(sc.data->normalise);
  for (const auto& [name, sources] : sc.data->classes) s.classes.push_back({name, sources});
  if (!sc.data->classes_where.empty()) s.classes_where = sc.data->classes_where;
  s.split = split_unit_from_string(sc.data->split).value_or(SplitUnit::Window);
  s.seed = sc.seed;
  s.mode = search_mode_from_string(sc.search.strategy);
  s.ga.population = sc.search.population;
  s.ga.generations = sc.search.generations;
  s.ga.genes = sc.search.genes;
  s.ga.tournament_size = sc.search.tournament_size;
  s.ga.crossover_rate = sc.search.crossover_rate;
  s.ga.mutation_rate = sc.search.mutation_rate;
  s.halving = {sc.search.halving_enabled, sc.search.halving_eta, sc.search.halving_min_epochs};
  s.training.epochs = sc.training.epochs;
  s.training.batch_size = sc.training.batch_size;
  s.training.learning_rate = sc.training.learning_rate;
  s.training.dropout = sc.training.dropout;
  s.training.trainer = trainer_kind_from_string(sc.training.trainer);
  s.limits.energy_mj = *sc.limits.energy_mj;
  s.limits.flash_kb = sc.limits.flash_kb;
  s.limits.ram_kb = sc.limits.ram_kb;
  s.energy_scenario = sc.energy_scenario;
  s.efficiency_factor = sc.single_factor();
  s.mcu = sc.mcu_ref;
  s.radio = sc.radio_ref;
  s.fog = sc.fog_ref;
  s.devices = sc.devices;
  return s;
}

SearchScenario parse_search_scenario(const std::string& yaml_text, const std::string& file_name,
                                     const std::vector<std::string>& overrides) {
  return search_scenario_from(parse_scenario(yaml_text, file_name, overrides));
}

SearchScenario load_search_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  return search_scenario_from(load_scenario_file(path, overrides));
}

}  // namespace fognas
