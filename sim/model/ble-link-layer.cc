#include "ble-link-layer.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <algorithm>

#include "ble-channel.h"
#include "ble-channel-selection.h"
#include "ble-phy.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("BleLinkLayer");
NS_OBJECT_ENSURE_REGISTERED(BleLinkLayer);

// The attributes and trace sources are registered in groups (below), in this order.
TypeId BleLinkLayer::GetTypeId() {
  static TypeId tid = AddTraceSources(AddLinkLifeAttributes(AddRadioAttributes(AddEventTimingAttributes(
      AddPacketFormatAttributes(AddConnectionAttributes(TypeId("ns3::BleLinkLayer")
                                                            .SetParent<Object>()
                                                            .SetGroupName("Ble")
                                                            .AddConstructor<BleLinkLayer>()))))));
  return tid;
}

// The connection: role, interval, latency.
TypeId BleLinkLayer::AddConnectionAttributes(TypeId tid) {
  return tid
    .AddAttribute("Role", "Central (fog node) or peripheral (wearable).", EnumValue(PERIPHERAL),
                  MakeEnumAccessor(&BleLinkLayer::m_role),
                  MakeEnumChecker(CENTRAL, "Central", PERIPHERAL, "Peripheral"))
    .AddAttribute("ConnectionInterval", "Time between two anchors of a connection (7.5 ms - 4 s).",
                  TimeValue(MilliSeconds(30)), MakeTimeAccessor(&BleLinkLayer::m_interval), MakeTimeChecker())
    .AddAttribute("PeripheralLatency", "Events an idle peripheral may skip.", UintegerValue(0),
                  MakeUintegerAccessor(&BleLinkLayer::m_peripheralLatency), MakeUintegerChecker<uint32_t>(0, 499));
}

// What a packet and an event carry.
TypeId BleLinkLayer::AddPacketFormatAttributes(TypeId tid) {
  return tid
    .AddAttribute("LlPayloadMaxBytes", "Largest LL payload (27 without, 251 with data length extension).",
                  UintegerValue(251), MakeUintegerAccessor(&BleLinkLayer::m_llPayloadMaxBytes),
                  MakeUintegerChecker<uint32_t>(1, 251))
    .AddAttribute("HeaderBytes", "LL header bytes per packet.", UintegerValue(2),
                  MakeUintegerAccessor(&BleLinkLayer::m_headerBytes), MakeUintegerChecker<uint32_t>())
    .AddAttribute("MicBytes", "MIC bytes of a non-empty packet on an encrypted link (0 or 4).", UintegerValue(4),
                  MakeUintegerAccessor(&BleLinkLayer::m_micBytes), MakeUintegerChecker<uint32_t>())
    .AddAttribute("AttMtu", "ATT MTU: an SDU goes out as ATT PDUs of at most this many bytes, header included.",
                  UintegerValue(247), MakeUintegerAccessor(&BleLinkLayer::m_attMtu),
                  MakeUintegerChecker<uint32_t>(23, 517))
    .AddAttribute("AttHeaderBytes", "ATT header of each PDU (3: a write without response or a notification).",
                  UintegerValue(3), MakeUintegerAccessor(&BleLinkLayer::m_attHeaderBytes),
                  MakeUintegerChecker<uint32_t>(0, 22))
    .AddAttribute("L2capHeaderBytes", "L2CAP basic header in front of each ATT PDU.", UintegerValue(4),
                  MakeUintegerAccessor(&BleLinkLayer::m_l2capHeaderBytes), MakeUintegerChecker<uint32_t>())
    .AddAttribute("Tifs", "Inter-frame space between packets of an event.", TimeValue(MicroSeconds(150)),
                  MakeTimeAccessor(&BleLinkLayer::m_tifs), MakeTimeChecker())
    .AddAttribute("EmptyAcks",
                  "Whether the central's (empty) packets are on the air. Without them the model sends the "
                  "peripheral's packets back to back and charges nothing for acknowledgements.",
                  BooleanValue(true), MakeBooleanAccessor(&BleLinkLayer::m_emptyAcks), MakeBooleanChecker())
    .AddAttribute("MaxEventLength", "Longest connection event; 0 means the link's share of the interval.",
                  TimeValue(Seconds(0)), MakeTimeAccessor(&BleLinkLayer::m_maxEventLength), MakeTimeChecker());
}

