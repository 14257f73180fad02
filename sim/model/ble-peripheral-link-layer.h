#pragma once
// The peripheral's link layer (a wearable): it holds the data (SDUs handed
// down by the NetDevice), cuts it into LL packets (BleLlPacketFormat) and
// runs its link's event sequence as the Core specification prescribes: the
// central's packet opens the event, the peripheral answers, further
// exchanges follow T_IFS apart while the more-data bit is set and the event's
// time allows; a packet received with a CRC error is not acknowledged and is
// sent again at the next opportunity. Each packet goes on the air through
// the sending end's radio (BlePhy::Transmit), whose receiver at the other end
// decides its fate. The peripheral drives its radio's states (and through
// them the energy model); idle events can be reported as a stretch instead
// of one by one (IdleEventsInClosedForm), which is what makes long runs fast.
//
// Its connection's life (the supervision timeout, advertising while the link
// is down and the connection made again) is in ble-peripheral-link-life.cc,
// what its packets carry for captures in ble-peripheral-capture.cc.
#include "ns3/traced-callback.h"

#include <deque>
#include <vector>

#include "ble-link-layer.h"

namespace ns3 {

class BleCentralLinkLayer;

class BlePeripheralLinkLayer : public BleLinkLayer, public BleConnectionAir {
 public:
  static TypeId GetTypeId();
  BlePeripheralLinkLayer();
  Role GetRole() const override { return PERIPHERAL; }

  bool Send(Ptr<Packet> packet, uint16_t protocolNumber) override;
  void Disable() override;
  BleLinkStatistics GetStatistics() const override;  // idle events up to now included
  std::size_t GetBacklog() const { return m_queue.size(); }

  // --- the connection ---
  Ptr<BleCentralLinkLayer> GetCentral() const { return m_central; }
  Time GetEventBudget() const { return m_eventBudget; }
  Time GetFirstAnchor() const { return m_firstAnchor; }
  // The link's access address and the data channel of event k (Channel
  // Selection Algorithm #2 over the link's channel map).
  uint32_t GetAccessAddress() const { return m_accessAddress; }
  uint8_t DataChannelOfEvent(uint64_t eventCounter) const;
  uint8_t DataChannelAt(Time anchor) const;  // of the event at `anchor`
  // What the link puts on the air at `anchor`: the event decided there, the
  // data event planned there (packed as it will be, before any loss), or an
  // idle event.
  void GetAirPackets(Time anchor, std::vector<BleAirPacket>& out) const override;

  // Signatures of the trace sources.
  typedef void (*EventTracedCallback)(Time anchor, bool carriesData);
  typedef void (*PacketTracedCallback)(uint32_t llPayloadBytes, bool resend, bool lost);

 private:
  friend class BleCentralLinkLayer;  // connects the link and reads its parameters
  static TypeId AddLinkAttributes(TypeId tid);
  static TypeId AddLinkLifeAttributes(TypeId tid);
  static TypeId AddTraceSources(TypeId tid);

  struct Sdu {
    Ptr<Packet> packet;
    uint16_t protocol = 0;
    std::vector<BleLlPacketFormat::Fragment> fragments;  // its LL packets
    std::size_t next = 0;  // first packet the central has not received
  };

  void DoDispose() override;
  void LinkStateChanged() override;
  BleLinkSchedule Schedule() const;  // the channel's copy of its hopping

  // The connection's events.
  void SetConnection(Ptr<BleCentralLinkLayer> central, Time firstAnchor, Time eventBudget);
  Time NextAnchorAfter(Time t) const;  // first anchor a with a - ramp >= t
  void StartIdleStretch(Time firstAnchor);
  void EndIdleStretch(Time end);
  uint64_t IdleEventsSoFar() const;
  void ScheduleDataEvent();
  void StartEvent(Time anchor);
  void RunDataEvent(Time anchor);
  struct DataEvent;  // a data event while it is decided (ble-peripheral-link-layer.cc)
  bool LostOnAir(DataEvent& e, bool fromCentral);
  bool OpenDataEvent(DataEvent& e);
  void SendQueuedPackets(DataEvent& e);
  void PacketSent(DataEvent& e, uint32_t llPayloadBytes, bool lost);
  void FinishDataEvent(DataEvent& e);
  void PlannedAirPackets(Time anchor, std::vector<BleAirPacket>& out) const;
  void RunIdleEvent(Time anchor);
  void FireEventEnd(Time anchor, bool carriesData);
  void FirePacket(uint32_t llPayloadBytes, bool resend, bool lost);
  void FireSduSent(Ptr<Packet> packet);

