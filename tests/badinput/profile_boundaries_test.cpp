// Every boundary of the profile range table (scenarios/README.md), each run
// through a 10 s simulation: at an allowed extreme a run either finishes
// with only finite numbers in its summary, refuses a combination in one or
// two lines naming a profile key (a huge ramp-up leaves no room for an
// exchange), or delivers nothing (exit 3); it never crashes or asserts.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fognas/testing/run_fognas.h"

namespace fognas {
namespace {

namespace fs = std::filesystem;
using testing::line_count;
using testing::run_fognas;
using testing::slurp;

struct Boundary {
  std::string key;
  std::string value;
};

std::vector<Boundary> boundaries() {
  const std::vector<std::pair<std::string, std::vector<std::string>>> table = {
      {"mcu.active_power_mw", {"1e-6", "1e5"}},   {"mcu.sleep_power_mw", {"0", "1e5"}},
      {"mcu.supply_v", {"1e-3", "100"}},          {"mcu.flash_kb", {"1e-3", "1e9"}},
      {"mcu.ram_kb", {"1e-3", "1e9"}},            {"radio.ble.supply_v", {"1e-3", "100"}},
      {"radio.ble.tx_current_ma", {"1e-6", "1000"}}, {"radio.ble.rx_current_ma", {"1e-6", "1000"}},
      {"radio.ble.idle_current_ma", {"0", "1000"}}, {"radio.ble.ramp_current_ma", {"0", "1000"}},
      {"radio.ble.sleep_current_ua", {"0", "1e6"}}, {"radio.ble.dcdc_efficiency", {"1e-6", "1"}},
      {"radio.ble.ramp_up_us", {"0", "1e5"}},     {"radio.ble.hfxo_startup_us", {"0", "1e5"}},
      {"radio.ble.cpu_pre_event_us", {"0", "1e5"}}, {"radio.ble.cpu_post_event_us", {"0", "1e5"}},
      {"radio.ble.hfxo_current_ma", {"0", "1000"}}, {"radio.ble.cpu_current_ma", {"0", "1000"}},
      {"radio.ble.tx_power_dbm", {"-40", "20"}},  {"radio.ble.rx_sensitivity_dbm", {"-130", "-50"}},
      {"radio.ble.noise_figure_db", {"0", "50"}}, {"radio.ble.ll_payload_max_bytes", {"27", "251"}},
      {"radio.ble.att_mtu", {"23", "517"}},       {"radio.ble.t_ifs_us", {"0", "1e4"}},
      {"radio.ble.conn_interval_ms", {"7.5", "4000"}}, {"radio.ble.peripheral_latency", {"0", "499"}},
      {"radio.ble.max_event_length_ms", {"0"}},  {"radio.ble.sleep_clock_ppm", {"0", "500"}},
      {"radio.ble.central_sleep_clock_ppm", {"0", "500"}}, {"radio.ble.rx_window_margin_us", {"0", "1e4"}},
      {"radio.ble.phy", {"1M", "2M", "coded-s2", "coded-s8"}},
      {"fog.idle_power_mw", {"0", "1e7"}},         {"fog.relative_speed", {"1e-3", "1e6"}},
      {"fog.rx_energy_per_bit_nj", {"0", "1e6"}}, {"fog.busy_power_mw", {"1e-3", "1e7"}},
  };
  std::vector<Boundary> out;
  for (const auto& [key, values] : table)
    for (const std::string& v : values) out.push_back({key, v});
  return out;
}

class ProfileBoundary : public ::testing::TestWithParam<Boundary> {};

TEST_P(ProfileBoundary, RunsOrRefusesButNeverBreaks) {
  const Boundary& b = GetParam();
  const fs::path dir =
      fs::temp_directory_path() / ("fognas-boundary-" + std::to_string(::getpid()) + "-" + b.key + "-" + b.value);
  fs::remove_all(dir);
  fs::create_directories(dir);
  // No factors: a fog field moves the profile's own implied factor.
  std::ofstream(dir / "s.yaml") << "name: boundary\ndevices: {radio: nrf52832-1m}\nwindow_s: 4\nduration_s: 10\n"
                                   "architectures:\n  - {name: SD-1, lengths: [2048, 128, 8, 64, 2], "
                                   "channels: [1, 1, 4, 2, 1]}\n";
  const auto r = run_fognas("simulate " + (dir / "s.yaml").string() + " --quiet --set " + b.key + "=" + b.value +
                            " --out " + (dir / "out").string());
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1 || r.exit_code == 3) << r.exit_code << ": " << r.err;
  if (r.exit_code == 1) {
    EXPECT_LE(line_count(r.err), 2) << r.err;
    EXPECT_TRUE(r.err.find("mcu.") != std::string::npos || r.err.find("radio.") != std::string::npos ||
                r.err.find("fog.") != std::string::npos || r.err.find("profile") != std::string::npos)
        << r.err;
  }
  if (r.exit_code == 0) {
    std::istringstream csv(slurp(dir / "out" / "summary.csv"));
    std::string line;
    std::getline(csv, line);  // header
    while (std::getline(csv, line)) {
      std::istringstream cells(line);
      for (std::string cell; std::getline(cells, cell, ',');) {
        char* end = nullptr;
        const double v = std::strtod(cell.c_str(), &end);
        if (!cell.empty() && end == cell.c_str() + cell.size()) EXPECT_TRUE(std::isfinite(v)) << line;
      }
    }
  }
  fs::remove_all(dir);
}

std::string name_of(const ::testing::TestParamInfo<Boundary>& info) {
  std::string n = info.param.key + "_" + info.param.value;
  for (char& c : n)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(RangeTable, ProfileBoundary, ::testing::ValuesIn(boundaries()), name_of);

}  // namespace
}  // namespace fognas
