#include "fognas/search/search_io.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "fognas/common/csv.h"
#include "fognas/scenario/result_columns.h"
#include "fognas/common/json_strict.h"

namespace fognas {

using nlohmann::json;

json partition_cost_to_json(const PartitionCost& c) {
  return json{{"point", c.point},
              {"flash_bytes", c.flash_bytes},
              {"ram_bytes", c.ram_bytes},
              {"flash_kb", c.flash_kb()},
              {"ram_kb", c.ram_kb()},
              {"bytes_sent", c.bytes_sent},
              {"edge_parameters", c.edge_parameters},
              {"edge_macs", c.edge_macs},
              {"e_edge_comp_mj", c.e_edge_comp_mj},
              {"e_edge_comm_mj", c.e_edge_comm_mj},
              {"e_fog_mj", c.e_fog_mj},
              {"e_edge_mj", c.e_edge_mj()},
              {"e_total_mj", c.e_total_mj()},
              {"edge_latency_ms", c.edge_latency_ms},
              {"fits_memory", c.fits_memory}};
}

PartitionCost partition_cost_from_json(const json& j) {
  PartitionCost c;
  c.point = json_integer_at<int>(j, "point");
  c.flash_bytes = j.at("flash_bytes").get<long>();
  c.ram_bytes = j.at("ram_bytes").get<long>();
  c.bytes_sent = j.at("bytes_sent").get<long>();
  c.edge_parameters = j.at("edge_parameters").get<long>();
  c.edge_macs = j.at("edge_macs").get<long>();
  c.e_edge_comp_mj = j.at("e_edge_comp_mj").get<double>();
  c.e_edge_comm_mj = j.at("e_edge_comm_mj").get<double>();
  c.e_fog_mj = j.at("e_fog_mj").get<double>();
  c.edge_latency_ms = j.at("edge_latency_ms").get<double>();
  c.fits_memory = j.at("fits_memory").get<bool>();
  return c;
}

json candidate_to_json(const CandidateRecord& r, bool with_epochs) {
  json j{{"generation", r.generation},
         {"key", r.key},
         {"length_genes", r.genome.lengths},
         {"channel_genes", r.genome.channels},
         {"class", to_string(r.costs.cls)},
         {"energy_mj", r.costs.energy_mj},
         {"parameters", r.costs.parameters},
         {"effective_macs", r.costs.effective_macs},
         {"layers", r.costs.layers},
         {"trained", r.trained},
         {"zero_shot_score", r.zero_shot_score}};
  j["partition"] = r.costs.chosen ? partition_cost_to_json(*r.costs.chosen) : json(nullptr);
  if (r.trained) {
    j["v1_accuracy"] = r.outcome.v1_accuracy;
    j["v2_accuracy"] = r.outcome.v2_accuracy;
    j["test_accuracy"] = r.outcome.test_accuracy;
    j["best_epoch"] = r.outcome.best_epoch;
    j["optimiser_steps"] = r.outcome.optimiser_steps;
    if (with_epochs) {
      j["epochs"] = r.outcome.epochs;
      j["epochs_trained"] = r.epochs_trained;
    }
  }
  return j;
}

CandidateRecord candidate_from_json(const json& j, int full_epochs) {
  CandidateRecord r;
  r.generation = j.at("generation").get<int>();
  r.key = j.at("key").get<std::string>();
  r.genome.lengths = json_int_list_at(j, "length_genes");
  r.genome.channels = json_int_list_at(j, "channel_genes");
  r.costs.cls = candidate_class_from_string(j.at("class").get<std::string>());
  r.costs.energy_mj = j.at("energy_mj").get<double>();
  r.costs.parameters = j.at("parameters").get<long>();
  r.costs.effective_macs = j.at("effective_macs").get<long>();
  r.costs.layers = j.at("layers").get<int>();
  if (!j.at("partition").is_null()) r.costs.chosen = partition_cost_from_json(j.at("partition"));
  r.trained = j.at("trained").get<bool>();
  r.zero_shot_score = j.at("zero_shot_score").get<double>();
  if (r.trained) {
    r.outcome.v1_accuracy = j.at("v1_accuracy").get<double>();
    r.outcome.v2_accuracy = j.at("v2_accuracy").get<double>();
    r.outcome.test_accuracy = j.at("test_accuracy").get<double>();
    r.outcome.best_epoch = j.at("best_epoch").get<int>();
    r.outcome.optimiser_steps = j.at("optimiser_steps").get<long>();
    r.outcome.parameters = r.costs.parameters;
    r.outcome.epochs = j.contains("epochs") ? json_integer_at<int>(j, "epochs") : full_epochs;
    r.epochs_trained = j.contains("epochs_trained") ? json_integer_at<int>(j, "epochs_trained") : full_epochs;
  }
  return r;
}

json generation_to_json(const GenerationStats& g) {
  return json{{"generation", g.generation}, {"best_fitness", g.best_fitness}, {"mean_fitness", g.mean_fitness},
              {"valid", g.valid},           {"invalid", g.invalid},           {"abandoned", g.abandoned},
              {"trained", g.trained}};
}

GenerationStats generation_from_json(const json& j) {
  GenerationStats g;
  g.generation = j.at("generation").get<int>();
  g.best_fitness = j.at("best_fitness").get<double>();
  g.mean_fitness = j.at("mean_fitness").get<double>();
  g.valid = j.at("valid").get<int>();
  g.invalid = j.at("invalid").get<int>();
  g.abandoned = j.at("abandoned").get<int>();
  g.trained = j.at("trained").get<int>();
  return g;
}

json baselines_json(const std::vector<Baseline>& baselines, const std::vector<std::string>& class_names) {
  auto name = [&class_names](int label) {
    return label >= 0 && static_cast<size_t>(label) < class_names.size() ? class_names[static_cast<size_t>(label)]
                                                                          : std::to_string(label);
  };
  json out = json::array();
  for (const Baseline& b : baselines) {
    const bool majority = b.name == "majority";
    out.push_back({{"name", b.name},
                   {"threshold", majority ? json(nullptr) : json(b.threshold)},
                   {"below", name(b.below_label)},
                   {"above", name(b.above_label)},
                   {"train_accuracy", b.train_accuracy},
                   {"test_accuracy", b.test_accuracy}});
  }
  return out;
}

json solution_to_json(const ExtractedSolution& s, const SearchScenario& scenario) {
  const CandidateRecord& r = s.record;
  json j{{"scenario", scenario.name},
         {"mode", to_string(scenario.mode)},
         {"energy_scenario", to_string(scenario.energy_scenario)},
         {"seed", scenario.seed},
         {"key", r.key},
         {"length_genes", r.genome.lengths},
         {"channel_genes", r.genome.channels},
         {"lengths", s.lengths},
         {"channels", s.channels},
         {"parameters", r.costs.parameters},
         {"effective_macs", r.costs.effective_macs},
         {"partition_point", s.partition.point},
         {"edge_layers", s.partition.point - 1},
         {"flash_kb", s.partition.flash_kb()},
         {"ram_kb", s.partition.ram_kb()},
         {"e_edge_comp_mj", s.partition.e_edge_comp_mj},
         {"e_edge_comm_mj", s.partition.e_edge_comm_mj},
         {"e_edge_mj", s.partition.e_edge_mj()},
         {"e_fog_mj", s.partition.e_fog_mj},
         {"e_total_mj", s.partition.e_total_mj()},
         {"energy_mj", s.energy_mj},
         {"energy_limit_mj", scenario.limits.energy_mj},
         {"meets_limits", s.meets_limits},
         {"trained", r.trained}};
  if (r.trained) {
    j["v1_accuracy"] = r.outcome.v1_accuracy;
    j["v2_accuracy"] = r.outcome.v2_accuracy;
    j["test_accuracy"] = r.outcome.test_accuracy;
  }
  if (is_zero_shot(scenario.mode)) j["zero_shot_score"] = r.zero_shot_score;
  return j;
}

// Wall-clock seconds stay out of the CSV (and out of candidates.jsonl and the
// checkpoint): a committed run must read the same when it is repeated on another
// machine. They go to timing.json instead.
std::string generations_csv(const std::vector<GenerationStats>& gens) {
  std::string out = fmt::format("{},{},{},valid,invalid,abandoned,trained\n", columns::kGeneration,
                                columns::kBestFitness, columns::kMeanFitness);
  for (const auto& g : gens)
    out += fmt::format("{},{},{},{},{},{},{}\n", g.generation, g.best_fitness, g.mean_fitness, g.valid, g.invalid,
                       g.abandoned, g.trained);
  return out;
}

json search_timing_json(const std::vector<GenerationStats>& gens, const std::vector<CandidateRecord>& candidates,
                        int resumed_after_generation) {
  json j{{"resumed_after_generation", resumed_after_generation},
         {"generations", json::array()},
         {"candidates", json::array()}};
  double total = 0;
  for (const auto& g : gens) {
    if (g.generation <= resumed_after_generation) continue;  // run before the resume: seconds unknown
    j["generations"].push_back({{"generation", g.generation}, {"seconds", g.seconds}});
    total += g.seconds;
  }
  j["seconds"] = total;
  for (const auto& c : candidates) {
    // Trained in this run: first seen after the resume, or (a zero-shot winner
    // trained at extraction) timed now; a checkpoint's candidates carry no seconds.
    if (!c.trained || (c.generation <= resumed_after_generation && c.outcome.train_seconds <= 0)) continue;
    j["candidates"].push_back({{"key", c.key},
                               {"generation", c.generation},
                               {"train_seconds", c.outcome.train_seconds},
                               {"step_seconds", c.outcome.step_seconds}});
  }
  return j;
}

Table solution_table(const ExtractedSolution& s, const SearchScenario& scenario) {
  const CandidateRecord& r = s.record;
  Table t;
  t.caption = fmt::format("{}: {} search, {} scenario, energy limit {} mJ", scenario.name, to_string(scenario.mode),
                          to_string(scenario.energy_scenario), scenario.limits.energy_mj);
  t.id = "search-" + scenario.name;
  t.columns = {{"solution", "sol", "", kShortest},       {"lengths", "lengths", "", kShortest},
               {"partition_point", "P", "", kShortest},   {"channels", "channels", "", kShortest},
               {"flash_kb", "Flash", "KB", 1},            {"ram_kb", "RAM", "KB", 1},
               {"e_edge_mj", "E_edge", "mJ", 3},          {"e_total_mj", "E_total", "mJ", 3},
               {"parameters", "params", "", kShortest},   {"v2_accuracy", "V2 acc", "", 3},
               {"test_accuracy", "test acc", "", 3}};
  auto acc = [&](double v) { return r.trained ? Cell(v) : Cell(); };
  t.rows.push_back({scenario.name, fmt::format("{}", fmt::join(s.lengths, ",")), s.partition.point,
                    fmt::format("{}", fmt::join(s.channels, ",")), s.partition.flash_kb(), s.partition.ram_kb(),
                    s.partition.e_edge_mj(), s.partition.e_total_mj(), r.costs.parameters, acc(r.outcome.v2_accuracy),
                    acc(r.outcome.test_accuracy)});
  return t;
}

}  // namespace fognas
