#pragma once
// The Bluetooth Low Energy link layer at connection-event granularity,
// between the radio (BlePhy, below) and the NetDevice (above), kept apart from
// both as ns-3's lr-wpan keeps its MAC apart from its PHY and NetDevice. Each
// role is its own class: the central (BleCentralLinkLayer) owns the
// connections and gives each link a slot of its connection interval; the
// peripheral (BlePeripheralLinkLayer) holds the data and runs each event's
// exchange as the Core specification prescribes. This base holds what both
// ends of a link share: the connection's parameters and packet format (the
// Attributes both ends are configured with), the event timing around the
// radio, the wiring, the link state and its "State" trace source.
#include "ns3/mac48-address.h"
#include "ns3/node.h"
#include "ns3/object.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-value.h"

#include "ble-channel.h"
#include "ble-link-statistics.h"
#include "ble-ll-packet-format.h"
#include "ble-phy.h"
#include "ble-radio-listener.h"

namespace ns3 {

// What the link layer is doing, as its "State" trace source reports it. A
// peripheral whose connection was lost advertises until its central connects
// again.
enum BleLinkState { BLE_LL_STANDBY = 0, BLE_LL_CONNECTED = 1, BLE_LL_OFF = 2, BLE_LL_ADVERTISING = 3 };

class BleLinkLayer : public Object {
 public:
  enum Role { CENTRAL = 0, PERIPHERAL = 1 };

  static TypeId GetTypeId();
  ~BleLinkLayer() override;
  virtual Role GetRole() const = 0;

  // --- wiring (done by BleNetDevice) ---
  void SetPhy(Ptr<BlePhy> phy);
  // The radio (its "State" trace source shows every transition).
  Ptr<BlePhy> GetRadio() const { return m_radio; }
  void SetNode(Ptr<Node> node) { m_node = node; }
  Ptr<Node> GetNode() const { return m_node; }
  void SetChannel(Ptr<BleChannel> channel) { m_channel = channel; }
  // The device address the link layer puts on what it hands up.
  void SetAddress(Mac48Address address) { m_address = address; }
  Mac48Address GetAddress() const { return m_address; }
  // Central: a whole SDU arrived from a peripheral (packet, protocol, sender).
  typedef Callback<void, Ptr<Packet>, uint16_t, Mac48Address> SduReceivedCallback;
  void SetSduReceivedCallback(SduReceivedCallback cb) { m_sduReceived = cb; }
  // The link came up or went down.
  void SetLinkChangeCallback(Callback<void> cb) { m_linkChanged = cb; }

  // Peripheral: queue one SDU (the whole tensor) for the central; a central refuses.
  virtual bool Send(Ptr<Packet> packet, uint16_t protocolNumber);
  // Battery empty: the link goes down, the radio draws nothing.
  virtual void Disable();
  // The stream of the first access addresses a central draws.
  int64_t AssignStreams(int64_t stream);
  BleLinkState GetState() const { return m_state; }
  bool IsConnected() const { return m_state == BLE_LL_CONNECTED; }
  virtual BleLinkStatistics GetStatistics() const { return m_stats; }

  // --- the connection as both ends know it ---
  Time GetConnectionInterval() const { return m_interval; }
  BleLlPacketFormat PacketFormat() const;
  // Air time and decoded bits of one LL packet with `llPayloadBytes` (0: empty, no MIC).
  Time PacketAirTime(uint32_t llPayloadBytes) const;
  uint32_t PacketBits(uint32_t llPayloadBytes) const;
  // Air time and decoded bits of an advertising-channel PDU with `payloadBytes` (no MIC).
  Time AdvPacketAirTime(uint32_t payloadBytes) const;
  uint32_t AdvPacketBits(uint32_t payloadBytes) const;
  // The radio activity of an event without data.
  BleEventShape IdleEventShape() const;
  // How early the receiver opens before an anchor (sleep-clock drift + margin).
  Time WindowWidening() const;
  // From the start of an event's work (CPU, crystal, ramp-up, widened window) to its anchor.
  Time EventLead() const;

  // Signature of the "State" trace source.
  typedef void (*StateTracedCallback)(BleLinkState oldState, BleLinkState newState);

 protected:
  BleLinkLayer();
  void DoDispose() override;
  void SetLinkState(BleLinkState state);
  // The state just changed (the peripheral tells the channel its schedule).
  virtual void LinkStateChanged() {}
  // A capture of this radio is about to be written (the central reports its
  // links' idle events up to now).
  virtual void FlushSniffedEvents() {}
  void SetRadioState(BleRadioState state);

  // Attributes: the connection, the packet format, the work around each event.
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
  Time m_rampUp;
  Time m_hfxoStartup;
  Time m_cpuPreEvent;
  Time m_cpuPostEvent;
  double m_sleepClockPpm;
  double m_centralSleepClockPpm;
  Time m_rxWindowMargin;

  Ptr<Node> m_node;
  Ptr<BleChannel> m_channel;
  Ptr<BlePhy> m_radio;
  Mac48Address m_address;
  bool m_enabled = true;
  SduReceivedCallback m_sduReceived;
  Callback<void> m_linkChanged;
  TracedValue<BleLinkState> m_state;
  // Every link layer takes one random stream when it is made, as ns-3 hands
  // them out in order; a central draws the first access addresses from it.
  Ptr<UniformRandomVariable> m_addressRng;
  BleLinkStatistics m_stats;

 private:
  // GetTypeId's groups of attributes (each takes and returns the TypeId).
  static TypeId AddConnectionAttributes(TypeId tid);
  static TypeId AddPacketFormatAttributes(TypeId tid);
  static TypeId AddEventTimingAttributes(TypeId tid);
};

}  // namespace ns3