// The work and the windows around each event.
TypeId BleLinkLayer::AddEventTimingAttributes(TypeId tid) {
  return tid
    .AddAttribute("RampUpTime", "Radio start-up before each event.", TimeValue(MicroSeconds(140)),
                  MakeTimeAccessor(&BleLinkLayer::m_rampUp), MakeTimeChecker())
    .AddAttribute("HfxoStartupTime", "High-frequency crystal start-up before each event's ramp-up.",
                  TimeValue(Seconds(0)), MakeTimeAccessor(&BleLinkLayer::m_hfxoStartup), MakeTimeChecker())
    .AddAttribute("CpuPreEventTime", "The stack's CPU work before each event (before the crystal starts).",
                  TimeValue(Seconds(0)), MakeTimeAccessor(&BleLinkLayer::m_cpuPreEvent), MakeTimeChecker())
    .AddAttribute("CpuPostEventTime", "The stack's CPU work after each event's last packet.",
                  TimeValue(Seconds(0)), MakeTimeAccessor(&BleLinkLayer::m_cpuPostEvent), MakeTimeChecker())
    .AddAttribute("SleepClockPpm", "Accuracy of the peripheral's sleep clock.", DoubleValue(0.0),
                  MakeDoubleAccessor(&BleLinkLayer::m_sleepClockPpm), MakeDoubleChecker<double>(0.0, 500.0))
    .AddAttribute("CentralSleepClockPpm", "Accuracy the central declares for its sleep clock.", DoubleValue(0.0),
                  MakeDoubleAccessor(&BleLinkLayer::m_centralSleepClockPpm),
                  MakeDoubleChecker<double>(0.0, 500.0))
    .AddAttribute("RxWindowMargin", "Fixed part of the receive window opened before the anchor.",
                  TimeValue(Seconds(0)), MakeTimeAccessor(&BleLinkLayer::m_rxWindowMargin), MakeTimeChecker());
}

// The closed-form idle link and channel hopping.
TypeId BleLinkLayer::AddRadioAttributes(TypeId tid) {
  return tid
    .AddAttribute("IdleEventsInClosedForm",
                  "Account the events of an idle link in closed form (one notification per idle stretch) "
                  "instead of simulating each one. Changes no figure.",
                  BooleanValue(true), MakeBooleanAccessor(&BleLinkLayer::m_idleClosedForm),
                  MakeBooleanChecker())
    .AddAttribute("AccessAddress",
                  "Peripheral: the connection's access address (0: the central draws one when it "
                  "connects). Seeds the link's channel hopping.",
                  UintegerValue(0), MakeUintegerAccessor(&BleLinkLayer::m_accessAddress),
                  MakeUintegerChecker<uint32_t>())
    .AddAttribute("ChannelMap", "Peripheral: bit i set = data channel i (0-36) is used; at least two.",
                  UintegerValue(kBleAllDataChannels), MakeUintegerAccessor(&BleLinkLayer::m_channelMap),
                  MakeUintegerChecker<uint64_t>(0, kBleAllDataChannels))
    .AddAttribute("AnchorOffset",
                  "Central: when its first anchor falls within the first interval, so that centrals that "
                  "do not know each other keep unaligned schedules.",
                  TimeValue(Seconds(0)), MakeTimeAccessor(&BleLinkLayer::m_anchorOffset), MakeTimeChecker());
}

