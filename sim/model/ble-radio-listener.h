#pragma once
// What a BLE link layer tells the radio energy model: the radio's state, and
// stretches of time in which one connection event of a known shape recurs
// (the idle events of an idle link, or a single data event), so the model
// can account them in closed form instead of being told each state.
#include "ns3/nstime.h"

#include <vector>

namespace ns3 {

// Power states of a BLE radio (the integer values are DeviceEnergyModel states).
enum BleRadioState {
  BLE_RADIO_SLEEP = 0,  // between connection events
  BLE_RADIO_RAMP = 1,   // PLL and PA starting up before an event
  BLE_RADIO_TX = 2,
  BLE_RADIO_RX = 3,
  BLE_RADIO_IDLE = 4,   // on inside an event, between packets (T_IFS)
  BLE_RADIO_XTAL = 5,   // the high-frequency crystal starting before an event
  BLE_RADIO_CPU = 6,    // the stack's CPU work before and after an event
  BLE_RADIO_OFF = 7,    // battery depleted: draws nothing
};
constexpr int kBleRadioStates = 8;

const char* BleRadioStateName(BleRadioState state);

// The radio activity of one connection event, as consecutive (state,
// duration) segments starting with the stack's CPU work before the event and
// ending with its CPU work after it.
struct BleEventShape {
  std::vector<std::pair<BleRadioState, Time>> segments;
  Time Duration() const;
};

class BleRadioListener {
 public:
  virtual ~BleRadioListener() = default;
  // From now on the radio is in `state`; ends a stretch of idle events.
  virtual void NotifyState(BleRadioState state) = 0;
  // From now on the radio sleeps except for one event of `shape` per
  // `period`, the first starting at `firstStart` >= now (a single data event
  // comes with a period longer than any run). Lasts until the next
  // notification, which the link layer sends only between two events.
  virtual void NotifyIdleEvents(Time firstStart, Time period, const BleEventShape& shape) = 0;
};

}  // namespace ns3
