#pragma once
// The Bluetooth Low Energy link layer at connection-event granularity: the
// connection scheduler between the radio (BlePhy, below) and the NetDevice
// (above), kept apart from both as ns-3's lr-wpan keeps its MAC apart from its
// PHY and NetDevice. The central owns the connections and gives each link a
// slot of its connection interval, so its links' events never overlap; the
// peripheral holds the data (SDUs handed down by the NetDevice), cuts it into
// LL packets and runs the event sequence the Core specification prescribes:
// the central's packet opens the event, the peripheral answers, further
// exchanges follow T_IFS apart while the more-data bit is set and the event's
// time allows; a packet received with a CRC error is not acknowledged and is
// sent again at the next opportunity. Each packet goes on the air through
// the radio (BlePhy::Transmit), whose receiver at the other end decides its
// fate. The peripheral drives its radio's states
// (and through them the energy model); idle events can be reported as a
// stretch instead of one by one (IdleEventsInClosedForm), which is what makes
// long runs fast.
#include "ns3/mac48-address.h"
#include "ns3/node.h"
#include "ns3/object.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"
#include "ns3/traced-value.h"

#include <deque>
#include <vector>

#include "ble-channel.h"
#include "ble-phy.h"
#include "ble-radio-listener.h"

namespace ns3 {

class BleChannel;

// What the link layer is doing, as its "State" trace source reports it. A
// peripheral whose connection was lost advertises until its central connects
// again.
enum BleLinkState { BLE_LL_STANDBY = 0, BLE_LL_CONNECTED = 1, BLE_LL_OFF = 2, BLE_LL_ADVERTISING = 3 };

class BleLinkLayer : public Object, public BleConnectionAir {
 public:
  enum Role { CENTRAL = 0, PERIPHERAL = 1 };

  static TypeId GetTypeId();
  BleLinkLayer();

  // --- wiring (done by BleNetDevice) ---
  void SetPhy(Ptr<BlePhy> phy);
  void SetNode(Ptr<Node> node) { m_node = node; }
  Ptr<Node> GetNode() const { return m_node; }
  // The device address the link layer puts on what it hands up.
  void SetAddress(Mac48Address address) { m_address = address; }
  Mac48Address GetAddress() const { return m_address; }
  // Central: a whole SDU arrived from a peripheral (packet, protocol, sender).
  typedef Callback<void, Ptr<Packet>, uint16_t, Mac48Address> SduReceivedCallback;
  void SetSduReceivedCallback(SduReceivedCallback cb) { m_sduReceived = cb; }
  // The link came up or went down.
  void SetLinkChangeCallback(Callback<void> cb) { m_linkChanged = cb; }
  // Peripheral: queue one SDU (the whole tensor) for the central.
  bool Send(Ptr<Packet> packet, uint16_t protocolNumber);
  BleLinkState GetState() const { return m_state; }
  bool IsConnected() const { return m_state == BLE_LL_CONNECTED; }

  // --- BLE ---
  Role GetRole() const { return m_role; }
  void SetChannel(Ptr<BleChannel> channel) { m_channel = channel; }
  // The radio's state machine (its "State" trace source shows every transition).
  Ptr<BlePhy> GetRadio() const { return m_radio; }
  // Central: takes a peripheral; Central: gives every link its slot (call
  // once, after the last AddLink).
  void AddLink(Ptr<BleLinkLayer> peripheral);
  void ScheduleLinks();
  std::size_t GetNLinks() const { return m_links.size(); }
  Ptr<BleLinkLayer> GetCentral() const { return m_central; }
  // Battery empty: the link goes down, the radio draws nothing.
  void Disable();
  // Central: the stream of the first access addresses it draws.
  int64_t AssignStreams(int64_t stream);

  Time GetConnectionInterval() const { return m_interval; }
  Time GetEventBudget() const { return m_eventBudget; }
  Time GetFirstAnchor() const { return m_firstAnchor; }
  // Peripheral: the link's access address and the data channel of event k
  // (Channel Selection Algorithm #2 over the link's channel map).
  uint32_t GetAccessAddress() const { return m_accessAddress; }
  uint8_t DataChannelOfEvent(uint64_t eventCounter) const;
  // What DataChannelOfEvent hops with (the channel keeps copies to hop every link cheaply).
  uint16_t GetChannelIdentifier() const { return m_channelIdentifier; }
  uint64_t GetChannelMap() const { return m_channelMap; }
  // Peripheral: what the link puts on the air at `anchor`: the event decided
  // there, the data event planned there (packed as it will be, before any
  // loss), or an idle event.
  void GetAirPackets(Time anchor, std::vector<BleAirPacket>& out) const override;
  // Air time of one LL packet with `llPayloadBytes` (0: empty, no MIC).
  Time PacketAirTime(uint32_t llPayloadBytes) const;
  // The bits of that packet the receiver decodes (on the coded PHY: after
  // the preamble, before coding); a bit error in any of them loses it.
  uint32_t PacketBits(uint32_t llPayloadBytes) const;
  // The radio activity of an event without data.
  BleEventShape IdleEventShape() const;
  // How early the receiver opens before an anchor (sleep-clock drift + margin).
  Time WindowWidening() const;
  // From the start of an event's work (CPU, crystal, ramp-up, widened window) to its anchor.
  Time EventLead() const;

