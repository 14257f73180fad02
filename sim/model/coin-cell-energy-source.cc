// The coin cell's datasheet figures and the shape of its discharge curve.
#include "coin-cell-energy-source.h"

#include "ns3/double.h"
#include "ns3/log.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("CoinCellEnergySource");
NS_OBJECT_ENSURE_REGISTERED(CoinCellEnergySource);

// Defaults: the CR2032 as IEC 60086 and makers' datasheets give it: 225 mAh
// typical (to 2.0 V on a 15 kOhm load), 3.0 V nominal, 2.0 V end voltage, a
// fresh open-circuit voltage of about 3.2 V, and a typical internal
// resistance of 10-40 Ohm that rises with depth of discharge (15 Ohm fresh,
// 30 Ohm empty here); makers rate pulses up to about 15 mA.
TypeId CoinCellEnergySource::GetTypeId() {
  static TypeId tid =
      TypeId("ns3::CoinCellEnergySource")
          .SetParent<CellEnergySource>()
          .SetGroupName("Ble")
          .AddConstructor<CoinCellEnergySource>()
          .AddAttribute("CapacityAh", "Charge the cell gives down to its cut-off at a light load.", DoubleValue(0.225),
                        MakeDoubleAccessor(&CoinCellEnergySource::m_capacityAh), MakeDoubleChecker<double>(0))
          .AddAttribute("NominalVoltageV", "Mean open-circuit voltage over a discharge.", DoubleValue(3.0),
                        MakeDoubleAccessor(&CoinCellEnergySource::m_nominalV), MakeDoubleChecker<double>(0))
          .AddAttribute("FullVoltageV", "Open-circuit voltage of a fresh cell.", DoubleValue(3.2),
                        MakeDoubleAccessor(&CoinCellEnergySource::m_fullV), MakeDoubleChecker<double>(0))
          .AddAttribute("CutoffVoltageV", "Terminal voltage under load at which the cell counts as empty.",
                        DoubleValue(2.0), MakeDoubleAccessor(&CoinCellEnergySource::m_cutoffV),
                        MakeDoubleChecker<double>(0))
          .AddAttribute("InternalResistanceOhm", "Internal resistance of a fresh cell.", DoubleValue(15.0),
                        MakeDoubleAccessor(&CoinCellEnergySource::m_resistanceOhm), MakeDoubleChecker<double>(0))
          .AddAttribute("InternalResistanceEmptyOhm",
                        "Internal resistance at full depth of discharge (linear in depth in between).",
                        DoubleValue(30.0), MakeDoubleAccessor(&CoinCellEnergySource::m_resistanceEmptyOhm),
                        MakeDoubleChecker<double>(0));
  return tid;
}

CoinCellEnergySource::CoinCellEnergySource() = default;

// Open-circuit voltage over depth of discharge, normalised to 1 (fresh) ... 0
// (cut-off): a quick fall from the fresh voltage, a long plateau sloping
// gently, the knee in the last tenth. Read off a CR2032's light-load discharge
// curve (3.2 V fresh, 3.0-2.9 V plateau, 2.0 V end); only this shape is used,
// the levels come from the attributes.
std::vector<std::pair<double, double>> CoinCellEnergySource::CurveShape() const {
  return {{0.00, 1.000}, {0.03, 0.875}, {0.10, 0.833}, {0.30, 0.808}, {0.50, 0.783}, {0.70, 0.750},
          {0.80, 0.717}, {0.90, 0.642}, {0.95, 0.517}, {0.98, 0.333}, {1.00, 0.000}};
}

}  // namespace ns3
