// The one scenario reader: every key it accepts is documented, files written
// for one command are read by all, and command-line overrides meet the same
// checks as the file's own values.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "fognas/common/error.h"
#include "fognas/scenario/scenario.h"
#include "fognas/common/atomic_file.h"
#include "fognas/testing/support.h"

namespace fognas {
namespace {

using testing::input_error_of;

const std::string kSource = FOGNAS_SOURCE_DIR;

TEST(ScenarioKeys, EveryKeyTheReaderAcceptsIsDocumented) {
  const std::string doc = read_file(kSource + "/scenarios/README.md");
  ASSERT_FALSE(doc.empty());
  for (const std::string& key : scenario_keys())
    EXPECT_NE(doc.find("| `" + key + "` |"), std::string::npos) << key << " is missing from scenarios/README.md";
}

TEST(ScenarioKeys, EveryListedKeyIsReadNotJustAllowed) {
  // Each key set alone on a minimal file is accepted (a key the reader allowed
  // but never read would be reported as unknown).
  const std::string base = "name: t\narchitectures:\n  - {name: a, lengths: [2048, 2], channels: [1, 1]}\n";
  for (const std::string& key : scenario_keys()) {
    if (key.rfind("architectures", 0) == 0 || key == "name") continue;
    // Profile fields and the sweep section hold maps; tests/sweep reads them.
    if (key.find('*') != std::string::npos || key.rfind("sweep.", 0) == 0) continue;
    std::string value = "2";
    if (key == "wearables") value = "1";
    if (key == "search.crossover_rate" || key == "search.mutation_rate" || key == "training.dropout") value = "0.5";
    if (key == "factors") value = "[2]";
    if (key == "description" || key == "out") value = "x";
    if (key == "energy.scenario") value = "edge";
    if (key == "search.strategy") value = "joint";
    if (key == "training.trainer") value = "libtorch";
    if (key == "search.successive_halving.enabled") value = "true";
    if (key == "data.dataset") value = "synthetic-ecg";
    if (key == "data.normalise") value = "training-set";
    if (key == "data.classes") value = "[N, V]";
    if (key == "data.split") value = "record";
    if (key == "idle_events" || key == "data_events") value = "simulated";
    if (key == "far_buildings") value = "together";
    if (key == "fleet_mix") value = "mixed";
    if (key == "battery.model") value = "li-ion";
    if (key.rfind("devices.", 0) == 0) value = key == "devices.mcu" ? "stm32l476rg" : key == "devices.radio" ? "nrf52832-1m" : "fog-paper";
    if (key == "channel.data_channels") value = "[0, 5]";
    if (key.rfind("placement.", 0) == 0) {
      // Positions are lists of pairs, which a command-line override cannot
      // write: the whole section goes in the file.
      const std::string placement =
          "placement:\n  layout: listed\n  area_m: [30, 20]\n  fog_positions_m: [[1, 2]]\n"
          "  wearable_positions_m: [[3, 4]]\n  mobility: random-walk\n  walk_speed_m_s: 1.5\n";
      EXPECT_NO_THROW(parse_scenario(base + placement, "t.yaml")) << key;
      continue;
    }
    if (key.rfind("ble.wifi_interferers[].", 0) == 0) {
      // A list of maps: the item goes in the file with the key set.
      const std::string field = key.substr(std::string("ble.wifi_interferers[].").size());
      std::string item = "{channel: 6, duty_cycle: 0.5, position_m: [1, 2]";
      if (field == "tx_power_dbm" || field == "burst_ms") item += ", " + field + ": 2";
      EXPECT_NO_THROW(parse_scenario(base + "ble:\n  wifi_interferers: [" + item + "}]\n", "t.yaml")) << key;
      continue;
    }
    if (key == "window_s") value = "4";
    if (key == "duration_s") value = "40";
    if (key == "channel.fading") value = "rician";
    if (key == "ble.disconnected") value = "drop";
    if (key == "channel.rician_k_db") {  // K means something only with Rician fading
      EXPECT_NO_THROW(parse_scenario(base, "t.yaml", {"channel.fading=rician", key + "=" + value})) << key;
      continue;
    }
    if (key == "battery.full_voltage_v" || key == "battery.cutoff_voltage_v" ||
        key.rfind("battery.internal_resistance", 0) == 0) {  // a cell's figures: not for the ideal store
      if (key == "battery.full_voltage_v") value = "3.5";
      EXPECT_NO_THROW(parse_scenario(base, "t.yaml", {"battery.model=coin-cell", key + "=" + value})) << key;
      continue;
    }
    if (key.rfind("data.", 0) == 0 && key != "data.dataset") {
      EXPECT_NO_THROW(parse_scenario(base, "t.yaml", {"data.dataset=synthetic-ecg", key + "=" + value})) << key;
      continue;
    }
    EXPECT_NO_THROW(parse_scenario(base, "t.yaml", {key + "=" + value})) << key;
  }
}

// Found by fuzzing: a complex YAML key ("? key") among a profile's fields
// is an input error naming the section, not an escaped yaml-cpp exception.
TEST(ScenarioReader, AComplexKeyAmongProfileFieldsIsAnInputError) {
  const std::string text = "name: x\nradio:\n  ble:\n    ? [a, b]\n    : 1\n";
  const std::string msg = input_error_of([&] { parse_scenario(text, "t.yaml"); });
  EXPECT_NE(msg.find("t.yaml:3: key 'radio'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("plain words"), std::string::npos) << msg;
}

TEST(ScenarioReader, DataNormaliseClassesAndSplit) {
  const Scenario s = parse_scenario(
      "name: t\ndata:\n  dataset: synthetic-eeg\n  normalise: recording\n  split: record\n"
      "  classes: {seizure: [E], non-seizure: [A, B, C, D]}\n",
      "t.yaml");
  ASSERT_TRUE(s.data.has_value());
  EXPECT_EQ(s.data->normalise, "recording");
  EXPECT_EQ(s.data->split, "record");
  using Groups = std::vector<std::pair<std::string, std::vector<std::string>>>;
  EXPECT_EQ(s.data->classes, (Groups{{"seizure", {"E"}}, {"non-seizure", {"A", "B", "C", "D"}}}));
  EXPECT_EQ(s.data->classes_where, "t.yaml:6: key 'data.classes'");
  const Scenario l = parse_scenario("name: t\ndata:\n  dataset: synthetic-ecg\n  classes: [N, S, V]\n", "t.yaml");
  EXPECT_EQ(l.data->classes, (Groups{{"N", {"N"}}, {"S", {"S"}}, {"V", {"V"}}}));
  EXPECT_EQ(l.data->normalise, "");  // the data set's default
  EXPECT_EQ(l.data->split, "window");

  auto error = [](const std::string& data_lines) {
    return input_error_of([&] { parse_scenario("name: t\ndata:\n  dataset: synthetic-eeg\n" + data_lines, "t.yaml"); });
  };
  EXPECT_NE(error("  normalise: per-window\n").find("t.yaml:4: key 'data.normalise': 'per-window' is not one of"),
            std::string::npos);
  EXPECT_NE(error("  split: patient\n").find("t.yaml:4: key 'data.split'"), std::string::npos);
  EXPECT_NE(error("  classes: seizure\n").find("t.yaml:4: key 'data.classes': give a list"), std::string::npos);
  EXPECT_NE(error("  classes: []\n").find("at least one class"), std::string::npos);
  EXPECT_NE(error("  classes: [[A]]\n").find("non-empty text"), std::string::npos);
}

TEST(ScenarioReader, BatteryModelsStartFromTheirDatasheetsAndRejectImpossibleCells) {
  auto battery = [](const std::string& lines) {
    return parse_scenario("name: t\nbattery:\n" + lines, "t.yaml").simulation.battery;
  };
  const BatterySpec coin = battery("  model: coin-cell\n  capacity_mah: 0.05\n");
  EXPECT_EQ(coin.model, BatteryModel::CoinCell);
  EXPECT_DOUBLE_EQ(coin.capacity_mah, 0.05);
  EXPECT_DOUBLE_EQ(coin.voltage_v, 3.0);
  EXPECT_DOUBLE_EQ(coin.cutoff_voltage_v, 2.0);
  EXPECT_DOUBLE_EQ(coin.internal_resistance_empty_ohm, 30);
  const BatterySpec li = battery("  model: li-ion\n");
  EXPECT_DOUBLE_EQ(li.voltage_v, 3.7);
  EXPECT_DOUBLE_EQ(li.full_voltage_v, 4.2);
  // A --set of one figure keeps the model's other figures.
  const Scenario set = parse_scenario("name: t\nbattery: {model: coin-cell}\n", "t.yaml",
                                      {"battery.internal_resistance_ohm=40"});
  EXPECT_DOUBLE_EQ(set.simulation.battery.internal_resistance_ohm, 40);
  EXPECT_DOUBLE_EQ(set.simulation.battery.full_voltage_v, 3.2);

  auto error = [](const std::string& lines) {
    return input_error_of([&] { parse_scenario("name: t\nbattery:\n" + lines, "t.yaml"); });
  };
  EXPECT_NE(error("  model: coin-cell\n  internal_resistance_ohm: -5\n")
                .find("t.yaml:4: key 'battery.internal_resistance_ohm': must be >= 0"),
            std::string::npos);
  EXPECT_NE(error("  model: coin-cell\n  cutoff_voltage_v: 3.0\n")
                .find("t.yaml:4: key 'battery.cutoff_voltage_v': the cut-off (3 V) must lie below the nominal"),
            std::string::npos);
  EXPECT_NE(error("  model: li-ion\n  voltage_v: 4.5\n").find("key 'battery.voltage_v': the full voltage (4.2 V)"),
            std::string::npos);
  EXPECT_NE(error("  model: coin-cell\n  capacity_mah: 0\n").find("t.yaml:4: key 'battery.capacity_mah': must be > 0"),
            std::string::npos);
  EXPECT_NE(error("  model: coin-cell\n  internal_resistance_empty_ohm: .nan\n").find("battery.internal_resistance_empty_ohm"),
            std::string::npos);
  EXPECT_NE(error("  full_voltage_v: 3.5\n").find("t.yaml:3: key 'battery.full_voltage_v': only with model: li-ion or coin-cell"),
            std::string::npos);
  EXPECT_NE(error("  model: alkaline\n").find("'alkaline' is not one of: basic, li-ion, coin-cell"), std::string::npos);
}

TEST(ScenarioReader, DefaultsAndSectionsAreOptional) {
  const Scenario s = parse_scenario("name: t\n", "t.yaml");
  EXPECT_EQ(s.out_dir, "results/t");
  EXPECT_EQ(s.seed, 1u);
  EXPECT_EQ(s.energy_scenario, EnergyScenario::Total);
  ASSERT_EQ(s.factors.size(), 1u);
  EXPECT_DOUBLE_EQ(s.factors[0], 10.0);  // the fog profile's own factor
  EXPECT_FALSE(s.data.has_value());
  EXPECT_TRUE(s.architectures.empty());
}

TEST(ScenarioReader, OverridesAreCheckedLikeTheFileAndNamed) {
  const std::string base = "name: t\n";
  EXPECT_EQ(parse_scenario(base, "t.yaml", {"training.epochs=3"}).training.epochs, 3);
  EXPECT_EQ(parse_scenario(base, "t.yaml", {"factors=[1, 2.5]"}).factors, (std::vector<double>{1, 2.5}));
  std::string msg = input_error_of([&] { parse_scenario(base, "t.yaml", {"training.epoch=3"}); });
  EXPECT_NE(msg.find("--set training.epoch"), std::string::npos) << msg;
  msg = input_error_of([&] { parse_scenario(base, "t.yaml", {"duration_s=1e15"}); });
  EXPECT_NE(msg.find("duration_s"), std::string::npos) << msg;
  EXPECT_NE(msg.find("--set"), std::string::npos) << msg;
  msg = input_error_of([&] { parse_scenario(base, "t.yaml", {"factors=[inf]"}); });
  EXPECT_NE(msg.find("factors"), std::string::npos) << msg;
  msg = input_error_of([&] { parse_scenario(base, "t.yaml", {"nonsense"}); });
  EXPECT_NE(msg.find("KEY=VALUE"), std::string::npos) << msg;
}

TEST(ScenarioReader, BadValuesNameFileLineAndKey) {
  auto msg = [](const std::string& text) { return input_error_of([&] { parse_scenario(text, "s.yaml"); }); };
  EXPECT_NE(msg("name: t\nfactors: [10, 0]\n").find("s.yaml:2: key 'factors'"), std::string::npos);
  EXPECT_NE(msg("name: t\nenergy: {scenario: both}\n").find("energy.scenario"), std::string::npos);
  EXPECT_NE(msg("name: t\nprofiles: {mcu: x}\n").find("s.yaml:2: unknown key 'profiles'"), std::string::npos);
  EXPECT_NE(msg("name: t\nwearables: 2.5\n").find("wearables"), std::string::npos);
  EXPECT_NE(msg("name: t\narchitectures:\n  - {name: a, lengths: [2048, 2], channels: [1, 1], partition_point: 4}\n")
                .find("architectures[0].partition_point"),
            std::string::npos);
  EXPECT_NE(msg("name: t\narchitectures:\n  - {name: a, lengths: [2048, 2], channels: [1, 1]}\n"
                "  - {name: a, lengths: [2048, 2], channels: [1, 1]}\n")
                .find("appears twice"),
            std::string::npos);
  EXPECT_NE(msg("name: t\nwearables: 3\nfog_nodes: 1\nmax_wearables_per_fog: 2\n").find("wearables"),
            std::string::npos);
}

// A mixed fleet puts N architectures on the wearables of one case: at least
// one wearable each. `per-link` lets the solver choose per wearable.
TEST(ScenarioReader, FleetMixAndPerLinkPointsAreChecked) {
  const std::string two = "name: t\narchitectures:\n  - {name: a, lengths: [2048, 2], channels: [1, 1]}\n"
                          "  - {name: b, lengths: [2048, 8, 2], channels: [1, 2, 1], partition_point: per-link}\n";
  const Scenario by_arch = parse_scenario(two, "s.yaml");
  EXPECT_EQ(by_arch.simulation.fleet_mix, FleetMix::ByArchitecture);
  EXPECT_FALSE(by_arch.architectures[0].per_link_partition);
  EXPECT_TRUE(by_arch.architectures[1].per_link_partition);
  EXPECT_FALSE(by_arch.architectures[1].partition_point.has_value());
  const Scenario mixed = parse_scenario(two + "wearables: 2\nmax_wearables_per_fog: 2\nfleet_mix: mixed\n", "s.yaml");
  EXPECT_EQ(mixed.simulation.fleet_mix, FleetMix::Mixed);
  auto msg = [](const std::string& text) { return input_error_of([&] { parse_scenario(text, "s.yaml"); }); };
  const std::string too_few = msg(two + "fleet_mix: mixed\n");
  EXPECT_NE(too_few.find("s.yaml:5: key 'fleet_mix'"), std::string::npos) << too_few;
  EXPECT_NE(too_few.find("2 architectures on 1 wearables"), std::string::npos) << too_few;
  EXPECT_NE(msg(two + "fleet_mix: shuffled\n").find("s.yaml:5: key 'fleet_mix'"), std::string::npos);
  EXPECT_NE(msg("name: t\narchitectures:\n  - {name: a, lengths: [2048, 2], channels: [1, 1], partition_point: "
                "per-wearable}\n")
                .find("architectures[0].partition_point"),
            std::string::npos);
}

// Supervision and advertising are radio profile fields (checked by the
// profile reader, also when a scenario sets them); what a wearable does while
// disconnected is the scenario's.
TEST(ScenarioReader, SupervisionTimeoutAndDisconnectedPolicyAreChecked) {
  const std::string base = "name: t\ndevices: {radio: nrf52832-1m}\n";
  const Scenario ok = parse_scenario(base + "ble: {disconnected: drop}\nradio: {ble: {supervision_timeout_ms: 720}}\n",
                                     "s.yaml");
  EXPECT_EQ(ok.simulation.disconnected, DisconnectedPolicy::Drop);
  EXPECT_DOUBLE_EQ(ok.devices.radio.ble.supervision_timeout_ms, 720);
  EXPECT_EQ(parse_scenario(base, "s.yaml").simulation.disconnected, DisconnectedPolicy::Keep);
  auto msg = [&](const std::string& extra) { return input_error_of([&] { parse_scenario(base + extra, "s.yaml"); }); };
  // The scenario's line and the field's key as the scenario sets it, then the profile.
  for (const char* bad : {"-100", "0"}) {
    const std::string m = msg(std::string("radio: {ble: {supervision_timeout_ms: ") + bad + "}}\n");
    EXPECT_NE(m.find("s.yaml:3: key 'radio.ble.supervision_timeout_ms': in profile 'nrf52832-1m'"),
              std::string::npos) << m;
  }
  // Another field, checked against the specification's maximum (499).
  const std::string latency = msg("radio: {ble: {peripheral_latency: 600}}\n");
  EXPECT_NE(latency.find("s.yaml:3: key 'radio.ble.peripheral_latency'"), std::string::npos) << latency;
  EXPECT_NE(msg("radio: {ble: {supervision_timeout_ms: 50}}\n").find("100 ms - 32000 ms"), std::string::npos);
  EXPECT_NE(msg("radio: {ble: {supervision_timeout_ms: 105}}\n").find("10 ms"), std::string::npos);
  // Twice the longest gap between anchors: 2 x (1 + 3) x 30 ms = 240 ms.
  EXPECT_NE(msg("radio: {ble: {supervision_timeout_ms: 240, peripheral_latency: 3}}\n").find("must exceed 2 x"),
            std::string::npos);
  EXPECT_NO_THROW(parse_scenario(base + "radio: {ble: {supervision_timeout_ms: 250, peripheral_latency: 3}}\n",
                                 "s.yaml"));
  EXPECT_NE(msg("radio: {ble: {scan_window_ms: 200}}\n").find("scan_window_ms"), std::string::npos);
  EXPECT_NE(msg("radio: {ble: {adv_interval_ms: 10}}\n").find("adv_interval_ms"), std::string::npos);
  EXPECT_NE(msg("ble: {disconnected: maybe}\n").find("s.yaml:3: key 'ble.disconnected'"), std::string::npos);
  EXPECT_EQ(parse_scenario(base + "ble: {disconnected: edge}\n", "s.yaml").simulation.disconnected,
            DisconnectedPolicy::Edge);
  EXPECT_NE(msg("ble:\n  disconnected: sideways\n").find("s.yaml:4: key 'ble.disconnected'"), std::string::npos);
}

TEST(ScenarioReader, WifiInterferersAreCheckedItemByItem) {
  const Scenario s = parse_scenario(
      "name: t\nble:\n  wifi_interferers:\n    - {channel: 6, duty_cycle: 0.25, position_m: [1.5, -2]}\n"
      "    - {channel: 13, duty_cycle: 1, tx_power_dbm: 10, position_m: [0, 0], burst_ms: 0.5}\n",
      "s.yaml");
  const auto& w = s.simulation.wifi_interferers;
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0].channel, 6);
  EXPECT_DOUBLE_EQ(w[0].duty_cycle, 0.25);
  EXPECT_DOUBLE_EQ(w[0].tx_power_dbm, 20);  // the default
  EXPECT_DOUBLE_EQ(w[0].x_m, 1.5);
  EXPECT_DOUBLE_EQ(w[0].y_m, -2);
  EXPECT_DOUBLE_EQ(w[0].burst_ms, 1);
  EXPECT_EQ(w[1].channel, 13);
  EXPECT_DOUBLE_EQ(w[1].burst_ms, 0.5);
  EXPECT_TRUE(parse_scenario("name: t\n", "s.yaml").simulation.wifi_interferers.empty());
  auto msg = [](const std::string& item) {
    return input_error_of([&] { parse_scenario("name: t\nble:\n  wifi_interferers:\n    - " + item + "\n", "s.yaml"); });
  };
  const std::string at = ", position_m: [1, 1]}";
  for (const auto& [item, key] : std::vector<std::pair<std::string, std::string>>{
           {"{channel: 0, duty_cycle: 0.5" + at, "channel"},
           {"{channel: 14, duty_cycle: 0.5" + at, "channel"},
           {"{channel: 2.5, duty_cycle: 0.5" + at, "channel"},
           {"{duty_cycle: 0.5" + at, "channel"},
           {"{channel: 1, duty_cycle: 1.5" + at, "duty_cycle"},
           {"{channel: 1, duty_cycle: -0.1" + at, "duty_cycle"},
           {"{channel: 1, duty_cycle: .nan" + at, "duty_cycle"},
           {"{channel: 1" + at, "duty_cycle"},
           {"{channel: 1, duty_cycle: 0.5, tx_power_dbm: .inf" + at, "tx_power_dbm"},
           {"{channel: 1, duty_cycle: 0.5, burst_ms: 0" + at, "burst_ms"},
           {"{channel: 1, duty_cycle: 0.5, position_m: [1, .nan]}", "position_m"},
           {"{channel: 1, duty_cycle: 0.5, position_m: [1]}", "position_m"},
           {"{channel: 1, duty_cycle: 0.5}", "position_m"},
           {"{channel: 1, duty_cycle: 0.5, power: 3" + at, "power"}}) {
    const std::string m = msg(item);
    EXPECT_EQ(m.rfind("s.yaml:4: ", 0), 0u) << item << ": " << m;  // missing, unknown or bad: the item's line
    EXPECT_NE(m.find("key 'ble.wifi_interferers[0]." + key + "'"), std::string::npos) << item << ": " << m;
  }
}

TEST(ScenarioReader, PlacementIsCheckedAgainstTheAreaAndTheFleet) {
  const Scenario s = parse_scenario(
      "name: t\nwearables: 2\nmax_wearables_per_fog: 2\nplacement:\n  layout: listed\n  area_m: [30, 20]\n  fog_positions_m: [[15, 10]]\n"
      "  wearable_positions_m: [[1, 2], [29.5, 19]]\n  mobility: random-walk\nwindow_jitter_s: 0.5\n",
      "s.yaml");
  EXPECT_EQ(s.simulation.placement.layout, Layout::Listed);
  EXPECT_DOUBLE_EQ(s.simulation.placement.area_w_m, 30);
  ASSERT_EQ(s.simulation.placement.wearable_positions_m.size(), 2u);
  EXPECT_DOUBLE_EQ(s.simulation.placement.wearable_positions_m[1].first, 29.5);
  EXPECT_TRUE(s.simulation.placement.random_walk);
  EXPECT_DOUBLE_EQ(s.simulation.window_jitter_s, 0.5);
  auto msg = [](const std::string& text) { return input_error_of([&] { parse_scenario(text, "s.yaml"); }); };
  const std::string listed = "name: t\nplacement:\n  layout: listed\n  area_m: [30, 20]\n";
  EXPECT_NE(msg(listed + "  fog_positions_m: [[31, 1]]\n  wearable_positions_m: [[1, 1]]\n")
                .find("s.yaml:5: key 'placement.fog_positions_m'"),
            std::string::npos);
  EXPECT_NE(msg(listed + "  fog_positions_m: [[1, 1]]\n  wearable_positions_m: [[1, 1], [2, 2]]\n").find("lists 2"),
            std::string::npos);
  EXPECT_NE(msg("name: t\nplacement: {layout: grid}\n").find("needs placement.area_m"), std::string::npos);
  EXPECT_NE(msg("name: t\nplacement: {area_m: [30, -1]}\n").find("placement.area_m"), std::string::npos);
  EXPECT_NE(msg("name: t\nplacement: {mobility: random-walk}\n").find("placement.mobility"), std::string::npos);
  EXPECT_NE(msg("name: t\nwindow_jitter_s: -0.1\n").find("s.yaml:2: key 'window_jitter_s'"), std::string::npos);
  EXPECT_NE(msg("name: t\nwindow_jitter_s: 4\n").find("below one window"), std::string::npos);
  EXPECT_NE(msg("name: t\nwearables: 5\nfog_nodes: 2\nmax_wearables_per_fog: 2\n").find("key 'wearables'"),
            std::string::npos);
}

// Two buildings of 2 floors x 2 rooms: 8 wards of 3 beds and 1 fog node.
const std::string kBuildings =
    "name: t\nwearables: 24\nfog_nodes: 8\nmax_wearables_per_fog: 3\nplacement:\n  layout: buildings\n"
    "  buildings:\n    - {origin_m: [0, 0], size_m: [40, 20], floors: 2, floor_height_m: 4, rooms: [2, 1],\n"
    "       walls: concrete-without-windows, type: commercial, repeat: [2, 1], pitch_m: [100, 0]}\n"
    "  beds_per_ward: 3\n  fog_nodes_per_ward: 1\n";

TEST(ScenarioReader, BuildingsWardsAndWalkersAreRead) {
  const Scenario s = parse_scenario(kBuildings + "  mobility: random-walk\n  walking_share: 0.25\n  walk_within: floor\n",
                                    "s.yaml");
  const PlacementSettings& p = s.simulation.placement;
  EXPECT_EQ(p.layout, Layout::Buildings);
  ASSERT_EQ(p.buildings.size(), 2u);
  EXPECT_DOUBLE_EQ(p.buildings[1].x0_m, 100);
  EXPECT_EQ(p.buildings[1].floors, 2);
  EXPECT_EQ(p.buildings[1].rooms_x, 2);
  EXPECT_EQ(p.buildings[1].walls, ExternalWalls::ConcreteWithoutWindows);
  EXPECT_EQ(p.buildings[1].type, BuildingType::Commercial);
  ASSERT_EQ(p.wards.size(), 8u);  // every room of every floor
  EXPECT_EQ(p.wards[7].building, 2);
  EXPECT_EQ(p.wards[7].floor, 2);
  EXPECT_EQ(p.wards[7].room_x, 2);
  EXPECT_DOUBLE_EQ(p.walking_share, 0.25);
  EXPECT_EQ(p.walk_within, WalkWithin::Floor);
  const Scenario listed = parse_scenario(
      "name: t\nwearables: 3\nmax_wearables_per_fog: 3\nplacement:\n  layout: buildings\n"
      "  buildings: [{origin_m: [0, 0], size_m: [40, 20], floors: 2, rooms: [2, 1]}]\n"
      "  wards: [{building: 1, floor: 2, room: [2, 1]}]\n  beds_per_ward: 3\n",
      "s.yaml");
  ASSERT_EQ(listed.simulation.placement.wards.size(), 1u);
  EXPECT_EQ(listed.simulation.placement.wards[0].floor, 2);
}

TEST(ScenarioReader, BuildingsAndWardsThatCannotStandAreRefused) {
  auto msg = [](const std::string& text) { return input_error_of([&] { parse_scenario(text, "s.yaml"); }); };
  const std::string one =
      "name: t\nwearables: 3\nmax_wearables_per_fog: 3\nplacement:\n  layout: buildings\n"
      "  buildings: [{origin_m: [0, 0], size_m: [40, 20], floors: 2, rooms: [2, 1]}]\n  beds_per_ward: 3\n";
  // A ward outside its building, on a floor it does not have, in a building not there.
  EXPECT_NE(msg(one + "  wards: [{building: 1, floor: 1, room: [3, 1]}]\n").find("s.yaml:8: key 'placement.wards[0].room': lies outside building 1"),
            std::string::npos);
  EXPECT_NE(msg(one + "  wards: [{building: 1, floor: 3, room: [1, 1]}]\n").find("key 'placement.wards[0].floor': building 1 has floors 1 ... 2, not 3"),
            std::string::npos);
  EXPECT_NE(msg(one + "  wards: [{building: 2, floor: 1, room: [1, 1]}]\n").find("key 'placement.wards[0].building'"),
            std::string::npos);
  EXPECT_NE(msg(one + "  wards: [{building: 1, floor: 1, room: [1, 1]}, {building: 1, floor: 1, room: [1, 1]}]\n")
                .find("listed twice"),
            std::string::npos);
  // Overlapping (or touching) buildings.
  const std::string two = "name: t\nwearables: 4\nfog_nodes: 4\nplacement:\n  layout: buildings\n  buildings:\n"
                          "    - {origin_m: [0, 0], size_m: [40, 20]}\n";
  EXPECT_NE(msg(two + "    - {origin_m: [39, 19], size_m: [10, 10]}\n").find("key 'placement.buildings': buildings 1 and 2 overlap"),
            std::string::npos);
  EXPECT_NE(msg(two + "    - {origin_m: [40, 0], size_m: [10, 10]}\n").find("overlap"), std::string::npos);
  EXPECT_NE(msg("name: t\nwearables: 4\nfog_nodes: 4\nplacement:\n  layout: buildings\n"
                "  buildings: [{origin_m: [0, 0], size_m: [40, 20], repeat: [2, 2], pitch_m: [30, 50]}]\n")
                .find("buildings 1 and 2 overlap"),
            std::string::npos);
  // The interference index's bound: above 0, at most 10 dB.
  for (const std::string& bound : {"0", "-0.1", "10.5", ".nan"})
    EXPECT_NE(msg("name: t\nchannel:\n  interference_bound_db: " + bound + "\n").find("s.yaml:3: key 'channel.interference_bound_db'"),
              std::string::npos)
        << bound;
  EXPECT_DOUBLE_EQ(parse_scenario("name: t\nchannel: {interference_bound_db: 10}\n", "s.yaml").simulation.interference_bound_db, 10);
  // The fleet must fill the wards.
  EXPECT_NE(msg(kBuildings + "  walking_share: 0.5\n").find("only with mobility: random-walk"), std::string::npos);
  EXPECT_NE(msg(std::string(kBuildings).replace(kBuildings.find("fog_nodes: 8"), 12, "fog_nodes: 9"))
                .find("8 wards x 1 fog nodes is 8, but fog_nodes is 9"),
            std::string::npos);
  EXPECT_NE(msg(std::string(kBuildings).replace(kBuildings.find("wearables: 24"), 13, "wearables: 23"))
                .find("8 wards x 3 beds is 24 wearables, but wearables is 23"),
            std::string::npos);
  EXPECT_NE(msg(kBuildings + "  area_m: [10, 10]\n").find("places the nodes in the wards"), std::string::npos);
  EXPECT_NE(msg("name: t\nplacement: {layout: grid, area_m: [10, 10], beds_per_ward: 3}\n").find("only with layout buildings"),
            std::string::npos);
  for (const std::string& bad : {"floors: 0", "floor_height_m: 2", "rooms: [0, 1]", "walls: glass", "type: barn",
                                 "size_m: [0, 1]", "pitch_m: [1, 1]"})
    EXPECT_NE(msg("name: t\nplacement:\n  layout: buildings\n  buildings: [{origin_m: [0, 0], size_m: [40, 20], " + bad +
                  "}]\n")
                  .find("key 'placement.buildings[0]."),
              std::string::npos)
        << bad;
}

TEST(ScenarioReader, DataChannelsAreAMapOfAtLeastTwoOfThe37) {
  const Scenario s = parse_scenario("name: t\nchannel: {data_channels: [0, 1, 36]}\n", "s.yaml");
  EXPECT_EQ(s.simulation.data_channel_map, (uint64_t{1} << 0) | (uint64_t{1} << 1) | (uint64_t{1} << 36));
  EXPECT_EQ(parse_scenario("name: t\n", "s.yaml").simulation.data_channel_map, (uint64_t{1} << 37) - 1);
  auto msg = [](const std::string& text) { return input_error_of([&] { parse_scenario(text, "s.yaml"); }); };
  for (const char* bad : {"[3]", "[]", "[1, 37]", "[-1, 2]", "[1.5, 2]", "[4, 4]"}) {
    const std::string m = msg(std::string("name: t\nchannel:\n  data_channels: ") + bad + "\n");
    EXPECT_NE(m.find("s.yaml:3: key 'channel.data_channels'"), std::string::npos) << bad << ": " << m;
  }
}

TEST(ScenarioReader, PathsResolveBesideTheScenarioFileFirst) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "fognas-scenario-paths";
  fs::create_directories(dir / "sub");
  std::ofstream(dir / "sub" / "fog.yaml") << "kind: fog\nname: near\nbusy_power_mw: 33\nrelative_speed: 2\n";
  std::ofstream(dir / "best.json") << R"({"lengths": [2048, 64, 2], "channels": [1, 2, 1], "partition_point": 2})";
  std::ofstream(dir / "sub" / "s.yaml") << "name: t\ndevices: {fog: fog.yaml}\n"
                                           "architectures:\n  - {name: found, from_search: ../best.json}\n";
  const Scenario s = load_scenario_file((dir / "sub" / "s.yaml").string());
  EXPECT_EQ(s.devices.fog.name, "near");
  EXPECT_DOUBLE_EQ(s.factors.at(0), 33.0 * 2 / 33.0);
  ASSERT_EQ(s.architectures.size(), 1u);
  EXPECT_EQ(s.architectures[0].lengths, (std::vector<int>{2048, 64, 2}));
  EXPECT_EQ(*s.architectures[0].partition_point, 2);
  fs::remove_all(dir);
}

TEST(ScenarioReader, APathTooLongToProbeIsAnInputError) {
  // Found by the scenario fuzzer: std::filesystem threw (file name too long).
  const std::string longest(5000, 'a');
  EXPECT_NE(input_error_of([&] { parse_scenario("name: t\ndevices: {mcu: " + longest + "}\n", "t.yaml"); }), "");
  EXPECT_NE(input_error_of([&] {
              parse_scenario("name: t\narchitectures:\n  - {name: a, from_search: " + longest + "}\n", "t.yaml");
            }),
            "");
}

TEST(ScenarioReader, AFolderIsNotAScenario) {
  const std::string msg = input_error_of([] { load_scenario_file(kSource + "/scenarios"); });
  EXPECT_NE(msg.find("is a folder"), std::string::npos) << msg;
}

}  // namespace
}  // namespace fognas
