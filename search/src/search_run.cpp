#include "fognas/search/search_run.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <system_error>
#include <thread>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <numeric>
#include <sstream>
#include <unordered_map>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/common/json_strict.h"
#include "fognas/search/search_io.h"

namespace fognas {

namespace fs = std::filesystem;
using nlohmann::json;

uint64_t candidate_seed(uint64_t run_seed, const std::string& key) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a of the key
  for (unsigned char ch : key) {
    h ^= ch;
    h *= 1099511628211ull;
  }
  // splitmix64 finaliser mixes the run seed and the key hash.
  uint64_t z = run_seed + 0x9e3779b97f4a7c15ull * (h | 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

namespace {

// Extraction order: a ranks above b (V2 first; zero-shot: the proxy score).
bool extracted_before(const CandidateRecord& a, const CandidateRecord& b, SearchMode mode) {
  const double a_primary = is_zero_shot(mode) ? a.zero_shot_score : a.outcome.v2_accuracy;
  const double b_primary = is_zero_shot(mode) ? b.zero_shot_score : b.outcome.v2_accuracy;
  if (a_primary != b_primary) return a_primary > b_primary;
  if (!is_zero_shot(mode) && a.outcome.v1_accuracy != b.outcome.v1_accuracy)
    return a.outcome.v1_accuracy > b.outcome.v1_accuracy;
  return a.costs.energy_mj < b.costs.energy_mj;
}

// The elite: best valid solution seen so far by the evolution's own fitness (V1).
bool elite_before(const CandidateRecord& a, const CandidateRecord& b) {
  if (a.accuracy_for_fitness() != b.accuracy_for_fitness()) return a.accuracy_for_fitness() > b.accuracy_for_fitness();
  return a.costs.energy_mj < b.costs.energy_mj;
}

struct SearchState {
  int completed_generations = 0;
  std::vector<Genome> population;  // the next generation to evaluate
  std::string rng_state;
  std::vector<CandidateRecord> candidates;
  std::vector<GenerationStats> generations;
  std::optional<size_t> elite;  // index into candidates
  double elapsed_seconds = 0;
};

std::string checkpoint_fingerprint(const SearchScenario& s, int classes) {
  return fmt::format("{} classes={}", s.fingerprint(), classes);
}

json genome_to_json(const Genome& g) { return json{{"lengths", g.lengths}, {"channels", g.channels}}; }
Genome genome_from_json(const json& j) {
  Genome g;
  g.lengths = json_int_list_at(j, "lengths");
  g.channels = json_int_list_at(j, "channels");
  if (g.lengths.size() != g.channels.size()) throw std::invalid_argument("a genome's chromosomes differ in length");
  for (size_t i = 0; i < g.lengths.size(); ++i)
    if (!is_length_gene(g.lengths[i]) || !is_channel_gene(g.channels[i]))
      throw std::invalid_argument("a gene outside its gene set");
  return g;
}

std::string checkpoint_text(const SearchState& st, const std::string& fingerprint) {
  json j{{"version", 1},
         {"fingerprint", fingerprint},
         {"completed_generations", st.completed_generations},
         {"rng_state", st.rng_state},
         {"elapsed_seconds", st.elapsed_seconds}};
  j["population"] = json::array();
  for (const auto& g : st.population) j["population"].push_back(genome_to_json(g));
  j["candidates"] = json::array();
  for (const auto& c : st.candidates) j["candidates"].push_back(candidate_to_json(c));
  j["generations"] = json::array();
  for (const auto& g : st.generations) j["generations"].push_back(generation_to_json(g));
  j["elite"] = st.elite ? json(*st.elite) : json(nullptr);
  return j.dump() + "\n";
}

SearchState load_checkpoint(const fs::path& path, const std::string& fingerprint) {
  if (!fs::exists(path))
    throw InputError(path.string(), "no checkpoint to resume from; start the search without --resume");
  SearchState st;
  try {
    json j = json::parse(read_file(path));
    if (j.at("fingerprint").get<std::string>() != fingerprint)
      throw InputError(path.string(), "the checkpoint was made with other settings (scenario, seed or data); "
                                      "start again without --resume or use another --out");
    st.completed_generations = j.at("completed_generations").get<int>();
    st.rng_state = j.at("rng_state").get<std::string>();
    st.elapsed_seconds = j.at("elapsed_seconds").get<double>();
    for (const auto& g : j.at("population")) st.population.push_back(genome_from_json(g));
    for (const auto& c : j.at("candidates")) st.candidates.push_back(candidate_from_json(c));
    for (const auto& g : j.at("generations")) st.generations.push_back(generation_from_json(g));
    if (!j.at("elite").is_null()) st.elite = j.at("elite").get<size_t>();
    if (st.elite && *st.elite >= st.candidates.size()) throw InputError(path.string(), "elite index out of range");
  } catch (const InputError&) {
    throw;
  } catch (const std::exception& e) {  // JSON errors and genomes that decode to no network
    throw InputError(path.string(), fmt::format("corrupt checkpoint: {}", e.what()));
  }
  return st;
}

std::string candidates_jsonl(const std::vector<CandidateRecord>& candidates) {
  std::string out;
  for (const auto& c : candidates) out += candidate_to_json(c).dump() + "\n";
  return out;
}

// -1: no limit; see set_worker_start_limit_for_testing.
std::atomic<int> g_worker_start_limit{-1};

int worker_start_limit() {
  const int set = g_worker_start_limit.load();
  if (set >= 0) return set;
  const char* env = std::getenv("FOGNAS_TEST_WORKER_START_LIMIT");
  if (env == nullptr || *env == '\0') return -1;
  char* end = nullptr;
  const long v = std::strtol(env, &end, 10);
  return *end == '\0' && v >= 0 && v < 1000000 ? static_cast<int>(v) : -1;
}

// Trains the given candidates on a pool of `jobs` threads; each result lands in
// its own slot, so the outcome does not depend on scheduling.
void train_in_parallel(std::vector<CandidateRecord>& candidates, const std::vector<size_t>& which,
                       const CandidateTrainer& trainer, int classes, uint64_t run_seed, int jobs) {
  if (which.empty()) return;
  std::vector<std::exception_ptr> errors(which.size());
  // Largest first (by effective MACs, a proxy for training time) so that one big
  // network started last does not leave the other threads idle at the end.
  std::vector<size_t> order(which.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return candidates[which[a]].costs.effective_macs > candidates[which[b]].costs.effective_macs;
  });
  // The workers are started first and wait at a gate, so a thread that cannot
  // be created (too many --jobs for the system's limits) stops the run with a
  // message before any training, instead of a pool waiting for it forever.
  std::atomic<size_t> next{0};
  std::mutex gate_mutex;
  std::condition_variable gate;
  enum class Gate { Closed, Open, Abort } state = Gate::Closed;
  auto worker = [&] {
    {
      std::unique_lock<std::mutex> lock(gate_mutex);
      gate.wait(lock, [&] { return state != Gate::Closed; });
      if (state == Gate::Abort) return;
    }
    for (size_t i; (i = next.fetch_add(1)) < order.size();) {
      const size_t t = order[i];
      try {
        CandidateRecord& rec = candidates[which[t]];
        rec.outcome = trainer.train(rec.genome.decode(classes), candidate_seed(run_seed, rec.key));
        rec.trained = true;
      } catch (...) {
        errors[t] = std::current_exception();
      }
    }
  };
  const size_t wanted = std::min(order.size(), static_cast<size_t>(std::max(1, jobs)));
  const int limit = worker_start_limit();
  std::vector<std::thread> threads;
  std::string failure;
  try {
    for (size_t k = 0; k < wanted; ++k) {
      if (limit >= 0 && k >= static_cast<size_t>(limit))
        throw std::system_error(std::make_error_code(std::errc::resource_unavailable_try_again),
                                "thread limit set for testing");
      threads.emplace_back(worker);
    }
  } catch (const std::system_error& e) {
    failure = fmt::format("could not start worker thread {} of {} ({}); give a smaller --jobs", threads.size() + 1,
                          wanted, e.what());
  }
  {
    std::lock_guard<std::mutex> lock(gate_mutex);
    state = failure.empty() ? Gate::Open : Gate::Abort;
  }
  gate.notify_all();
  for (auto& th : threads) th.join();
  if (!failure.empty()) throw InputError("--jobs", failure);
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
}

std::string format_seconds(double s) {
  if (s < 120) return fmt::format("{:.1f} s", s);
  return fmt::format("{:.1f} min", s / 60);
}

// generations.csv (committed with a run) and timing.json (its wall-clock
// seconds, git-ignored) from the generations so far.
void write_generation_files(const fs::path& out, const std::vector<GenerationStats>& generations) {
  write_file_atomically(out / "generations.csv", generations_csv(generations));
  write_file_atomically(out / "timing.json", generations_timing_json(generations).dump(2) + "\n");
}

}  // namespace

void set_worker_start_limit_for_testing(int limit) { g_worker_start_limit.store(limit < 0 ? -1 : limit); }

std::optional<size_t> extract_best(const std::vector<CandidateRecord>& candidates, SearchMode mode) {
  std::optional<size_t> best;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const auto& c = candidates[i];
    if (c.costs.cls != CandidateClass::Valid) continue;
    if (!is_zero_shot(mode) && !c.trained) continue;
    if (!best || extracted_before(c, candidates[*best], mode)) best = i;
  }
  return best;
}

