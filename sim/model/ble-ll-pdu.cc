#include "ble-ll-pdu.h"

namespace ns3 {

namespace {
// Appends the `bytes` low bytes of `value`, least significant first (the
// link layer's byte order for every field but the CRC).
void PutLe(std::vector<uint8_t>& out, uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<uint8_t>(value >> (8 * i)));
}

uint8_t Reverse8(uint8_t v) {
  uint8_t r = 0;
  for (int bit = 0; bit < 8; ++bit)
    if (v & (1 << bit)) r = static_cast<uint8_t>(r | (1 << (7 - bit)));
  return r;
}

// Byte `i` of the notification L2CAP PDU of BleNotificationFragment; each
// byte depends on its position only, so any cut gives consistent pieces.
uint8_t NotificationByte(uint16_t l2capBytes, uint16_t handle, uint32_t i) {
  const uint16_t l2capLength = static_cast<uint16_t>(l2capBytes - 4);  // excludes the basic header
  switch (i) {
    case 0: return static_cast<uint8_t>(l2capLength);
    case 1: return static_cast<uint8_t>(l2capLength >> 8);
    case 2: return 0x04;  // CID 0x0004: ATT
    case 3: return 0x00;
    case 4: return 0x1B;  // ATT_HANDLE_VALUE_NTF
    case 5: return static_cast<uint8_t>(handle);
    case 6: return static_cast<uint8_t>(handle >> 8);
    default: return static_cast<uint8_t>(i);
  }
}

// Advertising PDU header: PDU type, ChSel (bit 5), TxAdd (bit 6), RxAdd (bit 7), length.
void PutAdvHeader(std::vector<uint8_t>& out, uint8_t pduType, bool chSel, bool txAdd, bool rxAdd,
                  std::size_t length) {
  out.push_back(static_cast<uint8_t>(pduType | (chSel ? 0x20 : 0) | (txAdd ? 0x40 : 0) |
                                     (rxAdd ? 0x80 : 0)));
  out.push_back(static_cast<uint8_t>(length));
}
}  // namespace

uint32_t BleCrc24(uint32_t crcInit, const uint8_t* data, std::size_t size) {
  // The LFSR of the specification, one bit at a time: position i is bit i of
  // `state`, the feedback is position 23 XOR the input bit, and it enters
  // positions 0, 1, 3, 4, 6, 9, 10 (x^24 + x^10 + x^9 + x^6 + x^4 + x^3 + x + 1).
  // Packets are short and only written when tracing, so no table is needed.
  uint32_t state = crcInit & 0xFFFFFF;
  for (std::size_t i = 0; i < size; ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      const uint32_t feedback = ((data[i] >> bit) & 1u) ^ (state >> 23);
      state = (state << 1) & 0xFFFFFF;
      if (feedback) state ^= 0x00065B;
    }
  }
  return state;
}

void BleAppendCrc24(uint32_t crc, std::vector<uint8_t>& out) {
  // Position 23 goes out first, and every byte goes out LSB first: each byte
  // holds 8 register positions in reversed order.
  for (int shift = 16; shift >= 0; shift -= 8)
    out.push_back(Reverse8(static_cast<uint8_t>(crc >> shift)));
}

uint8_t BleRfChannel(uint8_t channelIndex) {
  if (channelIndex == 37) return 0;
  if (channelIndex == 38) return 12;
  if (channelIndex >= 39) return 39;
  return static_cast<uint8_t>(channelIndex <= 10 ? channelIndex + 1 : channelIndex + 2);
}

std::array<uint8_t, 2> BleEncodeDataHeader(const BleDataHeader& header) {
  return {static_cast<uint8_t>((header.llid & 0x03) | (header.nesn ? 0x04 : 0) |
                               (header.sn ? 0x08 : 0) | (header.md ? 0x10 : 0)),
          header.length};
}

std::vector<uint8_t> BleNotificationFragment(uint16_t l2capBytes, uint16_t handle, uint16_t offset,
                                             uint16_t size) {
  std::vector<uint8_t> out;
  out.reserve(size);
  for (uint32_t i = offset; i < uint32_t{offset} + size && i < l2capBytes; ++i)
    out.push_back(NotificationByte(l2capBytes, handle, i));
  return out;
}

std::vector<uint8_t> BleAttExchangeMtu(bool response, uint16_t mtu) {
  std::vector<uint8_t> out;
  PutLe(out, 3, 2);       // L2CAP length: opcode + MTU
  PutLe(out, 0x0004, 2);  // CID: ATT
  out.push_back(response ? 0x03 : 0x02);
  PutLe(out, mtu, 2);
  return out;
}

std::vector<uint8_t> BleEncodeDataPdu(BleDataHeader header, const std::vector<uint8_t>& payload) {
  header.length = static_cast<uint8_t>(payload.size());
  const std::array<uint8_t, 2> h = BleEncodeDataHeader(header);
  std::vector<uint8_t> out(h.begin(), h.end());
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

std::vector<uint8_t> BleEncodeAdvInd(uint64_t advA, bool txAddRandom,
                                     const std::vector<uint8_t>& advData) {
  std::vector<uint8_t> out;
  PutAdvHeader(out, 0x0, true, txAddRandom, false, 6 + advData.size());
  PutLe(out, advA, 6);
  out.insert(out.end(), advData.begin(), advData.end());
  return out;
}

std::vector<uint8_t> BleEncodeConnectInd(const BleConnectInd& c) {
  std::vector<uint8_t> out;
  PutAdvHeader(out, 0x5, c.chSel2, c.txAddRandom, c.rxAddRandom, 34);
  PutLe(out, c.initA, 6);
  PutLe(out, c.advA, 6);
  // LLData, 22 bytes.
  PutLe(out, c.accessAddress, 4);
  PutLe(out, c.crcInit, 3);
  PutLe(out, c.winSize, 1);
  PutLe(out, c.winOffset, 2);
  PutLe(out, c.interval, 2);
  PutLe(out, c.latency, 2);
  PutLe(out, c.timeout, 2);
  PutLe(out, c.channelMap & ((uint64_t{1} << 37) - 1), 5);  // the 3 top bits are reserved
  out.push_back(static_cast<uint8_t>((c.hop & 0x1F) | ((c.sca & 0x07) << 5)));
  return out;
}

std::vector<uint8_t> BleEncodePcapRecord(const BlePhdr& phdr, uint32_t accessAddress,
                                         const std::vector<uint8_t>& pdu, uint32_t crcInit, int codingIndicator) {
  std::vector<uint8_t> out;
  out.reserve(10 + 4 + 1 + pdu.size() + 3);
  out.push_back(phdr.rfChannel);
  out.push_back(static_cast<uint8_t>(phdr.signalDbm));
  out.push_back(static_cast<uint8_t>(phdr.noiseDbm));
  out.push_back(phdr.accessAddressOffenses);
  PutLe(out, phdr.referenceAccessAddress, 4);
  PutLe(out, phdr.flags, 2);
  PutLe(out, accessAddress, 4);
  if (codingIndicator >= 0) out.push_back(static_cast<uint8_t>(codingIndicator));
  out.insert(out.end(), pdu.begin(), pdu.end());
  uint32_t crc = BleCrc24(crcInit, pdu.data(), pdu.size());
  // A packet the receiver rejected: write a CRC that is wrong, so that a tool
  // recomputing it agrees with the flags.
  if ((phdr.flags & kBlePhdrCrcChecked) && !(phdr.flags & kBlePhdrCrcValid)) crc ^= 0xFFFFFF;
  BleAppendCrc24(crc, out);
  return out;
}

}  // namespace ns3
