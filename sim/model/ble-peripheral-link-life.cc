// The peripheral's connection life: the supervision timeout that drops a
// connection whose ends no longer hear each other, advertising while
// disconnected, the central's scanning, and the connection made again.
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <cmath>

#include "ble-central-link-layer.h"
#include "ble-channel.h"
#include "ble-channel-selection.h"
#include "ble-peripheral-link-layer.h"
#include "ble-phy.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("BlePeripheralLinkLife");

namespace {
// The Core specification's figures for the advertising channels.
constexpr uint32_t kConnectIndPayloadBytes = 34;  // CONNECT_IND: two addresses + 22 bytes of link parameters
constexpr uint32_t kAdvChannels = 3;              // 37, 38, 39
const Time kTransmitWindowDelay = MicroSeconds(1250);  // from the CONNECT_IND to the earliest first anchor
const Time kMaxAdvDelay = MilliSeconds(10);            // random delay added to every advertising interval
}  // namespace

// ---------------------------------------------------------------- supervision

void BlePeripheralLinkLayer::StartSupervision() {
  const Time now = Simulator::Now();
  m_heardByPeripheral = m_heardByCentral = now;  // the timer starts when the connection is made
  m_idleRuns.clear();
  m_idleDrawnUntil = now;
  // Without the central's packets on the air (the ideal profile) nothing tells an idle link is alive.
  if (!m_supervisionTimeout.IsStrictlyPositive() || !m_emptyAcks || !m_channel) return;
  m_courseKept = m_channel->TrackNode(m_node, m_supervisionTimeout);
  m_channel->TrackNode(m_central->GetNode(), m_supervisionTimeout);
  m_supervisionEvent = Simulator::Schedule(m_supervisionTimeout, &BlePeripheralLinkLayer::CheckSupervision, this);
}

void BlePeripheralLinkLayer::CloseIdleRun(Time end) {
  if (!m_idleRuns.empty() && m_idleRuns.back().end == Time::Max()) m_idleRuns.back().end = end;
  CloseSniffRun(end);
}

Time BlePeripheralLinkLayer::IdleEventEndAround(Time t) const {
  if (m_idleRuns.empty() || m_idleRuns.back().end != Time::Max()) return t;
  const IdleRun& run = m_idleRuns.back();
  const int64_t since = (t - (run.first - EventLead())).GetNanoSeconds();
  if (since < 0) return t;
  const Time start = run.first - EventLead() + NanoSeconds(since / run.period.GetNanoSeconds() * run.period.GetNanoSeconds());
  const Time end = start + IdleEventShape().Duration();
  return end > t ? end : t;
}

// Idle events whose exchange has ended, from the latest back, until both ends
// have heard the other later than they already knew (older events cannot
// matter then). The peripheral replies only to an opening it heard.
void BlePeripheralLinkLayer::DrawIdleEventsLatestFirst(Time now) {
  const Time empty = PacketAirTime(0);
  const Time exchange = empty * 2 + m_tifs;
  Time latest = m_idleDrawnUntil;
  bool peripheralHeard = false, centralHeard = false;
  for (auto run = m_idleRuns.rbegin(); run != m_idleRuns.rend() && !(peripheralHeard && centralHeard); ++run) {
    const int64_t step = run->period.GetNanoSeconds();
    // The run's last anchor whose exchange has ended and whose work started before the run ended.
    int64_t k = (now - exchange - run->first).GetNanoSeconds();
    if (k < 0) continue;
    k /= step;
    if (run->end != Time::Max()) {
      const int64_t open = (run->end + EventLead() - run->first).GetNanoSeconds();  // anchors before this
      if (open <= 0) continue;
      k = std::min(k, (open - 1) / step);
    }
    for (; k >= 0; --k) {
      const Time anchor = run->first + NanoSeconds(k * step);
      if (anchor <= m_idleDrawnUntil || (anchor <= m_heardByPeripheral && anchor <= m_heardByCentral)) break;
      latest = std::max(latest, anchor);
      if (m_channel->DrawControlLoss(m_central->GetRadio(), m_radio, PacketBits(0), anchor + empty)) continue;
      if (!peripheralHeard && anchor + empty > m_heardByPeripheral) m_heardByPeripheral = anchor + empty;
      peripheralHeard = true;
      if (m_channel->DrawControlLoss(m_radio, m_central->GetRadio(), PacketBits(0), anchor + exchange)) continue;
      if (!centralHeard && anchor + exchange > m_heardByCentral) m_heardByCentral = anchor + exchange;
      centralHeard = true;
      break;  // the central hears only a reply to an opening the peripheral heard: both have
    }
  }
  m_idleDrawnUntil = latest;
  // Runs that ended before the last drawn anchor hold nothing more to draw.
  while (m_idleRuns.size() > 1 && m_idleRuns.front().end <= m_idleDrawnUntil) m_idleRuns.erase(m_idleRuns.begin());
}

