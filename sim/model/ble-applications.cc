#include "ble-applications.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include "ble-link-layer.h"
#include "ble-net-device.h"
#include "mcu-energy-model.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("BleApplications");
NS_OBJECT_ENSURE_REGISTERED(BleSduTag);
NS_OBJECT_ENSURE_REGISTERED(BleWearableApplication);
NS_OBJECT_ENSURE_REGISTERED(BleFogApplication);

// ================================================================ tag

TypeId BleSduTag::GetTypeId() {
  static TypeId tid = TypeId("ns3::BleSduTag").SetParent<Tag>().SetGroupName("Ble").AddConstructor<BleSduTag>();
  return tid;
}
TypeId BleSduTag::GetInstanceTypeId() const { return GetTypeId(); }
uint32_t BleSduTag::GetSerializedSize() const { return 4 + 4 + 8 + 1; }
void BleSduTag::Serialize(TagBuffer i) const {
  i.WriteU32(wearable);
  i.WriteU32(sequence);
  i.WriteU64(static_cast<uint64_t>(windowStart.GetNanoSeconds()));
  i.WriteU8(result ? 1 : 0);
}
void BleSduTag::Deserialize(TagBuffer i) {
  wearable = i.ReadU32();
  sequence = i.ReadU32();
  windowStart = NanoSeconds(static_cast<int64_t>(i.ReadU64()));
  result = i.ReadU8() != 0;
}
void BleSduTag::Print(std::ostream& os) const {
  os << "wearable=" << wearable << " sequence=" << sequence << " windowStart=" << windowStart.As(Time::S) << " result=" << result;
}

// ================================================================ wearable

TypeId BleWearableApplication::GetTypeId() {
  static TypeId tid =
      TypeId("ns3::BleWearableApplication")
          .SetParent<Application>()
          .SetGroupName("Ble")
          .AddConstructor<BleWearableApplication>()
          .AddAttribute("Window", "Time between two inferences (one signal window).", TimeValue(Seconds(4)),
                        MakeTimeAccessor(&BleWearableApplication::m_window), MakeTimeChecker())
          .AddAttribute("FirstWindow", "When the first window's inference starts (after the app starts).",
                        TimeValue(Seconds(0)), MakeTimeAccessor(&BleWearableApplication::m_firstWindow),
                        MakeTimeChecker())
          .AddAttribute("WindowJitter",
                        "Each window starts up to this much after its nominal time (uniformly), as a sensor's "
                        "clock and its signal do not keep the radio's time; below one window.",
                        TimeValue(Seconds(0)), MakeTimeAccessor(&BleWearableApplication::m_windowJitter),
                        MakeTimeChecker(Seconds(0)))
          .AddAttribute("EdgeLatency", "MCU time to run the edge layers (from the surrogate).", TimeValue(Seconds(0)),
                        MakeTimeAccessor(&BleWearableApplication::m_edgeLatency), MakeTimeChecker())
          .AddAttribute("PayloadBytes", "Size of the tensor sent to the fog node.", UintegerValue(8192),
                        MakeUintegerAccessor(&BleWearableApplication::m_payloadBytes),
                        MakeUintegerChecker<uint32_t>(1))
          .AddAttribute("EdgeWhileDisconnected",
                        "A window that starts while the link is down runs every layer on the MCU "
                        "(WholeLatency) and hands over only the result (ResultBytes).",
                        BooleanValue(false), MakeBooleanAccessor(&BleWearableApplication::m_edgeWhileDisconnected),
                        MakeBooleanChecker())
          .AddAttribute("WholeLatency", "MCU time to run every layer of the network (from the surrogate).",
                        TimeValue(Seconds(0)), MakeTimeAccessor(&BleWearableApplication::m_wholeLatency),
                        MakeTimeChecker())
          .AddAttribute("ResultBytes", "Size of a window's result (its class scores).", UintegerValue(8),
                        MakeUintegerAccessor(&BleWearableApplication::m_resultBytes),
                        MakeUintegerChecker<uint32_t>(1));
  return tid;
}

BleWearableApplication::BleWearableApplication() : m_jitterRng(CreateObject<UniformRandomVariable>()) {}

Time BleWearableApplication::DrawJitter() {
  if (!m_windowJitter.IsStrictlyPositive()) return Time(0);
  return NanoSeconds(static_cast<int64_t>(m_jitterRng->GetValue(0.0, static_cast<double>(m_windowJitter.GetNanoSeconds()))));
}

