#pragma once
// Energy of a processor with two power states: RUN while it computes, SLEEP
// otherwise; the source sees the same power through an ideal regulator. The
// wearable's MCU uses it (RUN for the edge layers, the MCU profile's powers),
// and so does the fog node's processor (RUN for the fog layers at the fog
// profile's busy power, SLEEP at its idle power).
#include "ns3/device-energy-model.h"
#include "ns3/energy-source.h"
#include "ns3/nstime.h"
#include "ns3/traced-value.h"

namespace ns3 {

class McuEnergyModel : public DeviceEnergyModel {
 public:
  enum State { SLEEP = 0, RUN = 1, OFF = 2 };

  static TypeId GetTypeId();
  McuEnergyModel();

  void SetEnergySource(Ptr<EnergySource> source) override;
  double GetTotalEnergyConsumption() const override;  // J, up to now
  void ChangeState(int newState) override;
  void HandleEnergyDepletion() override;
  void HandleEnergyRecharged() override {}
  void HandleEnergyChanged() override {}

  void SetEnergyDepletionCallback(Callback<void> callback) { m_depletionCallback = callback; }
  State GetState() const { return m_state; }
  Time GetStateTime(State state) const;
  double GetStateEnergyJ(State state) const;

 private:
  void DoDispose() override;
  void FireDepletion();
  double DoGetCurrentA() const override;
  double PowerW(State state) const;

  double m_runPowerW, m_sleepPowerW;
  Ptr<EnergySource> m_source;
  Callback<void> m_depletionCallback;
  State m_state = SLEEP;
  Time m_lastUpdate;
  int64_t m_stateNs[3] = {0, 0, 0};
  TracedValue<double> m_totalEnergyConsumption;
};

}  // namespace ns3
