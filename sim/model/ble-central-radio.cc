#include "ble-central-radio.h"

#include "ns3/simulator.h"

namespace ns3 {

BleCentralRadio::BleCentralRadio(BleRadioListener* central, Time windowWidening)
    : m_central(central), m_widening(windowWidening) {}

BleRadioState BleCentralRadio::Swapped(BleRadioState peripheral) {
  if (peripheral == BLE_RADIO_TX) return BLE_RADIO_RX;
  if (peripheral == BLE_RADIO_RX) return BLE_RADIO_TX;
  // The peripheral's battery ran out: the link is gone and the central's
  // radio does nothing more for it.
  if (peripheral == BLE_RADIO_OFF) return BLE_RADIO_SLEEP;
  return peripheral;
}

void BleCentralRadio::Apply(BleRadioState state) { m_central->NotifyState(state); }

void BleCentralRadio::NotifyState(BleRadioState state) {
  const BleRadioState previous = m_peripheralState;
  m_peripheralState = state;
  // Only a link with an opening packet widens its window; without one both
  // radios keep the same times.
  if (!m_widening.IsStrictlyPositive()) return Apply(Swapped(state));
  if (previous == BLE_RADIO_SLEEP && state != BLE_RADIO_OFF) m_beforeOpening = true;
  if (!m_beforeOpening) return Apply(Swapped(state));
  // Up to the opening packet (the peripheral's first RX) the central runs
  // the widening later; the opening ends at the same moment on both sides.
  if (state == BLE_RADIO_RX || state == BLE_RADIO_OFF || state == BLE_RADIO_SLEEP) m_beforeOpening = false;
  if (state == BLE_RADIO_OFF || state == BLE_RADIO_SLEEP) return Apply(Swapped(state));
  Simulator::Schedule(m_widening, &BleCentralRadio::Apply, this, Swapped(state));
}

BleEventShape BleCentralRadio::CentralShape(const BleEventShape& peripheral, Time windowWidening) {
  BleEventShape out;
  bool opening = true;
  for (const auto& [state, duration] : peripheral.segments) {
    Time d = duration;
    if (opening && state == BLE_RADIO_RX) {
      d -= windowWidening;  // the central sends its empty packet at the anchor
      opening = false;
    }
    if (d.IsStrictlyPositive()) out.segments.emplace_back(Swapped(state), d);
  }
  return out;
}

void BleCentralRadio::NotifyIdleEvents(Time firstStart, Time period, const BleEventShape& shape) {
  m_peripheralState = BLE_RADIO_SLEEP;
  m_beforeOpening = false;
  const Time widening = shape.segments.empty() ? Time(0) : m_widening;
  m_central->NotifyIdleEvents(firstStart + widening, period, CentralShape(shape, widening));
}

}  // namespace ns3
