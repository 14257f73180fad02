// Tournament selection, crossover, mutation and elitism.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "fognas/search/ga.h"

namespace fognas {
namespace {

std::vector<RankedGenome> random_population(std::mt19937_64& rng, size_t n) {
  std::uniform_real_distribution<double> fit(0, 1);
  std::uniform_int_distribution<int> cls(0, 2);
  std::vector<RankedGenome> pop;
  for (size_t i = 0; i < n; ++i) pop.push_back({Genome::random(rng), static_cast<CandidateClass>(cls(rng)), fit(rng)});
  return pop;
}

TEST(GaOperators, TournamentWinnerRanksAtLeastAsHighAsEveryEntrant) {
  std::mt19937_64 rng(21);
  for (int trial = 0; trial < 200; ++trial) {
    auto pop = random_population(rng, 10);
    std::mt19937_64 replay = rng;  // draws the same entrants independently
    const size_t winner = tournament_select(pop, 4, rng);
    std::uniform_int_distribution<size_t> pick(0, pop.size() - 1);
    bool winner_entered = false;
    for (int k = 0; k < 4; ++k) {
      const size_t e = pick(replay);
      winner_entered |= e == winner;
      EXPECT_FALSE(ranks_above(pop[e].cls, pop[e].fitness, pop[winner].cls, pop[winner].fitness));
    }
    EXPECT_TRUE(winner_entered);
  }
}

TEST(GaOperators, CrossoverSwapsOneTailPerChromosome) {
  std::mt19937_64 rng(8);
  for (int trial = 0; trial < 300; ++trial) {
    Genome a = Genome::random(rng), b = Genome::random(rng);
    Genome a2 = a, b2 = b;
    crossover(a2, b2, rng);
    auto check = [](const std::vector<int>& x, const std::vector<int>& y, const std::vector<int>& x2,
                    const std::vector<int>& y2) {
      // Some cut c in 1..M-1 such that positions < c are kept and >= c swapped.
      bool found = false;
      for (size_t c = 1; c < x.size() && !found; ++c) {
        bool ok = true;
        for (size_t i = 0; i < x.size(); ++i) {
          const bool swapped = i >= c;
          ok &= x2[i] == (swapped ? y[i] : x[i]) && y2[i] == (swapped ? x[i] : y[i]);
        }
        found = ok;
      }
      return found;
    };
    EXPECT_TRUE(check(a.lengths, b.lengths, a2.lengths, b2.lengths));
    EXPECT_TRUE(check(a.channels, b.channels, a2.channels, b2.channels));
  }
}

TEST(GaOperators, CrossoverCutsTheTwoChromosomesIndependently) {
  // Over many crossovers of parents that differ everywhere, the length and
  // channel cuts must differ at least sometimes.
  std::mt19937_64 rng(9);
  int differing = 0;
  for (int trial = 0; trial < 100; ++trial) {
    Genome a, b;
    a.lengths.assign(8, 1024);
    b.lengths.assign(8, 4);
    a.channels.assign(8, 1);
    b.channels.assign(8, 4);
    crossover(a, b, rng);
    const auto lcut = std::find(a.lengths.begin(), a.lengths.end(), 4) - a.lengths.begin();
    const auto ccut = std::find(a.channels.begin(), a.channels.end(), 4) - a.channels.begin();
    EXPECT_GE(lcut, 1);
    EXPECT_LE(lcut, 7);
    differing += lcut != ccut;
  }
  EXPECT_GT(differing, 50);
}

TEST(GaOperators, MutationRateZeroKeepsAndRateOneRedrawsFromTheGeneSets) {
  std::mt19937_64 rng(4);
  Genome g = Genome::random(rng);
  Genome same = g;
  mutate(same, 0.0, rng);
  EXPECT_EQ(same, g);
  int changed = 0, total = 0;
  for (int trial = 0; trial < 100; ++trial) {
    Genome m = g;
    mutate(m, 1.0, rng);
    for (size_t i = 0; i < m.lengths.size(); ++i) {
      EXPECT_TRUE(is_length_gene(m.lengths[i]));
      EXPECT_TRUE(is_channel_gene(m.channels[i]));
      changed += (m.lengths[i] != g.lengths[i]) + (m.channels[i] != g.channels[i]);
      total += 2;
    }
  }
  // A redraw keeps the old value with probability 1/10 (lengths) or 1/4 (channels).
  EXPECT_GT(changed, total * 6 / 10);
  EXPECT_LT(changed, total);
}

TEST(GaOperators, NextGenerationKeepsTheEliteAndTheSize) {
  std::mt19937_64 rng(12);
  auto pop = random_population(rng, 9);
  GaSettings s;
  s.population = 9;
  Genome elite = Genome::random(rng);
  auto next = next_generation(pop, elite, s, rng);
  ASSERT_EQ(next.size(), 9u);
  EXPECT_EQ(next.front(), elite);
  auto without = next_generation(pop, std::nullopt, s, rng);
  EXPECT_EQ(without.size(), 9u);
}

TEST(GaOperators, SameSeedSameNextGeneration) {
  std::mt19937_64 a(77), b(77);
  auto pop_a = random_population(a, 8);
  auto pop_b = random_population(b, 8);
  GaSettings s;
  EXPECT_EQ(next_generation(pop_a, std::nullopt, s, a), next_generation(pop_b, std::nullopt, s, b));
}

}  // namespace
}  // namespace fognas
