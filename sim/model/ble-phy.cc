#include "ble-phy.h"

#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <cmath>

#include "ble-channel.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("BlePhy");
NS_OBJECT_ENSURE_REGISTERED(BlePhy);

namespace {
// Thermal noise density at 290 K.
constexpr double kThermalNoiseDbmPerHz = -174.0;
// The Core specification defines sensitivity as the level giving 0.1 % BER.
constexpr double kSensitivityBer = 1e-3;
// The coded packet: an 80-symbol preamble, then FEC block 1 (access address,
// 2-bit coding indicator, 3-bit TERM1) at 8 symbols per bit, then FEC block 2
// (PDU, CRC, 3-bit TERM2) at 2 or 8 symbols per bit; 1 us per symbol.
constexpr uint32_t kCodedPreambleSymbols = 80;
constexpr uint32_t kCodedBlock1ExtraBits = 2 + 3;
constexpr uint32_t kCodedBlock2ExtraBits = 3;

}  // namespace

const char* BleRadioStateName(BleRadioState state) {
  switch (state) {
    case BLE_RADIO_SLEEP: return "sleep";
    case BLE_RADIO_RAMP: return "ramp-up";
    case BLE_RADIO_TX: return "tx";
    case BLE_RADIO_RX: return "rx";
    case BLE_RADIO_IDLE: return "idle";
    case BLE_RADIO_XTAL: return "crystal";
    case BLE_RADIO_CPU: return "cpu";
    case BLE_RADIO_OFF: return "off";
  }
  return "?";
}

Time BleEventShape::Duration() const {
  Time sum;
  for (const auto& s : segments) sum += s.second;
  return sum;
}

TypeId BlePhy::GetTypeId() {
  static TypeId tid =
      TypeId("ns3::BlePhy")
          .SetParent<Object>()
          .SetGroupName("Ble")
          .AddConstructor<BlePhy>()
          .AddAttribute("Mode", "LE 1M (1 us/bit), LE 2M (0.5 us/bit), LE Coded S=2 (2 us/bit) or S=8 (8 us/bit).",
                        EnumValue(BLE_PHY_1M), MakeEnumAccessor(&BlePhy::m_mode),
                        MakeEnumChecker(BLE_PHY_1M, "1M", BLE_PHY_2M, "2M", BLE_PHY_CODED_S2, "coded-s2",
                                        BLE_PHY_CODED_S8, "coded-s8"))
          .AddAttribute("PreambleBytes", "Preamble bytes per packet (uncoded PHYs).", UintegerValue(1),
                        MakeUintegerAccessor(&BlePhy::m_preambleBytes), MakeUintegerChecker<uint32_t>())
          .AddAttribute("AccessAddressBytes", "Access address bytes per packet.", UintegerValue(4),
                        MakeUintegerAccessor(&BlePhy::m_accessAddressBytes), MakeUintegerChecker<uint32_t>())
          .AddAttribute("CrcBytes", "CRC bytes per packet.", UintegerValue(3),
                        MakeUintegerAccessor(&BlePhy::m_crcBytes), MakeUintegerChecker<uint32_t>())
          .AddAttribute("TxPowerDbm", "Transmit power.", DoubleValue(0.0), MakeDoubleAccessor(&BlePhy::m_txPowerDbm),
                        MakeDoubleChecker<double>())
          .AddAttribute("RxSensitivityDbm", "Input power at which the bit error rate is 0.1 %.", DoubleValue(-95.0),
                        MakeDoubleAccessor(&BlePhy::m_rxSensitivityDbm), MakeDoubleChecker<double>())
          .AddAttribute("NoiseFigureDb", "Receiver noise figure.", DoubleValue(6.0),
                        MakeDoubleAccessor(&BlePhy::m_noiseFigureDb), MakeDoubleChecker<double>(0.0))
          .AddAttribute("DrawId",
                        "The number the channel's keyed draws (shadowing, fading, errors, advertising, access "
                        "addresses) know this radio by; unset (2^32 - 1): its node's id.",
                        UintegerValue(kNodeIdDraws), MakeUintegerAccessor(&BlePhy::m_drawId),
                        MakeUintegerChecker<uint32_t>())
          .AddTraceSource("State", "The radio changed state (time, old state, new state).",
                          MakeTraceSourceAccessor(&BlePhy::m_stateTrace), "ns3::BlePhy::StateTracedCallback")
          .AddTraceSource("Sniffer",
                          "A packet this radio sent or received, its fate at the receiver and its power there.",
                          MakeTraceSourceAccessor(&BlePhy::m_snifferTrace), "ns3::BlePhy::SnifferTracedCallback");
  return tid;
}

BlePhy::BlePhy() { NS_LOG_FUNCTION(this); }

BlePhy::~BlePhy() = default;

void BlePhy::SetChannel(Ptr<BleChannel> channel) { m_channel = channel; }

MobilityModel* BlePhy::GetMobility() const {
  if (!m_mobility && m_node) m_mobility = PeekPointer(m_node->GetObject<MobilityModel>());
  return m_mobility;
}

Ptr<BleChannel> BlePhy::GetChannel() const { return m_channel; }

// ---------------------------------------------------------------- air time

uint32_t BlePhy::PduBits(uint32_t pduBytes) const {
  if (m_mode == BLE_PHY_CODED_S2 || m_mode == BLE_PHY_CODED_S8)
    return 8 * (m_accessAddressBytes + pduBytes + m_crcBytes) + kCodedBlock1ExtraBits + kCodedBlock2ExtraBits;
  return 8 * (m_preambleBytes + m_accessAddressBytes + pduBytes + m_crcBytes);
}

