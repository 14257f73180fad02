// Sweep expansion: counts, order (product: last axis fastest; zip), ranges,
// and errors that name the file, line and key before anything runs.
#include <gtest/gtest.h>

#include "fognas/common/error.h"
#include "fognas/devices/profile_io.h"
#include "fognas/scenario/scenario.h"
#include "fognas/testing/support.h"

namespace fognas {
namespace {

using testing::input_error_of;

const std::string kBase =
    "name: t\n"
    "architectures:\n"
    "  - {name: a, lengths: [2048, 2], channels: [1, 1]}\n";

Scenario swept(const std::string& sweep_section) { return parse_scenario(kBase + sweep_section, "t.yaml"); }

std::vector<std::string> values_of(const Scenario& s, size_t axis) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.sweep->point_count(); ++i) out.push_back(s.sweep->point(i)[axis].second);
  return out;
}

TEST(SweepExpansion, ProductRunsTheLastAxisFastestInWrittenOrder) {
  const Scenario s = swept(
      "sweep:\n  command: simulate\n  axes:\n"
      "    distance_m: [1, 2, 3]\n"
      "    radio.ble.conn_interval_ms: [7.5, 30]\n");
  ASSERT_TRUE(s.sweep);
  EXPECT_EQ(s.sweep->command, SweepCommand::Simulate);
  ASSERT_EQ(s.sweep->point_count(), 6u);
  EXPECT_EQ(values_of(s, 0), (std::vector<std::string>{"1", "1", "2", "2", "3", "3"}));
  EXPECT_EQ(values_of(s, 1), (std::vector<std::string>{"7.5", "30", "7.5", "30", "7.5", "30"}));
  EXPECT_EQ(s.sweep->point(3)[0].first, "distance_m");
  EXPECT_THROW(s.sweep->point(6), std::out_of_range);
}

TEST(SweepExpansion, ZipPairsValuesAndNeedsOneLength) {
  const Scenario s = swept("sweep:\n  mode: zip\n  axes:\n    distance_m: [1, 2]\n    window_s: [4, 8]\n");
  ASSERT_EQ(s.sweep->point_count(), 2u);
  EXPECT_EQ(s.sweep->point(1)[0].second, "2");
  EXPECT_EQ(s.sweep->point(1)[1].second, "8");
  const std::string msg = input_error_of([] { swept("sweep:\n  mode: zip\n  axes:\n    distance_m: [1, 2]\n    window_s: [4]\n"); });
  EXPECT_NE(msg.find("t.yaml:8"), std::string::npos) << msg;
  EXPECT_NE(msg.find("window_s"), std::string::npos) << msg;
}

TEST(SweepExpansion, RangesIncludeTheirEndAndLogRangesAreGeometric) {
  const Scenario s = swept(
      "sweep:\n  axes:\n"
      "    distance_m: {from: 2, to: 20, step: 2}\n"
      "    limits.energy_mj: {from: 0.05, to: 0.8, count: 5, log: true}\n"
      "    window_s: {from: 0.1, to: 0.3, step: 0.1}\n");
  EXPECT_EQ(s.sweep->axes[0].values, (std::vector<std::string>{"2", "4", "6", "8", "10", "12", "14", "16", "18", "20"}));
  EXPECT_EQ(s.sweep->axes[1].values, (std::vector<std::string>{"0.05", "0.1", "0.2", "0.4", "0.8"}));
  EXPECT_EQ(s.sweep->axes[2].values, (std::vector<std::string>{"0.1", "0.2", "0.3"}));
  EXPECT_EQ(s.sweep->point_count(), 150u);
}

TEST(SweepExpansion, AListValuedKeyTakesOneValuePerPoint) {
  const Scenario s = swept("sweep:\n  axes:\n    factors: [1, 2, [5, 10]]\n");
  EXPECT_EQ(s.sweep->axes[0].values, (std::vector<std::string>{"[1]", "[2]", "[5, 10]"}));
  EXPECT_EQ(sweep_point_scenario(s, 1).factors, (std::vector<double>{2}));
  EXPECT_EQ(sweep_point_scenario(s, 2).factors, (std::vector<double>{5, 10}));
  EXPECT_FALSE(sweep_point_scenario(s, 0).sweep.has_value());
}

