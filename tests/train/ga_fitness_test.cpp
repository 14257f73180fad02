// The constraint check's adjusted fitness: exact values and ordering properties.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "fognas/search/fitness.h"

namespace fognas {
namespace {

TEST(GaFitness, AdjustedFitnessFollowsTheFormula) {
  // Valid: 0.9 and 0.8 (P_min = 0.8); invalid at 0.3 and 0.5 mJ (E_max = 0.5);
  // limit 0.1 mJ; chance 0.5. P_adj = 0.8 - (0.8 - 0.5) / (0.5 - 0.1) * (E - 0.1).
  std::vector<FitnessInput> in = {{CandidateClass::Valid, 0.9, 0.05},
                                  {CandidateClass::Invalid, 0.95, 0.3},
                                  {CandidateClass::Valid, 0.8, 0.1},
                                  {CandidateClass::Invalid, 0.99, 0.5},
                                  {CandidateClass::Abandoned, 0, 0}};
  auto f = adjusted_fitness(in, 0.1, 0.5);
  ASSERT_EQ(f.size(), 5u);
  EXPECT_DOUBLE_EQ(f[0], 0.9);
  EXPECT_DOUBLE_EQ(f[1], 0.8 - 0.3 / 0.4 * 0.2);  // 0.65
  EXPECT_DOUBLE_EQ(f[2], 0.8);
  EXPECT_DOUBLE_EQ(f[3], 0.5);  // the most energy-hungry invalid one sits at chance
  EXPECT_DOUBLE_EQ(f[4], kAbandonedFitness);
}

TEST(GaFitness, InvalidRankBelowValidAndLowerWithMoreEnergyForRandomPopulations) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> acc(0.3, 1.0), energy(0.0, 2.0);
  std::uniform_int_distribution<int> cls(0, 2);
  for (int trial = 0; trial < 300; ++trial) {
    const double limit = 0.5, chance = 0.25;
    std::vector<FitnessInput> in;
    for (int i = 0; i < 12; ++i) {
      FitnessInput c;
      c.cls = static_cast<CandidateClass>(cls(rng));
      c.accuracy = acc(rng);
      c.energy_mj = c.cls == CandidateClass::Valid ? limit * energy(rng) / 2.0 : limit + 0.01 + energy(rng);
      in.push_back(c);
    }
    auto f = adjusted_fitness(in, limit, chance);
    double min_valid = 2;
    bool any_valid = false;
    for (const auto& c : in)
      if (c.cls == CandidateClass::Valid) {
        min_valid = std::min(min_valid, c.accuracy);
        any_valid = true;
      }
    const double floor = any_valid ? std::min(chance, min_valid) : chance;
    for (size_t i = 0; i < in.size(); ++i) {
      if (in[i].cls == CandidateClass::Valid) {
        EXPECT_DOUBLE_EQ(f[i], in[i].accuracy);
      } else if (in[i].cls == CandidateClass::Invalid) {
        EXPECT_GE(f[i], floor - 1e-12);
        if (any_valid) {
          EXPECT_LT(f[i], min_valid) << "an invalid candidate must rank below every valid one";
        }
      } else {
        EXPECT_DOUBLE_EQ(f[i], kAbandonedFitness);
      }
    }
    for (size_t i = 0; i < in.size(); ++i)
      for (size_t j = 0; j < in.size(); ++j)
        if (in[i].cls == CandidateClass::Invalid && in[j].cls == CandidateClass::Invalid &&
            in[i].energy_mj > in[j].energy_mj) {
          EXPECT_LT(f[i], f[j]) << "more energy must mean lower fitness";
        }
  }
}

TEST(GaFitness, WithoutValidCandidatesInvalidOnesStillRankByEnergy) {
  std::vector<FitnessInput> in = {{CandidateClass::Invalid, 0.9, 1.0}, {CandidateClass::Invalid, 0.6, 3.0},
                                  {CandidateClass::Invalid, 0.7, 2.0}};
  auto f = adjusted_fitness(in, 0.5, 0.5);
  EXPECT_DOUBLE_EQ(f[1], 0.5);                        // E_max -> P_bound
  EXPECT_DOUBLE_EQ(f[0], 1.0 - 0.5 / 2.5 * 0.5);      // P_min taken as 1
  EXPECT_GT(f[0], f[2]);
  EXPECT_GT(f[2], f[1]);
}

TEST(GaFitness, ValidAtChanceStillRanksAboveInvalidByClass) {
  std::vector<FitnessInput> in = {{CandidateClass::Valid, 0.4, 0.1}, {CandidateClass::Invalid, 0.9, 0.7}};
  auto f = adjusted_fitness(in, 0.5, 0.5);
  EXPECT_LE(f[1], f[0]);
  EXPECT_TRUE(ranks_above(CandidateClass::Valid, f[0], CandidateClass::Invalid, f[1]));
  EXPECT_FALSE(ranks_above(CandidateClass::Invalid, 0.99, CandidateClass::Valid, 0.1));
  EXPECT_TRUE(ranks_above(CandidateClass::Invalid, -0.5, CandidateClass::Abandoned, kAbandonedFitness));
}

}  // namespace
}  // namespace fognas
