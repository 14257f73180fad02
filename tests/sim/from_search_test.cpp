// A simulation scenario can take its network from a search's best.json.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "fognas/common/error.h"
#include "fognas/sim/scenario.h"

namespace {
namespace fs = std::filesystem;

fs::path write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
  return path;
}

std::string scenario_using(const fs::path& best) {
  return "name: s\ndevices: {mcu: stm32l476rg, radio: nrf52832-1m, fog: fog-paper}\n"
         "architectures:\n  - name: found\n    from_search: " + best.string() + "\n";
}

TEST(ScenarioFromSearch, TakesTheNetworkAndPartitionPointOfBestJson) {
  const fs::path dir = fs::temp_directory_path() / "fognas-from-search";
  const fs::path best = write(dir / "best.json",
                              R"({"lengths": [2048, 128, 8, 64, 2], "channels": [1, 1, 4, 2, 1], "partition_point": 3,
                                  "v2_accuracy": 0.8})");
  const auto spec = fognas::sim::load_scenario(write(dir / "s.yaml", scenario_using(best)).string());
  ASSERT_EQ(spec.architectures.size(), 1u);
  const auto& a = spec.architectures[0];
  EXPECT_EQ(a.name, "found");
  EXPECT_EQ(a.lengths, (std::vector<int>{2048, 128, 8, 64, 2}));
  EXPECT_EQ(a.channels, (std::vector<int>{1, 1, 4, 2, 1}));
  ASSERT_TRUE(a.partition_point.has_value());
  EXPECT_EQ(*a.partition_point, 3);
  fs::remove_all(dir);
}

TEST(ScenarioFromSearch, MissingOrForeignFilesAreNamed) {
  const fs::path dir = fs::temp_directory_path() / "fognas-from-search-bad";
  const fs::path missing = dir / "nothing.json";
  const fs::path foreign = write(dir / "other.json", R"({"lengths": [2048, 2]})");
  for (const auto& [best, needle] : {std::pair{missing, std::string("no such search result")},
                                     std::pair{foreign, foreign.string() + ": not a search result"}}) {
    try {
      fognas::sim::load_scenario(write(dir / "s.yaml", scenario_using(best)).string());
      ADD_FAILURE() << "expected an error for " << best;
    } catch (const fognas::InputError& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
  }
  fs::remove_all(dir);
}

}  // namespace
