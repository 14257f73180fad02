#pragma once
// A lithium-manganese-dioxide coin cell (CR2032-like): 3 V nominal, a flat
// discharge with a late knee, and an internal resistance of tens of ohms that
// grows as the cell empties, so the radio's current pulses pull its terminal
// voltage down by I·R and it reaches the cut-off under load before its charge
// is spent.
#include "cell-energy-source.h"

namespace ns3 {

class CoinCellEnergySource : public CellEnergySource {
 public:
  static TypeId GetTypeId();
  CoinCellEnergySource();

 private:
  std::vector<std::pair<double, double>> CurveShape() const override;
};

}  // namespace ns3