// Supervision, advertising, scanning and reconnection.
TypeId BleLinkLayer::AddLinkLifeAttributes(TypeId tid) {
  return tid
    .AddAttribute("SupervisionTimeout",
                  "Peripheral: a connection whose ends have not heard each other for this long is lost "
                  "(0: never). The Core specification allows 100 ms - 32 s.",
                  TimeValue(Seconds(0)), MakeTimeAccessor(&BleLinkLayer::m_supervisionTimeout),
                  MakeTimeChecker())
    .AddAttribute("AdvInterval", "Peripheral: time between advertising events while disconnected.",
                  TimeValue(MilliSeconds(100)), MakeTimeAccessor(&BleLinkLayer::m_advInterval),
                  MakeTimeChecker())
    .AddAttribute("AdvPayloadBytes", "Payload of an advertising PDU (advertiser address + data, 6-37).",
                  UintegerValue(21), MakeUintegerAccessor(&BleLinkLayer::m_advPayloadBytes),
                  MakeUintegerChecker<uint32_t>(6, 37))
    .AddAttribute("AdvListenTime", "How long the advertiser listens for a request after each PDU.",
                  TimeValue(MicroSeconds(190)), MakeTimeAccessor(&BleLinkLayer::m_advListen),
                  MakeTimeChecker())
    .AddAttribute("ScanInterval", "Central: time on each advertising channel before the next.",
                  TimeValue(MilliSeconds(100)), MakeTimeAccessor(&BleLinkLayer::m_scanInterval),
                  MakeTimeChecker())
    .AddAttribute("ScanWindow", "Central: how long it listens within each scan interval.",
                  TimeValue(MilliSeconds(100)), MakeTimeAccessor(&BleLinkLayer::m_scanWindow),
                  MakeTimeChecker())
    .AddAttribute("KeepWhileDisconnected",
                  "Peripheral: keep SDUs while the link is down and send them once it is up again "
                  "(otherwise they are refused, and those queued are dropped when the link is lost).",
                  BooleanValue(true), MakeBooleanAccessor(&BleLinkLayer::m_keepWhileDisconnected),
                  MakeBooleanChecker());
}

// State changes and packets.
TypeId BleLinkLayer::AddTraceSources(TypeId tid) {
  return tid
    .AddTraceSource("EventStart", "A connection event starts (its CPU work before the crystal and the ramp-up).",
                    MakeTraceSourceAccessor(&BleLinkLayer::m_eventStartTrace),
                    "ns3::BleLinkLayer::EventTracedCallback")
    .AddTraceSource("EventEnd", "A connection event ended; the radio sleeps again.",
                    MakeTraceSourceAccessor(&BleLinkLayer::m_eventEndTrace),
                    "ns3::BleLinkLayer::EventTracedCallback")
    .AddTraceSource("DataPacket", "The peripheral sent an LL data packet (resend?, lost?).",
                    MakeTraceSourceAccessor(&BleLinkLayer::m_packetTrace),
                    "ns3::BleLinkLayer::PacketTracedCallback")
    .AddTraceSource("SduSent", "The central received the last packet of an SDU.",
                    MakeTraceSourceAccessor(&BleLinkLayer::m_sduSentTrace), "ns3::Packet::TracedCallback")
    .AddTraceSource("State", "The link layer's state changed (standby, connected, advertising, off).",
                    MakeTraceSourceAccessor(&BleLinkLayer::m_state),
                    "ns3::BleLinkLayer::StateTracedCallback");
}

BleLinkLayer::BleLinkLayer() : m_state(BLE_LL_STANDBY), m_addressRng(CreateObject<UniformRandomVariable>()) {
  NS_LOG_FUNCTION(this);
}

void BleLinkLayer::SetLinkState(BleLinkState state) {
  if (m_state == state) return;
  NS_LOG_LOGIC(this << " link layer " << unsigned(m_state.Get()) << " -> " << unsigned(state));
  m_state = state;
  if (m_channel && m_role == PERIPHERAL) {
    if (state == BLE_LL_CONNECTED)
      m_channel->SetLinkSchedule(Schedule());
    else
      m_channel->ClearLinkSchedule(PeekPointer(m_radio));
  }
  if (!m_linkChanged.IsNull()) m_linkChanged();
}

BleLinkSchedule BleLinkLayer::Schedule() const {
  BleLinkSchedule s;
  s.firstAnchorNs = m_firstAnchor.GetNanoSeconds();
  s.intervalNs = m_interval.GetNanoSeconds();
  s.reachNs = m_eventBudget.GetNanoSeconds();
  s.channelMap = m_channelMap;
  s.channelIdentifier = m_channelIdentifier;
  s.central = PeekPointer(m_central->m_radio);
  s.peripheral = PeekPointer(m_radio);
  s.air = this;
  return s;
}

uint32_t BleLinkLayer::PacketBits(uint32_t llPayloadBytes) const {
  return m_radio->PduBits(m_headerBytes + (llPayloadBytes > 0 ? llPayloadBytes + m_micBytes : 0));
}

Time BleLinkLayer::PacketAirTime(uint32_t llPayloadBytes) const {
  return m_radio->PduAirTime(m_headerBytes + (llPayloadBytes > 0 ? llPayloadBytes + m_micBytes : 0));
}

