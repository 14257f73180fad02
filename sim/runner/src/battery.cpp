// The wearable's battery: the scenario's battery section as an ns-3 energy
// source.
#include "battery.h"

#include "ns3/basic-energy-source.h"
#include "ns3/double.h"
#include "ns3/coin-cell-energy-source.h"
#include "ns3/li-ion-cell-energy-source.h"
#include "ns3/abort.h"
#include "ns3/metered-energy-source.h"

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

ns3::Ptr<ns3::EnergySource> MakeWearableBattery(const BatterySpec& battery, double maxLoadW) {
  using namespace ns3;
  if (battery.model != BatteryModel::Basic) return MakeBattery(battery);
  NS_ABORT_MSG_IF(!(maxLoadW > 0) || !std::isfinite(maxLoadW), "a battery's largest load must be a positive power");
  Ptr<MeteredEnergySource> source = CreateObject<MeteredEnergySource>();
  source->SetAttribute("InitialEnergyJ", DoubleValue(battery.energy_j()));
  source->SetAttribute("SupplyVoltageV", DoubleValue(battery.voltage_v));
  source->SetAttribute("MaxLoadW", DoubleValue(maxLoadW));
  return source;
}

}  // namespace fognas::sim
