#pragma once
// Energy of a BLE radio in the ns-3 energy framework: states sleep, ramp-up,
// TX, RX, idle-within-event, crystal start-up and the stack's CPU work
// around an event, with a current each (drawn at the radio's supply
// voltage; the battery sees the same power through an ideal regulator). The
// link layer reports state changes, and stretches during which one
// connection event of a known shape recurs every period (idle events, or a
// single data event): those are integrated in closed form, exactly, and the
// energy source is told the exact mean current since its previous update, so
// an ideal battery's drain is exact at every source update (a cell's voltage,
// which follows the current, sees only that mean).
#include "ns3/device-energy-model.h"
#include "ns3/energy-source.h"
#include "ns3/nstime.h"
#include "ns3/traced-value.h"

#include <array>

#include "ble-radio-listener.h"

namespace ns3 {

class BleRadioEnergyModel : public DeviceEnergyModel, public BleRadioListener {
 public:
  static TypeId GetTypeId();
  BleRadioEnergyModel();

  // DeviceEnergyModel
  void SetEnergySource(Ptr<EnergySource> source) override;
  double GetTotalEnergyConsumption() const override;  // J, up to now
  void ChangeState(int newState) override;
  void HandleEnergyDepletion() override;
  void HandleEnergyRecharged() override {}
  void HandleEnergyChanged() override {}

  // BleRadioListener
  void NotifyState(BleRadioState state) override;
  void NotifyIdleEvents(Time firstStart, Time period, const BleEventShape& shape) override;

  void SetEnergyDepletionCallback(Callback<void> callback) { m_depletionCallback = callback; }
  BleRadioState GetState() const { return m_state; }
  double GetStateCurrentA(BleRadioState state) const;
  // Time and energy spent in each state up to now.
  Time GetStateTime(BleRadioState state) const;
  double GetStateEnergyJ(BleRadioState state) const;

 private:
  using StateNs = std::array<int64_t, kBleRadioStates>;
  void DoDispose() override;
  void FireDepletion();
  double DoGetCurrentA() const override;
  // Adds the time spent in each state during [from, to) to `out`.
  void AccumulateTimes(Time from, Time to, StateNs& out) const;
  double EnergyJ(const StateNs& ns) const;
  void Account();  // brings m_stateNs up to now

  double m_sleepCurrentA, m_rampCurrentA, m_txCurrentA, m_rxCurrentA, m_idleCurrentA, m_xtalCurrentA, m_cpuCurrentA;
  double m_supplyVoltageV;
  double m_dcdcEfficiency;  // of the regulator between the source and the radio
  Ptr<EnergySource> m_source;
  Callback<void> m_depletionCallback;
  BleRadioState m_state = BLE_RADIO_SLEEP;
  bool m_idleStretch = false;
  Time m_stretchStart;  // first idle event's ramp-up
  Time m_stretchPeriod;
  BleEventShape m_stretchShape;
  Time m_lastUpdate;
  mutable Time m_lastSourceQuery;
  StateNs m_stateNs{};
  TracedValue<double> m_totalEnergyConsumption;
};

}  // namespace ns3