Time BleLinkLayer::WindowWidening() const {
  if (!m_emptyAcks) return Time(0);  // no opening packet to listen for
  // Both sleep clocks may have drifted by their accuracy over the longest gap
  // between anchors the link listens at.
  const double gapS = (m_interval * static_cast<int64_t>(1 + m_peripheralLatency)).GetSeconds();
  const double driftS = (m_sleepClockPpm + m_centralSleepClockPpm) * 1e-6 * gapS;
  return NanoSeconds(static_cast<int64_t>(std::llround(driftS * 1e9))) + m_rxWindowMargin;
}

Time BleLinkLayer::EventLead() const { return m_cpuPreEvent + m_hfxoStartup + m_rampUp + WindowWidening(); }

BleEventShape BleLinkLayer::IdleEventShape() const {
  BleEventShape shape;
  if (!m_emptyAcks) return shape;  // nothing is on the air for the peripheral
  const Time empty = PacketAirTime(0);
  for (auto seg : {std::make_pair(BLE_RADIO_CPU, m_cpuPreEvent), std::make_pair(BLE_RADIO_XTAL, m_hfxoStartup),
                   std::make_pair(BLE_RADIO_RAMP, m_rampUp), std::make_pair(BLE_RADIO_RX, WindowWidening() + empty),
                   std::make_pair(BLE_RADIO_IDLE, m_tifs), std::make_pair(BLE_RADIO_TX, empty),
                   std::make_pair(BLE_RADIO_CPU, m_cpuPostEvent)})
    if (seg.second.IsStrictlyPositive()) shape.segments.push_back(seg);
  return shape;
}

void BleLinkLayer::SetPhy(Ptr<BlePhy> phy) {
  m_radio = phy;
  // A central's capture also shows its links' idle events.
  m_radio->SetSnifferFlushCallback(MakeCallback(&BleLinkLayer::FlushSniffedEvents, this));
}

// ---------------------------------------------------------------- central

void BleLinkLayer::AddLink(Ptr<BleLinkLayer> peripheral) {
  NS_ABORT_MSG_UNLESS(m_role == CENTRAL && peripheral->m_role == PERIPHERAL, "AddLink: central to peripheral only");
  m_links.push_back(peripheral);
}

void BleLinkLayer::ScheduleLinks() {
  NS_ABORT_MSG_IF(m_links.empty(), "ScheduleLinks: no links");
  const int64_t n = static_cast<int64_t>(m_links.size());
  const Time slot = NanoSeconds(m_interval.GetNanoSeconds() / n);
  Time share = slot;
  if (m_maxEventLength.IsStrictlyPositive()) share = std::min(share, m_maxEventLength);
  NS_ABORT_MSG_IF(m_anchorOffset.IsStrictlyNegative() || m_anchorOffset >= m_interval,
                  "AnchorOffset must lie within one connection interval");
  for (int64_t k = 0; k < n; ++k) {
    Ptr<BleLinkLayer> p = m_links[static_cast<std::size_t>(k)];
    // The central's slot, and within it no more than leaves the peripheral
    // its post-event work and the lead of its next event.
    const Time budget = std::min(share - m_rampUp, m_interval - p->EventLead() - p->m_cpuPostEvent);
    const Time firstExchange = (p->m_emptyAcks ? p->PacketAirTime(0) + p->m_tifs : Time(0)) +
                               p->PacketAirTime(p->m_llPayloadMaxBytes);
    NS_ABORT_MSG_IF(budget < firstExchange, "a link's share of the connection interval ("
                                                << budget.As(Time::US) << ") cannot carry one full exchange ("
                                                << firstExchange.As(Time::US) << ")");
    // The first anchor one interval in, so every ramp-up starts after t = 0.
    NS_ABORT_MSG_IF(BleUsedChannels(p->m_channelMap) < 2, "a channel map needs at least two used channels");
    if (p->m_accessAddress == 0)
      p->m_accessAddress = static_cast<uint32_t>(m_addressRng->GetInteger(1, 0xFFFFFFFEu));
    p->m_channelIdentifier = BleChannelIdentifier(p->m_accessAddress);
    p->SetConnection(this, m_interval + m_anchorOffset + slot * k, budget);
  }
  SetLinkState(BLE_LL_CONNECTED);
}

int64_t BleLinkLayer::AssignStreams(int64_t stream) {
  m_addressRng->SetStream(stream);
  return 1;
}

