// `fognas simulate` through the built binary: reports on success, one clear
// line and a non-zero exit on bad input.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "fognas/testing/run_fognas.h"

#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {
namespace fs = std::filesystem;

using fognas::testing::slurp;

class SimulateCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("fognas-sim-cli-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return dir_ / name;
  }
  fognas::testing::RunResult Simulate(const std::string& args) { return fognas::testing::run_fognas("simulate " + args); }
  // A small valid scenario with `extra` lines appended or `radio` as profile.
  fs::path Scenario(const std::string& radio = "nrf52832-1m", const std::string& extra = "",
                    const std::string& partition = "3") {
    return Write("scenario.yaml", "name: cli-test\n"
                                  "devices:\n  mcu: stm32l476rg\n  radio: " + radio + "\n  fog: fog-paper\n"
                                  "factors: [10]\n"
                                  "architectures:\n"
                                  "  - name: SD-1\n    lengths: [2048, 128, 8, 64, 2]\n    channels: [1, 1, 4, 2, 1]\n"
                                  "    partition_point: " + partition + "\n"
                                  "duration_s: 8\n" + extra);
  }
  fs::path Radio(const std::string& ble_lines) {
    return Write("radio.yaml", "kind: radio\nname: custom\nmodel: ble\nble:\n  phy: 1M\n  supply_v: 3.0\n"
                               "  tx_current_ma: 7.1\n  rx_current_ma: 6.5\n" + ble_lines);
  }
  fs::path dir_;
};

TEST_F(SimulateCli, WritesReportsAndJson) {
  const fognas::testing::RunResult r = Simulate(Scenario().string() + " --json --out " + (dir_ / "out").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* f : {"summary.csv", "summary.md", "summary.tex", "energy.csv", "energy.tex", "wearables.csv",
                        "fog_nodes.csv", "states.csv", "states.tex", "report.md", "report.json", "timing.json"})
    EXPECT_TRUE(fs::exists(dir_ / "out" / f)) << f;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["cases"].size(), 1u);
  const auto& w = j["cases"][0]["wearables"][0];
  EXPECT_EQ(j["cases"][0]["bytes_sent"], 128);
  EXPECT_GT(w["per_inference_mj"]["sim_comm"].get<double>(), w["per_inference_mj"]["paper_comm"].get<double>());
  // The committed report is stdout's JSON without the wall-clock seconds.
  nlohmann::json untimed = j;
  EXPECT_GE(untimed["cases"][0]["wall_s"].get<double>(), 0.0);
  untimed["cases"][0].erase("wall_s");
  EXPECT_GE(untimed["cases"][0]["fleet"]["wall_s"].get<double>(), 0.0);
  untimed["cases"][0]["fleet"].erase("wall_s");
  EXPECT_EQ(nlohmann::json::parse(slurp(dir_ / "out" / "report.json")), untimed);
  const nlohmann::json timing = nlohmann::json::parse(slurp(dir_ / "out" / "timing.json"));
  EXPECT_EQ(timing["cases"][0]["wall_s"], j["cases"][0]["wall_s"]);
  // The simulated span is part of the case's wall time.
  EXPECT_GT(timing["cases"][0]["run_wall_s"].get<double>(), 0.0);
  EXPECT_LE(timing["cases"][0]["run_wall_s"].get<double>(), timing["cases"][0]["wall_s"].get<double>());
  // And the steady windows part of the simulated span.
  EXPECT_GT(timing["cases"][0]["run_wall_steady_s"].get<double>(), 0.0);
  EXPECT_LE(timing["cases"][0]["run_wall_steady_s"].get<double>(), timing["cases"][0]["run_wall_s"].get<double>());
  EXPECT_EQ(timing["cases"][0]["parts_run_wall_steady_s"],
            nlohmann::json::array({timing["cases"][0]["run_wall_steady_s"]}));  // one part: an open floor
  // Not depleted in 8 s: the depletion time does not exist.
  EXPECT_TRUE(w["battery"]["depleted_at_s"].is_null());
  EXPECT_NE(slurp(dir_ / "out" / "summary.tex").find("\\toprule"), std::string::npos);
  EXPECT_NE(r.err.find("simulate: SD-1 @ factor 10 done"), std::string::npos) << r.err;
  const nlohmann::json m = nlohmann::json::parse(slurp(dir_ / "out" / "manifest.json"));
  EXPECT_EQ(m["schema_version"], 1);
  EXPECT_EQ(m["seeds"]["seed"], 1);
  EXPECT_EQ(m["scenario"]["scenario"]["name"], "cli-test");
  EXPECT_EQ(m["scenario"]["scenario"]["duration_s"], 8);
  EXPECT_EQ(m["scenario"]["scenario"]["devices"]["radio"]["ble"]["phy"], "1M");
  EXPECT_EQ(m["scenario"]["scenario"]["architectures"][0]["partition_point"], 3);
  EXPECT_TRUE(m["inputs"].contains("devices/nrf52832-1m/profile.yaml")) << m["inputs"].dump();
  EXPECT_EQ(m["inputs"].size(), 4u) << m["inputs"].dump();  // the scenario and three profiles
  // Overrides from the command line are what the manifest records.
  ASSERT_EQ(Simulate(Scenario().string() + " --quiet --seed 9 --out " + (dir_ / "out").string()).exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(slurp(dir_ / "out" / "manifest.json"))["seeds"]["seed"], 9);
}

