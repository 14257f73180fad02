#pragma once
// Byte-exact Bluetooth LE link-layer packets for pcap files of link type
// LINKTYPE_BLUETOOTH_LE_LL_WITH_PHDR (256), the format Wireshark's btle_rf and
// btle dissectors read. Standard library only, so the encoding can be tested
// without the simulator. Multi-byte fields are little-endian on air, except
// the CRC, which goes out most significant bit first (see BleAppendCrc24).
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3 {

constexpr uint32_t kBleAdvertisingAccessAddress = 0x8E89BED6;
constexpr uint32_t kBleAdvertisingCrcInit = 0x555555;
constexpr uint32_t kBlePcapLinkType = 256;  // LINKTYPE_BLUETOOTH_LE_LL_WITH_PHDR

// Flags of the 10-byte pseudo-header (Wireshark packet-btle_rf.c).
constexpr uint16_t kBlePhdrDewhitened = 0x0001;
constexpr uint16_t kBlePhdrSignalPowerValid = 0x0002;
constexpr uint16_t kBlePhdrNoisePowerValid = 0x0004;
constexpr uint16_t kBlePhdrDecrypted = 0x0008;
constexpr uint16_t kBlePhdrRefAccessAddressValid = 0x0010;
constexpr uint16_t kBlePhdrCrcChecked = 0x0400;
constexpr uint16_t kBlePhdrCrcValid = 0x0800;
constexpr uint16_t kBlePhdrMicChecked = 0x1000;
constexpr uint16_t kBlePhdrMicValid = 0x2000;
// PHY field (bits 14-15): LE 1M is 0.
constexpr uint16_t kBlePhdrPhy2M = 0x4000;
constexpr uint16_t kBlePhdrPhyCoded = 0x8000;
// PDU type field (bits 7-9). Advertising uses 0 ("advertising or data,
// direction unspecified"): the dissector then tells them apart by access
// address. Data PDUs name their direction, which the dissector needs to track
// SN/NESN and to reassemble L2CAP per direction.
constexpr uint16_t kBlePhdrPduAdvOrUnknown = 0x0000;
constexpr uint16_t kBlePhdrPduCentralToPeripheral = 0x0100;
constexpr uint16_t kBlePhdrPduPeripheralToCentral = 0x0180;

// Data channel PDU LLIDs.
constexpr uint8_t kBleLlidContinuation = 1;  // L2CAP continuation, or empty PDU
constexpr uint8_t kBleLlidStart = 2;         // start of (or a complete) L2CAP PDU
constexpr uint8_t kBleLlidControl = 3;

// The CRC-24 LFSR state after `size` bytes of PDU (header + payload), bits fed
// LSB first, register preset with `crcInit` (bit i of crcInit in position i).
// Bit 23 of the result is the first CRC bit on air; the value equals what
// Wireshark shows as btle.crc.
uint32_t BleCrc24(uint32_t crcInit, const uint8_t* data, std::size_t size);
// Appends the 3 CRC bytes of `crc` (a BleCrc24 result) as they appear in the packet.
void BleAppendCrc24(uint32_t crc, std::vector<uint8_t>& out);

// Physical RF channel (0-39, 2402 + 2k MHz), which the pseudo-header carries,
// of link-layer channel index 0-39 (37, 38, 39 are the advertising channels).
uint8_t BleRfChannel(uint8_t channelIndex);

struct BleDataHeader {
  uint8_t llid;
  bool nesn;
  bool sn;
  bool md;
  uint8_t length;  // payload bytes (MIC included when one is sent)
};
std::array<uint8_t, 2> BleEncodeDataHeader(const BleDataHeader& header);

// Bytes [offset, offset + size) of an L2CAP PDU of `l2capBytes` bytes in all
// (4-byte basic header on CID 0x0004, ATT Handle Value Notification of `handle`,
// then a deterministic value pattern); l2capBytes >= 7. Cutting one L2CAP PDU
// into consecutive pieces gives LL payloads Wireshark reassembles: the piece at
// offset 0 goes with LLID 2, the others with LLID 1.
std::vector<uint8_t> BleNotificationFragment(uint16_t l2capBytes, uint16_t handle, uint16_t offset,
                                             uint16_t size);

// A complete L2CAP PDU with ATT_EXCHANGE_MTU_REQ (or _RSP) announcing `mtu`:
// Wireshark flags ATT PDUs longer than the MTU it has seen exchanged (23 until
// then) as a warning, so a capture with longer notifications starts with these.
std::vector<uint8_t> BleAttExchangeMtu(bool response, uint16_t mtu);

// A data channel PDU: header followed by `payload` (header.length is set from it).
std::vector<uint8_t> BleEncodeDataPdu(BleDataHeader header, const std::vector<uint8_t>& payload);

// ADV_IND (ChSel set: the advertiser supports Channel Selection Algorithm #2).
std::vector<uint8_t> BleEncodeAdvInd(uint64_t advA, bool txAddRandom,
                                     const std::vector<uint8_t>& advData);

struct BleConnectInd {
  bool chSel2 = true;  // use Channel Selection Algorithm #2
  bool txAddRandom = false;
  bool rxAddRandom = false;
  uint64_t initA = 0;  // 48-bit device addresses
  uint64_t advA = 0;
  uint32_t accessAddress = 0;
  uint32_t crcInit = 0;
  uint8_t winSize = 1;     // units of 1.25 ms
  uint16_t winOffset = 0;  // units of 1.25 ms
  uint16_t interval = 6;   // units of 1.25 ms
  uint16_t latency = 0;
  uint16_t timeout = 100;                    // units of 10 ms
  uint64_t channelMap = (uint64_t{1} << 37) - 1;  // bit i: data channel i used
  uint8_t hop = 5;  // CSA #1 only; 5-16
  uint8_t sca = 0;  // sleep clock accuracy code 0-7
};
std::vector<uint8_t> BleEncodeConnectInd(const BleConnectInd& c);

struct BlePhdr {
  uint8_t rfChannel = 0;  // physical RF channel, see BleRfChannel
  int8_t signalDbm = 0;
  int8_t noiseDbm = 0;
  uint8_t accessAddressOffenses = 0;
  uint32_t referenceAccessAddress = 0;
  uint16_t flags = kBlePhdrDewhitened;
};
// One pcap record body: pseudo-header, access address, `pdu`, CRC over `pdu`
// with `crcInit`. If the flags say the CRC was checked and found invalid, the
// CRC written is deliberately wrong, so the bytes agree with the flags.
// On the LE Coded PHY (kBlePhdrPhyCoded) the coding indicator (0: S=8,
// 1: S=2) follows the access address; the CRC still covers the PDU alone.
std::vector<uint8_t> BleEncodePcapRecord(const BlePhdr& phdr, uint32_t accessAddress,
                                         const std::vector<uint8_t>& pdu, uint32_t crcInit,
                                         int codingIndicator = -1);

}  // namespace ns3
