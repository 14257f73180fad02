#pragma once
// A battery cell that counts the charge drawn from it and has an internal
// resistance: its terminal voltage is the open-circuit voltage at the cell's
// depth of discharge less I·R, and it is empty when that voltage, under the
// load of the moment, reaches the cut-off (or when its whole charge is
// drawn). The chemistry (CoinCellEnergySource, LiIonCellEnergySource) gives
// the shape of the open-circuit curve and the datasheet figures.
//
// Why not ns-3's LiIonEnergySource: in ns-3.37 it checks its cut-off voltage
// only when energy is taken through DecreaseRemainingEnergy (which the
// discharge path never calls), so a cell runs until its energy count is zero
// whatever its voltage; it counts the drained charge through a Time product
// (current x duration rounded to whole nanoseconds, so a µA load over a few µs
// drains nothing); and its curve, fitted to its default 2.45 Ah cell, rises
// during discharge once the full voltage is set below its exponential-zone
// voltage (as a 3 V cell does). Neither the cut-off under pulse loads nor a
// coin cell can be had from it by parameters.
#include <vector>

#include "ns3/energy-source.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/traced-value.h"

namespace ns3 {

class CellEnergySource : public EnergySource {
 public:
  static TypeId GetTypeId();
  CellEnergySource();

  // Terminal voltage under the load of the latest update: what the devices'
  // regulators see.
  double GetSupplyVoltage() const override { return m_terminalV > 0 ? m_terminalV : m_fullV; }
  // Capacity x nominal voltage: the energy of a full discharge at no load.
  double GetInitialEnergy() const override;
  // Initial energy less the energy the cell's chemistry gave (the open-circuit
  // voltage x the charge drawn, so the I²R loss counts).
  double GetRemainingEnergy() override;
  double GetEnergyFraction() override;
  void UpdateEnergySource() override;

  // Depth of discharge: charge drawn / capacity, 0 ... 1.
  double GetDepth() const;
  double OpenCircuitVoltage(double depth) const;
  double InternalResistance(double depth) const;
  bool IsDepleted() const { return m_depleted; }
  Time GetDepletionTime() const { return m_depletionTime; }

 protected:
  // The chemistry's open-circuit curve as (depth, g) points, g falling from 1
  // at depth 0 to 0 at depth 1; the cell maps it onto its voltages as
  // cut-off + (full - cut-off) x g^p with p set so that the curve's mean is the
  // nominal voltage (a datasheet's nominal voltage is the mean over a
  // discharge), which keeps the curve monotonic for any cut-off < nominal < full.
  virtual std::vector<std::pair<double, double>> CurveShape() const = 0;

  double m_capacityAh = 0;
  double m_nominalV = 0, m_fullV = 0, m_cutoffV = 0;
  double m_resistanceOhm = 0, m_resistanceEmptyOhm = 0;

 private:
  void DoInitialize() override;
  void DoDispose() override;
  void FitCurve();
  double Shape(double depth) const;
  void Discharge();
  void RefreshVoltage();
  void ScheduleNextUpdate(double amps);
  void Deplete();

  std::vector<std::pair<double, double>> m_shape;
  double m_exponent = 1;
  Time m_updateInterval;
  Time m_lastUpdate;
  double m_drawnC = 0;        // charge drawn (A·s)
  double m_chemistryJ = 0;    // open-circuit voltage x charge, summed
  bool m_depleted = false;
  Time m_depletionTime;
  EventId m_updateEvent, m_refreshEvent;
  double m_terminalV = 0;
  TracedValue<double> m_remainingEnergyJ;
  TracedValue<double> m_terminalVoltageV;
};

}  // namespace ns3
