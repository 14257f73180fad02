// Strict reading of search scenarios, and the shipped ones.
#include <gtest/gtest.h>

#include "fognas/common/error.h"
#include "fognas/search/search_scenario.h"

namespace fognas {
namespace {

const char* kBase = R"(name: t
data: {dataset: synthetic-ecg}
search: {population: 6, generations: 2}
limits: {energy_mj: 0.5}
energy: {scenario: total}
factors: [2]
)";

TEST(GaScenario, ReadsSettingsAndDefaults) {
  SearchScenario s = parse_search_scenario(kBase, "t.yaml");
  EXPECT_EQ(s.dataset, "synthetic-ecg");
  EXPECT_EQ(s.ga.population, 6);
  EXPECT_EQ(s.ga.generations, 2);
  EXPECT_EQ(s.ga.genes, kDefaultGenomeLayers);
  EXPECT_EQ(s.energy_scenario, EnergyScenario::Total);
  EXPECT_EQ(*s.efficiency_factor, 2.0);
  EXPECT_EQ(s.mode, SearchMode::Joint);
  EXPECT_FALSE(s.limits.flash_kb);
}

TEST(GaScenario, UnknownKeysAreErrorsNamingFileLineAndKey) {
  try {
    parse_search_scenario(std::string(kBase) + "training: {epochs: 2, epoch: 3}\n", "t.yaml");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("t.yaml:7"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("training.epoch"), std::string::npos) << e.what();
  }
  EXPECT_THROW(parse_search_scenario(std::string(kBase) + "populaton: 3\n", "t.yaml"), InputError);
}

TEST(GaScenario, BadValuesNameTheirKey) {
  auto message = [](const std::string& text) {
    try {
      parse_search_scenario(text, "t.yaml");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  std::string base = kBase;
  EXPECT_NE(message(base + "mode: greedy\n").find("mode"), std::string::npos);
  std::string bad_rate = "name: t\ndata: {dataset: x}\nsearch: {population: 6, generations: 2, mutation_rate: 1.5}\n"
                         "limits: {energy_mj: 0.5}\nenergy: {scenario: edge}\n";
  EXPECT_NE(message(bad_rate).find("search.mutation_rate"), std::string::npos);
  std::string bad_energy = "name: t\ndata: {dataset: x}\nsearch: {population: 6, generations: 2}\n"
                           "limits: {energy_mj: -1}\nenergy: {scenario: edge}\n";
  EXPECT_NE(message(bad_energy).find("limits.energy_mj"), std::string::npos);
}

TEST(GaScenario, ShippedScenariosLoad) {
  for (const char* f : {"scenarios/seizure-edge.yaml", "scenarios/arrhythmia-total.yaml"}) {
    SearchScenario s = load_search_scenario(std::string(FOGNAS_SOURCE_DIR) + "/" + f);
    EXPECT_FALSE(s.name.empty());
    EXPECT_GT(s.limits.energy_mj, 0);
  }
}

}  // namespace
}  // namespace fognas