  // Supervision (ble-peripheral-link-life.cc), for both ends of its
  // connection: when each end last received a valid packet from the other.
  // Idle events are not drawn when they happen (they are accounted in closed
  // form); their fates are drawn when the supervision timer asks, latest
  // first, from the runs of idle events recorded here.
  struct IdleRun {
    Time first, period;
    Time end = Time::Max();  // events whose work starts before this
  };
  void StartSupervision();
  void CheckSupervision();
  void DrawIdleEventsLatestFirst(Time now);
  Time IdleEventEndAround(Time t) const;  // end of the idle event whose work spans t, or t
  void CloseIdleRun(Time end);
  void LoseLink();
  void ScheduleAdvertisingEvent(Time after);
  void RunAdvertisingEvent();
  void Reconnect(Time connectIndEnd);
  uint32_t NextAccessAddress() const;  // of the connection made at the next CONNECT_IND

  // What the packets carry, and the captures (ble-peripheral-capture.cc).
  BleConnectInd ConnectionParameters(uint32_t accessAddress) const;
  BleFrame EmptyFrame(bool fromCentral) const;
  BleFrame QueuedFrame() const;  // the queue's next fragment
  BleFrame AdvertisingFrame(BlePduKind kind, uint8_t channelIndex, Time end, uint32_t payloadBytes,
                            uint32_t accessAddress) const;
  bool IsSniffed() const;  // whether the central's radio is
  void BeginConnection();  // the connection made at set-up: announced to captures, then its idle events
  void AnnounceConnection(Time at);
  // The idle events of captured links: accounted in closed form, they are
  // reported to the sniffers when their stretch ends (or the capture asks),
  // with the fates the supervision timer would draw for them.
  struct SniffRun {
    Time first, period;
    bool open = false;
  };
  void OpenSniffRun(Time first, Time period);
  void SniffIdleEventsUntil(Time end);
  void CloseSniffRun(Time end);
  void FlushSniffedEvents() override;

  // Attributes.
  bool m_idleClosedForm;
  bool m_eventsInClosedForm;
  uint32_t m_accessAddress;
  uint64_t m_channelMap;
  Time m_supervisionTimeout;
  Time m_advInterval;
  uint32_t m_advPayloadBytes;
  Time m_advListen;
  bool m_keepWhileDisconnected;

  // The connection.
  Ptr<BleCentralLinkLayer> m_central;
  Time m_firstAnchor;
  Time m_eventBudget;
  uint16_t m_channelIdentifier = 0;

  // Its events.
  std::deque<Sdu> m_queue;
  bool m_resendPending = false;  // the last packet sent was not received
  bool m_dataScheduled = false;
  EventId m_nextEvent;
  bool m_idleStretch = false;    // idle events are being accounted in closed form
  Time m_idleStretchFirst;       // anchor of the stretch's first idle event
  Time m_scheduledAnchor;        // of the data event scheduled (m_dataScheduled)
  Time m_decidedAnchor = Time(-1);
  std::vector<BleAirPacket> m_decidedAir;  // the packets of the last data event decided

  // Its life.
  std::vector<IdleRun> m_idleRuns;
  Time m_idleDrawnUntil;          // idle anchors up to here were drawn or can no longer matter
  Time m_heardByPeripheral, m_heardByCentral;
  Time m_eventEnd;                // end of the last data event's work
  EventId m_supervisionEvent;
  bool m_courseKept = false;  // the channel keeps this node's course (asked again until it does)
  EventId m_advEvent;

  SniffRun m_sniffRun;

  TracedCallback<Time, bool> m_eventStartTrace;
  TracedCallback<Time, bool> m_eventEndTrace;
  TracedCallback<uint32_t, bool, bool> m_packetTrace;
  TracedCallback<Ptr<const Packet>> m_sduSentTrace;
};

}  // namespace ns3
