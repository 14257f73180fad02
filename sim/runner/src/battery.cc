// The wearable's battery: the scenario's battery section as an ns-3 energy
// source.
#include "fognas/sim/battery.h"

#include "ns3/basic-energy-source.h"
#include "ns3/double.h"
#include "ns3/coin-cell-energy-source.h"
#include "ns3/li-ion-cell-energy-source.h"
#include "ns3/abort.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <cmath>

namespace fognas::sim {

ns3::Ptr<ns3::EnergySource> MakeBattery(const BatterySpec& battery) {
  using namespace ns3;
  if (battery.model == BatteryModel::Basic) {
    Ptr<BasicEnergySource> source = CreateObject<BasicEnergySource>();
    source->SetAttribute("BasicEnergySourceInitialEnergyJ", DoubleValue(battery.energy_j()));
    source->SetAttribute("BasicEnergySupplyVoltageV", DoubleValue(battery.voltage_v));
    // Run until empty: lifetime, not a low-battery warning.
    source->SetAttribute("BasicEnergyLowBatteryThreshold", DoubleValue(0.0));
    return source;
  }
  // A cell: its figures from the scenario (which starts from the model's
  // datasheet defaults), each set here so that the run never depends on
  // ns-3's attribute defaults.
  Ptr<CellEnergySource> source;
  if (battery.model == BatteryModel::CoinCell)
    source = CreateObject<CoinCellEnergySource>();
  else
    source = CreateObject<LiIonCellEnergySource>();
  source->SetAttribute("CapacityAh", DoubleValue(battery.capacity_mah * 1e-3));
  source->SetAttribute("NominalVoltageV", DoubleValue(battery.voltage_v));
  source->SetAttribute("FullVoltageV", DoubleValue(battery.full_voltage_v));
  source->SetAttribute("CutoffVoltageV", DoubleValue(battery.cutoff_voltage_v));
  source->SetAttribute("InternalResistanceOhm", DoubleValue(battery.internal_resistance_ohm));
  source->SetAttribute("InternalResistanceEmptyOhm", DoubleValue(battery.internal_resistance_empty_ohm));
  return source;
}

namespace {
// Longest gap between two updates: keeps the nanosecond count far from overflow.
constexpr double kLongestGapS = 1e9;

void UpdateAndScheduleNext(ns3::Ptr<ns3::BasicEnergySource> source, double maxLoadW) {
  using namespace ns3;
  const double leftJ = source->GetRemainingEnergy();  // an update: charges the interval, notices empty
  if (leftJ <= 0) return;
  const double seconds = std::min(kLongestGapS, leftJ / maxLoadW);
  const Time next = std::max(MicroSeconds(1), NanoSeconds(static_cast<int64_t>(std::floor(seconds * 1e9))));
  Simulator::Schedule(next, &UpdateAndScheduleNext, source, maxLoadW);
}
}  // namespace

void UpdateOnlyWhereItCouldRunOut(ns3::Ptr<ns3::EnergySource> source, double maxLoadW) {
  using namespace ns3;
  Ptr<BasicEnergySource> basic = DynamicCast<BasicEnergySource>(source);
  if (!basic) return;
  NS_ABORT_MSG_IF(!(maxLoadW > 0) || !std::isfinite(maxLoadW), "a battery's largest load must be a positive power");
  basic->SetAttribute("PeriodicEnergyUpdateInterval", TimeValue(Seconds(kLongestGapS)));
  Simulator::Schedule(Seconds(0), &UpdateAndScheduleNext, basic, maxLoadW);
}

}  // namespace fognas::sim
