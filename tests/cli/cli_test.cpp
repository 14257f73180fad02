// The command line end to end: outputs, and one clear line plus a non-zero
// exit for every kind of bad input.
#include <gtest/gtest.h>

#include <map>

#include <nlohmann/json.hpp>

#include "fognas/common/atomic_file.h"
#include "fognas/common/manifest.h"
#include "fognas/devices/profile_io.h"
#include "fognas/testing/run_fognas.h"

namespace fognas {
namespace {
using testing::line_count;
using testing::run_fognas;

const char* kSd1 = "--lengths 2048,128,8,64,2 --channels 1,1,4,2,1";

void expect_one_line_error(const testing::RunResult& r, const std::string& needle) {
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
}

TEST(CliPartition, JsonHasTheOptimumAndEveryPoint) {
  auto r = run_fognas(std::string("partition ") + kSd1 + " --energy-scenario total --factor 10 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["partition_point"], 3);
  for (const char* key : {"flash_kb", "ram_kb", "bytes_sent", "e_edge_comp_mj", "e_edge_comm_mj", "e_edge_mj",
                          "e_fog_mj", "e_total_mj"}) {
    EXPECT_TRUE(j.contains(key)) << key;
    for (const auto& p : j["points"]) EXPECT_TRUE(p.contains(key)) << key;
  }
  ASSERT_EQ(j["points"].size(), 5u);
  EXPECT_EQ(j["bytes_sent"], 128);
  // The optimum is the cheapest point in the list.
  for (const auto& p : j["points"]) EXPECT_GE(p["e_total_mj"].get<double>(), j["e_total_mj"].get<double>());
}

TEST(CliPartition, TableMarksTheOptimum) {
  auto r = run_fognas(std::string("partition ") + kSd1 + " --energy-scenario edge");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("best: P = 3"), std::string::npos) << r.out;
}

TEST(CliPartition, PlotDataHasEveryPointAndItsEnergyParts) {
  auto stem = (std::filesystem::temp_directory_path() / "fognas-p7").string();
  auto r = run_fognas(std::string("partition ") + kSd1 + " --factor 10 --json --plot " + stem);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  std::ifstream dat(stem + ".dat");
  std::string line;
  std::getline(dat, line);  // header
  size_t i = 0;
  while (std::getline(dat, line)) {
    const auto& p = j["points"].at(i++);
    std::istringstream cells(line);
    std::string label, comp, comm, fog;
    std::getline(cells, label, '\t');
    std::getline(cells, comp, '\t');
    std::getline(cells, comm, '\t');
    std::getline(cells, fog, '\t');
    EXPECT_EQ(label, "P=" + std::to_string(p["partition_point"].get<int>()));
    EXPECT_NEAR(std::stod(comp), p["e_edge_comp_mj"].get<double>(), 1e-5 * (1 + p["e_edge_comp_mj"].get<double>()));
    EXPECT_NEAR(std::stod(comm), p["e_edge_comm_mj"].get<double>(), 1e-5 * (1 + p["e_edge_comm_mj"].get<double>()));
    EXPECT_NEAR(std::stod(fog), p["e_fog_mj"].get<double>(), 1e-5 * (1 + p["e_fog_mj"].get<double>()));
  }
  EXPECT_EQ(i, j["points"].size());
}

TEST(CliPartition, BadInputGivesOneLineAndNonZeroExit) {
  expect_one_line_error(run_fognas("partition --lengths 2048,128,2 --channels 1,1"), "--lengths/--channels");
  expect_one_line_error(run_fognas("partition --lengths 2048,96,2 --channels 1,1,1"), "power of two");
  expect_one_line_error(run_fognas(std::string("partition ") + kSd1 + " --factor 0"), "--factor");
  expect_one_line_error(run_fognas(std::string("partition ") + kSd1 + " --factor -2"), "--factor");
  expect_one_line_error(run_fognas(std::string("partition ") + kSd1 + " --energy-scenario both"), "--energy-scenario");
  expect_one_line_error(run_fognas("partition --lengths 2048,x,2 --channels 1,1,1"), "--lengths");
  expect_one_line_error(run_fognas(std::string("partition ") + kSd1 + " --mcu no-such-board"), "no-such-board");
  expect_one_line_error(run_fognas(std::string("partition ") + kSd1 + " --radio stm32l476rg"), "expected 'radio'");
}

TEST(CliPartition, LimitsNoPointCanMeetAreReported) {
  // The raw input alone needs 8 KB of RAM.
  auto r = run_fognas(std::string("partition ") + kSd1 + " --ram-kb 4");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("no partition point meets"), std::string::npos) << r.err;
}

TEST(CliFitDevice, WritesAProfileThatLoadsAndReportsR2) {
  auto out = std::filesystem::temp_directory_path() / "fognas-fit-profile.yaml";
  auto r = run_fognas("fit-device devices/stm32l476rg/calibration.csv --base stm32l476rg --out " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("R^2"), std::string::npos);
  McuProfile fitted = load_mcu_profile(out.string());
  McuProfile shipped = load_mcu_profile("stm32l476rg");
  Layer conv{LayerKind::Conv, 2048, 1, 128, 1, 16};
  EXPECT_NEAR(fitted.energy_mj(conv), shipped.energy_mj(conv), 1e-9);
}

TEST(CliFitDevice, BadCsvNamesFileAndLine) {
  auto csv = std::filesystem::temp_directory_path() / "fognas-bad-cal.csv";
  std::ofstream(csv) << "name,lengths,channels,energy_mj\na,2048 128 2,1 1 1,0.05\nb,2048 128 2,1 1 1,abc\n";
  auto r = run_fognas("fit-device " + csv.string() + " --base stm32l476rg --out /tmp/fognas-never.yaml");
  expect_one_line_error(r, csv.string() + ":3");
  EXPECT_FALSE(std::filesystem::exists("/tmp/fognas-never.yaml"));
}

TEST(CliEvaluate, UnknownScenarioKeyIsNamed) {
  auto path = std::filesystem::temp_directory_path() / "fognas-eval-typo.yaml";
  std::ofstream(path) << "name: t\nfactors: [10]\narchitecture: []\n";
  auto r = run_fognas("evaluate " + path.string() + " --out /tmp/fognas-eval-never");
  expect_one_line_error(r, "unknown key 'architecture'");
}

// The exit codes the README lists: 0 success, 1 input error, 2 usage error,
// 3 infeasible (no partition point fits).
TEST(CliExitCodes, SuccessInputUsageAndInfeasible) {
  EXPECT_EQ(run_fognas("--help").exit_code, 0);
  EXPECT_EQ(run_fognas(std::string("partition ") + kSd1).exit_code, 0);
  EXPECT_EQ(run_fognas("evaluate /nonexistent/fognas-scenario.yaml --out /tmp/fognas-eval-never").exit_code, 1);
  EXPECT_EQ(run_fognas(std::string("partition ") + kSd1 + " --factor 0").exit_code, 1);
  EXPECT_EQ(run_fognas("").exit_code, 2);                                          // no command
  EXPECT_EQ(run_fognas("no-such-command").exit_code, 2);
  EXPECT_EQ(run_fognas(std::string("partition ") + kSd1 + " --no-such-option").exit_code, 2);
  EXPECT_EQ(run_fognas("evaluate").exit_code, 2);                                  // missing argument
  EXPECT_EQ(run_fognas(std::string("partition ") + kSd1 + " --ram-kb 4").exit_code, 3);
}

TEST(CliExitCodes, EvaluateOfAnArchitectureThatFitsNowhereIsInfeasible) {
  const auto dir = std::filesystem::temp_directory_path() / "fognas-eval-infeasible";
  std::string mcu = read_file("devices/stm32l476rg/profile.yaml");
  const auto at = mcu.find("ram_kb: 128");
  ASSERT_NE(at, std::string::npos);
  mcu.replace(at, 11, "ram_kb: 4");  // the raw input alone needs 8 KB
  write_file_atomically(dir / "tiny.yaml", mcu);
  write_file_atomically(dir / "s.yaml", "name: t\ndevices: {mcu: " + (dir / "tiny.yaml").string() +
                                            "}\nfactors: [10]\narchitectures:\n  - name: SD-1\n"
                                            "    lengths: [2048, 128, 8, 64, 2]\n    channels: [1, 1, 4, 2, 1]\n");
  auto r = run_fognas("evaluate " + (dir / "s.yaml").string() + " --out " + (dir / "out").string());
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("no partition point meets"), std::string::npos) << r.err;
  std::filesystem::remove_all(dir);
}

