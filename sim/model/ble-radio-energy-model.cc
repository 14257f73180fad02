// The wearable radio's DeviceEnergyModel.
#include "ble-radio-energy-model.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"

#include <algorithm>

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("BleRadioEnergyModel");
NS_OBJECT_ENSURE_REGISTERED(BleRadioEnergyModel);

TypeId BleRadioEnergyModel::GetTypeId() {
  static TypeId tid =
      TypeId("ns3::BleRadioEnergyModel")
          .SetParent<DeviceEnergyModel>()
          .SetGroupName("Ble")
          .AddConstructor<BleRadioEnergyModel>()
          .AddAttribute("SleepCurrentA", "Current between connection events.", DoubleValue(1.9e-6),
                        MakeDoubleAccessor(&BleRadioEnergyModel::m_sleepCurrentA), MakeDoubleChecker<double>(0))
          .AddAttribute("RampCurrentA", "Current while the radio starts up.", DoubleValue(4.0e-3),
                        MakeDoubleAccessor(&BleRadioEnergyModel::m_rampCurrentA), MakeDoubleChecker<double>(0))
          .AddAttribute("TxCurrentA", "Current while transmitting.", DoubleValue(7.1e-3),
                        MakeDoubleAccessor(&BleRadioEnergyModel::m_txCurrentA), MakeDoubleChecker<double>(0))
          .AddAttribute("RxCurrentA", "Current while receiving.", DoubleValue(6.5e-3),
                        MakeDoubleAccessor(&BleRadioEnergyModel::m_rxCurrentA), MakeDoubleChecker<double>(0))
          .AddAttribute("IdleCurrentA", "Current between packets inside an event (T_IFS).", DoubleValue(1.2e-3),
                        MakeDoubleAccessor(&BleRadioEnergyModel::m_idleCurrentA), MakeDoubleChecker<double>(0))
          .AddAttribute("XtalCurrentA", "Current while the high-frequency crystal starts before an event.",
                        DoubleValue(0.0), MakeDoubleAccessor(&BleRadioEnergyModel::m_xtalCurrentA),
                        MakeDoubleChecker<double>(0))
          .AddAttribute("CpuCurrentA", "Current while the stack's CPU works before and after an event.",
                        DoubleValue(0.0), MakeDoubleAccessor(&BleRadioEnergyModel::m_cpuCurrentA),
                        MakeDoubleChecker<double>(0))
          .AddAttribute("SupplyVoltageV", "Voltage at which the radio draws these currents.", DoubleValue(3.0),
                        MakeDoubleAccessor(&BleRadioEnergyModel::m_supplyVoltageV), MakeDoubleChecker<double>(0))
          .AddAttribute("DcDcEfficiency",
                        "Efficiency of the regulator between the energy source and the radio: the source gives "
                        "current x SupplyVoltageV / DcDcEfficiency (1: ideal).",
                        DoubleValue(1.0), MakeDoubleAccessor(&BleRadioEnergyModel::m_dcdcEfficiency),
                        MakeDoubleChecker<double>(1e-6, 1.0))
          .AddTraceSource("TotalEnergyConsumption", "Energy the radio has consumed (J).",
                          MakeTraceSourceAccessor(&BleRadioEnergyModel::m_totalEnergyConsumption),
                          "ns3::TracedValueCallback::Double");
  return tid;
}

BleRadioEnergyModel::BleRadioEnergyModel() { m_totalEnergyConsumption = 0; }

void BleRadioEnergyModel::SetEnergySource(Ptr<EnergySource> source) { m_source = source; }

double BleRadioEnergyModel::GetStateCurrentA(BleRadioState state) const {
  switch (state) {
    case BLE_RADIO_SLEEP: return m_sleepCurrentA;
    case BLE_RADIO_RAMP: return m_rampCurrentA;
    case BLE_RADIO_TX: return m_txCurrentA;
    case BLE_RADIO_RX: return m_rxCurrentA;
    case BLE_RADIO_IDLE: return m_idleCurrentA;
    case BLE_RADIO_XTAL: return m_xtalCurrentA;
    case BLE_RADIO_CPU: return m_cpuCurrentA;
    case BLE_RADIO_OFF: return 0.0;
  }
  return 0.0;
}