SearchResult run_search(const SearchScenario& scenario, const DeviceModel& model, const CandidateTrainer* trainer,
                        int classes, const SearchRunOptions& options) {
  const bool zero_shot = is_zero_shot(scenario.mode);
  if (!trainer && !zero_shot) throw std::invalid_argument("run_search: training modes need a trainer");
  if (classes < 2) throw InputError(scenario.file, fmt::format("the data set has {} classes; at least 2 are needed", classes));
  // Every architecture keeps the 2048-sample float input in RAM (RAM(P=1)), so a
  // smaller RAM limit rules out the whole search space before anything runs.
  const double ram_limit_kb = scenario.limits.ram_kb.value_or(model.mcu.ram_kb);
  const double min_ram_kb = kBytesPerValue * kInputLength * kInputChannels / kBytesPerKb;
  if (ram_limit_kb < min_ram_kb)
    throw InputError(fmt::format("{}: key 'limits.ram_kb'", scenario.file),
                     fmt::format("{} KB cannot hold the {} KB input of any architecture", ram_limit_kb, min_ram_kb));

  const fs::path out(options.out_dir);
  fs::create_directories(out);
  const fs::path checkpoint_path = out / "checkpoint.json";
  const std::string fingerprint = checkpoint_fingerprint(scenario, classes);

  SearchState st;
  std::mt19937_64 rng(scenario.seed);
  if (options.resume) {
    st = load_checkpoint(checkpoint_path, fingerprint);
    std::istringstream in(st.rng_state);
    in >> rng;
    if (!in) throw InputError(checkpoint_path.string(), "corrupt checkpoint: unreadable RNG state");
    // A finished run has no next population; resuming it only rewrites its reports.
    if (st.population.empty() && st.completed_generations < scenario.ga.generations)
      throw InputError(checkpoint_path.string(), "corrupt checkpoint: empty population");
    write_generation_files(out, st.generations);  // in today's format, even when no generation is left to run
  } else {
    for (int i = 0; i < scenario.ga.population; ++i) st.population.push_back(Genome::random(rng, scenario.ga.genes));
  }
  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < st.candidates.size(); ++i) index.emplace(st.candidates[i].key, i);

  const double chance = zero_shot ? 0.0 : 1.0 / classes;
  const int total = scenario.ga.generations;
  double session_seconds = 0;
  int session_generations = 0;
  SearchResult result;

  while (st.completed_generations < total) {
    const auto t0 = std::chrono::steady_clock::now();
    const int gen = st.completed_generations + 1;

    // Evaluate: costs for every new network, training only for those that fit memory.
    std::vector<size_t> member(st.population.size());
    std::vector<size_t> to_train;
    for (size_t i = 0; i < st.population.size(); ++i) {
      const Genome& g = st.population[i];
      const std::string key = g.key();
      auto it = index.find(key);
      if (it == index.end()) {
        CandidateRecord rec;
        rec.genome = g;
        rec.key = key;
        rec.generation = gen;
        const Network net = g.decode(classes);
        rec.costs = evaluate_costs(net, model, scenario);
        if (zero_shot) rec.zero_shot_score = zero_shot_score(net, scenario.mode);
        it = index.emplace(key, st.candidates.size()).first;
        if (rec.costs.cls != CandidateClass::Abandoned && !zero_shot) to_train.push_back(st.candidates.size());
        st.candidates.push_back(std::move(rec));
      }
      member[i] = it->second;
    }
    if (!to_train.empty()) train_in_parallel(st.candidates, to_train, *trainer, classes, scenario.seed, options.jobs);

    // Constraint check and fitness over this generation's members.
    std::vector<FitnessInput> inputs;
    for (size_t m : member) {
      const auto& c = st.candidates[m];
      inputs.push_back({c.costs.cls, c.accuracy_for_fitness(), c.costs.energy_mj});
    }
    const std::vector<double> fitness = adjusted_fitness(inputs, scenario.limits.energy_mj, chance);

    GenerationStats gs;
    gs.generation = gen;
    gs.trained = static_cast<int>(to_train.size());
    gs.best_fitness = kAbandonedFitness;
    double sum = 0;
    int counted = 0;
    std::vector<RankedGenome> ranked;
    for (size_t i = 0; i < member.size(); ++i) {
      const auto& c = st.candidates[member[i]];
      ranked.push_back({st.population[i], c.costs.cls, fitness[i]});
      gs.best_fitness = std::max(gs.best_fitness, fitness[i]);
      switch (c.costs.cls) {
        case CandidateClass::Valid: ++gs.valid; break;
        case CandidateClass::Invalid: ++gs.invalid; break;
        case CandidateClass::Abandoned: ++gs.abandoned; break;
      }
      if (c.costs.cls != CandidateClass::Abandoned) {
        sum += fitness[i];
        ++counted;
      }
      if (c.costs.cls == CandidateClass::Valid && (!st.elite || elite_before(c, st.candidates[*st.elite])))
        st.elite = member[i];
    }
    gs.mean_fitness = counted ? sum / counted : kAbandonedFitness;

    if (gen < total) {
      std::optional<Genome> elite;
      if (st.elite) elite = st.candidates[*st.elite].genome;
      st.population = next_generation(ranked, elite, scenario.ga, rng);
    } else {
      st.population.clear();
    }
    std::ostringstream rng_out;
    rng_out << rng;
    st.rng_state = rng_out.str();

    gs.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    st.generations.push_back(gs);
    st.completed_generations = gen;
    st.elapsed_seconds += gs.seconds;
    session_seconds += gs.seconds;
    ++session_generations;

    write_generation_files(out, st.generations);
    write_file_atomically(out / "candidates.jsonl", candidates_jsonl(st.candidates));
    write_file_atomically(checkpoint_path, checkpoint_text(st, fingerprint));

    if (options.progress) {
      const double eta = session_seconds / session_generations * (total - gen);
      std::fprintf(stderr,
                   "search: generation %d/%d  best %.3f  mean %.3f  valid %d  invalid %d  abandoned %d  trained %d  "
                   "elapsed %s  ETA %s\n",
                   gen, total, gs.best_fitness, gs.mean_fitness, gs.valid, gs.invalid, gs.abandoned, gs.trained,
                   format_seconds(st.elapsed_seconds).c_str(), format_seconds(eta).c_str());
    }
    if (options.stop_after_generations && gen >= *options.stop_after_generations && gen < total) {
      result.generations = st.generations;
      result.candidates = st.candidates;
      result.completed = false;
      return result;
    }
  }

  // Architecture extraction (V2 chooses among the valid solutions; test reports).
  result.completed = true;
  if (auto best = extract_best(st.candidates, scenario.mode)) {
    CandidateRecord& rec = st.candidates[*best];
    const Network net = rec.genome.decode(classes);
    if (zero_shot && trainer && !rec.trained) {
      rec.outcome = trainer->train(net, candidate_seed(scenario.seed, rec.key));
      rec.trained = true;
    }
    ExtractedSolution sol;
    sol.record = rec;
    sol.lengths = net.lengths;
    sol.channels = net.channels;
    if (scenario.mode == SearchMode::Sequential) {
      // Searched with everything on the edge; now split the winner.
      const PartitionPlan plan = solve_partition(net, model, scenario.partition_options());
      sol.partition = plan.best();
    } else {
      sol.partition = *rec.costs.chosen;
    }
    sol.energy_mj = sol.partition.objective_mj(scenario.energy_scenario);
    sol.meets_limits = sol.partition.fits_memory && sol.energy_mj <= scenario.limits.energy_mj;
    write_file_atomically(out / "best.json", solution_to_json(sol, scenario).dump(2) + "\n");
    write_table_files(solution_table(sol, scenario), (out / "table").string());
    result.best = sol;
  }
  write_file_atomically(out / "candidates.jsonl", candidates_jsonl(st.candidates));
  result.generations = st.generations;
  result.candidates = st.candidates;
  return result;
}

}  // namespace fognas