void BleLinkLayer::NotifyOnAir(Time start, Time end) {
  if (start < m_busyUntil) ++m_overlaps;
  m_busyUntil = std::max(m_busyUntil, end + m_rampUp);
}

void BleLinkLayer::DeliverSdu(Ptr<Packet> packet, uint16_t protocol, Mac48Address from) {
  NS_LOG_FUNCTION(this << packet->GetSize() << from);
  if (!m_sduReceived.IsNull()) m_sduReceived(packet, protocol, from);
}

// ---------------------------------------------------------------- peripheral

void BleLinkLayer::SetConnection(Ptr<BleLinkLayer> central, Time firstAnchor, Time eventBudget) {
  m_central = central;
  m_firstAnchor = firstAnchor;
  m_eventBudget = eventBudget;
  SetLinkState(BLE_LL_CONNECTED);
  StartSupervision();
  Simulator::ScheduleNow(&BleLinkLayer::BeginConnection, this);
}

uint8_t BleLinkLayer::DataChannelOfEvent(uint64_t eventCounter) const {
  // The event counter is 16 bits on the air and wraps.
  return BleCsa2Channel(static_cast<uint16_t>(eventCounter & 0xFFFFu), m_channelIdentifier, m_channelMap);
}

void BleLinkLayer::GetAirPackets(Time anchor, std::vector<BleAirPacket>& out) const {
  if (anchor == m_decidedAnchor) {
    out.insert(out.end(), m_decidedAir.begin(), m_decidedAir.end());
  } else if (m_dataScheduled && anchor == m_scheduledAnchor) {
    PlannedAirPackets(anchor, out);
  } else if (m_emptyAcks) {  // an idle event: the central's empty packet and the empty reply
    const Time empty = PacketAirTime(0);
    out.push_back({anchor, anchor + empty, true});
    out.push_back({anchor + empty + m_tifs, anchor + empty * 2 + m_tifs, false});
  }
}

// The packets of the data event at `anchor` as RunDataEvent packs them when
// nothing is lost (other links plan around them before it is decided).
void BleLinkLayer::PlannedAirPackets(Time anchor, std::vector<BleAirPacket>& out) const {
  const Time empty = PacketAirTime(0);
  const Time latestEnd = anchor + m_eventBudget;
  Time t = anchor;
  if (m_emptyAcks) out.push_back({t, t + empty, true}), t += empty;
  bool first = true;
  for (const Sdu& sdu : m_queue) {
    for (std::size_t i = sdu.next; i < sdu.llPayloads.size(); ++i) {
      const Time tx = PacketAirTime(sdu.llPayloads[i]);
      const Time need = first ? (m_emptyAcks ? m_tifs + tx : tx) : (m_emptyAcks ? m_tifs * 2 + empty + tx : m_tifs + tx);
      if (t + need > latestEnd) return;
      if (!first && m_emptyAcks) out.push_back({t + m_tifs, t + m_tifs + empty, true});
      t += need;
      out.push_back({t - tx, t, false});
      first = false;
    }
  }
}

Time BleLinkLayer::NextAnchorAfter(Time t) const {
  // First anchor a = first + k*interval with a - lead >= t.
  const int64_t since = (t + EventLead() - m_firstAnchor).GetNanoSeconds();
  const int64_t step = m_interval.GetNanoSeconds();
  const int64_t k = since <= 0 ? 0 : (since + step - 1) / step;
  return m_firstAnchor + NanoSeconds(k * step);
}

void BleLinkLayer::StartIdleStretch(Time firstAnchor) {
  if (!m_enabled || !IsConnected()) return;
  const Time period = m_interval * static_cast<int64_t>(1 + m_peripheralLatency);
  if (m_supervisionEvent.IsRunning()) m_idleRuns.push_back({firstAnchor, period});  // for the supervision timer
  if (IsSniffed()) OpenSniffRun(firstAnchor, period);
  if (m_idleClosedForm) {
    m_idleStretch = true;
    m_idleStretchFirst = firstAnchor;
    const BleEventShape shape = IdleEventShape();
    m_radio->SetIdleEvents(firstAnchor - EventLead(), period, shape);
  } else {
    m_nextEvent = Simulator::Schedule(firstAnchor - EventLead() - Simulator::Now(), &BleLinkLayer::StartEvent, this,
                                      firstAnchor);
  }
}