TEST(CliEvaluate, WritesADeterministicManifest) {
  const auto out = std::filesystem::temp_directory_path() / "fognas-eval-manifest";
  std::filesystem::remove_all(out);
  auto r = run_fognas("evaluate scenarios/paper-table3.yaml --out " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string first = read_file(out / "manifest.json");
  const auto m = nlohmann::json::parse(first);
  EXPECT_EQ(m["schema_version"], 1);
  EXPECT_EQ(m["command"], "fognas evaluate scenarios/paper-table3.yaml --out " + out.string());
  EXPECT_EQ(m["scenario"]["study"]["name"], "paper-table3");
  EXPECT_EQ(m["scenario"]["study"]["architectures"].size(), 4u);
  EXPECT_EQ(m["scenario"]["study"]["factors"], nlohmann::json::array({10, 2, 1}));
  EXPECT_EQ(m["scenario"]["profiles"]["mcu"]["ram_kb"], 128);
  EXPECT_EQ(m["scenario"]["profiles"]["radio"]["energy_per_bit_nj"], 20);
  EXPECT_TRUE(m["seeds"].is_object());
  for (const char* f : {"scenarios/paper-table3.yaml", "devices/stm32l476rg/profile.yaml",
                        "devices/ble-paper/profile.yaml", "devices/fog-paper/profile.yaml"})
    EXPECT_EQ(m["inputs"][f]["sha256"], sha256_file(f)) << f;
  for (const char* k : {"commit", "ns3", "libtorch", "compiler"}) EXPECT_TRUE(m["build"].contains(k)) << k;
  // No timestamps: the same run writes the same bytes.
  ASSERT_EQ(run_fognas("evaluate scenarios/paper-table3.yaml --out " + out.string()).exit_code, 0);
  EXPECT_EQ(read_file(out / "manifest.json"), first);
  std::filesystem::remove_all(out);
}

TEST(CliJson, EvaluateAndFitDevicePrintOneJsonObject) {
  const auto out = std::filesystem::temp_directory_path() / "fognas-json-evaluate";
  auto r = run_fognas("evaluate scenarios/paper-table3.yaml --json --out " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json e = nlohmann::json::parse(r.out);
  ASSERT_EQ(e["architectures"].size(), 4u);
  EXPECT_EQ(e["architectures"][0]["edge"]["partition_point"], 3);
  EXPECT_EQ(e["architectures"][0]["total"].size(), 3u);
  // The paper's idealised radio was never measured: the output and every table say so.
  const std::string not_calibrated = "Radio profile ble-paper (ideal currents): per-event figures NOT calibrated";
  EXPECT_EQ(e["radio"]["calibrated"], false);
  EXPECT_EQ(e["radio"]["note"].get<std::string>().rfind(not_calibrated, 0), 0u) << e["radio"];
  for (const char* table : {"edge-scenario.md", "factor-sweep.md", "partition-saving.tex"})
    EXPECT_NE(read_file(out / table).find(not_calibrated), std::string::npos) << table;
  EXPECT_NE(run_fognas("evaluate scenarios/paper-table3.yaml --out " + out.string()).out.find(not_calibrated),
            std::string::npos);
  std::filesystem::remove_all(out);
  const auto profile = std::filesystem::temp_directory_path() / "fognas-json-fit.yaml";
  r = run_fognas("fit-device devices/stm32l476rg/calibration.csv --base stm32l476rg --json --out " + profile.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json f = nlohmann::json::parse(r.out);
  EXPECT_GT(f["r2"].get<double>(), 0.9999);
  EXPECT_EQ(f["measurements"].size(), 8u);
  std::filesystem::remove(profile);
}

// Every file of a folder, by relative path.
std::map<std::string, std::string> snapshot(const std::filesystem::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files[std::filesystem::relative(e.path(), dir).string()] = read_file(e.path());
  return files;
}

TEST(CliResults, FailedEvaluateAndSimulateLeaveAnEarlierRunByteIdentical) {
  namespace fs = std::filesystem;
  const fs::path root = fs::temp_directory_path() / ("fognas-failed-runs-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root);
  ASSERT_EQ(run_fognas("evaluate scenarios/paper-table3.yaml --out " + (root / "e").string()).exit_code, 0);
  ASSERT_EQ(run_fognas("simulate scenarios/validate-table4.yaml --quiet --duration-s 8 --out " + (root / "s").string())
                .exit_code,
            0);
  const auto evaluated = snapshot(root / "e"), simulated = snapshot(root / "s");
  ASSERT_GT(evaluated.size(), 10u);
  // No partition point fits 1 byte of RAM: the study fails after it started.
  auto r = run_fognas("evaluate scenarios/paper-table3.yaml --set limits.ram_kb=0.001 --out " + (root / "e").string());
  EXPECT_EQ(r.exit_code, 3) << r.err;
  r = run_fognas("simulate scenarios/validate-table4.yaml --quiet --set limits.ram_kb=0.001 --out " +
                 (root / "s").string());
  EXPECT_NE(r.exit_code, 0) << r.err;
  EXPECT_EQ(snapshot(root / "e"), evaluated);
  EXPECT_EQ(snapshot(root / "s"), simulated);
  EXPECT_FALSE(fs::exists(root / "e.partial"));
  EXPECT_FALSE(fs::exists(root / "s.partial"));
  // --out creates the last level only.
  r = run_fognas("evaluate scenarios/paper-table3.yaml --out " + (root / "no" / "such" / "place").string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--out"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(root / "no"));
  fs::remove_all(root);
}

}  // namespace
}  // namespace fognas

namespace fognas {
namespace {

// fit-radio end to end on a Power Profiler export written here: three idle
// events 30 ms apart at 100 kHz, phases of the nRF52832's layout.
TEST(CliFitRadio, PrintsThePhasesAsJsonAndWritesAProfileThatLoads) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("fognas-fit-radio-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  // On the 10 us grid, so each sample is its phase's current.
  const double phase_us[] = {200, 360, 140, 140, 150, 80, 450}, phase_ua[] = {3700, 500, 4000, 5400, 4000, 5300, 3700};
  double charge_uc = 0;
  for (int k = 0; k < 7; ++k) charge_uc += phase_us[k] * (phase_ua[k] - 2.0) * 1e-6;
  std::string csv = "Timestamp(ms),Current(uA),D0-D7\n";
  for (int i = 0; i < 9000; ++i) {
    double into_us = (i % 3000) * 10.0 - 15000, start = 0, ua = 2.0;
    for (int k = 0; k < 7; ++k, start += phase_us[k - 1])
      if (into_us >= start && into_us < start + phase_us[k]) ua = phase_ua[k];
    csv += std::to_string(i * 0.01) + "," + std::to_string(ua) + ",0\n";
  }
  write_file_atomically(dir / "idle.csv", csv);
  const auto r = run_fognas("fit-radio " + (dir / "idle.csv").string() + " --base nrf52832-1m --json --out " +
                            (dir / "fit.yaml").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["events"], 3);
  EXPECT_EQ(j["phases"].size(), 7u);
  EXPECT_NEAR(j["idle_event_charge_uc"].get<double>(), charge_uc, 1e-9);
  EXPECT_NEAR(j["sleep_current_ua"].get<double>(), 2.0, 1e-9);
  EXPECT_GT(j["r2"].get<double>(), 0.99);
  const RadioProfile p = load_radio_profile((dir / "fit.yaml").string());
  EXPECT_EQ(p.name, "nrf52832-1m-fit");
  EXPECT_NEAR(p.ble.rx_current_ma, 5.4, 1e-6);
  EXPECT_TRUE(p.calibration.calibrated);
  // Its own file it replaces; a file of the user's it leaves alone.
  EXPECT_EQ(run_fognas("fit-radio " + (dir / "idle.csv").string() + " --base nrf52832-1m --out " +
                       (dir / "fit.yaml").string()).exit_code, 0);
  const auto refused = run_fognas("fit-radio " + (dir / "idle.csv").string() + " --base nrf52832-1m --out " +
                                  (dir / "idle.csv").string());
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("not written by fit-radio"), std::string::npos) << refused.err;
  EXPECT_EQ(read_file(dir / "idle.csv"), csv);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace fognas

namespace fognas {
namespace {

// radio-info against the specification's air times worked out by hand: an
// empty PDU is preamble, access address, header and CRC (1M: 1+4+2+3 bytes at
// 8 us; 2M: 2+4+2+3 at 4 us), a full one adds 251 bytes and the 4-byte MIC.
TEST(CliRadioInfo, AirTimesThroughputAndIdleEventByHand) {
  auto info = [](const std::string& args) {
    const auto r = run_fognas("radio-info " + args + " --json");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  };
  const nlohmann::json m1 = info("nrf52832-1m");
  EXPECT_DOUBLE_EQ(m1["empty_pdu_us"].get<double>(), 80);
  EXPECT_DOUBLE_EQ(m1["full_pdu_us"].get<double>(), (1 + 4 + 2 + 251 + 4 + 3) * 8);
  // 3.75 ms events less the 140 us ramp-up hold one exchange: 80 + 150 + 2120 us
  // (a second needs 2500 us more); 244 bytes of data every 30 ms.
  EXPECT_EQ(m1["packets_per_event"].get<long>(), 1);
  EXPECT_NEAR(m1["throughput_kbps"].get<double>(), 244 * 8 / 30.0, 1e-9);
  // The idle event at 30 ms, phase by phase (us x mA = nC): CPU 650 at 3.7,
  // crystal 360 at 0.5, ramp 140 at 4.0, RX 40 ppm x 30 ms + 16 + 80 at 5.4,
  // T_IFS 150 at 4.0, the empty reply 80 at 5.3.
  const double idle_nc = 650 * 3.7 + 360 * 0.5 + 140 * 4.0 + (1.2 + 16 + 80) * 5.4 + 150 * 4.0 + 80 * 5.3;
  EXPECT_NEAR(m1["idle_event_charge_uc"].get<double>(), idle_nc * 1e-3, 1e-9);
  EXPECT_EQ(m1["current_basis"], "radio-only");
  const nlohmann::json m2 = info("nrf52840-2m");
  EXPECT_DOUBLE_EQ(m2["empty_pdu_us"].get<double>(), 44);
  EXPECT_DOUBLE_EQ(m2["full_pdu_us"].get<double>(), (2 + 4 + 2 + 251 + 4 + 3) * 4);
  // Without an event limit the interval less the event's own work (CPU 200 +
  // 450 us, crystal 360, ramp 140, widening 40 ppm x 30 ms + 16 us) holds
  // 1 + floor((28832.8 - 2350) / 2500) = 11 exchanges.
  const nlohmann::json open = info("nrf52832-1m --set radio.ble.max_event_length_ms=0");
  EXPECT_EQ(open["packets_per_event"].get<long>(), 11);
  EXPECT_NEAR(open["throughput_kbps"].get<double>(), 11 * 244 * 8 / 30.0, 1e-9);
  // Coded: empty 80 + 296 + 43 bits at S; full adds 255 bytes. The whole
  // interval less the event's own work (28832.8 us) holds 1 + floor((28832.8
  // - 5154) / 5304) = 5 exchanges at S=2 (462 + 150 + 4542 us first, then
  // 2 x 150 + 462 + 4542 each) and one at S=8 (720 + 150 + 17040 us first).
  const nlohmann::json s2 = info("nrf52840-coded-s2");
  EXPECT_DOUBLE_EQ(s2["empty_pdu_us"].get<double>(), 462);
  EXPECT_DOUBLE_EQ(s2["full_pdu_us"].get<double>(), 80 + 296 + 2 * ((2 + 251 + 4 + 3) * 8 + 3));
  EXPECT_EQ(s2["phy"], "coded-s2");
  EXPECT_EQ(s2["packets_per_event"].get<long>(), 5);
  EXPECT_DOUBLE_EQ(s2["rx_sensitivity_dbm"].get<double>(), -99);
  const nlohmann::json s8 = info("nrf52840-coded-s8");
  EXPECT_DOUBLE_EQ(s8["empty_pdu_us"].get<double>(), 720);
  EXPECT_DOUBLE_EQ(s8["full_pdu_us"].get<double>(), 17040);
  EXPECT_EQ(s8["packets_per_event"].get<long>(), 1);
  EXPECT_NEAR(s8["throughput_kbps"].get<double>(), 244 * 8 / 30.0, 1e-9);
  EXPECT_DOUBLE_EQ(s8["rx_sensitivity_dbm"].get<double>(), -103);
  EXPECT_EQ(s8["current_basis"], "radio-only");
  const auto bad = run_fognas("radio-info nrf52832-1m --set seed=3");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(line_count(bad.err), 1) << bad.err;
}

}  // namespace
}  // namespace fognas
