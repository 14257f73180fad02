// The MCU's DeviceEnergyModel: RUN while layers compute, SLEEP otherwise.
#include "mcu-energy-model.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("McuEnergyModel");
NS_OBJECT_ENSURE_REGISTERED(McuEnergyModel);


TypeId McuEnergyModel::GetTypeId() {
  static TypeId tid =
      TypeId("ns3::McuEnergyModel")
          .SetParent<DeviceEnergyModel>()
          .SetGroupName("Ble")
          .AddConstructor<McuEnergyModel>()
          .AddAttribute("RunPowerW", "Power while computing.", DoubleValue(0.033),
                        MakeDoubleAccessor(&McuEnergyModel::m_runPowerW), MakeDoubleChecker<double>(0))
          .AddAttribute("SleepPowerW", "Power while asleep between inferences.", DoubleValue(5.3e-6),
                        MakeDoubleAccessor(&McuEnergyModel::m_sleepPowerW), MakeDoubleChecker<double>(0))
          .AddTraceSource("TotalEnergyConsumption", "Energy the MCU has consumed (J).",
                          MakeTraceSourceAccessor(&McuEnergyModel::m_totalEnergyConsumption),
                          "ns3::TracedValueCallback::Double");
  return tid;
}

McuEnergyModel::McuEnergyModel() { m_totalEnergyConsumption = 0; }

void McuEnergyModel::SetEnergySource(Ptr<EnergySource> source) { m_source = source; }

double McuEnergyModel::PowerW(State state) const {
  return state == RUN ? m_runPowerW : state == SLEEP ? m_sleepPowerW : 0.0;
}

Time McuEnergyModel::GetStateTime(State state) const {
  int64_t ns = m_stateNs[state];
  if (state == m_state) ns += (Simulator::Now() - m_lastUpdate).GetNanoSeconds();
  return NanoSeconds(ns);
}

double McuEnergyModel::GetStateEnergyJ(State state) const { return PowerW(state) * GetStateTime(state).GetSeconds(); }

double McuEnergyModel::GetTotalEnergyConsumption() const {
  return GetStateEnergyJ(SLEEP) + GetStateEnergyJ(RUN);
}

double McuEnergyModel::DoGetCurrentA() const {
  if (!m_source) return 0.0;
  return PowerW(m_state) / m_source->GetSupplyVoltage();
}

void McuEnergyModel::ChangeState(int newState) {
  NS_ABORT_MSG_IF(newState < SLEEP || newState > OFF, "unknown MCU state " << newState);
  const Time now = Simulator::Now();
  m_stateNs[m_state] += (now - m_lastUpdate).GetNanoSeconds();
  m_lastUpdate = now;
  m_totalEnergyConsumption = GetTotalEnergyConsumption();
  if (m_source) m_source->UpdateEnergySource();  // charges the state we leave
  m_state = static_cast<State>(newState);
}

void McuEnergyModel::HandleEnergyDepletion() {
  Simulator::ScheduleNow(&McuEnergyModel::FireDepletion, this);
}

void McuEnergyModel::FireDepletion() {
  if (!m_depletionCallback.IsNull()) m_depletionCallback();
}

void McuEnergyModel::DoDispose() {
  m_source = nullptr;
  m_depletionCallback = MakeNullCallback<void>();
  DeviceEnergyModel::DoDispose();
}

}  // namespace ns3