uint64_t BleLinkLayer::GetIdleEvents() const {
  uint64_t n = m_idleEvents;
  if (m_idleStretch) {
    // Idle events whose work started before now.
    const int64_t since = (Simulator::Now() - (m_idleStretchFirst - EventLead())).GetNanoSeconds();
    const int64_t period = (m_interval * static_cast<int64_t>(1 + m_peripheralLatency)).GetNanoSeconds();
    if (since > 0) n += static_cast<uint64_t>((since + period - 1) / period);
  }
  return n;
}

void BleLinkLayer::EndIdleStretch(Time end) {
  NS_ASSERT(m_idleStretch);
  (void)end;
  m_idleEvents = GetIdleEvents();
  m_idleStretch = false;
}

void BleLinkLayer::ScheduleDataEvent() {
  if (m_dataScheduled || !m_enabled) return;
  const Time anchor = NextAnchorAfter(Simulator::Now());
  if (!m_idleClosedForm) m_nextEvent.Cancel();  // the next idle event is at or after this anchor
  m_dataScheduled = true;
  m_scheduledAnchor = anchor;
  m_nextEvent = Simulator::Schedule(anchor - EventLead() - Simulator::Now(), &BleLinkLayer::StartEvent, this, anchor);
}

void BleLinkLayer::StartEvent(Time anchor) {
  if (!m_enabled) return;
  if (m_idleStretch) EndIdleStretch(Simulator::Now());
  if (m_queue.empty()) {
    RunIdleEvent(anchor);
  } else {
    CloseIdleRun(Simulator::Now());
    RunDataEvent(anchor);
  }
}

void BleLinkLayer::SetRadioState(BleRadioState state) {
  if (m_enabled) m_radio->SetState(state);
}

void BleLinkLayer::FireEventEnd(Time anchor, bool carriesData) {
  m_eventEndTrace(anchor, carriesData);
  if (!m_enabled) return;
  if (carriesData && !m_queue.empty()) {
    const Time next = anchor + m_interval;
    m_scheduledAnchor = next;
    m_nextEvent = Simulator::Schedule(next - EventLead() - Simulator::Now(), &BleLinkLayer::StartEvent, this, next);
    return;
  }
  if (carriesData) {
    m_dataScheduled = false;
    StartIdleStretch(anchor + m_interval);  // its first event carries the ack of our last packet
  } else if (!m_dataScheduled) {
    const Time next = anchor + m_interval * static_cast<int64_t>(1 + m_peripheralLatency);
    m_nextEvent = Simulator::Schedule(next - EventLead() - Simulator::Now(), &BleLinkLayer::StartEvent, this, next);
  }
}

void BleLinkLayer::RunIdleEvent(Time anchor) {
  ++m_idleEvents;
  m_eventStartTrace(anchor, false);
  Time t;
  for (const auto& seg : IdleEventShape().segments) {
    Simulator::Schedule(t, &BleLinkLayer::SetRadioState, this, seg.first);
    t += seg.second;
  }
  Simulator::Schedule(t, &BleLinkLayer::SetRadioState, this, BLE_RADIO_SLEEP);
  Simulator::Schedule(t, &BleLinkLayer::FireEventEnd, this, anchor, false);
  // On the air: up to the end of our reply, before the post-event CPU work.
  if (t.IsStrictlyPositive()) m_central->NotifyOnAir(anchor, Simulator::Now() + t - m_cpuPostEvent);
}

// A data event while it is decided: the radio states from the event's start,
// in order, and the packets on the air with their fates.
struct BleLinkLayer::DataEvent {
  Time anchor;
  Time now;              // when it is decided: the anchor less the event's lead
  Time t;                // from `now`: the end of the last state entered
  uint8_t dataChannel = 0;
  std::vector<std::pair<Time, BleRadioState>> states;
  std::vector<BleAirPacket> air;

  void Enter(BleRadioState s, Time duration) {
    if (!duration.IsStrictlyPositive()) return;
    states.emplace_back(t, s);
    t += duration;
  }
};

