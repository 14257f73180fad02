#pragma once
// A small lithium-polymer cell as wearables carry: 4.2 V charged, 3.7 V
// nominal, a steep start, a long gently sloping middle and a sharp end, an
// internal resistance well under an ohm. Its voltage falls monotonically
// over a discharge and it is empty at the cut-off under load.
#include "cell-energy-source.h"

namespace ns3 {

class LiIonCellEnergySource : public CellEnergySource {
 public:
  static TypeId GetTypeId();
  LiIonCellEnergySource();

 private:
  std::vector<std::pair<double, double>> CurveShape() const override;
};

}  // namespace ns3
