// The sections the search reads: data, search and training.
#include <fmt/format.h>

#include "fognas/common/error.h"
#include "readers.h"

namespace fognas {

// Whether the names exist is for the data reader to say, with this key's
// location: they depend on the data set.

std::vector<std::pair<std::string, std::vector<std::string>>> read_class_choice(const YamlMap& d,
                                                                                const std::string& key) {
  const YAML::Node node = d.raw(key);
  const std::string where = d.where(key);
  auto name_of = [&where](const YAML::Node& n) {
    if (!n.IsScalar() || n.Scalar().empty()) throw InputError(where, "class names must be non-empty text");
    return n.Scalar();
  };
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  if (node.IsSequence()) {
    for (const auto& item : node) out.push_back({name_of(item), {name_of(item)}});
  } else if (node.IsMap()) {
    for (const auto& kv : node) {
      std::vector<std::string> sources;
      if (kv.second.IsSequence())
        for (const auto& item : kv.second) sources.push_back(name_of(item));
      else
        sources.push_back(name_of(kv.second));
      out.push_back({name_of(kv.first), sources});
    }
  } else {
    throw InputError(where, "give a list of class names ([N, S, V]) or a map of classes ({seizure: [E], ...})");
  }
  if (out.empty()) throw InputError(where, "give at least one class");
  return out;
}

namespace reader {

void read_data(const YamlMap& root, Scenario& s) {
  if (!root.has("data")) return;
  YamlMap d = root.map("data");
  d.allow_only(keys_in("data"));
  DataSettings data;
  data.dataset = d.text("dataset");
  if (data.dataset.empty()) throw InputError(d.where("dataset"), "must name a generator or a path");
  if (!is_generator_name(data.dataset)) data.dataset = resolve_beside(s.file, data.dataset);
  data.dataset_where = d.where("dataset");
  data.seed = seed_of(d, "seed");
  data.examples_per_class = static_cast<size_t>(integer_in(d, "examples_per_class", 0, 0, 1000000));
  if (d.has("normalise")) data.normalise = one_of(d, "normalise", "", {"window", "recording", "training-set"});
  if (d.has("classes")) {
    data.classes = read_class_choice(d, "classes");
    data.classes_where = d.where("classes");
  }
  data.split = one_of(d, "split", data.split, {"window", "record"});
  d.reject_unknown_keys();
  s.data = data;
}

// Read after the training section: min_epochs is bounded by training.epochs.
void read_successive_halving(const YamlMap& h, int epochs, SearchSettings& q) {
  h.allow_only(keys_in("search.successive_halving"));
  q.halving_enabled = h.flag("enabled", q.halving_enabled);
  q.halving_eta = static_cast<int>(integer_in(h, "eta", q.halving_eta, 2, 1000));
  q.halving_min_epochs = static_cast<int>(integer_in(h, "min_epochs", q.halving_min_epochs, 1, 100000));
  if (q.halving_min_epochs > epochs)
    throw InputError(h.where("min_epochs"), fmt::format("must not exceed training.epochs ({}), got {}", epochs,
                                                        q.halving_min_epochs));
  h.reject_unknown_keys();
}

void read_search(const YamlMap& root, Scenario& s) {
  if (!root.has("search")) return;
  YamlMap g = root.map("search");
  g.allow_only(keys_in("search"));
  SearchSettings& q = s.search;
  q.strategy = one_of(g, "strategy", q.strategy,
                      {"joint", "no-partition", "sequential", "zero-shot-params", "zero-shot-flops"});
  q.population = static_cast<int>(integer_in(g, "population", q.population, 2, 100000));
  q.generations = static_cast<int>(integer_in(g, "generations", q.generations, 1, 100000));
  q.genes = static_cast<int>(integer_in(g, "genes", q.genes, 1, 64));
  q.tournament_size = static_cast<int>(integer_in(g, "tournament_size", q.tournament_size, 1, 100000));
  q.crossover_rate = finite_in(g, "crossover_rate", q.crossover_rate, 0, 1);
  q.mutation_rate = finite_in(g, "mutation_rate", q.mutation_rate, 0, 1);
  if (g.has("successive_halving")) read_successive_halving(g.map("successive_halving"), s.training.epochs, q);
  g.reject_unknown_keys();
  s.has_search = true;
}

void read_training(const YamlMap& root, Scenario& s) {
  if (!root.has("training")) return;
  YamlMap t = root.map("training");
  t.allow_only(keys_in("training"));
  TrainingSettings& q = s.training;
  q.epochs = static_cast<int>(integer_in(t, "epochs", q.epochs, 1, 100000));
  q.batch_size = static_cast<int>(integer_in(t, "batch_size", q.batch_size, 1, 1000000));
  q.learning_rate = positive(t, "learning_rate", q.learning_rate, 10);
  q.dropout = finite_in(t, "dropout", q.dropout, 0, 1);
  if (q.dropout >= 1) throw InputError(t.where("dropout"), "must be below 1");
  q.trainer = one_of(t, "trainer", q.trainer, {"fast", "libtorch"});
  t.reject_unknown_keys();
}

}  // namespace reader
}  // namespace fognas
