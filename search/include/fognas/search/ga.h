#pragma once
// Genetic operators of the search (paper section III-B): tournament selection,
// crossover per chromosome (exchange the tail below a random cut), mutation per
// gene (redraw from its gene set) and elitism. They work on genomes and fitness
// values only; evaluation is the search loop's business.
#include <optional>
#include <random>
#include <vector>

#include "fognas/search/fitness.h"
#include "fognas/search/genome.h"

namespace fognas {

struct GaSettings {
  int population = 8;
  int generations = 5;
  int genes = kDefaultGenomeLayers;
  int tournament_size = 3;
  double crossover_rate = 0.9;  // probability that a pair of parents is crossed
  double mutation_rate = 0.1;   // probability that one gene is redrawn
};

struct RankedGenome {
  Genome genome;
  CandidateClass cls = CandidateClass::Abandoned;
  double fitness = kAbandonedFitness;
};

// Index of the winner of one tournament of `size` entrants drawn with
// replacement; the entrant that ranks highest wins (first drawn on ties).
size_t tournament_select(const std::vector<RankedGenome>& population, int size, std::mt19937_64& rng);

// Crosses both chromosomes independently: each gets a cut in 1..M-1 and the two
// children swap the genes from the cut to the end.
void crossover(Genome& a, Genome& b, std::mt19937_64& rng);

// Redraws each gene with probability `rate` from its gene set (possibly drawing
// the same value again, as a plain redraw does).
void mutate(Genome& g, double rate, std::mt19937_64& rng);

// The next population: the elite (best valid solution so far, if any) first,
// then children of tournament winners after crossover and mutation.
std::vector<Genome> next_generation(const std::vector<RankedGenome>& population, const std::optional<Genome>& elite,
                                    const GaSettings& settings, std::mt19937_64& rng);

}  // namespace fognas
