// The wearable's battery models in ns-3 terms: a cell on a known load, its
// voltage and depletion time against the same figures worked out by hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "ns3/node.h"
#include "ns3/device-energy-model.h"
#include "ns3/simulator.h"

#include "ns3/coin-cell-energy-source.h"
#include "ns3/metered-energy-source.h"

#include "battery.h"
#include "fognas/sim/scenario.h"
#include "fognas/sim/simulate.h"

namespace {
using namespace ns3;

// A load drawing a set current, following the energy framework's contract
// as the project's models do: the source is updated (charging the current
// being left) before the current changes. (ns-3.37's StepLoad
// changes its current first, so the source would charge the new current over
// the interval before.)
class StepLoad : public DeviceEnergyModel {
 public:
  static TypeId GetTypeId() {
    static TypeId tid = TypeId("fognas::test::StepLoad").SetParent<DeviceEnergyModel>();
    return tid;
  }
  void SetEnergySource(Ptr<EnergySource> source) override { m_source = source; }
  // Its own count (at the source's voltage, which only the metered source reads).
  double GetTotalEnergyConsumption() const override {
    if (!m_source) return m_energyJ;
    return m_energyJ + m_amps * m_source->GetSupplyVoltage() * (Simulator::Now() - m_since).GetSeconds();
  }
  void ChangeState(int) override {}
  void HandleEnergyDepletion() override {}
  void HandleEnergyRecharged() override {}
  void HandleEnergyChanged() override {}
  void SetCurrentA(double amps) {
    if (m_source) m_source->UpdateEnergySource();
    m_energyJ = GetTotalEnergyConsumption();
    m_since = Simulator::Now();
    m_amps = amps;
  }

 private:
  double DoGetCurrentA() const override { return m_amps; }
  void DoDispose() override { m_source = nullptr; }
  Ptr<EnergySource> m_source;
  double m_amps = 0, m_energyJ = 0;
  Time m_since;
};

// A cell feeding one constant-current load; its terminal voltage read once a
// second until it reports itself empty or `seconds` pass.
struct ConstantLoad {
  Ptr<EnergySource> source;
  Ptr<StepLoad> load;
  std::vector<double> volts;

