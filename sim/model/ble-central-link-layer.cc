#include "ble-central-link-layer.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"

#include <algorithm>

#include "ble-channel-selection.h"
#include "ble-peripheral-link-layer.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("BleCentralLinkLayer");
NS_OBJECT_ENSURE_REGISTERED(BleCentralLinkLayer);

namespace {
constexpr uint32_t kAdvChannels = 3;  // 37, 38, 39
}  // namespace

TypeId BleCentralLinkLayer::GetTypeId() {
  static TypeId tid =
      TypeId("ns3::BleCentralLinkLayer")
          .SetParent<BleLinkLayer>()
          .SetGroupName("Ble")
          .AddConstructor<BleCentralLinkLayer>()
          .AddAttribute("MaxEventLength", "Longest connection event; 0 means the link's share of the interval.",
                        TimeValue(Seconds(0)), MakeTimeAccessor(&BleCentralLinkLayer::m_maxEventLength),
                        MakeTimeChecker())
          .AddAttribute("AnchorOffset",
                        "When its first anchor falls within the first interval, so that centrals that do not know "
                        "each other keep unaligned schedules.",
                        TimeValue(Seconds(0)), MakeTimeAccessor(&BleCentralLinkLayer::m_anchorOffset),
                        MakeTimeChecker())
          .AddAttribute("ScanInterval", "Time on each advertising channel before the next.",
                        TimeValue(MilliSeconds(100)), MakeTimeAccessor(&BleCentralLinkLayer::m_scanInterval),
                        MakeTimeChecker())
          .AddAttribute("ScanWindow", "How long it listens within each scan interval.",
                        TimeValue(MilliSeconds(100)), MakeTimeAccessor(&BleCentralLinkLayer::m_scanWindow),
                        MakeTimeChecker());
  return tid;
}

BleCentralLinkLayer::BleCentralLinkLayer() { NS_LOG_FUNCTION(this); }

void BleCentralLinkLayer::AddLink(Ptr<BleLinkLayer> peripheral) {
  Ptr<BlePeripheralLinkLayer> p = DynamicCast<BlePeripheralLinkLayer>(peripheral);
  NS_ABORT_MSG_UNLESS(p, "AddLink: central to peripheral only");
  m_links.push_back(p);
}

void BleCentralLinkLayer::ScheduleLinks() {
  NS_ABORT_MSG_IF(m_links.empty(), "ScheduleLinks: no links");
  const int64_t n = static_cast<int64_t>(m_links.size());
  const Time slot = NanoSeconds(m_interval.GetNanoSeconds() / n);
  Time share = slot;
  if (m_maxEventLength.IsStrictlyPositive()) share = std::min(share, m_maxEventLength);
  NS_ABORT_MSG_IF(m_anchorOffset.IsStrictlyNegative() || m_anchorOffset >= m_interval,
                  "AnchorOffset must lie within one connection interval");
  for (int64_t k = 0; k < n; ++k) {
    const Ptr<BlePeripheralLinkLayer>& p = m_links[static_cast<std::size_t>(k)];
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

bool BleCentralLinkLayer::ScansOver(uint32_t index, Time start, Time end) const {
  // The scanner stays one scan interval on each advertising channel in turn
  // and listens for the scan window at the start of it.
  const int64_t step = m_scanInterval.GetNanoSeconds();
  const int64_t k = start.GetNanoSeconds() / step;
  if (static_cast<uint32_t>(k % kAdvChannels) != index) return false;
  return end.GetNanoSeconds() <= k * step + m_scanWindow.GetNanoSeconds();
}

void BleCentralLinkLayer::NotifyOnAir(Time start, Time end) {
  if (start < m_busyUntil) ++m_stats.overlappingEvents;
  m_busyUntil = std::max(m_busyUntil, end + m_rampUp);
}

void BleCentralLinkLayer::DeliverSdu(Ptr<Packet> packet, uint16_t protocol, Mac48Address from) {
  NS_LOG_FUNCTION(this << packet->GetSize() << from);
  if (!m_sduReceived.IsNull()) m_sduReceived(packet, protocol, from);
}

// A capture of the central's radio also shows its links' idle events.
void BleCentralLinkLayer::FlushSniffedEvents() {
  for (const auto& link : m_links) link->SniffIdleEventsUntil(Simulator::Now());
}

void BleCentralLinkLayer::DoDispose() {
  m_links.clear();
  BleLinkLayer::DoDispose();
}

}  // namespace ns3
