#include "fognas/search/search_scenario.h"

#include <fmt/format.h>

#include <limits>

#include <stdexcept>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/common/yaml.h"
#include "fognas/devices/profile_io.h"

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

bool is_zero_shot(SearchMode m) { return m == SearchMode::ZeroShotParams || m == SearchMode::ZeroShotFlops; }

PartitionOptions SearchScenario::partition_options() const {
  PartitionOptions o;
  o.scenario = energy_scenario;
  o.efficiency_factor = fog_factor;
  o.flash_limit_kb = limits.flash_kb;
  o.ram_limit_kb = limits.ram_kb;
  return o;
}

std::string SearchScenario::fingerprint() const {
  auto opt = [](const std::optional<double>& v) { return v ? fmt::format("{}", *v) : std::string("default"); };
  return fmt::format(
      "dataset={} data_seed={} examples_per_class={} seed={} mode={} population={} generations={} genes={} "
      "tournament={} crossover={} mutation={} epochs={} batch={} lr={} dropout={} energy_mj={} flash_kb={} "
      "ram_kb={} scenario={} factor={} mcu={} radio={} fog={}",
      dataset, data_seed, examples_per_class, seed, to_string(mode), ga.population, ga.generations, ga.genes,
      ga.tournament_size, ga.crossover_rate, ga.mutation_rate, training.epochs, training.batch_size,
      training.learning_rate, training.dropout, limits.energy_mj, opt(limits.flash_kb), opt(limits.ram_kb),
      to_string(energy_scenario), opt(fog_factor), mcu, radio, fog);
}

namespace {

// Counts end up in ints: the range is checked before any narrowing.
long positive_integer(const YamlMap& m, const std::string& key, long fallback, long min_value = 1,
                      long max_value = std::numeric_limits<int>::max()) {
  long v = m.integer(key, fallback);
  if (v < min_value || v > max_value)
    throw InputError(m.where(key), fmt::format("must be between {} and {}, got {}", min_value, max_value, v));
  return v;
}

double rate(const YamlMap& m, const std::string& key, double fallback) {
  double v = m.number(key, fallback);
  if (v < 0 || v > 1) throw InputError(m.where(key), fmt::format("must be within [0, 1], got {}", v));
  return v;
}

double positive_number(const YamlMap& m, const std::string& key) {
  double v = m.number(key);
  if (!(v > 0)) throw InputError(m.where(key), fmt::format("must be > 0, got {}", v));
  return v;
}

std::optional<double> optional_positive(const YamlMap& m, const std::string& key) {
  if (!m.has(key)) return std::nullopt;
  return positive_number(m, key);
}

}  // namespace

SearchScenario parse_search_scenario(const std::string& yaml_text, const std::string& file_name) {
  YamlMap root(load_yaml_string(yaml_text, file_name), file_name);
  SearchScenario s;
  s.file = file_name;
  s.name = root.text("name");
  root.text("description", "");
  s.seed = static_cast<uint64_t>(positive_integer(root, "seed", 1, 0, std::numeric_limits<long>::max()));
  if (root.has("mode")) {
    try {
      s.mode = search_mode_from_string(root.text("mode"));
    } catch (const std::invalid_argument& e) {
      throw InputError(root.where("mode"), e.what());
    }
  }

  YamlMap data = root.map("data");
  s.dataset = data.text("dataset");
  s.data_seed = static_cast<uint64_t>(positive_integer(data, "seed", 1, 0, std::numeric_limits<long>::max()));
  s.examples_per_class = static_cast<size_t>(positive_integer(data, "examples_per_class", 0, 0));
  data.reject_unknown_keys();

  YamlMap search = root.map("search");
  s.ga.population = static_cast<int>(positive_integer(search, "population", s.ga.population, 2, 100000));
  s.ga.generations = static_cast<int>(positive_integer(search, "generations", s.ga.generations));
  s.ga.genes = static_cast<int>(positive_integer(search, "genes", s.ga.genes, 1, 64));
  s.ga.tournament_size = static_cast<int>(positive_integer(search, "tournament_size", s.ga.tournament_size));
  s.ga.crossover_rate = rate(search, "crossover_rate", s.ga.crossover_rate);
  s.ga.mutation_rate = rate(search, "mutation_rate", s.ga.mutation_rate);
  search.reject_unknown_keys();

  if (root.has("training")) {
    YamlMap t = root.map("training");
    s.training.epochs = static_cast<int>(positive_integer(t, "epochs", s.training.epochs));
    s.training.batch_size = static_cast<int>(positive_integer(t, "batch_size", s.training.batch_size));
    if (t.has("learning_rate")) s.training.learning_rate = positive_number(t, "learning_rate");
    s.training.dropout = t.number("dropout", s.training.dropout);
    if (s.training.dropout < 0 || s.training.dropout >= 1)
      throw InputError(t.where("dropout"), fmt::format("must be within [0, 1), got {}", s.training.dropout));
    t.reject_unknown_keys();
  }

  YamlMap limits = root.map("limits");
  s.limits.energy_mj = positive_number(limits, "energy_mj");
  s.limits.flash_kb = optional_positive(limits, "flash_kb");
  s.limits.ram_kb = optional_positive(limits, "ram_kb");
  limits.reject_unknown_keys();

  YamlMap energy = root.map("energy");
  try {
    s.energy_scenario = energy_scenario_from_string(energy.text("scenario"));
  } catch (const std::invalid_argument& e) {
    throw InputError(energy.where("scenario"), e.what());
  }
  s.fog_factor = optional_positive(energy, "fog_factor");
  energy.reject_unknown_keys();

  read_device_names(root, s.mcu, s.radio, s.fog);
  root.reject_unknown_keys();
  return s;
}

SearchScenario load_search_scenario(const std::string& path) { return parse_search_scenario(read_file(path), path); }

}  // namespace fognas
