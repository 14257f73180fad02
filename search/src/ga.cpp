#include "fognas/search/ga.h"

#include <stdexcept>

namespace fognas {

size_t tournament_select(const std::vector<RankedGenome>& population, int size, std::mt19937_64& rng) {
  if (population.empty()) throw std::invalid_argument("tournament over an empty population");
  if (size < 1) throw std::invalid_argument("tournament size must be >= 1");
  std::uniform_int_distribution<size_t> pick(0, population.size() - 1);
  size_t best = pick(rng);
  for (int i = 1; i < size; ++i) {
    size_t c = pick(rng);
    const auto& a = population[c];
    const auto& b = population[best];
    if (ranks_above(a.cls, a.fitness, b.cls, b.fitness)) best = c;
  }
  return best;
}

namespace {

void swap_tail(std::vector<int>& a, std::vector<int>& b, std::mt19937_64& rng) {
  if (a.size() != b.size()) throw std::invalid_argument("crossover of chromosomes of different lengths");
  if (a.size() < 2) return;  // no cut leaves something on both sides
  std::uniform_int_distribution<size_t> cut_at(1, a.size() - 1);
  for (size_t i = cut_at(rng); i < a.size(); ++i) std::swap(a[i], b[i]);
}

}  // namespace

void crossover(Genome& a, Genome& b, std::mt19937_64& rng) {
  swap_tail(a.lengths, b.lengths, rng);
  swap_tail(a.channels, b.channels, rng);
}

void mutate(Genome& g, double rate, std::mt19937_64& rng) {
  std::bernoulli_distribution hit(rate);
  std::uniform_int_distribution<size_t> pick_l(0, kLengthGenes.size() - 1), pick_c(0, kChannelGenes.size() - 1);
  for (int& l : g.lengths)
    if (hit(rng)) l = kLengthGenes[pick_l(rng)];
  for (int& c : g.channels)
    if (hit(rng)) c = kChannelGenes[pick_c(rng)];
}

std::vector<Genome> next_generation(const std::vector<RankedGenome>& population, const std::optional<Genome>& elite,
                                    const GaSettings& settings, std::mt19937_64& rng) {
  const size_t target = static_cast<size_t>(settings.population);
  std::vector<Genome> next;
  next.reserve(target + 1);
  if (elite) next.push_back(*elite);
  std::bernoulli_distribution cross(settings.crossover_rate);
  while (next.size() < target) {
    Genome a = population[tournament_select(population, settings.tournament_size, rng)].genome;
    Genome b = population[tournament_select(population, settings.tournament_size, rng)].genome;
    if (cross(rng)) crossover(a, b, rng);
    mutate(a, settings.mutation_rate, rng);
    mutate(b, settings.mutation_rate, rng);
    next.push_back(std::move(a));
    if (next.size() < target) next.push_back(std::move(b));
  }
  return next;
}

}  // namespace fognas