int64_t BleWearableApplication::AssignStreams(int64_t stream) {
  m_jitterRng->SetStream(stream);
  return 1;
}

void BleWearableApplication::SetDevice(Ptr<BleNetDevice> device) { m_device = device; }
void BleWearableApplication::SetMcu(Ptr<McuEnergyModel> mcu) { m_mcu = mcu; }

void BleWearableApplication::StartApplication() {
  m_running = true;
  NS_ABORT_MSG_IF(m_windowJitter >= m_window, "WindowJitter must be below one Window");
  m_jitter = DrawJitter();
  m_nextWindow = Simulator::Schedule(m_firstWindow + m_jitter, &BleWearableApplication::StartWindow, this);
}

void BleWearableApplication::StopApplication() {
  m_running = false;
  m_nextWindow.Cancel();
}

void BleWearableApplication::StartWindow() {
  if (m_depleted || !m_running) return;
  const uint32_t sequence = m_sequence++;
  // The next nominal start is one window after this one's; each start is
  // late by its own jitter.
  const Time next = DrawJitter();
  m_nextWindow = Simulator::Schedule(m_window - m_jitter + next, &BleWearableApplication::StartWindow, this);
  m_jitter = next;
  // The choice is made when the window starts: a link lost during the edge
  // part leaves that window's tensor to the link layer (kept).
  const bool whole = m_edgeWhileDisconnected && LinkDown();
  const Time latency = whole ? m_wholeLatency : m_edgeLatency;
  if (latency.IsStrictlyPositive()) {
    const double startJ = m_mcu ? m_mcu->GetTotalEnergyConsumption() : 0.0;
    if (m_mcu) m_mcu->ChangeState(McuEnergyModel::RUN);
    Simulator::Schedule(latency, &BleWearableApplication::FinishEdge, this, sequence, Simulator::Now(), whole,
                        startJ);
  } else {
    FinishEdge(sequence, Simulator::Now(), whole, 0.0);
  }
}

bool BleWearableApplication::LinkDown() const {
  return m_device && m_device->GetLinkLayer() && !m_device->GetLinkLayer()->IsConnected();
}

void BleWearableApplication::FinishEdge(uint32_t sequence, Time windowStart, bool whole, double startJ) {
  if (m_depleted) return;
  const Time latency = whole ? m_wholeLatency : m_edgeLatency;
  if (m_mcu && latency.IsStrictlyPositive()) {
    // Read off the MCU's energy model, as the fog node reads its jobs.
    if (whole) m_edgeOnlyJ += m_mcu->GetTotalEnergyConsumption() - startJ;
    m_mcu->ChangeState(McuEnergyModel::SLEEP);
  }
  ++m_inferences;
  if (whole) ++m_edgeOnly;
  Ptr<Packet> tensor = Create<Packet>(whole ? m_resultBytes : m_payloadBytes);
  BleSduTag tag;
  tag.wearable = GetNode()->GetId();
  tag.sequence = sequence;
  tag.windowStart = windowStart;
  tag.result = whole;
  tensor->AddPacketTag(tag);
  if (m_device && m_device->Send(tensor, m_device->GetBroadcast(), 0)) ++m_tensorsQueued;
}

void BleWearableApplication::Deplete() {
  if (m_depleted) return;
  m_depleted = true;
  m_depletionTime = Simulator::Now();
  m_nextWindow.Cancel();
  if (m_mcu) m_mcu->ChangeState(McuEnergyModel::OFF);
  if (m_device) m_device->Disable();
}

void BleWearableApplication::DoDispose() {
  m_device = nullptr;
  m_mcu = nullptr;
  Application::DoDispose();
}

// ================================================================ fog

