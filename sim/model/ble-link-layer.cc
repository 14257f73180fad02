#include "ble-link-layer.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <cmath>

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("BleLinkLayer");
NS_OBJECT_ENSURE_REGISTERED(BleLinkLayer);

// The attributes are registered in groups (below), in this order.
TypeId BleLinkLayer::GetTypeId() {
  static TypeId tid =
      AddEventTimingAttributes(AddPacketFormatAttributes(AddConnectionAttributes(
                                   TypeId("ns3::BleLinkLayer").SetParent<Object>().SetGroupName("Ble"))))
          .AddTraceSource("State", "The link layer's state changed (standby, connected, advertising, off).",
                          MakeTraceSourceAccessor(&BleLinkLayer::m_state),
                          "ns3::BleLinkLayer::StateTracedCallback");
  return tid;
}

// The connection: interval, latency.
TypeId BleLinkLayer::AddConnectionAttributes(TypeId tid) {
  return tid
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
                  BooleanValue(true), MakeBooleanAccessor(&BleLinkLayer::m_emptyAcks), MakeBooleanChecker());
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

BleLinkLayer::BleLinkLayer() : m_state(BLE_LL_STANDBY), m_addressRng(CreateObject<UniformRandomVariable>()) {
  NS_LOG_FUNCTION(this);
}

BleLinkLayer::~BleLinkLayer() = default;

void BleLinkLayer::SetPhy(Ptr<BlePhy> phy) {
  m_radio = phy;
  m_radio->SetSnifferFlushCallback(MakeCallback(&BleLinkLayer::FlushSniffedEvents, this));
}

void BleLinkLayer::SetLinkState(BleLinkState state) {
  if (m_state == state) return;
  NS_LOG_LOGIC(this << " link layer " << unsigned(m_state.Get()) << " -> " << unsigned(state));
  m_state = state;
  LinkStateChanged();
  if (!m_linkChanged.IsNull()) m_linkChanged();
}

void BleLinkLayer::SetRadioState(BleRadioState state) {
  if (m_enabled) m_radio->SetState(state);
}

bool BleLinkLayer::Send(Ptr<Packet>, uint16_t) { return false; }

void BleLinkLayer::Disable() {
  if (!m_enabled) return;
  m_radio->TurnOff();
  m_enabled = false;
  SetLinkState(BLE_LL_OFF);
}

int64_t BleLinkLayer::AssignStreams(int64_t stream) {
  m_addressRng->SetStream(stream);
  return 1;
}

// ---------------------------------------------------------------- packets and timing

BleLlPacketFormat BleLinkLayer::PacketFormat() const {
  return {m_llPayloadMaxBytes, m_headerBytes, m_micBytes, m_attMtu, m_attHeaderBytes, m_l2capHeaderBytes};
}

uint32_t BleLinkLayer::PacketBits(uint32_t llPayloadBytes) const {
  return m_radio->PduBits(PacketFormat().PduBytes(llPayloadBytes));
}

Time BleLinkLayer::PacketAirTime(uint32_t llPayloadBytes) const {
  return m_radio->PduAirTime(PacketFormat().PduBytes(llPayloadBytes));
}

// On the coded PHY an advertiser sends extended advertising PDUs on the
// primary channels; the auxiliary packet they point to is not modelled.
uint32_t BleLinkLayer::AdvPacketBits(uint32_t payloadBytes) const {
  return m_radio->PduBits(m_headerBytes + payloadBytes);
}

Time BleLinkLayer::AdvPacketAirTime(uint32_t payloadBytes) const {
  return m_radio->PduAirTime(m_headerBytes + payloadBytes);
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

// ---------------------------------------------------------------- lifetime

void BleLinkLayer::DoDispose() {
  m_node = nullptr;
  m_channel = nullptr;
  m_addressRng = nullptr;
  if (m_radio) m_radio->SetSnifferFlushCallback(MakeNullCallback<void>());
  m_radio = nullptr;  // the NetDevice owns and disposes of it
  m_sduReceived = MakeNullCallback<void, Ptr<Packet>, uint16_t, Mac48Address>();
  m_linkChanged = MakeNullCallback<void>();
  Object::DoDispose();
}

}  // namespace ns3