void BlePeripheralLinkLayer::CheckSupervision() {
  if (!m_enabled || !IsConnected()) return;
  const Time now = Simulator::Now();
  // Mobility may have come after the connection.
  if (!m_courseKept) m_courseKept = m_channel->TrackNode(m_node, m_supervisionTimeout);
  if (m_eventEnd > now) {  // a data event is under way: judge at its end
    m_supervisionEvent = Simulator::Schedule(m_eventEnd - now, &BlePeripheralLinkLayer::CheckSupervision, this);
    return;
  }
  DrawIdleEventsLatestFirst(now);
  const Time deadline = std::min(m_heardByPeripheral, m_heardByCentral) + m_supervisionTimeout;
  Time next = deadline;
  if (deadline <= now) next = IdleEventEndAround(now);  // not in the middle of an idle event
  if (next > now) {
    m_supervisionEvent = Simulator::Schedule(next - now, &BlePeripheralLinkLayer::CheckSupervision, this);
    return;
  }
  LoseLink();
}

void BlePeripheralLinkLayer::LoseLink() {
  const Time now = Simulator::Now();
  NS_LOG_LOGIC(this << " connection lost at " << now.As(Time::MS));
  ++m_stats.linkLosses;
  if (m_idleStretch) EndIdleStretch(now);
  CloseIdleRun(now);
  m_radio->EndIdleEvents();
  m_nextEvent.Cancel();
  m_dataScheduled = false;
  m_resendPending = false;
  m_decidedAnchor = Time(-1);
  // The central discards an SDU it had only in part; it goes again whole.
  if (!m_queue.empty()) m_queue.front().next = 0;
  if (!m_keepWhileDisconnected) {
    m_stats.sdusDroppedAtLoss += m_queue.size();
    m_queue.clear();
  }
  SetLinkState(BLE_LL_ADVERTISING);
  ScheduleAdvertisingEvent(Time(0));
}

// ---------------------------------------------------------------- advertising

// Keyed by the connection's number, so links of one central that connect
// again in whatever order get the addresses they would alone.
uint32_t BlePeripheralLinkLayer::NextAccessAddress() const {
  return m_channel->DrawAccessAddress(m_radio, m_central->GetRadio(), m_stats.reconnections + 1);
}

void BlePeripheralLinkLayer::ScheduleAdvertisingEvent(Time after) {
  // Keyed by the advertising events and link losses so far: one of the two
  // has grown since the last delay was drawn.
  const double u = m_channel->DrawControlUniform(m_radio, m_central->GetRadio(), (m_stats.advertisingEvents << 32) | m_stats.linkLosses);
  const Time delay = NanoSeconds(static_cast<int64_t>(u * static_cast<double>(kMaxAdvDelay.GetNanoSeconds())));
  m_advEvent = Simulator::Schedule(after + delay, &BlePeripheralLinkLayer::RunAdvertisingEvent, this);
}