void BleLinkLayer::RunDataEvent(Time anchor) {
  NS_LOG_FUNCTION(this << anchor);
  ++m_dataEvents;
  m_eventStartTrace(anchor, true);
  // The whole event is decided now (each packet's fate drawn in order) and its
  // radio states are scheduled at their times; data queued during the event
  // waits for the next one.
  DataEvent e;
  e.anchor = anchor;
  e.now = Simulator::Now();
  // Every packet goes on the shared air on the event's data channel; its fate
  // is drawn when the packet's slot in the event is known.
  e.dataChannel =
      DataChannelOfEvent(static_cast<uint64_t>((anchor - m_firstAnchor).GetNanoSeconds() / m_interval.GetNanoSeconds()));
  e.Enter(BLE_RADIO_CPU, m_cpuPreEvent);
  e.Enter(BLE_RADIO_XTAL, m_hfxoStartup);
  e.Enter(BLE_RADIO_RAMP, m_rampUp);
  if (OpenDataEvent(e)) SendQueuedPackets(e);
  FinishDataEvent(e);
}

// The packet just entered (it ends at e.t) on the shared air: lost or heard.
// The central's packets are empty; the peripheral's carry the queue's next
// fragment.
bool BleLinkLayer::LostOnAir(DataEvent& e, bool fromCentral) {
  const Time end = e.now + e.t;
  BleFrame frame = fromCentral ? EmptyFrame(true) : QueuedFrame();
  frame.start = end - PacketAirTime(frame.payloadBytes);
  frame.end = end;
  frame.channelIndex = e.dataChannel;
  e.air.push_back({frame.start, end, fromCentral});
  Ptr<BlePhy> centralRadio = m_central->m_radio;
  const BleReception r = fromCentral ? centralRadio->Transmit(m_radio, frame) : m_radio->Transmit(centralRadio, frame);
  if (r.collision) ++m_collisions;
  if (r.wifi) ++m_wifiLosses;
  return r.lost;
}

// The central's (empty) opening packet, heard through the widened window;
// without it the peripheral may not answer.
bool BleLinkLayer::OpenDataEvent(DataEvent& e) {
  if (!m_emptyAcks) return true;
  const Time empty = PacketAirTime(0);
  e.Enter(BLE_RADIO_RX, WindowWidening() + empty);  // listening from early on; the central opens the event
  if (LostOnAir(e, true)) {
    ++m_openingsLost;
    return false;
  }
  m_heardByPeripheral = std::max(m_heardByPeripheral, e.now + e.t);
  return true;
}

// The queue's packets, each after the central's ack of the one before, while
// the event's budget lasts: an ack not heard or two CRC errors in a row end
// the event, as does an empty queue.
void BleLinkLayer::SendQueuedPackets(DataEvent& e) {
  const Time latestEnd = EventLead() + m_eventBudget;
  const Time empty = PacketAirTime(0);
  bool first = true;
  int crcErrorsInRow = 0;
  while (!m_queue.empty()) {
    Sdu& sdu = m_queue.front();
    const uint32_t ll = sdu.llPayloads[sdu.next];
    const Time tx = PacketAirTime(ll);
    const Time need = first ? (m_emptyAcks ? m_tifs + tx : tx) : (m_emptyAcks ? m_tifs * 2 + empty + tx : m_tifs + tx);
    if (e.t + need > latestEnd) {
      NS_ABORT_MSG_IF(first, "connection event too short for one exchange");
      break;  // out of air time: the data waits for the next event
    }
    if (!first && m_emptyAcks) {
      e.Enter(BLE_RADIO_IDLE, m_tifs);
      e.Enter(BLE_RADIO_RX, empty);  // the central's ack (or nack) of our previous packet
      if (LostOnAir(e, true)) {
        ++m_acksLost;  // not heard: the event ends; the ack comes with the next opening
        break;
      }
      m_heardByPeripheral = std::max(m_heardByPeripheral, e.now + e.t);
    }
    if (!first || m_emptyAcks) e.Enter(BLE_RADIO_IDLE, m_tifs);
    e.Enter(BLE_RADIO_TX, tx);
    const bool lost = LostOnAir(e, false);
    first = false;
    crcErrorsInRow = lost ? crcErrorsInRow + 1 : 0;
    PacketSent(e, ll, lost);
    if (m_queue.empty()) break;       // more-data clear and the central has it all
    if (crcErrorsInRow >= 2) break;   // two CRC errors in a row close the event
  }
}