  // Peripheral statistics.
  uint64_t GetDataPacketsSent() const { return m_dataPackets; }  // including resends
  uint64_t GetResends() const { return m_resends; }
  uint64_t GetDataEvents() const { return m_dataEvents; }
  uint64_t GetIdleEvents() const;  // idle events so far, however they were accounted
  uint64_t GetOpeningsLost() const { return m_openingsLost; }
  uint64_t GetAcksLost() const { return m_acksLost; }
  uint64_t GetCollisions() const { return m_collisions; }  // packets of the link lost to other links' packets
  uint64_t GetWifiLosses() const { return m_wifiLosses; }  // packets lost while a Wi-Fi burst overlapped them
  uint64_t GetSdusQueued() const { return m_sdusQueued; }
  uint64_t GetSdusSent() const { return m_sdusSent; }
  std::size_t GetBacklog() const { return m_queue.size(); }
  // Central statistics: events that started before the previous one ended.
  uint64_t GetOverlappingEvents() const { return m_overlaps; }
  // Peripheral: connections lost to the supervision timeout, connections made
  // again, advertising events, SDUs dropped when the link was lost (with
  // KeepWhileDisconnected false).
  uint64_t GetLinkLosses() const { return m_linkLosses; }
  uint64_t GetReconnections() const { return m_reconnections; }
  uint64_t GetAdvertisingEvents() const { return m_advEvents; }
  uint64_t GetSdusDroppedAtLoss() const { return m_sdusDroppedAtLoss; }
  // Central: whether it is scanning advertising channel 37 + index over [start, end).
  bool ScansOver(uint32_t index, Time start, Time end) const;
  // Air time of an advertising-channel PDU with `payloadBytes` (no MIC).
  Time AdvPacketAirTime(uint32_t payloadBytes) const;
  uint32_t AdvPacketBits(uint32_t payloadBytes) const;

  // Signatures of the trace sources.
  typedef void (*EventTracedCallback)(Time anchor, bool carriesData);
  typedef void (*PacketTracedCallback)(uint32_t llPayloadBytes, bool resend, bool lost);
  typedef void (*StateTracedCallback)(BleLinkState oldState, BleLinkState newState);


 private:
  // GetTypeId's groups of attributes and trace sources (each takes and returns the TypeId).
  static TypeId AddConnectionAttributes(TypeId tid);
  static TypeId AddPacketFormatAttributes(TypeId tid);
  static TypeId AddEventTimingAttributes(TypeId tid);
  static TypeId AddRadioAttributes(TypeId tid);
  static TypeId AddLinkLifeAttributes(TypeId tid);
  static TypeId AddTraceSources(TypeId tid);
  struct Sdu {
    Ptr<Packet> packet;
    uint16_t protocol = 0;
    std::vector<uint32_t> llPayloads;  // bytes of each LL packet, headers included
    // For captures: where each LL packet starts within its L2CAP PDU, and
    // that PDU's length (header included).
    std::vector<uint32_t> l2capOffsets, l2capBytes;
    std::size_t next = 0;              // first packet the central has not received
  };

  void DoDispose() override;
  void SetLinkState(BleLinkState state);
  BleLinkSchedule Schedule() const;  // peripheral: the channel's copy of its hopping

  // What the packets carry, and the captures (ble-link-layer-capture.cc).
  BleConnectionParameters ConnectionParameters(uint32_t accessAddress) const;
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
  SniffRun m_sniffRun;
  void OpenSniffRun(Time first, Time period);
  void SniffIdleEventsUntil(Time end);
  void CloseSniffRun(Time end);
  void FlushSniffedEvents();  // central: its links' idle events up to now
  // Peripheral side.
  void SetConnection(Ptr<BleLinkLayer> central, Time firstAnchor, Time eventBudget);
  Time NextAnchorAfter(Time t) const;     // first anchor a with a - ramp >= t
  void StartIdleStretch(Time firstAnchor);
  void EndIdleStretch(Time end);
  void ScheduleDataEvent();
  void StartEvent(Time anchor);
  void RunDataEvent(Time anchor);
  struct DataEvent;  // a data event while it is decided (ble-link-layer.cc)
  bool LostOnAir(DataEvent& e, bool fromCentral);
  bool OpenDataEvent(DataEvent& e);
  void SendQueuedPackets(DataEvent& e);
  void PacketSent(DataEvent& e, uint32_t llPayloadBytes, bool lost);
  void FinishDataEvent(DataEvent& e);
  void PlannedAirPackets(Time anchor, std::vector<BleAirPacket>& out) const;
  void RunIdleEvent(Time anchor);
  void SetRadioState(BleRadioState state);
  void FireEventEnd(Time anchor, bool carriesData);
  void FirePacket(uint32_t llPayloadBytes, bool resend, bool lost);
  void FireSduSent(Ptr<Packet> packet);
  // Central side.
  void NotifyOnAir(Time start, Time end);
  void DeliverSdu(Ptr<Packet> packet, uint16_t protocol, Mac48Address from);

