// What the link layer's packets carry, as captures show them: each frame's
// PDU (LLID, more-data, payload and where it lies in its L2CAP PDU), the
// connection's parameters as a CONNECT_IND carries them, the CONNECT_IND of
// links connected at set-up, and the idle events accounted in closed form,
// reported with the fates the supervision timer would draw for them. None of
// this draws a number or schedules an event, so a capture changes no figure.
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <cmath>

#include "ble-central-link-layer.h"
#include "ble-channel.h"
#include "ble-peripheral-link-layer.h"
#include "ble-phy.h"

namespace ns3 {

namespace {
uint64_t AddressBits(Mac48Address address) {
  uint8_t bytes[6];
  address.CopyTo(bytes);
  uint64_t bits = 0;
  for (uint8_t b : bytes) bits = (bits << 8) | b;
  return bits;
}

// The CONNECT_IND's SCA field: the worst clock accuracy of each class.
uint8_t SleepClockAccuracyField(double ppm) {
  const double classes[] = {500, 250, 150, 100, 75, 50, 30, 20};
  uint8_t field = 0;
  for (uint8_t i = 0; i < 8; ++i)
    if (ppm <= classes[i]) field = i;
  return field;
}

// The model draws no CRC initialisation value; captures need one per
// connection, so it is mixed from the access address (24 bits).
uint32_t CrcInitOf(uint32_t accessAddress) {
  uint64_t x = accessAddress * 0x9E3779B97F4A7C15ull;
  x ^= x >> 29;
  return static_cast<uint32_t>(x >> 40) & 0xFFFFFFu;
}
}  // namespace

BleConnectInd BlePeripheralLinkLayer::ConnectionParameters(uint32_t accessAddress) const {
  BleConnectInd c;
  c.accessAddress = accessAddress;
  c.crcInit = CrcInitOf(accessAddress);
  c.interval = static_cast<uint16_t>(m_interval.GetMicroSeconds() / 1250);
  c.latency = static_cast<uint16_t>(m_peripheralLatency);
  // A link without a supervision timeout gets the largest the field allows.
  const int64_t timeoutUnits = m_supervisionTimeout.GetMilliSeconds() / 10;
  c.timeout = static_cast<uint16_t>(timeoutUnits > 0 ? std::min<int64_t>(timeoutUnits, 3200) : 3200);
  c.channelMap = m_channelMap;
  c.sca = SleepClockAccuracyField(m_centralSleepClockPpm);
  if (m_central) c.initA = AddressBits(m_central->GetAddress());
  c.advA = AddressBits(m_address);
  return c;
}

// A capture at either end of the link.
bool BlePeripheralLinkLayer::IsSniffed() const {
  return m_radio->IsSniffed() || (m_central && m_central->GetRadio()->IsSniffed());
}

void BlePeripheralLinkLayer::FlushSniffedEvents() { SniffIdleEventsUntil(Simulator::Now()); }

BleFrame BlePeripheralLinkLayer::EmptyFrame(bool fromCentral) const {
  BleFrame f;
  f.fromCentral = fromCentral;
  f.bits = PacketBits(0);
  if (IsSniffed()) {
    f.connection = ConnectionParameters(m_accessAddress);
    f.attMtu = static_cast<uint16_t>(m_attMtu);
  }
  return f;
}

BleFrame BlePeripheralLinkLayer::QueuedFrame() const {
  const Sdu& sdu = m_queue.front();
  BleFrame f;
  const BleLlPacketFormat::Fragment& fragment = sdu.fragments[sdu.next];
  f.payloadBytes = fragment.llPayloadBytes;
  f.bits = PacketBits(f.payloadBytes);
  f.micBytes = m_micBytes;
  f.l2capOffset = fragment.l2capOffset;
  f.l2capBytes = fragment.l2capBytes;
  f.llid = f.l2capOffset == 0 ? 2 : 1;
  f.moreData = sdu.next + 1 < sdu.fragments.size() || m_queue.size() > 1;
  if (IsSniffed()) {
    f.connection = ConnectionParameters(m_accessAddress);
    f.attMtu = static_cast<uint16_t>(m_attMtu);
  }
  return f;
}

BleFrame BlePeripheralLinkLayer::AdvertisingFrame(BlePduKind kind, uint8_t channelIndex, Time end, uint32_t payloadBytes,
                                        uint32_t accessAddress) const {
  BleFrame f;
  f.kind = kind;
  f.fromCentral = kind == BlePduKind::CONNECT_IND;
  f.control = true;
  f.channelIndex = channelIndex;
  f.start = end - AdvPacketAirTime(payloadBytes);
  f.end = end;
  f.bits = AdvPacketBits(payloadBytes);
  f.payloadBytes = payloadBytes;
  if (IsSniffed()) {
    f.connection = ConnectionParameters(accessAddress);
    f.attMtu = static_cast<uint16_t>(m_attMtu);
  }
  return f;
}

// ---------------------------------------------------------------- set-up

void BlePeripheralLinkLayer::BeginConnection() {
  if (IsSniffed()) AnnounceConnection(Simulator::Now());
  StartIdleStretch(m_firstAnchor);
}

// A capture follows a connection from its CONNECT_IND; a link connected at
// set-up had none on the air, so one is written as if the central had sent
// it on channel 37 at `at`, and received.
void BlePeripheralLinkLayer::AnnounceConnection(Time at) {
  const uint32_t connectIndPayloadBytes = 34;
  const Time end = at + AdvPacketAirTime(connectIndPayloadBytes);
  BleFrame f =
      AdvertisingFrame(BlePduKind::CONNECT_IND, kBleFirstAdvertisingChannel, end, connectIndPayloadBytes, m_accessAddress);
  f.announced = true;
  m_central->GetRadio()->NotifySniffers(m_radio, f, BleReception{});
}

// ---------------------------------------------------------------- idle events

void BlePeripheralLinkLayer::OpenSniffRun(Time first, Time period) {
  m_sniffRun.first = first;
  m_sniffRun.period = period;
  m_sniffRun.open = true;
}

// Each idle event of the open run whose exchange ended by `end`: the
// central's empty packet and, if the peripheral heard it, the empty reply,
// with the keyed fates DrawIdleEventsLatestFirst draws.
void BlePeripheralLinkLayer::SniffIdleEventsUntil(Time end) {
  if (!m_sniffRun.open || !m_emptyAcks || !m_central) return;
  const Time empty = PacketAirTime(0);
  const Time exchange = empty * 2 + m_tifs;
  Ptr<BlePhy> centralRadio = m_central->GetRadio();
  Time anchor = m_sniffRun.first;
  for (; anchor + exchange <= end; anchor += m_sniffRun.period) {
    BleFrame opening = EmptyFrame(true);
    opening.control = true;
    opening.channelIndex = DataChannelAt(anchor);
    opening.start = anchor;
    opening.end = anchor + empty;
    BleReception fate;
    fate.lost = m_channel->DrawControlLoss(centralRadio, m_radio, opening.bits, opening.end);
    centralRadio->NotifySniffers(m_radio, opening, fate);
    if (fate.lost) continue;  // the peripheral replies only to an opening it heard
    BleFrame reply = opening;
    reply.fromCentral = false;
    reply.start = anchor + empty + m_tifs;
    reply.end = anchor + exchange;
    fate.lost = m_channel->DrawControlLoss(m_radio, centralRadio, reply.bits, reply.end);
    m_radio->NotifySniffers(centralRadio, reply, fate);
  }
  m_sniffRun.first = anchor;
}

void BlePeripheralLinkLayer::CloseSniffRun(Time end) {
  SniffIdleEventsUntil(end);
  m_sniffRun.open = false;
}

}  // namespace ns3
