// Every shipped scenario runs under every command that can use it (with short
// overrides so the suite stays fast), and a command that cannot use one says
// what is missing.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "fognas/testing/run_fognas.h"
#include "fognas/testing/shared_data.h"

namespace fognas {
namespace {

namespace fs = std::filesystem;
using testing::run_fognas;

const std::string kSource = FOGNAS_SOURCE_DIR;

struct Use {
  std::string scenario;
  std::string command;
  std::string missing;  // empty: the command can use it
};

const std::vector<Use> kUses = {
    {"paper-table3", "evaluate", ""},
    {"paper-table3", "simulate", ""},
    {"paper-table3", "search", "search needs a 'data' section"},
    {"validate-table4", "evaluate", ""},
    {"validate-table4", "simulate", ""},
    {"validate-table4", "search", "search needs a 'data' section"},
    {"seizure-edge-fleet", "evaluate", ""},
    {"seizure-edge-fleet", "simulate", ""},
    {"seizure-edge", "search", ""},
    {"seizure-edge", "evaluate", "evaluate needs 'architectures'"},
    {"seizure-edge", "simulate", "simulate needs 'architectures'"},
    {"arrhythmia-total", "search", ""},
    {"arrhythmia-total", "simulate", "simulate needs 'architectures'"},
    {"arrhythmia-total", "sweep", "has no sweep: section"},
    {"paper-sweep", "sweep", ""},
    {"paper-sweep", "evaluate", ""},
    {"paper-sweep", "simulate", ""},
    {"demo-study", "study", ""},
    {"demo-study", "evaluate", ""},
    {"demo-study", "search", "runs at one fog efficiency factor"},
    {"paper-table3", "study", ""},
    {"paper-table5", "evaluate", ""},
    {"validate-splits", "validate-splits", ""},
    {"validate-splits", "sweep", ""},
    {"ward", "evaluate", ""},
    {"ward", "simulate", ""},
    {"room", "validate-splits", ""},
    {"room", "simulate", ""},
    {"coin-cell", "evaluate", ""},
    {"coin-cell", "simulate", ""},
    {"coded-range", "evaluate", ""},
    {"coded-range", "simulate", ""},
    {"phone-central", "evaluate", ""},
    {"phone-central", "simulate", ""},
    {"fleet-1000", "evaluate", ""},
    {"fleet-1000", "simulate", ""},
    // Its simulation (10 000 wearables) is bench/fleet_scale.sh's; tests/sim
    // simulates a small buildings layout.
    {"hospital-10k", "evaluate", ""},
    {"bonn-seizure", "search", ""},  // without the recordings: says where it looked (below)
    {"bonn-seizure", "evaluate", "evaluate needs 'architectures'"},
};

// Scenarios that read recordings not shipped with the project.
bool recordings_absent(const std::string& scenario) {
  return scenario == "bonn-seizure" && !fs::is_directory(testing::shared_data_dir() / "bonn-eeg");
}

// Short runs: a few simulated windows, a tiny search.
std::string shortened(const std::string& command, bool searches) {
  if (command == "simulate") return " --quiet --duration-s 8";
  if (command == "validate-splits") return " --quiet --set duration_s=8 --set factors=[2]";
  if (command == "sweep") return " --quiet --jobs 2 --set duration_s=8 --set factors=[2]";
  if (command == "study" && !searches) return " --quiet --set duration_s=8";
  if (command == "study")
    return " --quiet --jobs 2 --set search.population=2 --set search.generations=1 --set training.epochs=1"
           " --set data.examples_per_class=20 --set limits.energy_mj=100 --set duration_s=8";
  if (command == "search")
    return " --jobs 2 --set search.population=2 --set search.generations=1 --set training.epochs=1"
           " --set data.examples_per_class=20 --set limits.energy_mj=100";
  return "";
}

class ShippedScenario : public ::testing::TestWithParam<Use> {};

TEST_P(ShippedScenario, RunsOrSaysWhatIsMissing) {
  const Use& u = GetParam();
  const fs::path out = fs::temp_directory_path() / ("fognas-shipped-" + u.scenario + "-" + u.command);
  fs::remove_all(out);
  const auto r = run_fognas(u.command + " " + kSource + "/scenarios/" + u.scenario + ".yaml --out " + out.string() +
                            (u.missing.empty() ? shortened(u.command, u.scenario != "paper-table3") : std::string()));
  if (u.missing.empty() && recordings_absent(u.scenario)) {
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("key 'data.dataset': no data at"), std::string::npos) << r.err;
  } else if (u.missing.empty()) {
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(fs::exists(out / "manifest.json")) << r.err;
  } else {
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find(u.missing), std::string::npos) << r.err;
  }
  fs::remove_all(out);
}

INSTANTIATE_TEST_SUITE_P(AllCommands, ShippedScenario, ::testing::ValuesIn(kUses),
                         [](const ::testing::TestParamInfo<Use>& info) {
                           std::string name = info.param.scenario + "_" + info.param.command;
                           for (char& c : name)
                             if (c == '-') c = '_';
                           return name;
                         });

TEST(ShippedScenarios, EveryShippedFileIsCovered) {
  for (const auto& entry : fs::directory_iterator(kSource + "/scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    bool covered = false;
    for (const Use& u : kUses) covered = covered || u.scenario == entry.path().stem().string();
    EXPECT_TRUE(covered) << entry.path() << " is not exercised by any command";
  }
}

}  // namespace
}  // namespace fognas
