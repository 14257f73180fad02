#include "ble-peripheral-link-layer.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <algorithm>

#include "ble-central-link-layer.h"
#include "ble-channel-selection.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("BlePeripheralLinkLayer");
NS_OBJECT_ENSURE_REGISTERED(BlePeripheralLinkLayer);

// The attributes and trace sources are registered in groups (below), in this order.
TypeId BlePeripheralLinkLayer::GetTypeId() {
  static TypeId tid = AddTraceSources(AddLinkLifeAttributes(AddLinkAttributes(
      TypeId("ns3::BlePeripheralLinkLayer")
          .SetParent<BleLinkLayer>()
          .SetGroupName("Ble")
          .AddConstructor<BlePeripheralLinkLayer>())));
  return tid;
}

// The closed-form idle link and channel hopping.
TypeId BlePeripheralLinkLayer::AddLinkAttributes(TypeId tid) {
  return tid
    .AddAttribute("IdleEventsInClosedForm",
                  "Account the events of an idle link in closed form (one notification per idle stretch) "
                  "instead of simulating each one. Changes no figure.",
                  BooleanValue(true), MakeBooleanAccessor(&BlePeripheralLinkLayer::m_idleClosedForm),
                  MakeBooleanChecker())
    .AddAttribute("DataEventsInClosedForm",
                  "Hand the radio each data event's states as one shape (one ns-3 event per connection event) "
                  "instead of one ns-3 event per state change; only while nothing listens to the radio's "
                  "\"State\" trace source. Changes no figure.",
                  BooleanValue(true), MakeBooleanAccessor(&BlePeripheralLinkLayer::m_eventsInClosedForm),
                  MakeBooleanChecker())
    .AddAttribute("AccessAddress",
                  "The connection's access address (0: the central draws one when it connects). Seeds the "
                  "link's channel hopping.",
                  UintegerValue(0), MakeUintegerAccessor(&BlePeripheralLinkLayer::m_accessAddress),
                  MakeUintegerChecker<uint32_t>())
    .AddAttribute("ChannelMap", "Bit i set = data channel i (0-36) is used; at least two.",
                  UintegerValue(kBleAllDataChannels), MakeUintegerAccessor(&BlePeripheralLinkLayer::m_channelMap),
                  MakeUintegerChecker<uint64_t>(0, kBleAllDataChannels));
}

// Supervision, advertising and reconnection.
TypeId BlePeripheralLinkLayer::AddLinkLifeAttributes(TypeId tid) {
  return tid
    .AddAttribute("SupervisionTimeout",
                  "A connection whose ends have not heard each other for this long is lost (0: never). The "
                  "Core specification allows 100 ms - 32 s.",
                  TimeValue(Seconds(0)), MakeTimeAccessor(&BlePeripheralLinkLayer::m_supervisionTimeout),
                  MakeTimeChecker())
    .AddAttribute("AdvInterval", "Time between advertising events while disconnected.",
                  TimeValue(MilliSeconds(100)), MakeTimeAccessor(&BlePeripheralLinkLayer::m_advInterval),
                  MakeTimeChecker())
    .AddAttribute("AdvPayloadBytes", "Payload of an advertising PDU (advertiser address + data, 6-37).",
                  UintegerValue(21), MakeUintegerAccessor(&BlePeripheralLinkLayer::m_advPayloadBytes),
                  MakeUintegerChecker<uint32_t>(6, 37))
    .AddAttribute("AdvListenTime", "How long the advertiser listens for a request after each PDU.",
                  TimeValue(MicroSeconds(190)), MakeTimeAccessor(&BlePeripheralLinkLayer::m_advListen),
                  MakeTimeChecker())
    .AddAttribute("KeepWhileDisconnected",
                  "Keep SDUs while the link is down and send them once it is up again (otherwise they are "
                  "refused, and those queued are dropped when the link is lost).",
                  BooleanValue(true), MakeBooleanAccessor(&BlePeripheralLinkLayer::m_keepWhileDisconnected),
                  MakeBooleanChecker());
}