// One advertising event: the stack's work and the crystal as around a
// connection event, then on each advertising channel in turn the radio ramps
// up, sends the PDU and listens for a request. A central scanning that
// channel that receives the PDU answers T_IFS later with a CONNECT_IND; once
// the advertiser has received it the event ends and the connection is made.
void BlePeripheralLinkLayer::RunAdvertisingEvent() {
  if (!m_enabled || m_state != BLE_LL_ADVERTISING) return;
  ++m_stats.advertisingEvents;
  const Time now = Simulator::Now();
  std::vector<std::pair<Time, BleRadioState>> states;
  Time t;
  auto enter = [&](BleRadioState s, Time d) {
    if (!d.IsStrictlyPositive()) return;
    states.emplace_back(t, s);
    t += d;
  };
  enter(BLE_RADIO_CPU, m_cpuPreEvent);
  enter(BLE_RADIO_XTAL, m_hfxoStartup);
  const Time adv = AdvPacketAirTime(m_advPayloadBytes), connectInd = AdvPacketAirTime(kConnectIndPayloadBytes);
  bool connected = false;
  Time connectEnd;
  for (uint32_t ch = 0; ch < kAdvChannels && !connected; ++ch) {
    const auto channelIndex = static_cast<uint8_t>(kBleFirstAdvertisingChannel + ch);
    enter(BLE_RADIO_RAMP, m_rampUp);
    enter(BLE_RADIO_TX, adv);
    const Time txEnd = now + t;
    const bool heard =
        m_central->ScansOver(ch, txEnd - adv, txEnd) &&
        !m_radio->Transmit(m_central->GetRadio(), AdvertisingFrame(BlePduKind::ADV_IND, channelIndex, txEnd,
                                                                m_advPayloadBytes, 0))
             .lost;
    if (!heard) {
      enter(BLE_RADIO_RX, m_advListen);
      continue;
    }
    enter(BLE_RADIO_RX, m_tifs + connectInd);  // listening through T_IFS, then the request
    const BleFrame request = AdvertisingFrame(BlePduKind::CONNECT_IND, channelIndex, now + t, kConnectIndPayloadBytes,
                                              NextAccessAddress());
    connected = !m_central->GetRadio()->Transmit(m_radio, request).lost;
    connectEnd = now + t;
  }
  enter(BLE_RADIO_CPU, m_cpuPostEvent);
  for (const auto& s : states) Simulator::Schedule(s.first, &BlePeripheralLinkLayer::SetRadioState, this, s.second);
  Simulator::Schedule(t, &BlePeripheralLinkLayer::SetRadioState, this, BLE_RADIO_SLEEP);
  if (connected)
    m_advEvent = Simulator::Schedule(t, &BlePeripheralLinkLayer::Reconnect, this, connectEnd);
  else
    ScheduleAdvertisingEvent(m_advInterval);
}

// The central keeps the link's slot: the first anchor is the link's next
// anchor on its old schedule at least the transmit-window delay after the
// CONNECT_IND (and after the advertiser's work has ended), with a new access
// address and the event counter from 0.
void BlePeripheralLinkLayer::Reconnect(Time connectIndEnd) {
  if (!m_enabled || m_state != BLE_LL_ADVERTISING) return;
  const Time now = Simulator::Now();
  const Time earliest = std::max(connectIndEnd + kTransmitWindowDelay, now + EventLead());
  const int64_t step = m_interval.GetNanoSeconds();
  const int64_t since = (earliest - m_firstAnchor).GetNanoSeconds();
  m_firstAnchor += NanoSeconds((since + step - 1) / step * step);
  m_accessAddress = NextAccessAddress();
  m_channelIdentifier = BleChannelIdentifier(m_accessAddress);
  ++m_stats.reconnections;
  NS_LOG_LOGIC(this << " connected again, first anchor " << m_firstAnchor.As(Time::MS));
  SetLinkState(BLE_LL_CONNECTED);
  StartSupervision();
  StartIdleStretch(m_firstAnchor);
  if (!m_queue.empty()) ScheduleDataEvent();
}

}  // namespace ns3