void ExpectOneLineError(const fognas::testing::RunResult& r, const std::string& what) {
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find(what), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST_F(SimulateCli, FractionalFactorsAreReportedAsGiven) {
  std::string text = slurp(Scenario());
  text.replace(text.find("factors: [10]"), 13, "factors: [2.5]");
  const auto r = Simulate(Write("frac.yaml", text).string() + " --out " + (dir_ / "out").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(slurp(dir_ / "out" / "summary.csv").find(",2.5,"), std::string::npos) << slurp(dir_ / "out" / "summary.csv");
}

TEST_F(SimulateCli, ManyWearablesAreSummarisedInMarkdownButKeptPerWearableInCsv) {
  const auto r = Simulate(Scenario("nrf52832-1m", "wearables: 12\nfog_nodes: 3\nmax_wearables_per_fog: 4\n").string() +
                          " --quiet --out " + (dir_ / "out").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string csv = slurp(dir_ / "out" / "energy.csv"), md = slurp(dir_ / "out" / "energy.md");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 13) << csv;  // header + 12 wearables
  EXPECT_NE(md.find("p95"), std::string::npos) << md;
  EXPECT_NE(md.find("| comm sim "), std::string::npos) << md;
  EXPECT_EQ(md.find("| wearable "), std::string::npos) << md;
  EXPECT_NE(slurp(dir_ / "out" / "wearables.tex").find("p99"), std::string::npos);
}

TEST_F(SimulateCli, WindowShorterThanAConnectionInterval) {
  ExpectOneLineError(Simulate(Scenario("nrf52832-1m", "window_s: 0.0000000001\n").string()), "window_s");
}

TEST_F(SimulateCli, UnknownScenarioKey) {
  ExpectOneLineError(Simulate(Scenario("nrf52832-1m", "wearabels: 3\n").string()), "unknown key 'wearabels'");
}

TEST_F(SimulateCli, UnknownProfileKey) {
  Radio("  conn_interval_ms: 30\n  tx_curent_ma: 7\n");
  ExpectOneLineError(Simulate(Scenario("radio.yaml").string()), "unknown key 'ble.tx_curent_ma'");
}

TEST_F(SimulateCli, ConnectionIntervalNotAMultipleOf1250us) {
  Radio("  conn_interval_ms: 7.6\n");
  ExpectOneLineError(Simulate(Scenario("radio.yaml").string()), "7.6 ms is not a multiple of 1.25 ms");
}

TEST_F(SimulateCli, ConnectionIntervalOutsideTheRange) {
  Radio("  conn_interval_ms: 5\n");
  ExpectOneLineError(Simulate(Scenario("radio.yaml").string()), "outside the BLE range 7.5 ms - 4000 ms");
  Radio("  conn_interval_ms: 4001.25\n");
  ExpectOneLineError(Simulate(Scenario("radio.yaml").string()), "outside the BLE range");
}

TEST_F(SimulateCli, PayloadAboveThePhyLimit) {
  Radio("  conn_interval_ms: 30\n  ll_payload_max_bytes: 300\n");
  ExpectOneLineError(Simulate(Scenario("radio.yaml").string()), "above the 1M PHY's limit of 251 bytes");
}

TEST_F(SimulateCli, PartitionPointOutsideTheNetwork) {
  ExpectOneLineError(Simulate(Scenario("nrf52832-1m", "", "9").string()), "architectures[0].partition_point': must be between 1 and 5, got 9");
}

// Under ble.disconnected: edge a window that starts while the link is down
// runs all of SD-1 on the wearable: 1.6 KB of Flash, over a 1 KB limit that
// the point P = 3 (0.3 KB) meets. Infeasible (exit 3), naming the key; the same
// limit with keep runs.
TEST_F(SimulateCli, EdgeWhileDisconnectedNeedsTheWholeNetworkToFit) {
  const std::string tight = "limits:\n  flash_kb: 1\n";
  const auto r = Simulate(Scenario("nrf52832-1m", tight + "ble:\n  disconnected: edge\n").string());
  ExpectOneLineError(r, "key 'ble.disconnected'");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("1.6 KB of Flash"), std::string::npos) << r.err;
  const auto keep = Simulate(Scenario("nrf52832-1m", tight + "ble:\n  disconnected: keep\n").string() + " --out " +
                             (dir_ / "out").string());
  EXPECT_EQ(keep.exit_code, 0) << keep.err;
}

// A fog profile's own radio must have a ble section to be simulated.
TEST_F(SimulateCli, FogRadioWithoutABleSection) {
  Write("per-bit.yaml", "kind: radio\nname: per-bit-only\nmodel: per-bit\nenergy_per_bit_nj: 5\n");
  Write("fog.yaml", "kind: fog\nname: f\nbusy_power_mw: 66\nrelative_speed: 20\nradio: per-bit.yaml\n");
  std::string text = slurp(Scenario());
  text.replace(text.find("fog: fog-paper"), 14, "fog: fog.yaml");
  ExpectOneLineError(Simulate(Write("s.yaml", text).string()), "key 'devices.fog': the fog profile's radio 'per-bit-only'");
}

TEST_F(SimulateCli, TooManyLinksForTheInterval) {
  Radio("  conn_interval_ms: 7.5\n");
  ExpectOneLineError(Simulate(Scenario("radio.yaml", "wearables: 4\nmax_wearables_per_fog: 4\n").string()),
                     "4 links share a 7.5 ms connection interval");
}

TEST_F(SimulateCli, ArchitectureThatIsNoNetwork) {
  Write("scenario.yaml", "name: bad\ndevices: {mcu: stm32l476rg, radio: nrf52832-1m, fog: fog-paper}\n"
                         "architectures:\n  - {name: odd, lengths: [2048, 100, 2], channels: [1, 1, 1]}\n");
  ExpectOneLineError(Simulate((dir_ / "scenario.yaml").string()), "scenario.yaml:4: key 'architectures[0].lengths'");
}

TEST_F(SimulateCli, MissingScenarioFile) {
  ExpectOneLineError(Simulate((dir_ / "nope.yaml").string()), "no such scenario file");
}

}  // namespace
