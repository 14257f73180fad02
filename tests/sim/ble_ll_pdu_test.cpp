// The BLE link-layer encoder checked byte by byte against published figures
// (the CRC catalogue, a captured packet, the Core specification's layouts,
// Wireshark's pseudo-header) and against a second CRC written here.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "ns3/ble-ll-pdu.h"

namespace {
using namespace ns3;
using Bytes = std::vector<uint8_t>;

uint32_t Reflect24(uint32_t v) {
  uint32_t r = 0;
  for (int i = 0; i < 24; ++i) r |= ((v >> i) & 1u) << (23 - i);
  return r;
}

// CRC-24/BLE the catalogue way: a right-shifting, byte-at-a-time table over the
// reflected polynomial (0x00065B reflected = 0xDA6000), register preset with
// the reflected init. Returns the catalogue value (refout), whose bytes go on
// air least significant first.
uint32_t TableCrc24(uint32_t init, const Bytes& data) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t b = 0; b < 256; ++b) {
      uint32_t c = b;
      for (int k = 0; k < 8; ++k) c = (c & 1u) ? (c >> 1) ^ 0xDA6000u : c >> 1;
      t[b] = c;
    }
    return t;
  }();
  uint32_t r = Reflect24(init & 0xFFFFFF);
  for (uint8_t byte : data) r = (r >> 8) ^ table[(r ^ byte) & 0xFF];
  return r;
}

Bytes OnAir(uint32_t catalogueCrc) {
  return {uint8_t(catalogueCrc), uint8_t(catalogueCrc >> 8), uint8_t(catalogueCrc >> 16)};
}

Bytes Appended(uint32_t crc) { Bytes out; BleAppendCrc24(crc, out); return out; }

// Catalogue entry CRC-24/BLE (reveng): poly 0x00065B, init 0x555555,
// refin = refout = true, xorout 0, check 0xC25A56 over "123456789". BleCrc24
// is the unreflected register (bit 23 first on air), so the catalogue value is
// its 24-bit reflection, and the three bytes on air are that value LSB first.
// The test's own table CRC (used below) is held to the same published value.
TEST(BleLlPdu, CrcMatchesCatalogueCheckValue) {
  const std::string check = "123456789";
  const uint32_t crc =
      BleCrc24(kBleAdvertisingCrcInit, reinterpret_cast<const uint8_t*>(check.data()), check.size());
  EXPECT_EQ(Reflect24(crc), 0xC25A56u);
  EXPECT_EQ(TableCrc24(kBleAdvertisingCrcInit, Bytes(check.begin(), check.end())), 0xC25A56u);
  EXPECT_EQ(Appended(crc), (Bytes{0x56, 0x5A, 0xC2}));
}

// Two independent implementations (bitwise LFSR in the library, reflected table
// here) agree over random PDUs and random 24-bit inits; and the receiver's
// check holds: running the LFSR on PDU + appended CRC bytes leaves zero.
TEST(BleLlPdu, CrcBitwiseAgreesWithTableOverRandomInputs) {
  std::mt19937 rng(20240611);
  for (int trial = 0; trial < 400; ++trial) {
    const uint32_t init = rng() & 0xFFFFFF;
    Bytes pdu(rng() % 258);
    for (uint8_t& b : pdu) b = uint8_t(rng());
    const uint32_t crc = BleCrc24(init, pdu.data(), pdu.size());
    ASSERT_EQ(Reflect24(crc), TableCrc24(init, pdu)) << "trial " << trial << " size " << pdu.size();
    ASSERT_EQ(Appended(crc), OnAir(TableCrc24(init, pdu))) << "trial " << trial;
    Bytes withCrc = pdu;
    BleAppendCrc24(crc, withCrc);
    ASSERT_EQ(BleCrc24(init, withCrc.data(), withCrc.size()), 0u) << "trial " << trial;
  }
}

// Two advertising packets received over the air by a software radio (a
// HackRF) and decoded by Wireshark (an ADV_NONCONN_IND and an ADV_IND of a
// public mesh base station's published capture): the bytes are rebuilt from
// the decoded fields, the CRC is the one Wireshark showed (btle.crc). A wrong
// reconstruction matches by chance once in 2^24.
TEST(BleLlPdu, CrcOfCapturedAdvertisingPackets) {
  const Bytes advNonconn = {0x42, 0x0e, 0x6f, 0xbb, 0x30, 0x05, 0x44, 0xda,
                            0x07, 0xff, 0x4c, 0x00, 0x12, 0x02, 0x00, 0x02};
  EXPECT_EQ(BleCrc24(kBleAdvertisingCrcInit, advNonconn.data(), advNonconn.size()), 0x387ed6u);
  const Bytes advData = {0x02, 0x01, 0x1a, 0x02, 0x0a, 0x0c, 0x0c, 0xff, 0x4c, 0x00,
                         0x10, 0x07, 0x32, 0x1f, 0x5d, 0x1c, 0xfb, 0xd3, 0x58};
  Bytes advInd = {0x40, 0x19, 0x49, 0x93, 0x06, 0x72, 0xd9, 0x7f};
  advInd.insert(advInd.end(), advData.begin(), advData.end());
  EXPECT_EQ(BleCrc24(kBleAdvertisingCrcInit, advInd.data(), advInd.size()), 0x23ab31u);
  // The library's ADV_IND of the same advertiser differs only by ChSel (0x20).
  Bytes ours = BleEncodeAdvInd(0x7fd972069349, true, advData);
  ASSERT_EQ(ours.size(), advInd.size());
  EXPECT_EQ(ours[0], advInd[0] | 0x20);
  EXPECT_EQ(Bytes(ours.begin() + 1, ours.end()), Bytes(advInd.begin() + 1, advInd.end()));
}