// Counts the packet sent at e.t; one heard completes its SDU's next piece,
// and the last piece delivers the SDU to the central.
void BleLinkLayer::PacketSent(DataEvent& e, uint32_t ll, bool lost) {
  const bool resend = m_resendPending;
  ++m_dataPackets;
  if (resend) ++m_resends;
  Simulator::Schedule(e.t, &BleLinkLayer::FirePacket, this, ll, resend, lost);
  m_resendPending = lost;
  if (lost) return;
  m_heardByCentral = std::max(m_heardByCentral, e.now + e.t);
  Sdu& sdu = m_queue.front();
  if (++sdu.next < sdu.llPayloads.size()) return;
  ++m_sdusSent;
  Simulator::Schedule(e.t, &BleLinkLayer::FireSduSent, this, sdu.packet);
  Simulator::Schedule(e.t, &BleLinkLayer::DeliverSdu, m_central, sdu.packet, sdu.protocol, m_address);
  m_queue.pop_front();
}

// The CPU work after the event, then every state scheduled at its time.
void BleLinkLayer::FinishDataEvent(DataEvent& e) {
  const Time onAirEnd = e.t;
  e.Enter(BLE_RADIO_CPU, m_cpuPostEvent);
  for (const auto& s : e.states) Simulator::Schedule(s.first, &BleLinkLayer::SetRadioState, this, s.second);
  Simulator::Schedule(e.t, &BleLinkLayer::SetRadioState, this, BLE_RADIO_SLEEP);
  Simulator::Schedule(e.t, &BleLinkLayer::FireEventEnd, this, e.anchor, true);
  m_central->NotifyOnAir(e.anchor, Simulator::Now() + onAirEnd);
  m_eventEnd = Simulator::Now() + e.t;
  m_decidedAnchor = e.anchor;
  m_decidedAir = std::move(e.air);
}

void BleLinkLayer::FirePacket(uint32_t llPayloadBytes, bool resend, bool lost) {
  m_packetTrace(llPayloadBytes, resend, lost);
}

void BleLinkLayer::FireSduSent(Ptr<Packet> packet) { m_sduSentTrace(packet); }

void BleLinkLayer::Disable() {
  if (!m_enabled) return;
  if (m_idleStretch) EndIdleStretch(Simulator::Now());
  CloseSniffRun(Simulator::Now());
  m_radio->TurnOff();
  m_enabled = false;
  m_nextEvent.Cancel();
  m_supervisionEvent.Cancel();
  m_advEvent.Cancel();
  SetLinkState(BLE_LL_OFF);
}

// ---------------------------------------------------------------- lifetime

void BleLinkLayer::DoDispose() {
  m_nextEvent.Cancel();
  m_supervisionEvent.Cancel();
  m_advEvent.Cancel();
  m_node = nullptr;
  m_channel = nullptr;
  m_central = nullptr;
  m_links.clear();
  m_queue.clear();
  m_decidedAir.clear();
  m_addressRng = nullptr;
  m_radio = nullptr;  // the NetDevice owns and disposes of it
  m_sduReceived = MakeNullCallback<void, Ptr<Packet>, uint16_t, Mac48Address>();
  m_linkChanged = MakeNullCallback<void>();
  Object::DoDispose();
}

bool BleLinkLayer::Send(Ptr<Packet> packet, uint16_t protocolNumber) {
  if (m_role != PERIPHERAL || !m_central || !m_enabled || packet->GetSize() == 0) return false;
  const bool connected = IsConnected();
  if (!connected && !m_keepWhileDisconnected) return false;
  Sdu sdu;
  sdu.packet = packet;
  sdu.protocol = protocolNumber;
  // ATT PDUs of at most the MTU, each an L2CAP PDU behind its basic header,
  // fragmented over LL payloads of at most m_llPayloadMaxBytes.
  const uint32_t attData = m_attMtu - m_attHeaderBytes;
  for (uint32_t left = packet->GetSize(); left > 0;) {
    const uint32_t data = std::min(left, attData);
    left -= data;
    const uint32_t l2capBytes = data + m_attHeaderBytes + m_l2capHeaderBytes;
    for (uint32_t l2cap = l2capBytes; l2cap > 0;) {
      const uint32_t fragment = std::min(l2cap, m_llPayloadMaxBytes);
      sdu.llPayloads.push_back(fragment);
      sdu.l2capOffsets.push_back(l2capBytes - l2cap);
      sdu.l2capBytes.push_back(l2capBytes);
      l2cap -= fragment;
    }
  }
  m_queue.push_back(sdu);
  ++m_sdusQueued;
  if (connected) ScheduleDataEvent();  // otherwise once the link is up again
  return true;
}

}  // namespace ns3