void BleRadioEnergyModel::AccumulateTimes(Time from, Time to, StateNs& out) const {
  if (to <= from) return;
  const int64_t span = (to - from).GetNanoSeconds();
  if (!m_idleStretch) {
    out[m_state] += span;
    return;
  }
  // Time in each segment of the recurring idle event during [s0, t), t >= s0.
  const int64_t s0 = m_stretchStart.GetNanoSeconds();
  const int64_t period = m_stretchPeriod.GetNanoSeconds();
  int64_t busy = 0;
  auto inBurst = [&](int64_t t, int64_t offset, int64_t duration) -> int64_t {
    if (t <= s0) return 0;
    const int64_t k = (t - s0) / period;
    const int64_t r = (t - s0) - k * period;
    return k * duration + std::clamp<int64_t>(r - offset, 0, duration);
  };
  int64_t offset = 0;
  for (const auto& seg : m_stretchShape.segments) {
    const int64_t d = seg.second.GetNanoSeconds();
    const int64_t in = inBurst(to.GetNanoSeconds(), offset, d) - inBurst(from.GetNanoSeconds(), offset, d);
    out[seg.first] += in;
    busy += in;
    offset += d;
  }
  out[BLE_RADIO_SLEEP] += span - busy;
}

double BleRadioEnergyModel::EnergyJ(const StateNs& ns) const {
  double charge = 0;  // A x s
  for (int s = 0; s < kBleRadioStates; ++s) charge += GetStateCurrentA(static_cast<BleRadioState>(s)) * ns[s] * 1e-9;
  return charge * m_supplyVoltageV / m_dcdcEfficiency;
}

void BleRadioEnergyModel::Account() {
  const Time now = Simulator::Now();
  AccumulateTimes(m_lastUpdate, now, m_stateNs);
  m_lastUpdate = now;
  m_totalEnergyConsumption = EnergyJ(m_stateNs);
}

double BleRadioEnergyModel::GetTotalEnergyConsumption() const {
  StateNs ns = m_stateNs;
  AccumulateTimes(m_lastUpdate, Simulator::Now(), ns);
  return EnergyJ(ns);
}

Time BleRadioEnergyModel::GetStateTime(BleRadioState state) const {
  StateNs ns = m_stateNs;
  AccumulateTimes(m_lastUpdate, Simulator::Now(), ns);
  return NanoSeconds(ns[state]);
}

double BleRadioEnergyModel::GetStateEnergyJ(BleRadioState state) const {
  return GetStateCurrentA(state) * m_supplyVoltageV / m_dcdcEfficiency * GetStateTime(state).GetSeconds();
}

double BleRadioEnergyModel::DoGetCurrentA() const {
  // Called by the source when it integrates the interval since its previous
  // update: report that interval's exact mean (within an idle stretch the
  // state changes without notifications).
  const Time now = Simulator::Now();
  double amps = GetStateCurrentA(m_state);
  if (m_idleStretch && now > m_lastSourceQuery) {
    StateNs ns{};
    AccumulateTimes(m_lastSourceQuery, now, ns);
    double charge = 0;
    for (int s = 0; s < kBleRadioStates; ++s) charge += GetStateCurrentA(static_cast<BleRadioState>(s)) * ns[s] * 1e-9;
    amps = charge / (now - m_lastSourceQuery).GetSeconds();
  }
  m_lastSourceQuery = now;
  if (!m_source) return amps;
  return amps * m_supplyVoltageV / m_dcdcEfficiency / m_source->GetSupplyVoltage();
}

void BleRadioEnergyModel::NotifyState(BleRadioState state) {
  NS_LOG_FUNCTION(this << BleRadioStateName(state));
  Account();
  if (m_source) m_source->UpdateEnergySource();  // charges the state we leave
  m_idleStretch = false;
  m_state = state;
}

void BleRadioEnergyModel::NotifyIdleEvents(Time firstStart, Time period, const BleEventShape& shape) {
  NS_ABORT_MSG_IF(firstStart < Simulator::Now() || shape.Duration() > period, "malformed idle stretch");
  Account();
  if (m_source) m_source->UpdateEnergySource();
  m_state = BLE_RADIO_SLEEP;
  m_idleStretch = true;
  m_stretchStart = firstStart;
  m_stretchPeriod = period;
  m_stretchShape = shape;
}

void BleRadioEnergyModel::ChangeState(int newState) {
  NS_ABORT_MSG_IF(newState < 0 || newState >= kBleRadioStates, "unknown BLE radio state " << newState);
  NotifyState(static_cast<BleRadioState>(newState));
}

void BleRadioEnergyModel::HandleEnergyDepletion() {
  NS_LOG_FUNCTION(this);
  // Not from inside the source's own update: the callback changes states.
  Simulator::ScheduleNow(&BleRadioEnergyModel::FireDepletion, this);
}

void BleRadioEnergyModel::FireDepletion() {
  if (!m_depletionCallback.IsNull()) m_depletionCallback();
}

void BleRadioEnergyModel::DoDispose() {
  m_source = nullptr;
  m_depletionCallback = MakeNullCallback<void>();
  DeviceEnergyModel::DoDispose();
}

}  // namespace ns3