// Core spec Vol 6 Part B 2.4: LLID bits 0-1, NESN bit 2, SN bit 3, MD bit 4,
// length in the second byte. Every LLID/flag combination and a few lengths.
TEST(BleLlPdu, DataHeaderBitLayout) {
  for (uint8_t llid = 1; llid <= 3; ++llid)
    for (int nesn = 0; nesn < 2; ++nesn)
      for (int sn = 0; sn < 2; ++sn)
        for (int md = 0; md < 2; ++md)
          for (uint8_t len : {0, 1, 27, 100, 251}) {
            const auto h = BleEncodeDataHeader({llid, nesn == 1, sn == 1, md == 1, len});
            EXPECT_EQ(h[0], uint8_t(llid + 4 * nesn + 8 * sn + 16 * md));
            EXPECT_EQ(h[1], len);
          }
  // By hand: LLID 2, NESN 1, SN 0, MD 1 = 0b10110.
  EXPECT_EQ(BleEncodeDataHeader({2, true, false, true, 9})[0], 0x16);
  // BleEncodeDataPdu takes the length from the payload, not the header.
  EXPECT_EQ(BleEncodeDataPdu({1, false, true, false, 99}, Bytes(5, 0xAB)),
            (Bytes{0x09, 5, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB}));
}

// CONNECT_IND (Core Vol 6 Part B 2.3.3.1): PDU type 5, ChSel bit 5, TxAdd 6,
// RxAdd 7, length 34; InitA, AdvA, then LLData AA(4) CRCInit(3) WinSize(1)
// WinOffset(2) Interval(2) Latency(2) Timeout(2) ChM(5, 37 bits) Hop(5 bits)
// SCA(3 bits), all little-endian. Expected bytes written out by hand.
TEST(BleLlPdu, ConnectIndFieldOffsets) {
  BleConnectInd c;
  c.chSel2 = true, c.txAddRandom = false, c.rxAddRandom = true;
  c.initA = 0x112233445566, c.advA = 0xA1B2C3D4E5F6;
  c.accessAddress = 0x50654F7A, c.crcInit = 0xC0FFEE, c.winSize = 3, c.winOffset = 0x0102;
  c.interval = 0x0324, c.latency = 0x0405, c.timeout = 0x0C80, c.hop = 13, c.sca = 5;
  c.channelMap = 0xE000000000 | 0x15A5A5A5A5;  // bits 37-39 must not reach the air
  const Bytes expected = {0xA5, 34,                                  // 5|0x20|0x80, length
                          0x66, 0x55, 0x44, 0x33, 0x22, 0x11,        // InitA
                          0xF6, 0xE5, 0xD4, 0xC3, 0xB2, 0xA1,        // AdvA
                          0x7A, 0x4F, 0x65, 0x50,                    // AA
                          0xEE, 0xFF, 0xC0,                          // CRCInit
                          0x03,                                      // WinSize
                          0x02, 0x01, 0x24, 0x03, 0x05, 0x04, 0x80, 0x0C,
                          0xA5, 0xA5, 0xA5, 0xA5, 0x15,              // ChM
                          0xAD};                                     // 13 | 5 << 5
  EXPECT_EQ(BleEncodeConnectInd(c), expected);
  c.chSel2 = false, c.txAddRandom = true, c.rxAddRandom = false;
  EXPECT_EQ(BleEncodeConnectInd(c)[0], 0x45);
}

