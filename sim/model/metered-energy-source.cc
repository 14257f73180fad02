// An ideal battery that takes its energy from the models' own counts.
#include "metered-energy-source.h"

#include "ns3/abort.h"
#include "ns3/device-energy-model.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("MeteredEnergySource");
NS_OBJECT_ENSURE_REGISTERED(MeteredEnergySource);

namespace {
// Longest wait between two looks: keeps the nanosecond count far from overflow.
constexpr double kLongestWaitS = 1e9;

// Every registered kind of device energy model: EnergySource keeps its models
// to itself and finds them only by their exact type. Looked up again when
// more types have been registered since.
const std::vector<TypeId>& DeviceEnergyModelTypes() {
  static std::vector<TypeId> types;
  static uint16_t seen = 0;
  if (seen == TypeId::GetRegisteredN()) return types;
  seen = TypeId::GetRegisteredN();
  types.clear();
  const TypeId base = DeviceEnergyModel::GetTypeId();
  for (uint16_t i = 0; i < seen; ++i) {
    const TypeId tid = TypeId::GetRegistered(i);
    if (tid != base && tid.IsChildOf(base)) types.push_back(tid);
  }
  return types;
}
}  // namespace

TypeId MeteredEnergySource::GetTypeId() {
  static TypeId tid =
      TypeId("ns3::MeteredEnergySource")
          .SetParent<EnergySource>()
          .SetGroupName("Ble")
          .AddConstructor<MeteredEnergySource>()
          .AddAttribute("InitialEnergyJ", "Energy the battery holds at the start (J).", DoubleValue(10.0),
                        MakeDoubleAccessor(&MeteredEnergySource::m_initialEnergyJ), MakeDoubleChecker<double>(0.0))
          .AddAttribute("SupplyVoltageV", "The battery's voltage (V).", DoubleValue(3.0),
                        MakeDoubleAccessor(&MeteredEnergySource::m_supplyVoltageV), MakeDoubleChecker<double>(0.0))
          .AddAttribute("MaxLoadW", "The most the models on the battery can draw together (W).", DoubleValue(1.0),
                        MakeDoubleAccessor(&MeteredEnergySource::m_maxLoadW), MakeDoubleChecker<double>(0.0))
          .AddTraceSource("RemainingEnergy", "Energy left (J), at each look whether the battery ran out.",
                          MakeTraceSourceAccessor(&MeteredEnergySource::m_remainingEnergyJ),
                          "ns3::TracedValueCallback::Double");
  return tid;
}

MeteredEnergySource::MeteredEnergySource() : m_initialEnergyJ(10.0), m_supplyVoltageV(3.0), m_maxLoadW(1.0) {
  m_remainingEnergyJ = m_initialEnergyJ;
}

double MeteredEnergySource::GetRemainingEnergy() {
  double spentJ = 0;
  for (const TypeId& tid : DeviceEnergyModelTypes()) {
    DeviceEnergyModelContainer models = FindDeviceEnergyModels(tid);
    for (auto it = models.Begin(); it != models.End(); ++it) spentJ += (*it)->GetTotalEnergyConsumption();
  }
  return m_initialEnergyJ - spentJ;
}

void MeteredEnergySource::DoInitialize() {
  NS_ABORT_MSG_IF(!(m_maxLoadW > 0) || !std::isfinite(m_maxLoadW), "MeteredEnergySource needs a positive MaxLoadW");
  m_checkEvent = Simulator::ScheduleNow(&MeteredEnergySource::Check, this);
  EnergySource::DoInitialize();
}

void MeteredEnergySource::Check() {
  ++m_checks;
  const double leftJ = GetRemainingEnergy();
  m_remainingEnergyJ = leftJ;
  if (leftJ <= 0) {
    NS_LOG_INFO("empty at " << Simulator::Now().As(Time::S));
    m_depleted = true;
    m_depletionTime = Simulator::Now();
    NotifyEnergyDrained();
    return;
  }
  const double waitS = std::min(kLongestWaitS, leftJ / m_maxLoadW);
  const Time wait = std::max(MicroSeconds(1), NanoSeconds(static_cast<int64_t>(std::floor(waitS * 1e9))));
  m_checkEvent = Simulator::Schedule(wait, &MeteredEnergySource::Check, this);
}

void MeteredEnergySource::DoDispose() {
  m_checkEvent.Cancel();
  BreakDeviceEnergyModelRefCycle();  // as ns-3's own sources do
}

}  // namespace ns3
