// Strict reading of search scenarios, and the shipped ones.
#include <gtest/gtest.h>

#include <tuple>
#include <vector>

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

TEST(GaScenario, SuccessiveHalvingIsOffByDefaultAndReadWithItsChecks) {
  EXPECT_FALSE(parse_search_scenario(kBase, "t.yaml").halving.enabled);
  const std::string base = std::string(kBase) + "training: {epochs: 9}\n";
  const SearchScenario on = parse_search_scenario(
      base, "t.yaml", {"search.successive_halving.enabled=true", "search.successive_halving.eta=2",
                     "search.successive_halving.min_epochs=3"});
  EXPECT_TRUE(on.halving.enabled);
  EXPECT_EQ(on.halving.eta, 2);
  EXPECT_EQ(on.halving.min_epochs, 3);
  // Settings that change the training are part of what a checkpoint must match.
  EXPECT_NE(on.fingerprint(), parse_search_scenario(base, "t.yaml").fingerprint());
  // Bad values: one line naming the file, line and key.
  const std::string halving_line = "search: {population: 6, generations: 2, successive_halving: ";
  const std::string rest = "limits: {energy_mj: 0.5}\nenergy: {scenario: edge}\ntraining: {epochs: 4}\n";
  for (const auto& [value, key, says] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"{eta: 1}", "search.successive_halving.eta", "between 2 and"},
           {"{min_epochs: 0}", "search.successive_halving.min_epochs", "between 1 and"},
           {"{min_epochs: 5}", "search.successive_halving.min_epochs", "training.epochs (4)"},
           {"{enabled: maybe}", "search.successive_halving.enabled", ""},
           {"{etta: 3}", "search.successive_halving.etta", ""}}) {
    try {
      parse_search_scenario("name: t\ndata: {dataset: x}\n" + halving_line + value + "}\n" + rest, "t.yaml");
      ADD_FAILURE() << value << " accepted";
    } catch (const InputError& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find("t.yaml:3"), std::string::npos) << what;
      EXPECT_NE(what.find(key), std::string::npos) << what;
      EXPECT_NE(what.find(says), std::string::npos) << what;
    }
  }
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