// Events and packets.
TypeId BlePeripheralLinkLayer::AddTraceSources(TypeId tid) {
  return tid
    .AddTraceSource("EventStart", "A connection event starts (its CPU work before the crystal and the ramp-up).",
                    MakeTraceSourceAccessor(&BlePeripheralLinkLayer::m_eventStartTrace),
                    "ns3::BlePeripheralLinkLayer::EventTracedCallback")
    .AddTraceSource("EventEnd", "A connection event ended; the radio sleeps again.",
                    MakeTraceSourceAccessor(&BlePeripheralLinkLayer::m_eventEndTrace),
                    "ns3::BlePeripheralLinkLayer::EventTracedCallback")
    .AddTraceSource("DataPacket", "The peripheral sent an LL data packet (resend?, lost?).",
                    MakeTraceSourceAccessor(&BlePeripheralLinkLayer::m_packetTrace),
                    "ns3::BlePeripheralLinkLayer::PacketTracedCallback")
    .AddTraceSource("SduSent", "The central received the last packet of an SDU.",
                    MakeTraceSourceAccessor(&BlePeripheralLinkLayer::m_sduSentTrace), "ns3::Packet::TracedCallback");
}

BlePeripheralLinkLayer::BlePeripheralLinkLayer() { NS_LOG_FUNCTION(this); }

void BlePeripheralLinkLayer::LinkStateChanged() {
  if (!m_channel) return;
  if (IsConnected())
    m_channel->SetLinkSchedule(Schedule());
  else
    m_channel->ClearLinkSchedule(PeekPointer(m_radio));
}

BleLinkSchedule BlePeripheralLinkLayer::Schedule() const {
  BleLinkSchedule s;
  s.firstAnchorNs = m_firstAnchor.GetNanoSeconds();
  s.intervalNs = m_interval.GetNanoSeconds();
  s.reachNs = m_eventBudget.GetNanoSeconds();
  s.channelMap = m_channelMap;
  s.channelIdentifier = m_channelIdentifier;
  s.central = PeekPointer(m_central->GetRadio());
  s.peripheral = PeekPointer(m_radio);
  s.air = this;
  return s;
}

BleLinkStatistics BlePeripheralLinkLayer::GetStatistics() const {
  BleLinkStatistics s = m_stats;
  s.idleEvents = IdleEventsSoFar();
  return s;
}

// ---------------------------------------------------------------- peripheral

void BlePeripheralLinkLayer::SetConnection(Ptr<BleCentralLinkLayer> central, Time firstAnchor, Time eventBudget) {
  m_central = central;
  m_firstAnchor = firstAnchor;
  m_eventBudget = eventBudget;
  SetLinkState(BLE_LL_CONNECTED);
  StartSupervision();
  Simulator::ScheduleNow(&BlePeripheralLinkLayer::BeginConnection, this);
}

uint8_t BlePeripheralLinkLayer::DataChannelOfEvent(uint64_t eventCounter) const {
  // The event counter is 16 bits on the air and wraps.
  return BleCsa2Channel(static_cast<uint16_t>(eventCounter & 0xFFFFu), m_channelIdentifier, m_channelMap);
}

uint8_t BlePeripheralLinkLayer::DataChannelAt(Time anchor) const {
  return DataChannelOfEvent(
      static_cast<uint64_t>((anchor - m_firstAnchor).GetNanoSeconds() / m_interval.GetNanoSeconds()));
}

