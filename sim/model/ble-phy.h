#pragma once
// The BLE radio as a state machine, the lowest layer of the module (as
// LrWpanPhy is for 802.15.4). The link layer decides when the radio ramps up,
// receives, transmits, waits T_IFS between packets or sleeps; the PHY holds
// that state, reports every transition through the "State" trace source and
// hands it to its BleRadioListeners (the energy model). Stretches of idle
// connection events are passed on as one notification, so the energy model
// can account them in closed form.
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <vector>

#include "ble-radio-listener.h"

namespace ns3 {

class BlePhy : public Object {
 public:
  static TypeId GetTypeId();
  BlePhy();

  void AddListener(BleRadioListener* listener);
  BleRadioState GetState() const { return m_state; }
  // A new state; ends an idle stretch. Ignored once the radio is off.
  void SetState(BleRadioState state);
  // From `firstStart` on, one idle event of `shape` every `period` and sleep
  // in between, until the next SetState.
  void SetIdleEvents(Time firstStart, Time period, const BleEventShape& shape);
  // The stretch of idle events ends now (the link dropped); the radio sleeps.
  void EndIdleEvents();
  // The battery is empty: the radio goes off for good.
  void TurnOff();
  bool IsOff() const { return m_state == BLE_RADIO_OFF; }

  // Signature of the "State" trace source.
  typedef void (*StateTracedCallback)(Time now, BleRadioState oldState, BleRadioState newState);

 private:
  void DoDispose() override;

  BleRadioState m_state = BLE_RADIO_SLEEP;
  std::vector<BleRadioListener*> m_listeners;
  TracedCallback<Time, BleRadioState, BleRadioState> m_stateTrace;
};

}  // namespace ns3