Time BlePhy::PduAirTime(uint32_t pduBytes) const {
  switch (m_mode) {
    case BLE_PHY_1M: return NanoSeconds(1000 * static_cast<int64_t>(PduBits(pduBytes)));
    case BLE_PHY_2M: return NanoSeconds(500 * static_cast<int64_t>(PduBits(pduBytes)));
    default: break;
  }
  const int64_t block1Bits = 8 * m_accessAddressBytes + kCodedBlock1ExtraBits;
  const int64_t block2Bits = 8 * (pduBytes + m_crcBytes) + kCodedBlock2ExtraBits;
  const int64_t symbolsPerBit = m_mode == BLE_PHY_CODED_S8 ? 8 : 2;
  return MicroSeconds(kCodedPreambleSymbols + 8 * block1Bits + symbolsPerBit * block2Bits);
}

// ---------------------------------------------------------------- receiver

double BlePhy::NoiseDbm() const { return kThermalNoiseDbmPerHz + 10.0 * std::log10(BandwidthHz()) + m_noiseFigureDb; }

// Non-coherent FSK: BER = 0.5 exp(-k SINR). k absorbs the receiver's
// implementation loss and is fixed by its sensitivity.
double BlePhy::BitErrorRate(double sinrLinear) const {
  const double sensitivitySnrLinear = BleDbToLinear(m_rxSensitivityDbm - NoiseDbm());
  const double k = std::log(0.5 / kSensitivityBer) / sensitivitySnrLinear;
  return 0.5 * std::exp(-k * sinrLinear);
}

double BlePhy::PacketErrorRate(double sinrLinear, uint32_t bits) const {
  const double ber = BitErrorRate(sinrLinear);
  if (ber <= 0) return 0;
  return -std::expm1(static_cast<double>(bits) * std::log1p(-ber));
}

// ---------------------------------------------------------------- transmission

BleReception BlePhy::Transmit(Ptr<BlePhy> receiver, const BleFrame& frame) {
  NS_ABORT_MSG_IF(!m_channel, "BlePhy::Transmit needs a channel");
  BleReception fate;
  if (frame.control)
    fate.lost = m_channel->DrawControlLoss(this, receiver, frame.bits, frame.end);
  else
    fate = m_channel->Receive(this, receiver, frame);
  if (IsSniffed() || receiver->IsSniffed()) NotifySniffers(receiver, frame, fate);
  return fate;
}

void BlePhy::NotifySniffers(Ptr<BlePhy> receiver, const BleFrame& frame, const BleReception& fate) {
  m_snifferTrace(frame, fate, m_txPowerDbm);
  if (receiver->IsSniffed())
    receiver->m_snifferTrace(frame, fate, m_channel->RxPowerDbmAt(this, receiver, frame.end));
}

// ---------------------------------------------------------------- state

void BlePhy::AddListener(BleRadioListener* listener) { m_listeners.push_back(listener); }

void BlePhy::SetState(BleRadioState state) {
  if (m_state == BLE_RADIO_OFF || state == m_state) return;
  NS_LOG_LOGIC(this << " " << BleRadioStateName(m_state) << " -> " << BleRadioStateName(state));
  const BleRadioState old = m_state;
  m_state = state;
  for (auto* l : m_listeners) l->NotifyState(state);
  m_stateTrace(Simulator::Now(), old, state);
}

void BlePhy::EndIdleEvents() {
  if (m_state == BLE_RADIO_OFF) return;
  NS_LOG_LOGIC(this << " idle events end");
  const BleRadioState old = m_state;
  m_state = BLE_RADIO_SLEEP;
  for (auto* l : m_listeners) l->NotifyState(BLE_RADIO_SLEEP);
  if (old != BLE_RADIO_SLEEP) m_stateTrace(Simulator::Now(), old, BLE_RADIO_SLEEP);
}

void BlePhy::SetIdleEvents(Time firstStart, Time period, const BleEventShape& shape) {
  if (m_state == BLE_RADIO_OFF) return;
  NS_LOG_LOGIC(this << " idle events from " << firstStart.As(Time::MS) << " every " << period.As(Time::MS));
  for (auto* l : m_listeners) l->NotifyIdleEvents(firstStart, period, shape);
}

void BlePhy::SetEvent(Time start, const BleEventShape& shape) {
  if (m_state == BLE_RADIO_OFF) return;
  NS_LOG_LOGIC(this << " one event from " << start.As(Time::MS) << " lasting " << shape.Duration().As(Time::US));
  // A stretch of one event: its period longer than any run.
  for (auto* l : m_listeners) l->NotifyIdleEvents(start, Time::Max(), shape);
}

void BlePhy::TurnOff() {
  if (m_state == BLE_RADIO_OFF) return;
  NS_LOG_LOGIC(this << " " << BleRadioStateName(m_state) << " -> off");
  const BleRadioState old = m_state;
  m_state = BLE_RADIO_OFF;
  for (auto* l : m_listeners) l->NotifyState(BLE_RADIO_OFF);
  m_stateTrace(Simulator::Now(), old, BLE_RADIO_OFF);
}

void BlePhy::DoDispose() {
  m_listeners.clear();
  m_snifferFlush = MakeNullCallback<void>();
  m_device = nullptr;
  m_mobility = nullptr;
  m_node = nullptr;
  m_channel = nullptr;
  Object::DoDispose();
}

}  // namespace ns3