void BlePeripheralLinkLayer::GetAirPackets(Time anchor, std::vector<BleAirPacket>& out) const {
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
void BlePeripheralLinkLayer::PlannedAirPackets(Time anchor, std::vector<BleAirPacket>& out) const {
  const Time empty = PacketAirTime(0);
  const Time latestEnd = anchor + m_eventBudget;
  Time t = anchor;
  if (m_emptyAcks) out.push_back({t, t + empty, true}), t += empty;
  bool first = true;
  for (const Sdu& sdu : m_queue) {
    for (std::size_t i = sdu.next; i < sdu.fragments.size(); ++i) {
      const Time tx = PacketAirTime(sdu.fragments[i].llPayloadBytes);
      const Time need = first ? (m_emptyAcks ? m_tifs + tx : tx) : (m_emptyAcks ? m_tifs * 2 + empty + tx : m_tifs + tx);
      if (t + need > latestEnd) return;
      if (!first && m_emptyAcks) out.push_back({t + m_tifs, t + m_tifs + empty, true});
      t += need;
      out.push_back({t - tx, t, false});
      first = false;
    }
  }
}

Time BlePeripheralLinkLayer::NextAnchorAfter(Time t) const {
  // First anchor a = first + k*interval with a - lead >= t.
  const int64_t since = (t + EventLead() - m_firstAnchor).GetNanoSeconds();
  const int64_t step = m_interval.GetNanoSeconds();
  const int64_t k = since <= 0 ? 0 : (since + step - 1) / step;
  return m_firstAnchor + NanoSeconds(k * step);
}

void BlePeripheralLinkLayer::StartIdleStretch(Time firstAnchor) {
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
    m_nextEvent = Simulator::Schedule(firstAnchor - EventLead() - Simulator::Now(), &BlePeripheralLinkLayer::StartEvent, this,
                                      firstAnchor);
  }
}

uint64_t BlePeripheralLinkLayer::IdleEventsSoFar() const {
  uint64_t n = m_stats.idleEvents;
  if (m_idleStretch) {
    // Idle events whose work started before now.
    const int64_t since = (Simulator::Now() - (m_idleStretchFirst - EventLead())).GetNanoSeconds();
    const int64_t period = (m_interval * static_cast<int64_t>(1 + m_peripheralLatency)).GetNanoSeconds();
    if (since > 0) n += static_cast<uint64_t>((since + period - 1) / period);
  }
  return n;
}

void BlePeripheralLinkLayer::EndIdleStretch(Time end) {
  NS_ASSERT(m_idleStretch);
  (void)end;
  m_stats.idleEvents = IdleEventsSoFar();
  m_idleStretch = false;
}

void BlePeripheralLinkLayer::ScheduleDataEvent() {
  if (m_dataScheduled || !m_enabled) return;
  const Time anchor = NextAnchorAfter(Simulator::Now());
  if (!m_idleClosedForm) m_nextEvent.Cancel();  // the next idle event is at or after this anchor
  m_dataScheduled = true;
  m_scheduledAnchor = anchor;
  m_nextEvent = Simulator::Schedule(anchor - EventLead() - Simulator::Now(), &BlePeripheralLinkLayer::StartEvent, this, anchor);
}

void BlePeripheralLinkLayer::StartEvent(Time anchor) {
  if (!m_enabled) return;
  if (m_idleStretch) EndIdleStretch(Simulator::Now());
  if (m_queue.empty()) {
    RunIdleEvent(anchor);
  } else {
    CloseIdleRun(Simulator::Now());
    RunDataEvent(anchor);
  }
}

void BlePeripheralLinkLayer::FireEventEnd(Time anchor, bool carriesData) {
  m_eventEndTrace(anchor, carriesData);
  if (!m_enabled) return;
  if (carriesData && !m_queue.empty()) {
    const Time next = anchor + m_interval;
    m_scheduledAnchor = next;
    m_nextEvent = Simulator::Schedule(next - EventLead() - Simulator::Now(), &BlePeripheralLinkLayer::StartEvent, this, next);
    return;
  }
  if (carriesData) {
    m_dataScheduled = false;
    StartIdleStretch(anchor + m_interval);  // its first event carries the ack of our last packet
  } else if (!m_dataScheduled) {
    const Time next = anchor + m_interval * static_cast<int64_t>(1 + m_peripheralLatency);
    m_nextEvent = Simulator::Schedule(next - EventLead() - Simulator::Now(), &BlePeripheralLinkLayer::StartEvent, this, next);
  }
}