// One notification L2CAP PDU of N bytes cut at random into LL payloads of up
// to 27 or 251 bytes: the pieces concatenate to the uncut PDU, which starts
// with L2CAP length N-4, CID 0x0004, opcode 0x1B and the handle.
TEST(BleLlPdu, NotificationFragmentsReassemble) {
  std::mt19937 rng(7);
  const uint16_t handle = 0x002A;
  for (uint16_t n : {7, 8, 27, 28, 31, 250, 251, 252, 255, 517, 1000})
    for (uint16_t maxPiece : {27, 251}) {
      const Bytes whole = BleNotificationFragment(n, handle, 0, n);
      ASSERT_EQ(whole.size(), n);
      EXPECT_EQ(whole[0] | whole[1] << 8, n - 4);
      EXPECT_EQ(whole[2] | whole[3] << 8, 0x0004);
      EXPECT_EQ(whole[4], 0x1B);
      EXPECT_EQ(whole[5] | whole[6] << 8, handle);
      for (int trial = 0; trial < 5; ++trial) {
        Bytes joined;
        for (uint16_t off = 0; off < n;) {
          // First trial: full pieces (the last one asks past the end); others random.
          const uint16_t size = trial == 0 ? maxPiece : uint16_t(1 + rng() % maxPiece);
          const Bytes piece = BleNotificationFragment(n, handle, off, size);
          ASSERT_EQ(piece.size(), std::min<size_t>(size, n - off)) << "n " << n << " off " << off;
          joined.insert(joined.end(), piece.begin(), piece.end());
          off = uint16_t(off + piece.size());
        }
        EXPECT_EQ(joined, whole) << "n " << n << " max " << maxPiece << " trial " << trial;
      }
    }
  EXPECT_EQ(BleAttExchangeMtu(false, 247), (Bytes{3, 0, 4, 0, 0x02, 247, 0}));
}

// A pcap record body (Wireshark packet-btle_rf.c): channel, signal, noise,
// offenses, reference AA LE32, flags LE16; then AA LE32, PDU, CRC. Flag values
// are Wireshark's LE_* defines. With CRC checked and not valid, the CRC
// written must be wrong.
TEST(BleLlPdu, PcapRecordLayoutAndCrc) {
  BlePhdr phdr;
  phdr.rfChannel = 12, phdr.signalDbm = -45, phdr.noiseDbm = -90, phdr.accessAddressOffenses = 2;
  phdr.referenceAccessAddress = kBleAdvertisingAccessAddress;
  phdr.flags = kBlePhdrDewhitened | kBlePhdrSignalPowerValid | kBlePhdrNoisePowerValid |
               kBlePhdrRefAccessAddressValid | kBlePhdrCrcChecked | kBlePhdrCrcValid |
               kBlePhdrPduCentralToPeripheral;
  const Bytes pdu = BleEncodeDataPdu({2, true, false, false, 0}, BleAttExchangeMtu(true, 185));
  const uint32_t crcInit = 0x8A1C3E;
  Bytes expected = {12, 0xD3, 0xA6, 2, 0xD6, 0xBE, 0x89, 0x8E, 0x17, 0x0D,  // flags 0x0D17
                    0x7A, 0x4F, 0x65, 0x50};
  expected.insert(expected.end(), pdu.begin(), pdu.end());
  const Bytes crc = OnAir(TableCrc24(crcInit, pdu));
  expected.insert(expected.end(), crc.begin(), crc.end());
  EXPECT_EQ(BleEncodePcapRecord(phdr, 0x50654F7A, pdu, crcInit), expected);
  EXPECT_EQ((phdr.flags & 0x0380) >> 7, 2);  // Wireshark PDU type 2: data, central to peripheral
  EXPECT_EQ(kBlePhdrPduPeripheralToCentral >> 7, 3);

  phdr.flags = kBlePhdrDewhitened | kBlePhdrCrcChecked;  // checked, found invalid
  const Bytes bad = BleEncodePcapRecord(phdr, 0x50654F7A, pdu, crcInit);
  ASSERT_EQ(bad.size(), expected.size());
  EXPECT_EQ(Bytes(bad.begin() + 10, bad.end() - 3), Bytes(expected.begin() + 10, expected.end() - 3));
  EXPECT_NE(Bytes(bad.end() - 3, bad.end()), crc);
  Bytes body(bad.begin() + 14, bad.end());
  EXPECT_NE(BleCrc24(crcInit, body.data(), body.size()), 0u);

  phdr.flags = kBlePhdrDewhitened;  // not checked: the correct CRC
  const Bytes unchecked = BleEncodePcapRecord(phdr, 0x50654F7A, pdu, crcInit);
  EXPECT_EQ(Bytes(unchecked.end() - 3, unchecked.end()), crc);
}

// Core Vol 6 Part A 2 / Part B 1.4.1: RF channel k is at 2402 + 2k MHz; advertising
// indices 37/38/39 at 2402/2426/2480 MHz, data 0-10 at 2404-2424, 11-36 at
// 2428-2478. Every RF channel is used by exactly one index.
TEST(BleLlPdu, RfChannelOfChannelIndex) {
  std::array<int, 40> hits{};
  for (int index = 0; index < 40; ++index) {
    const int mhz = index == 37 ? 2402 : index == 38 ? 2426 : index == 39 ? 2480
                  : index <= 10 ? 2404 + 2 * index : 2428 + 2 * (index - 11);
    const uint8_t rf = BleRfChannel(uint8_t(index));
    EXPECT_EQ(rf, (mhz - 2402) / 2) << "index " << index;
    ASSERT_LT(rf, 40);
    ++hits[rf];
  }
  for (int rf = 0; rf < 40; ++rf) EXPECT_EQ(hits[rf], 1) << "RF channel " << rf;
}

}  // namespace
