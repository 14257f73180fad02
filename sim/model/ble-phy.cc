#include "ble-phy.h"

#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("BlePhy");
NS_OBJECT_ENSURE_REGISTERED(BlePhy);

const char* BleRadioStateName(BleRadioState state) {
  switch (state) {
    case BLE_RADIO_SLEEP: return "sleep";
    case BLE_RADIO_RAMP: return "ramp-up";
    case BLE_RADIO_TX: return "tx";
    case BLE_RADIO_RX: return "rx";
    case BLE_RADIO_IDLE: return "idle";
    case BLE_RADIO_XTAL: return "crystal";
    case BLE_RADIO_CPU: return "cpu";
    case BLE_RADIO_OFF: return "off";
  }
  return "?";
}

Time BleEventShape::Duration() const {
  Time sum;
  for (const auto& s : segments) sum += s.second;
  return sum;
}

TypeId BlePhy::GetTypeId() {
  static TypeId tid = TypeId("ns3::BlePhy")
                          .SetParent<Object>()
                          .SetGroupName("Ble")
                          .AddConstructor<BlePhy>()
                          .AddTraceSource("State", "The radio changed state (time, old state, new state).",
                                          MakeTraceSourceAccessor(&BlePhy::m_stateTrace),
                                          "ns3::BlePhy::StateTracedCallback");
  return tid;
}

BlePhy::BlePhy() { NS_LOG_FUNCTION(this); }

void BlePhy::AddListener(BleRadioListener* listener) { m_listeners.push_back(listener); }

void BlePhy::SetState(BleRadioState state) {
  if (m_state == BLE_RADIO_OFF || state == m_state) return;
  NS_LOG_LOGIC(this << " " << BleRadioStateName(m_state) << " -> " << BleRadioStateName(state));
  const BleRadioState old = m_state;
  m_state = state;
  for (auto* l : m_listeners) l->NotifyState(state);
  m_stateTrace(Simulator::Now(), old, state);
}

void BlePhy::EndIdleEvents() {
  if (m_state == BLE_RADIO_OFF) return;
  NS_LOG_LOGIC(this << " idle events end");
  const BleRadioState old = m_state;
  m_state = BLE_RADIO_SLEEP;
  for (auto* l : m_listeners) l->NotifyState(BLE_RADIO_SLEEP);
  if (old != BLE_RADIO_SLEEP) m_stateTrace(Simulator::Now(), old, BLE_RADIO_SLEEP);
}

void BlePhy::SetIdleEvents(Time firstStart, Time period, const BleEventShape& shape) {
  if (m_state == BLE_RADIO_OFF) return;
  NS_LOG_LOGIC(this << " idle events from " << firstStart.As(Time::MS) << " every " << period.As(Time::MS));
  for (auto* l : m_listeners) l->NotifyIdleEvents(firstStart, period, shape);
}

void BlePhy::TurnOff() {
  if (m_state == BLE_RADIO_OFF) return;
  NS_LOG_LOGIC(this << " " << BleRadioStateName(m_state) << " -> off");
  const BleRadioState old = m_state;
  m_state = BLE_RADIO_OFF;
  for (auto* l : m_listeners) l->NotifyState(BLE_RADIO_OFF);
  m_stateTrace(Simulator::Now(), old, BLE_RADIO_OFF);
}

void BlePhy::DoDispose() {
  m_listeners.clear();
  Object::DoDispose();
}

}  // namespace ns3