void BlePeripheralLinkLayer::RunIdleEvent(Time anchor) {
  ++m_stats.idleEvents;
  m_eventStartTrace(anchor, false);
  Time t;
  for (const auto& seg : IdleEventShape().segments) {
    Simulator::Schedule(t, &BlePeripheralLinkLayer::SetRadioState, this, seg.first);
    t += seg.second;
  }
  Simulator::Schedule(t, &BlePeripheralLinkLayer::SetRadioState, this, BLE_RADIO_SLEEP);
  Simulator::Schedule(t, &BlePeripheralLinkLayer::FireEventEnd, this, anchor, false);
  // On the air: up to the end of our reply, before the post-event CPU work.
  if (t.IsStrictlyPositive()) m_central->NotifyOnAir(anchor, Simulator::Now() + t - m_cpuPostEvent);
}

// A data event while it is decided: the radio states from the event's start,
// in order, and the packets on the air with their fates.
struct BlePeripheralLinkLayer::DataEvent {
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
  // The states entered, one after the other from `now`, as (state, duration).
  BleEventShape Shape() const {
    BleEventShape shape;
    for (std::size_t i = 0; i < states.size(); ++i) {
      const Time end = i + 1 < states.size() ? states[i + 1].first : t;
      shape.segments.emplace_back(states[i].second, end - states[i].first);
    }
    return shape;
  }
};

void BlePeripheralLinkLayer::RunDataEvent(Time anchor) {
  NS_LOG_FUNCTION(this << anchor);
  ++m_stats.dataEvents;
  m_eventStartTrace(anchor, true);
  // The whole event is decided now (each packet's fate drawn in order) and its
  // radio states are scheduled at their times; data queued during the event
  // waits for the next one.
  DataEvent e;
  e.anchor = anchor;
  e.now = Simulator::Now();
  // Every packet goes on the shared air on the event's data channel; its fate
  // is drawn when the packet's slot in the event is known.
  e.dataChannel = DataChannelAt(anchor);
  e.Enter(BLE_RADIO_CPU, m_cpuPreEvent);
  e.Enter(BLE_RADIO_XTAL, m_hfxoStartup);
  e.Enter(BLE_RADIO_RAMP, m_rampUp);
  if (OpenDataEvent(e)) SendQueuedPackets(e);
  FinishDataEvent(e);
}

// The packet just entered (it ends at e.t) on the shared air: lost or heard.
// The central's packets are empty; the peripheral's carry the queue's next
// fragment.
bool BlePeripheralLinkLayer::LostOnAir(DataEvent& e, bool fromCentral) {
  const Time end = e.now + e.t;
  BleFrame frame = fromCentral ? EmptyFrame(true) : QueuedFrame();
  frame.start = end - PacketAirTime(frame.payloadBytes);
  frame.end = end;
  frame.channelIndex = e.dataChannel;
  e.air.push_back({frame.start, end, fromCentral});
  Ptr<BlePhy> centralRadio = m_central->GetRadio();
  const BleReception r = fromCentral ? centralRadio->Transmit(m_radio, frame) : m_radio->Transmit(centralRadio, frame);
  if (r.collision) ++m_stats.collisions;
  if (r.wifi) ++m_stats.wifiLosses;
  return r.lost;
}

// The central's (empty) opening packet, heard through the widened window;
// without it the peripheral may not answer.
bool BlePeripheralLinkLayer::OpenDataEvent(DataEvent& e) {
  if (!m_emptyAcks) return true;
  const Time empty = PacketAirTime(0);
  e.Enter(BLE_RADIO_RX, WindowWidening() + empty);  // listening from early on; the central opens the event
  if (LostOnAir(e, true)) {
    ++m_stats.openingsLost;
    return false;
  }
  m_heardByPeripheral = std::max(m_heardByPeripheral, e.now + e.t);
  return true;
}