  // Attributes.
  Role m_role;
  Time m_interval;
  uint32_t m_peripheralLatency;
  uint32_t m_llPayloadMaxBytes;
  uint32_t m_headerBytes;
  uint32_t m_micBytes;
  uint32_t m_attMtu;
  uint32_t m_attHeaderBytes;
  uint32_t m_l2capHeaderBytes;
  Time m_tifs;
  bool m_emptyAcks;
  Time m_maxEventLength;
  Time m_rampUp;
  Time m_hfxoStartup;
  Time m_cpuPreEvent;
  Time m_cpuPostEvent;
  double m_sleepClockPpm;
  double m_centralSleepClockPpm;
  Time m_rxWindowMargin;
  bool m_idleClosedForm;
  uint32_t m_accessAddress;
  uint64_t m_channelMap;
  Time m_anchorOffset;
  Time m_supervisionTimeout;
  Time m_advInterval;
  uint32_t m_advPayloadBytes;
  Time m_advListen;
  Time m_scanInterval;
  Time m_scanWindow;
  bool m_keepWhileDisconnected;

  Ptr<Node> m_node;
  Ptr<BleChannel> m_channel;
  Mac48Address m_address;
  bool m_enabled = true;
  SduReceivedCallback m_sduReceived;
  Callback<void> m_linkChanged;
  Ptr<BlePhy> m_radio;  // the radio's state machine
  TracedValue<BleLinkState> m_state;

  // Central.
  std::vector<Ptr<BleLinkLayer>> m_links;
  Ptr<UniformRandomVariable> m_addressRng;  // first access addresses not set by the user (reconnections: the channel)
  Time m_busyUntil;
  uint64_t m_overlaps = 0;

  // Peripheral.
  Ptr<BleLinkLayer> m_central;
  Time m_firstAnchor;
  Time m_eventBudget;
  std::deque<Sdu> m_queue;
  bool m_resendPending = false;  // the last packet sent was not received
  bool m_dataScheduled = false;
  EventId m_nextEvent;
  bool m_idleStretch = false;    // idle events are being accounted in closed form
  Time m_idleStretchFirst;       // anchor of the stretch's first idle event
  uint16_t m_channelIdentifier = 0;
  Time m_scheduledAnchor;        // of the data event scheduled (m_dataScheduled)
  Time m_decidedAnchor = Time(-1);
  std::vector<BleAirPacket> m_decidedAir;  // the packets of the last data event decided
  uint64_t m_dataPackets = 0, m_resends = 0, m_dataEvents = 0, m_idleEvents = 0;
  uint64_t m_collisions = 0;
  uint64_t m_wifiLosses = 0;

  // Supervision (peripheral, for both ends of its connection): when each end
  // last received a valid packet from the other. Idle events are not drawn
  // when they happen (they are accounted in closed form); their fates are
  // drawn when the supervision timer asks, latest first, from the runs of
  // idle events recorded here.
  struct IdleRun {
    Time first, period;
    Time end = Time::Max();  // events whose work starts before this
  };
  std::vector<IdleRun> m_idleRuns;
  Time m_idleDrawnUntil;          // idle anchors up to here were drawn or can no longer matter
  Time m_heardByPeripheral, m_heardByCentral;
  Time m_eventEnd;                // end of the last data event's work
  EventId m_supervisionEvent;
  EventId m_advEvent;
  uint64_t m_linkLosses = 0, m_reconnections = 0, m_advEvents = 0, m_sdusDroppedAtLoss = 0;
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
  uint64_t m_openingsLost = 0, m_acksLost = 0, m_sdusQueued = 0, m_sdusSent = 0;

  TracedCallback<Time, bool> m_eventStartTrace;
  TracedCallback<Time, bool> m_eventEndTrace;
  TracedCallback<uint32_t, bool, bool> m_packetTrace;
  TracedCallback<Ptr<const Packet>> m_sduSentTrace;
};

}  // namespace ns3