TypeId BleFogApplication::GetTypeId() {
  static TypeId tid =
      TypeId("ns3::BleFogApplication")
          .SetParent<Application>()
          .SetGroupName("Ble")
          .AddConstructor<BleFogApplication>()
          .AddAttribute("JobTime", "Time to run the fog layers of one tensor.", TimeValue(Seconds(0)),
                        MakeTimeAccessor(&BleFogApplication::m_jobTime), MakeTimeChecker())
          .AddAttribute("RxEnergyPerBitJ", "Energy the fog node spends per received tensor bit.", DoubleValue(0.0),
                        MakeDoubleAccessor(&BleFogApplication::m_rxEnergyPerBitJ), MakeDoubleChecker<double>(0))
          .AddTraceSource("JobDone",
                          "A tensor's inference finished (wearable, end-to-end latency, queueing, the "
                          "processor's energy over the job in J).",
                          MakeTraceSourceAccessor(&BleFogApplication::m_jobTrace),
                          "ns3::BleFogApplication::JobTracedCallback")
          .AddTraceSource("ResultReceived",
                          "A window's result, computed in full on the wearable, arrived (wearable, "
                          "end-to-end latency, bytes): that inference is complete without a job.",
                          MakeTraceSourceAccessor(&BleFogApplication::m_resultTrace),
                          "ns3::BleFogApplication::ResultTracedCallback");
  return tid;
}

BleFogApplication::BleFogApplication() = default;

void BleFogApplication::SetProcessor(Ptr<McuEnergyModel> processor) { m_processor = processor; }

void BleFogApplication::SetJobTime(uint32_t nodeId, Time jobTime) {
  NS_ABORT_MSG_IF(jobTime.IsStrictlyNegative(), "a fog job cannot take negative time");
  m_jobTimeByNode[nodeId] = jobTime;
}

void BleFogApplication::AddDevice(Ptr<NetDevice> device) {
  device->SetReceiveCallback(MakeCallback(&BleFogApplication::Receive, this));
}

void BleFogApplication::StartApplication() {}
void BleFogApplication::StopApplication() {}

bool BleFogApplication::Receive(Ptr<NetDevice>, Ptr<const Packet> packet, uint16_t, const Address&) {
  Job job;
  packet->PeekPacketTag(job.tag);
  job.arrival = Simulator::Now();
  job.bytes = packet->GetSize();
  const auto own = m_jobTimeByNode.find(job.tag.wearable);
  job.duration = own == m_jobTimeByNode.end() ? m_jobTime : own->second;
  if (job.tag.result) {
    m_rxEnergyJ += m_rxEnergyPerBitJ * 8.0 * job.bytes;
    ++m_resultsReceived;
    m_resultTrace(job.tag.wearable, job.arrival - job.tag.windowStart, job.bytes);
    return true;
  }
  m_queue.push_back(job);
  m_maxQueue = std::max(m_maxQueue, m_queue.size() - 1);  // waiting, not in service
  if (!m_busy) StartNext();
  return true;
}

void BleFogApplication::StartNext() {
  if (m_queue.empty()) return;
  m_busy = true;
  NS_LOG_LOGIC("fog job starts, " << m_queue.size() - 1 << " waiting");
  if (m_processor) {
    m_processor->ChangeState(McuEnergyModel::RUN);
    m_jobStartJ = m_processor->GetTotalEnergyConsumption();
  }
  Simulator::Schedule(m_queue.front().duration, &BleFogApplication::FinishJob, this);
}

void BleFogApplication::FinishJob() {
  const Job job = m_queue.front();
  m_queue.pop_front();
  m_busy = false;
  ++m_jobsDone;
  m_busyTime += job.duration;
  // The job's energy is what the processor's energy model integrated while
  // it ran (RUN power x job time), read off the model, not assumed.
  double jobJ = 0;
  if (m_processor) {
    jobJ = m_processor->GetTotalEnergyConsumption() - m_jobStartJ;
    m_processor->ChangeState(McuEnergyModel::SLEEP);
  }
  m_rxEnergyJ += m_rxEnergyPerBitJ * 8.0 * job.bytes;
  const Time now = Simulator::Now();
  m_jobTrace(job.tag.wearable, now - job.tag.windowStart, now - job.duration - job.arrival, jobJ);
  StartNext();
}

double BleFogApplication::GetComputeEnergyJ() const {
  return m_processor ? m_processor->GetStateEnergyJ(McuEnergyModel::RUN) : 0.0;
}

double BleFogApplication::GetIdleEnergyJ() const {
  return m_processor ? m_processor->GetStateEnergyJ(McuEnergyModel::SLEEP) : 0.0;
}

void BleFogApplication::DoDispose() {
  m_queue.clear();
  m_jobTimeByNode.clear();
  m_processor = nullptr;
  Application::DoDispose();
}

}  // namespace ns3