// The queue's packets, each after the central's ack of the one before, while
// the event's budget lasts: an ack not heard or two CRC errors in a row end
// the event, as does an empty queue.
void BlePeripheralLinkLayer::SendQueuedPackets(DataEvent& e) {
  const Time latestEnd = EventLead() + m_eventBudget;
  const Time empty = PacketAirTime(0);
  bool first = true;
  int crcErrorsInRow = 0;
  while (!m_queue.empty()) {
    Sdu& sdu = m_queue.front();
    const uint32_t ll = sdu.fragments[sdu.next].llPayloadBytes;
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
        ++m_stats.acksLost;  // not heard: the event ends; the ack comes with the next opening
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
void BlePeripheralLinkLayer::PacketSent(DataEvent& e, uint32_t ll, bool lost) {
  const bool resend = m_resendPending;
  ++m_stats.dataPackets;
  if (resend) ++m_stats.resends;
  if (!m_packetTrace.IsEmpty()) Simulator::Schedule(e.t, &BlePeripheralLinkLayer::FirePacket, this, ll, resend, lost);
  m_resendPending = lost;
  if (lost) return;
  m_heardByCentral = std::max(m_heardByCentral, e.now + e.t);
  Sdu& sdu = m_queue.front();
  if (++sdu.next < sdu.fragments.size()) return;
  ++m_stats.sdusSent;
  if (!m_sduSentTrace.IsEmpty()) Simulator::Schedule(e.t, &BlePeripheralLinkLayer::FireSduSent, this, sdu.packet);
  Simulator::Schedule(e.t, &BleCentralLinkLayer::DeliverSdu, m_central, sdu.packet, sdu.protocol, m_address);
  m_queue.pop_front();
}

// The CPU work after the event, then the radio's states: handed over as one
// shape (integrated in closed form by the energy models) unless someone
// watches the radio's states, or else each scheduled at its time.
void BlePeripheralLinkLayer::FinishDataEvent(DataEvent& e) {
  const Time onAirEnd = e.t;
  e.Enter(BLE_RADIO_CPU, m_cpuPostEvent);
  if (m_eventsInClosedForm && !m_radio->IsStateTraced()) {
    if (m_enabled) m_radio->SetEvent(Simulator::Now(), e.Shape());
  } else {
    for (const auto& s : e.states) Simulator::Schedule(s.first, &BlePeripheralLinkLayer::SetRadioState, this, s.second);
    Simulator::Schedule(e.t, &BlePeripheralLinkLayer::SetRadioState, this, BLE_RADIO_SLEEP);
  }
  Simulator::Schedule(e.t, &BlePeripheralLinkLayer::FireEventEnd, this, e.anchor, true);
  m_central->NotifyOnAir(e.anchor, Simulator::Now() + onAirEnd);
  m_eventEnd = Simulator::Now() + e.t;
  m_decidedAnchor = e.anchor;
  m_decidedAir = std::move(e.air);
}

void BlePeripheralLinkLayer::FirePacket(uint32_t llPayloadBytes, bool resend, bool lost) {
  m_packetTrace(llPayloadBytes, resend, lost);
}

void BlePeripheralLinkLayer::FireSduSent(Ptr<Packet> packet) { m_sduSentTrace(packet); }

void BlePeripheralLinkLayer::Disable() {
  if (!m_enabled) return;
  if (m_idleStretch) EndIdleStretch(Simulator::Now());
  CloseSniffRun(Simulator::Now());
  m_nextEvent.Cancel();
  m_supervisionEvent.Cancel();
  m_advEvent.Cancel();
  BleLinkLayer::Disable();
}

bool BlePeripheralLinkLayer::Send(Ptr<Packet> packet, uint16_t protocolNumber) {
  if (!m_central || !m_enabled || packet->GetSize() == 0) return false;
  const bool connected = IsConnected();
  if (!connected && !m_keepWhileDisconnected) return false;
  Sdu sdu;
  sdu.packet = packet;
  sdu.protocol = protocolNumber;
  sdu.fragments = PacketFormat().Fragments(packet->GetSize());
  m_queue.push_back(sdu);
  ++m_stats.sdusQueued;
  if (connected) ScheduleDataEvent();  // otherwise once the link is up again
  return true;
}

void BlePeripheralLinkLayer::DoDispose() {
  m_nextEvent.Cancel();
  m_supervisionEvent.Cancel();
  m_advEvent.Cancel();
  m_central = nullptr;
  m_queue.clear();
  m_decidedAir.clear();
  BleLinkLayer::DoDispose();
}

}  // namespace ns3
