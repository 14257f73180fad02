#pragma once
// The central's radio on one link, seen from the peripheral's radio. Every
// connection event is an exchange between the two radios: while the
// peripheral receives, the central transmits and the other way round, T_IFS
// gaps and the stack's CPU work around the event alike. This listener sits on
// the peripheral's BlePhy and replays what it hears, roles swapped, into the
// central's radio energy model (a BleRadioEnergyModel fed by the fog node's
// supply), so the central's radio energy is measured by the simulation
// without a line in the connection scheduler. The one asymmetry: the
// peripheral opens its receiver early by the window widening (drift of both
// sleep clocks plus a margin) while the central starts transmitting exactly
// at the anchor, so the central's CPU work, crystal and ramp-up before the
// opening packet start the widening later and its opening packet lasts only
// its air time. Idle stretches in closed form are passed on the same way, one
// stretch per link. A lost opening shows as the central's empty packet and
// then its post-event work (the time it would listen for an answer is not
// modelled).
#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include "ble-radio-listener.h"

namespace ns3 {

class BleCentralRadio : public BleRadioListener {
 public:
  // `central`: the central's model for this link; `windowWidening`: how early
  // the peripheral listens before each anchor.
  BleCentralRadio(BleRadioListener* central, Time windowWidening);

  void NotifyState(BleRadioState state) override;
  void NotifyIdleEvents(Time firstStart, Time period, const BleEventShape& shape) override;

  // The central's side of a peripheral's state (TX and RX swapped).
  static BleRadioState Swapped(BleRadioState peripheral);
  // The central's idle event given the peripheral's.
  static BleEventShape CentralShape(const BleEventShape& peripheral, Time windowWidening);

 private:
  void Apply(BleRadioState state);

  BleRadioListener* m_central;
  Time m_widening;
  BleRadioState m_peripheralState = BLE_RADIO_SLEEP;
  bool m_beforeOpening = false;  // between the event's first state and its opening packet
};

}  // namespace ns3
