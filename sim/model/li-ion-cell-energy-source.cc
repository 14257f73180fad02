// The coin cell's datasheet figures and the shape of its discharge curve.
#include "li-ion-cell-energy-source.h"

#include "ns3/double.h"
#include "ns3/log.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("LiIonCellEnergySource");
NS_OBJECT_ENSURE_REGISTERED(LiIonCellEnergySource);

// Defaults: a small wearable lithium-polymer pouch cell as makers' datasheets
// give it (e.g. an 80 mAh 3.7 V cell): capacity at a 0.2 C discharge to the
// end voltage, 3.7 V nominal (the mean voltage of that discharge), 4.2 V fully
// charged, 2.75 V end of discharge, initial impedance at most 0.43 Ohm (taken
// as the resistance throughout: the datasheet gives no rise with depth).
TypeId LiIonCellEnergySource::GetTypeId() {
  static TypeId tid =
      TypeId("ns3::LiIonCellEnergySource")
          .SetParent<CellEnergySource>()
          .SetGroupName("Ble")
          .AddConstructor<LiIonCellEnergySource>()
          .AddAttribute("CapacityAh", "Charge the cell gives down to its cut-off at a light load.", DoubleValue(0.080),
                        MakeDoubleAccessor(&LiIonCellEnergySource::m_capacityAh), MakeDoubleChecker<double>(0))
          .AddAttribute("NominalVoltageV", "Mean open-circuit voltage over a discharge.", DoubleValue(3.7),
                        MakeDoubleAccessor(&LiIonCellEnergySource::m_nominalV), MakeDoubleChecker<double>(0))
          .AddAttribute("FullVoltageV", "Open-circuit voltage of a fresh cell.", DoubleValue(4.2),
                        MakeDoubleAccessor(&LiIonCellEnergySource::m_fullV), MakeDoubleChecker<double>(0))
          .AddAttribute("CutoffVoltageV", "Terminal voltage under load at which the cell counts as empty.",
                        DoubleValue(2.75), MakeDoubleAccessor(&LiIonCellEnergySource::m_cutoffV),
                        MakeDoubleChecker<double>(0))
          .AddAttribute("InternalResistanceOhm", "Internal resistance of a fresh cell.", DoubleValue(0.43),
                        MakeDoubleAccessor(&LiIonCellEnergySource::m_resistanceOhm), MakeDoubleChecker<double>(0))
          .AddAttribute("InternalResistanceEmptyOhm",
                        "Internal resistance at full depth of discharge (linear in depth in between).",
                        DoubleValue(0.43), MakeDoubleAccessor(&LiIonCellEnergySource::m_resistanceEmptyOhm),
                        MakeDoubleChecker<double>(0));
  return tid;
}

LiIonCellEnergySource::LiIonCellEnergySource() = default;

// Open-circuit voltage over depth of discharge, normalised to 1 (charged) ...
// 0 (cut-off): the exponential zone of the first tenth, the nominal zone
// sloping down to about 3.6 V at 90 %, then the end. Read off a lithium-polymer
// cell's 0.2 C discharge curve (4.2 V to 2.75 V); only this shape is used, the
// levels come from the attributes.
std::vector<std::pair<double, double>> LiIonCellEnergySource::CurveShape() const {
  return {{0.00, 1.000}, {0.05, 0.903}, {0.10, 0.848}, {0.20, 0.793}, {0.30, 0.752}, {0.40, 0.724}, {0.50, 0.703},
          {0.60, 0.683}, {0.70, 0.662}, {0.80, 0.634}, {0.90, 0.586}, {0.95, 0.517}, {0.98, 0.379}, {1.00, 0.000}};
}

}  // namespace ns3
