#include "fognas/search/distributed_training.h"
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
#include "fognas/common/interrupt.h"
#include "fognas/common/json_strict.h"
#include "fognas/search/search_io.h"
#include "fognas/search/successive_halving.h"

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

// How a run writes its candidates: with their epochs when successive halving
// may give them fewer than training.epochs (otherwise every one had those, and
// the files read as before the option existed).
struct CandidateFormat {
  bool with_epochs = false;
  int full_epochs = 0;  // what a record without epochs was trained for
};

std::string checkpoint_text(const SearchState& st, const std::string& fingerprint, CandidateFormat format) {
  json j{{"version", 1},
         {"fingerprint", fingerprint},
         {"completed_generations", st.completed_generations},
         {"rng_state", st.rng_state}};
  j["population"] = json::array();
  for (const auto& g : st.population) j["population"].push_back(genome_to_json(g));
  j["candidates"] = json::array();
  for (const auto& c : st.candidates) j["candidates"].push_back(candidate_to_json(c, format.with_epochs));
  j["generations"] = json::array();
  for (const auto& g : st.generations) j["generations"].push_back(generation_to_json(g));
  j["elite"] = st.elite ? json(*st.elite) : json(nullptr);
  return j.dump() + "\n";
}

SearchState load_checkpoint(const fs::path& path, const std::string& fingerprint, CandidateFormat format) {
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
    for (const auto& g : j.at("population")) st.population.push_back(genome_from_json(g));
    for (const auto& c : j.at("candidates")) st.candidates.push_back(candidate_from_json(c, format.full_epochs));
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

std::string candidates_jsonl(const std::vector<CandidateRecord>& candidates, CandidateFormat format) {
  std::string out;
  for (const auto& c : candidates) out += candidate_to_json(c, format.with_epochs).dump() + "\n";
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
                       const CandidateTrainer& trainer, int classes, uint64_t run_seed, int epochs, int jobs) {
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
        rec.record_training(trainer.train(rec.genome.decode(classes), candidate_seed(run_seed, rec.key), epochs));
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

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// One generation's members (indices into the candidates) and how many of them
// were trained for the first time.
struct EvaluatedGeneration {
  std::vector<size_t> members;
  int trained = 0;
};

// One call of run_search: its inputs, the search state (what the checkpoint
// holds) and this run's wall-clock figures, which stay in memory, on stderr and
// in timing.json.
class SearchRun {
 public:
  SearchRun(const SearchScenario& scenario, const DeviceModel& model, const CandidateTrainer* trainer, int classes,
            const SearchRunOptions& options)
      : scenario_(scenario), model_(model), trainer_(trainer), classes_(classes), options_(options),
        zero_shot_(is_zero_shot(scenario.mode)), out_(options.out_dir), checkpoint_path_(out_ / "checkpoint.json"),
        fingerprint_(checkpoint_fingerprint(scenario, classes)),
        format_{scenario.halving.enabled, scenario.training.epochs}, rng_(scenario.seed) {}

  SearchResult run() {
    check_inputs();
    start_t_ = std::chrono::steady_clock::now();
    fs::create_directories(out_);
    if (options_.resume)
      resume();
    else
      start();
    while (st_.completed_generations < scenario_.ga.generations) {
      run_generation();
      const int gen = st_.completed_generations;
      if (options_.stop_after_generations && gen >= *options_.stop_after_generations &&
          gen < scenario_.ga.generations)
        return result(false);
    }
    std::optional<ExtractedSolution> best = extract_solution();
    write_file_atomically(out_ / "candidates.jsonl", candidates_jsonl(st_.candidates, format_));
    if (timed_anything_) write_timing();
    print_summary();
    SearchResult r = result(true);
    r.best = std::move(best);
    return r;
  }

 private:
  void check_inputs() const {
    if (!trainer_ && !zero_shot_) throw std::invalid_argument("run_search: training modes need a trainer");
    if (classes_ < 2)
      throw InputError(scenario_.file, fmt::format("the data set has {} classes; at least 2 are needed", classes_));
    // Every architecture keeps the 2048-sample float input in RAM (RAM(P=1)), so a
    // smaller RAM limit rules out the whole search space before anything runs.
    const double ram_limit_kb = scenario_.limits.ram_kb.value_or(model_.mcu.ram_kb);
    const double min_ram_kb = kBytesPerValue * kInputLength * kInputChannels / kBytesPerKb;
    if (ram_limit_kb < min_ram_kb)
      throw InputError(fmt::format("{}: key 'limits.ram_kb'", scenario_.file),
                       fmt::format("{} KB cannot hold the {} KB input of any architecture", ram_limit_kb, min_ram_kb));
  }

  // A fresh run: the random initial population.
  void start() {
    for (int i = 0; i < scenario_.ga.population; ++i)
      st_.population.push_back(Genome::random(rng_, scenario_.ga.genes));
  }

  // --resume: the state and the RNG from the checkpoint. The seconds of the
  // generations run before are not in it, so timing.json is left alone until
  // this run has timed something of its own.
  void resume() {
    st_ = load_checkpoint(checkpoint_path_, fingerprint_, format_);
    std::istringstream in(st_.rng_state);
    in >> rng_;
    if (!in) throw InputError(checkpoint_path_.string(), "corrupt checkpoint: unreadable RNG state");
    // A finished run has no next population; resuming it only rewrites its reports.
    if (st_.population.empty() && st_.completed_generations < scenario_.ga.generations)
      throw InputError(checkpoint_path_.string(), "corrupt checkpoint: empty population");
    for (size_t i = 0; i < st_.candidates.size(); ++i) index_.emplace(st_.candidates[i].key, i);
    resumed_after_ = st_.completed_generations;
    // In today's format, even when no generation is left to run.
    write_file_atomically(out_ / "generations.csv", generations_csv(st_.generations));
  }

  void run_generation() {
    const auto t0 = std::chrono::steady_clock::now();
    const int gen = st_.completed_generations + 1;
    const EvaluatedGeneration evaluated = evaluate_generation(gen);
    std::vector<RankedGenome> ranked;
    GenerationStats gs = score_generation(gen, evaluated, ranked);
    breed_next_generation(gen, ranked);
    gs.seconds = seconds_since(t0);
    record_generation(gs);
    print_progress(gs);
  }

  // Costs for every network not seen before; training only for those that fit
  // memory (all of them fully, or by successive halving over the generation's
  // trainable members, cached ones included). Identical decoded networks share
  // one record.
  EvaluatedGeneration evaluate_generation(int gen) {
    EvaluatedGeneration e;
    std::vector<size_t> to_train, trainable;
    for (const Genome& g : st_.population) {
      const std::string key = g.key();
      auto it = index_.find(key);
      if (it == index_.end()) {
        CandidateRecord rec;
        rec.genome = g;
        rec.key = key;
        rec.generation = gen;
        const Network net = g.decode(classes_);
        rec.costs = evaluate_costs(net, model_, scenario_);
        if (zero_shot_) rec.zero_shot_score = zero_shot_score(net, scenario_.mode);
        it = index_.emplace(key, st_.candidates.size()).first;
        if (rec.costs.cls != CandidateClass::Abandoned && !zero_shot_) to_train.push_back(st_.candidates.size());
        st_.candidates.push_back(std::move(rec));
      }
      e.members.push_back(it->second);
      if (st_.candidates[it->second].costs.cls != CandidateClass::Abandoned) trainable.push_back(it->second);
    }
    const int full = scenario_.training.epochs;
    if (zero_shot_ || !scenario_.halving.enabled)
      train(to_train, full);
    else
      successive_halving(st_.candidates, trainable, scenario_.halving, full,
                         [this](const std::vector<size_t>& which, int epochs) { train(which, epochs); });
    e.trained = static_cast<int>(to_train.size());
    return e;
  }

  // Trains the candidates afresh for `epochs` epochs, on the MPI ranks or the
  // thread pool.
  void train(const std::vector<size_t>& which, int epochs) {
    if (which.empty()) return;
    if (training_is_distributed())
      train_on_ranks(st_.candidates, which, *trainer_, classes_, scenario_.seed, epochs);
    else
      train_in_parallel(st_.candidates, which, *trainer_, classes_, scenario_.seed, epochs, options_.jobs);
  }

  // Constraint check and fitness over the generation's members: the counts and
  // fitness of the generation, the members ranked for selection, and the elite.
  GenerationStats score_generation(int gen, const EvaluatedGeneration& e, std::vector<RankedGenome>& ranked) {
    const double chance = zero_shot_ ? 0.0 : 1.0 / classes_;
    std::vector<FitnessInput> inputs;
    for (size_t m : e.members) {
      const auto& c = st_.candidates[m];
      inputs.push_back({c.costs.cls, c.accuracy_for_fitness(), c.costs.energy_mj});
    }
    const std::vector<double> fitness = adjusted_fitness(inputs, scenario_.limits.energy_mj, chance);
    GenerationStats gs;
    gs.generation = gen;
    gs.trained = e.trained;
    gs.best_fitness = kAbandonedFitness;
    double sum = 0;
    int counted = 0;
    for (size_t i = 0; i < e.members.size(); ++i) {
      const auto& c = st_.candidates[e.members[i]];
      ranked.push_back({st_.population[i], c.costs.cls, fitness[i]});
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
      if (c.costs.cls == CandidateClass::Valid && (!st_.elite || elite_before(c, st_.candidates[*st_.elite])))
        st_.elite = e.members[i];
    }
    gs.mean_fitness = counted ? sum / counted : kAbandonedFitness;
    return gs;
  }

  // Selection, crossover, mutation and elitism (none after the last
  // generation); the RNG state goes into the checkpoint.
  void breed_next_generation(int gen, const std::vector<RankedGenome>& ranked) {
    if (gen < scenario_.ga.generations) {
      std::optional<Genome> elite;
      if (st_.elite) elite = st_.candidates[*st_.elite].genome;
      st_.population = next_generation(ranked, elite, scenario_.ga, rng_);
    } else {
      st_.population.clear();
    }
    std::ostringstream rng_out;
    rng_out << rng_;
    st_.rng_state = rng_out.str();
  }

  // The generation joins the state; the reports and the checkpoint are
  // rewritten atomically, so a killed run resumes from here.
  void record_generation(const GenerationStats& gs) {
    st_.generations.push_back(gs);
    st_.completed_generations = gs.generation;
    session_seconds_ += gs.seconds;
    ++session_generations_;
    timed_anything_ = true;
    write_file_atomically(out_ / "generations.csv", generations_csv(st_.generations));
    write_timing();
    write_file_atomically(out_ / "candidates.jsonl", candidates_jsonl(st_.candidates, format_));
    write_file_atomically(checkpoint_path_, checkpoint_text(st_, fingerprint_, format_));
    test_hold_point("search-checkpoint");
  }

  // Architecture extraction: V2 chooses among the valid solutions (zero-shot:
  // the proxy, the winner trained now if a trainer is given); the test set
  // reports. Writes best.json and the table.
  std::optional<ExtractedSolution> extract_solution() {
    const auto best = extract_best(st_.candidates, scenario_.mode, scenario_.training.epochs);
    if (!best) return std::nullopt;
    CandidateRecord& rec = st_.candidates[*best];
    const Network net = rec.genome.decode(classes_);
    if (zero_shot_ && trainer_ && !rec.trained) {
      rec.record_training(trainer_->train(net, candidate_seed(scenario_.seed, rec.key)));
      timed_anything_ = true;
    }
    ExtractedSolution sol;
    sol.record = rec;
    sol.lengths = net.lengths;
    sol.channels = net.channels;
    // Sequential: searched with everything on the edge; now split the winner.
    sol.partition = scenario_.mode == SearchMode::Sequential
                        ? solve_partition(net, model_, scenario_.partition_options()).best()
                        : *rec.costs.chosen;
    sol.energy_mj = sol.partition.objective_mj(scenario_.energy_scenario);
    sol.meets_limits = sol.partition.fits_memory && sol.energy_mj <= scenario_.limits.energy_mj;
    nlohmann::json best_json = solution_to_json(sol, scenario_);
    if (!options_.baselines.empty()) best_json["baselines"] = baselines_json(options_.baselines, options_.class_names);
    write_file_atomically(out_ / "best.json", best_json.dump(2) + "\n");
    write_table_files(solution_table(sol, scenario_), (out_ / "table").string());
    return sol;
  }

  void write_timing() const {
    write_file_atomically(out_ / "timing.json",
                          search_timing_json(st_.generations, st_.candidates, resumed_after_).dump(2) + "\n");
  }

  void print_progress(const GenerationStats& gs) const {
    if (!options_.progress) return;
    const int total = scenario_.ga.generations;
    const double eta = session_seconds_ / session_generations_ * (total - gs.generation);
    std::fprintf(stderr,
                 "search: generation %d/%d  best %.3f  mean %.3f  valid %d  invalid %d  abandoned %d  trained %d  "
                 "elapsed %s  ETA %s\n",
                 gs.generation, total, gs.best_fitness, gs.mean_fitness, gs.valid, gs.invalid, gs.abandoned,
                 gs.trained, format_seconds(seconds_since(start_t_)).c_str(), format_seconds(eta).c_str());
  }

  void print_summary() const {
    if (!options_.progress) return;
    const nlohmann::json timing = search_timing_json(st_.generations, st_.candidates, resumed_after_);
    const auto& trained_now = timing.at("candidates");
    double train_seconds = 0;
    for (const auto& c : trained_now) train_seconds += c.at("train_seconds").get<double>();
    const int trained = static_cast<int>(trained_now.size());
    const std::string resumed =
        resumed_after_ ? fmt::format(" (resumed after generation {})", resumed_after_) : std::string();
    std::fprintf(stderr,
                 "search: done in %s%s: %d generations run, %d networks trained (%s of training, summed over them)\n",
                 format_seconds(seconds_since(start_t_)).c_str(), resumed.c_str(), session_generations_, trained,
                 format_seconds(train_seconds).c_str());
  }

  SearchResult result(bool completed) const {
    SearchResult r;
    r.generations = st_.generations;
    r.candidates = st_.candidates;
    r.completed = completed;
    r.resumed_after_generation = resumed_after_;
    return r;
  }

  const SearchScenario& scenario_;
  const DeviceModel& model_;
  const CandidateTrainer* trainer_;
  const int classes_;
  const SearchRunOptions& options_;
  const bool zero_shot_;
  const fs::path out_, checkpoint_path_;
  const std::string fingerprint_;
  const CandidateFormat format_;

  SearchState st_;
  std::mt19937_64 rng_;
  std::unordered_map<std::string, size_t> index_;  // candidate key -> index into st_.candidates

  int resumed_after_ = 0;
  std::chrono::steady_clock::time_point start_t_;
  double session_seconds_ = 0;
  int session_generations_ = 0;
  bool timed_anything_ = false;  // this run ran a generation or trained the winner
};

}  // namespace

void set_worker_start_limit_for_testing(int limit) { g_worker_start_limit.store(limit < 0 ? -1 : limit); }

std::optional<size_t> extract_best(const std::vector<CandidateRecord>& candidates, SearchMode mode,
                                   int full_epochs) {
  std::optional<size_t> best;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const auto& c = candidates[i];
    if (c.costs.cls != CandidateClass::Valid) continue;
    if (!is_zero_shot(mode) && (!c.trained || c.outcome.epochs < full_epochs)) continue;
    if (!best || extracted_before(c, candidates[*best], mode)) best = i;
  }
  return best;
}

SearchResult run_search(const SearchScenario& scenario, const DeviceModel& model, const CandidateTrainer* trainer,
                        int classes, const SearchRunOptions& options) {
  return SearchRun(scenario, model, trainer, classes, options).run();
}

}  // namespace fognas