  ConstantLoad(Ptr<EnergySource> cell, double amps) : source(cell) {
    Simulator::Destroy();
    Ptr<Node> node = CreateObject<Node>();
    source->SetNode(node);
    node->AggregateObject(source);
    load = CreateObject<StepLoad>();
    load->SetEnergySource(source);
    source->AppendDeviceEnergyModel(load);
    load->SetCurrentA(amps);
  }
  ~ConstantLoad() { Simulator::Destroy(); }
  void Sample(double seconds) {
    for (int t = 1; t <= static_cast<int>(seconds); ++t)
      Simulator::Schedule(Seconds(t), [this] {
        source->UpdateEnergySource();
        volts.push_back(source->GetSupplyVoltage());
      });
    Simulator::Stop(Seconds(seconds + 0.5));
    Simulator::Run();
  }
};

TEST(Battery, LiIonVoltageFallsMonotonicallyOverADischarge) {
  fognas::BatterySpec spec = fognas::battery_defaults(fognas::BatteryModel::LiIon);
  spec.capacity_mah = 0.25;  // 10 mA empties it in 90 s
  ConstantLoad cell(fognas::sim::MakeBattery(spec), 0.010);
  cell.Sample(100);
  ASSERT_EQ(cell.volts.size(), 100u);
  for (size_t i = 1; i < cell.volts.size(); ++i)
    EXPECT_LE(cell.volts[i], cell.volts[i - 1]) << "second " << i + 1;
  // From near full (4.2 V less the first second's fall and 10 mA x 0.43 Ohm)
  // to the cut-off, reached at 90 s.
  EXPECT_GT(cell.volts.front(), 4.0);
  EXPECT_LT(cell.volts[88], 3.6);
  EXPECT_LE(cell.volts[90], spec.cutoff_voltage_v);
  auto* source = dynamic_cast<CellEnergySource*>(PeekPointer(cell.source));
  ASSERT_NE(source, nullptr);
  ASSERT_TRUE(source->IsDepleted());
  // Where OCV(s) - 10 mA x 0.43 Ohm meets the cut-off, at 10 mA: the cell
  // foresees it and updates itself there (to the next nanosecond).
  double lo = 0, hi = 1;
  for (int i = 0; i < 100; ++i)
    (source->OpenCircuitVoltage(0.5 * (lo + hi)) - 0.010 * 0.43 > spec.cutoff_voltage_v ? lo : hi) = 0.5 * (lo + hi);
  EXPECT_NEAR(source->GetDepletionTime().GetSeconds(), hi * 90.0, 1e-6);
  EXPECT_GT(hi, 0.99);
}

// A coin cell on a periodic load: `pulseA` for `pulse` every `period`,
// `baseA` in between, as a BLE link draws it; when the cell reports itself
// empty.
struct PulsedLoad : ConstantLoad {
  PulsedLoad(Ptr<EnergySource> cell, double baseA, double pulseA, Time period, Time pulse, int pulses)
      : ConstantLoad(cell, baseA) {
    for (int k = 0; k < pulses; ++k) {
      Simulator::Schedule(period * k, &StepLoad::SetCurrentA, load, pulseA);
      Simulator::Schedule(period * k + pulse, &StepLoad::SetCurrentA, load, baseA);
    }
  }
};

Ptr<CoinCellEnergySource> CoinCell(double capacityAh, double ohmFresh, double ohmEmpty) {
  fognas::BatterySpec spec = fognas::battery_defaults(fognas::BatteryModel::CoinCell);
  spec.capacity_mah = capacityAh * 1e3;
  spec.internal_resistance_ohm = ohmFresh;
  spec.internal_resistance_empty_ohm = ohmEmpty;
  return DynamicCast<CoinCellEnergySource>(fognas::sim::MakeBattery(spec));
}

TEST(Battery, CoinCellTerminalVoltageDropsByIRUnderAPulse) {
  Ptr<CoinCellEnergySource> cell = CoinCell(0.225, 15, 30);
  ConstantLoad load(cell, 0.0);
  std::vector<double> seen;
  cell->TraceConnectWithoutContext("TerminalVoltage",
                                   Callback<void, double, double>([&seen](double, double v) { seen.push_back(v); }));
  Simulator::Schedule(Seconds(1), &StepLoad::SetCurrentA, load.load, 0.010);
  Simulator::Schedule(Seconds(1.002), &StepLoad::SetCurrentA, load.load, 0.0);
  double before = 0, during = 0, after = 0;
  Simulator::Schedule(Seconds(0.5), [&] { before = cell->GetSupplyVoltage(); });
  Simulator::Schedule(Seconds(1.001), [&] { during = cell->GetSupplyVoltage(); });
  Simulator::Schedule(Seconds(1.5), [&] { after = cell->GetSupplyVoltage(); });
  Simulator::Stop(Seconds(2));
  Simulator::Run();
  // Fresh and unloaded: the full voltage. Under 10 mA: 10 mA x 15 Ohm less
  // (the depth after 20 uAs of 810 As moves the open-circuit voltage and the
  // resistance by under 1 uV).
  EXPECT_NEAR(before, 3.2, 1e-12);
  EXPECT_NEAR(during, 3.2 - 0.010 * 15.0, 1e-6);
  EXPECT_NEAR(after, 3.2, 1e-6);
  ASSERT_FALSE(seen.empty());
  EXPECT_NEAR(*std::min_element(seen.begin(), seen.end()), 3.05, 1e-6);
  EXPECT_FALSE(cell->IsDepleted());
}

// 8 mA for 2 ms every 30 ms over 5 uA: a connection event's peak on a
// sleeping wearable. The mean current sets the ideal lifetime Q / I.
constexpr double kBaseA = 5e-6, kPulseA = 8e-3;
const Time kPeriod = MilliSeconds(30), kPulse = MilliSeconds(2);
constexpr double kMeanA = kBaseA + (kPulseA - kBaseA) * 2.0 / 30.0;
constexpr double kCapacityAh = kMeanA * 60.0 / 3600.0;  // 60 s of the mean current

TEST(Battery, CoinCellWithoutResistanceLastsAsLongAsTheIdealSource) {
  Ptr<CoinCellEnergySource> cell = CoinCell(kCapacityAh, 0, 0);
  { PulsedLoad load(cell, kBaseA, kPulseA, kPeriod, kPulse, 4000);
    Simulator::Stop(Seconds(70));
    Simulator::Run(); }
  // ns-3's ideal source on the same load, holding capacity x voltage.
  fognas::BatterySpec ideal;
  ideal.capacity_mah = kCapacityAh * 1e3;
  ideal.voltage_v = 3.0;
  Ptr<EnergySource> basic = fognas::sim::MakeBattery(ideal);
  double basicEmptyS = -1;
  PulsedLoad load(basic, kBaseA, kPulseA, kPeriod, kPulse, 4000);
  basic->TraceConnectWithoutContext("RemainingEnergy", Callback<void, double, double>([&](double, double j) {
                                      if (j <= 0 && basicEmptyS < 0) basicEmptyS = Simulator::Now().GetSeconds();
                                    }));
  Simulator::Stop(Seconds(70));
  Simulator::Run();
  ASSERT_TRUE(cell->IsDepleted());
  ASSERT_GT(basicEmptyS, 0);
  const double cellS = cell->GetDepletionTime().GetSeconds();
  EXPECT_NEAR(cellS, basicEmptyS, kPeriod.GetSeconds());
  EXPECT_NEAR(cellS, 60.0, kPeriod.GetSeconds());  // Q / I, by hand
  std::printf("empty at %.4f s (coin cell, R = 0), %.4f s (ideal source)\n", cellS, basicEmptyS);
}

TEST(Battery, CoinCellResistanceShortensLifetimeByTheIRDropAtThePulses) {
  // A fresh cell (the datasheet's 15-30 Ohm) and a cold or aged one.
  for (const auto& [fresh, empty] : {std::pair{15.0, 30.0}, std::pair{40.0, 120.0}}) {
    Ptr<CoinCellEnergySource> cell = CoinCell(kCapacityAh, fresh, empty);
    PulsedLoad load(cell, kBaseA, kPulseA, kPeriod, kPulse, 4000);
    Simulator::Stop(Seconds(70));
    Simulator::Run();
    ASSERT_TRUE(cell->IsDepleted());
    const double emptyS = cell->GetDepletionTime().GetSeconds();
    // Worked out apart from the run: under a pulse the terminal voltage
    // OCV(s) - 8 mA x R(s) meets the 2.0 V cut-off at depth s*. At each
    // pulse's start the cell has given exactly t x mean current, and a pulse
    // draws faster than the mean, so the cut-off falls inside the pulse that
    // reaches s*: no later than s* x Q / I and no more than one period before.
    double lo = 0, hi = 1;
    for (int i = 0; i < 100; ++i) {
      const double s = 0.5 * (lo + hi);
      (cell->OpenCircuitVoltage(s) - kPulseA * (fresh + (empty - fresh) * s) > 2.0 ? lo : hi) = s;
    }
    const double expectedS = hi * 60.0;
    EXPECT_LE(emptyS, expectedS + 1e-6);
    EXPECT_GE(emptyS, expectedS - kPeriod.GetSeconds());
    EXPECT_LT(emptyS, 60.0 - 5 * kPeriod.GetSeconds());  // clearly before the ideal 60 s
    std::printf("empty at %.4f s with %.0f-%.0f Ohm (s* = %.4f: %.4f s)\n", emptyS, fresh, empty, hi, expectedS);
  }
}

// The energy the cell's chemistry gives down to depth `depth`, by Simpson's
// rule over its open-circuit curve (apart from the cell's own bookkeeping).
double ChemistryJ(const CellEnergySource& cell, double capacityAh, double depth) {
  const int n = 20000;
  double sum = 0;
  for (int k = 0; k <= n; ++k) {
    const double w = (k == 0 || k == n) ? 1 : (k % 2 ? 4 : 2);
    sum += w * cell.OpenCircuitVoltage(depth * k / n);
  }
  return capacityAh * 3600.0 * depth * sum / (3.0 * n);
}

// The depth at which a current `amps` pulls the terminal voltage to the cut-off.
double CutoffDepth(const CellEnergySource& cell, const fognas::BatterySpec& b, double amps) {
  double lo = 0, hi = 1;
  for (int i = 0; i < 100; ++i) {
    const double s = 0.5 * (lo + hi);
    const double ohm = b.internal_resistance_ohm + (b.internal_resistance_empty_ohm - b.internal_resistance_ohm) * s;
    (cell.OpenCircuitVoltage(s) - amps * ohm > b.cutoff_voltage_v ? lo : hi) = s;
  }
  return hi;
}

// The shipped coin-cell scenario: its wearable's lifetime is read where the
// cell reaches its cut-off, against figures worked out apart from the run
// from the wearable's mean power (measured on a battery that does not run
// out), the cell's curve and the currents its loads pull.
TEST(Battery, CoinCellScenarioMeasuresALifetimeTheIRDropShortens) {
  using namespace fognas::sim;
  ScenarioSpec spec = load_scenario("scenarios/coin-cell.yaml");
  spec.duration_s = 1200;
  const fognas::BatterySpec cellSpec = spec.battery;
  ASSERT_EQ(cellSpec.model, fognas::BatteryModel::CoinCell);
  const CasePlan plan = plan_cases(spec).at(0);
  // The mean power, on a basic store that lasts.
  spec.battery = fognas::BatterySpec{};
  spec.battery.capacity_mah = 1;
  spec.duration_s = 400;
  const WearableResult steady = simulate_case(spec, plan).wearables.at(0);
  ASSERT_FALSE(steady.depleted);
  const double powerW = steady.battery_drain_mw * 1e-3;
  // The ideal store of the cell's capacity and nominal voltage: capacity x
  // voltage / mean power (to within a window of the drain's unevenness and
  // the store's 1 s update).
  spec.duration_s = 1200;
  spec.battery.capacity_mah = cellSpec.capacity_mah;
  spec.battery.voltage_v = cellSpec.voltage_v;
  const WearableResult ideal = simulate_case(spec, plan).wearables.at(0);
  ASSERT_TRUE(ideal.depleted);
  EXPECT_TRUE(ideal.lifetime_measured);
  const double idealS = spec.battery.energy_j() / powerW;
  EXPECT_NEAR(ideal.depleted_at_s, idealS, spec.window_s + 1.0);
  // The coin cell.
  spec.battery = cellSpec;
  const WearableResult coin = simulate_case(spec, plan).wearables.at(0);
  ASSERT_TRUE(coin.depleted);
  EXPECT_EQ(coin.lifetime_h * 3600.0, coin.depleted_at_s);
  Ptr<CoinCellEnergySource> cell = DynamicCast<CoinCellEnergySource>(fognas::sim::MakeBattery(cellSpec));
  cell->Initialize();
  const double capacityAh = cellSpec.capacity_mah * 1e-3;
  // Later than this it cannot be: every window the MCU runs the edge layers
  // and the radio transmits, each pulse drawing at least its power over the
  // cell's full voltage (through the regulator); past the depth where the
  // larger pulse meets the cut-off the cell is empty at the next window.
  ASSERT_GT(plan.predicted.edge_latency_ms, 0);
  const double pulseW = std::max(spec.mcu.active_power_mw, spec.radio.ble.tx_current_ma * spec.radio.ble.supply_v) * 1e-3;
  const double pulseA = pulseW / cellSpec.full_voltage_v;
  const double latestS = ChemistryJ(*cell, capacityAh, CutoffDepth(*cell, cellSpec, pulseA)) / powerW + spec.window_s;
  // Earlier than this it cannot be: no load draws more than the MCU running
  // beside the radio's busiest state, at the cut-off voltage; before the depth
  // where that meets the cut-off the cell holds, and of the chemistry's energy
  // at most I·R / V_cut went into the resistance.
  const double maxRadioMa = std::max({spec.radio.ble.tx_current_ma, spec.radio.ble.rx_current_ma,
                                      spec.radio.ble.cpu_current_ma + spec.radio.ble.hfxo_current_ma});
  const double maxW = spec.mcu.active_power_mw * 1e-3 + maxRadioMa * 1e-3 * spec.radio.ble.supply_v;
  const double maxA = maxW / cellSpec.cutoff_voltage_v;
  const double lossShare = maxA * cellSpec.internal_resistance_empty_ohm / cellSpec.cutoff_voltage_v;
  const double earliestS =
      ChemistryJ(*cell, capacityAh, CutoffDepth(*cell, cellSpec, maxA)) * (1 - lossShare) / powerW - spec.window_s;
  std::printf("ideal store empty at %.1f s (capacity x voltage / drain: %.1f s); coin cell at %.1f s, "
              "bounds %.1f ... %.1f s\n", ideal.depleted_at_s, idealS, coin.depleted_at_s, earliestS, latestS);
  EXPECT_LT(latestS, idealS);
  EXPECT_LE(coin.depleted_at_s, latestS);
  EXPECT_GE(coin.depleted_at_s, earliestS);
}

// A constant 6 mW on a store of E joules runs out at E / P, here 100.3456789
// s. ns-3's basic source, updated once a second, notices at the next whole
// second; the metered source (the load can reach 50 mW at most) within a
// microsecond, after a few hundred looks in all, and meanwhile holds exactly
// what the load's own count leaves.
TEST(Battery, MeteredSourceNoticesTheInstantItEmptiesWithoutPeriodicUpdates) {
  constexpr double kLoadA = 2e-3, kVolts = 3.0, kEmptyS = 100.3456789;
  fognas::BatterySpec spec;
  spec.voltage_v = kVolts;
  spec.capacity_mah = kLoadA * kEmptyS / 3.6;  // mAh: A x s / 3.6
  for (bool metered : {false, true}) {
    Ptr<EnergySource> source =
        metered ? fognas::sim::MakeWearableBattery(spec, 0.050) : fognas::sim::MakeBattery(spec);
    ConstantLoad load(source, kLoadA);
    double emptyS = -1, leftAt50J = -1;
    source->TraceConnectWithoutContext("RemainingEnergy", Callback<void, double, double>([&](double, double j) {
                                         if (j <= 0 && emptyS < 0) emptyS = Simulator::Now().GetSeconds();
                                       }));
    Simulator::Schedule(Seconds(50), [&] { leftAt50J = source->GetRemainingEnergy(); });
    Simulator::Stop(Seconds(200));
    Simulator::Run();
    ASSERT_GT(emptyS, 0) << metered;
    std::printf("%s: empty noticed at %.7f s (runs out at %.7f s)\n",
                metered ? "metered source" : "basic source, updated once a second", emptyS, kEmptyS);
    if (metered) {
      Ptr<MeteredEnergySource> m = DynamicCast<MeteredEnergySource>(source);
      ASSERT_TRUE(m);
      EXPECT_TRUE(m->IsDepleted());
      EXPECT_EQ(m->GetDepletionTime().GetSeconds(), emptyS);
      EXPECT_GE(emptyS, kEmptyS - 1e-9);
      EXPECT_LE(emptyS, kEmptyS + 1.001e-6);
      EXPECT_LT(m->GetChecks(), 400u);
      EXPECT_NEAR(leftAt50J, spec.energy_j() - kLoadA * kVolts * 50.0, 1e-12);
    } else {
      EXPECT_EQ(emptyS, 101.0);  // the first whole second after it ran out
    }
  }
}

}  // namespace