TEST(SweepExpansion, PointsSetProfileFieldsAfterTheProfileIsChosen) {
  const Scenario s = swept(
      "devices: {radio: nrf52832-1m}\n"
      "sweep:\n  axes:\n    devices.radio: [nrf52832-1m, nrf52840-2m]\n    radio.ble.conn_interval_ms: [7.5, 100]\n");
  const Scenario p = sweep_point_scenario(s, 3);
  EXPECT_EQ(p.devices.radio.name, "nrf52840-2m");
  EXPECT_DOUBLE_EQ(p.devices.radio.ble.conn_interval_ms, 100);
  EXPECT_DOUBLE_EQ(sweep_point_scenario(s, 0).devices.radio.ble.conn_interval_ms, 7.5);
}

TEST(SweepExpansion, BadPathsAndValuesNameFileLineAndKey) {
  std::string msg = input_error_of([] { swept("sweep:\n  axes:\n    distanse_m: [1, 2]\n"); });
  EXPECT_NE(msg.find("t.yaml:6"), std::string::npos) << msg;
  EXPECT_NE(msg.find("distanse_m"), std::string::npos) << msg;
  msg = input_error_of([] { swept("sweep:\n  axes:\n    distance_m: 3\n"); });
  EXPECT_NE(msg.find("list of values or a range"), std::string::npos) << msg;
  msg = input_error_of([] { swept("sweep:\n  axes:\n    distance_m: {from: 5, to: 1, step: 1}\n"); });
  EXPECT_NE(msg.find("to"), std::string::npos) << msg;
  msg = input_error_of([] { swept("sweep:\n  axes:\n    distance_m: {from: 1, to: 5}\n"); });
  EXPECT_NE(msg.find("step and count"), std::string::npos) << msg;
  msg = input_error_of([] { swept("sweep:\n  command: train\n  axes:\n    distance_m: [1]\n"); });
  EXPECT_NE(msg.find("sweep.command"), std::string::npos) << msg;
  msg = input_error_of([] { swept("sweep:\n  axes:\n    seed: {from: 1, to: 1e9, step: 1}\n"); });
  EXPECT_NE(msg.find("more than"), std::string::npos) << msg;
  msg = input_error_of([] { swept("sweep:\n  axes:\n    architectures: [1]\n"); });
  EXPECT_NE(msg.find("architectures"), std::string::npos) << msg;
}

TEST(ProfileFields, ASetFieldIsCheckedByTheProfileReaderAndNamedByTheScenarioKey) {
  const Scenario s = parse_scenario(kBase, "t.yaml", {"devices.radio=nrf52832-1m", "radio.ble.conn_interval_ms=100"});
  EXPECT_DOUBLE_EQ(s.devices.radio.ble.conn_interval_ms, 100);
  EXPECT_EQ(s.devices.radio.ble.tx_current_ma, load_radio_profile("nrf52832-1m").ble.tx_current_ma);
  std::string msg = input_error_of([] { parse_scenario(kBase + "radio: {ble: {conn_interval_mss: 3}}\n", "t.yaml"); });
  EXPECT_NE(msg.find("t.yaml:4"), std::string::npos) << msg;
  EXPECT_NE(msg.find("conn_interval_mss"), std::string::npos) << msg;
  msg = input_error_of([] { parse_scenario(kBase + "mcu: {active_power_mw: -1}\n", "t.yaml"); });
  EXPECT_NE(msg.find("active_power_mw"), std::string::npos) << msg;
  msg = input_error_of([] { parse_scenario(kBase + "fog: {kind: mcu}\n", "t.yaml"); });
  EXPECT_NE(msg.find("kind"), std::string::npos) << msg;
}

}  // namespace
}  // namespace fognas
