#pragma once
// What the BLE layers hand each other about one packet: the frame the link
// layer gives its PHY (when it is on the air, on which channel, how many
// bits the receiver decodes, and what it carries, for captures) and the fate
// the receiving PHY decides.
#include "ns3/nstime.h"

#include <cstdint>

#include "ble-ll-pdu.h"

namespace ns3 {

// Channel index 37, 38 and 39 are the advertising channels; 0-36 carry data.
constexpr uint8_t kBleFirstAdvertisingChannel = 37;

// What a packet carries, as far as a capture needs it.
enum class BlePduKind : uint8_t { DATA, ADV_IND, CONNECT_IND };

struct BleFrame {
  Time start;                 // on the air over [start, end)
  Time end;
  uint8_t channelIndex = 0;   // 0-36 data, 37-39 advertising
  uint32_t bits = 0;          // decoded bits
  // Decided at its SNR alone: advertising-channel packets and the idle
  // events accounted in closed form carry no interference accounting.
  bool control = false;
  bool fromCentral = false;
  // Not on the simulated air: the CONNECT_IND of a link connected at set-up,
  // written so that a capture can follow the link.
  bool announced = false;

  // The PDU, for captures.
  BlePduKind kind = BlePduKind::DATA;
  uint8_t llid = 1;           // 1 continuation or empty, 2 start of an L2CAP PDU
  bool moreData = false;
  uint32_t payloadBytes = 0;  // LL payload, without the MIC
  uint32_t micBytes = 0;      // 4 on an encrypted link's non-empty packets
  uint32_t l2capOffset = 0;   // where the payload starts within its L2CAP PDU
  uint32_t l2capBytes = 0;    // the L2CAP PDU's length, header included
  // The link's parameters as its CONNECT_IND carries them (every kind names
  // its link), and the ATT MTU agreed at set-up (not part of the CONNECT_IND).
  BleConnectInd connection;
  uint16_t attMtu = 23;
};

// One packet on the air, from the central (its opening or ack) or from the peripheral.
struct BleAirPacket {
  Time start;
  Time end;
  bool fromCentral;
};

// The fate of one received packet.
struct BleReception {
  bool lost = false;       // CRC error, from noise, interference or collision
  bool collision = false;  // lost because the signal-to-interference ratio was below the capture threshold
  bool wifi = false;       // lost while a Wi-Fi burst overlapped it (then not counted as a collision)
};

}  // namespace ns3
