#pragma once
// How the link layer packs data: the LL header and MIC around each payload,
// and an SDU cut into ATT PDUs of at most the MTU, each behind its L2CAP
// basic header and fragmented over LL payloads of at most the largest the
// link allows.
#include <cstdint>
#include <vector>

namespace ns3 {

struct BleLlPacketFormat {
  uint32_t llPayloadMaxBytes = 251;
  uint32_t headerBytes = 2;
  uint32_t micBytes = 4;  // on the non-empty packets of an encrypted link
  uint32_t attMtu = 247;
  uint32_t attHeaderBytes = 3;
  uint32_t l2capHeaderBytes = 4;

  // The PDU (header, payload and MIC) of a packet with `llPayloadBytes`; an
  // empty packet carries no MIC.
  uint32_t PduBytes(uint32_t llPayloadBytes) const {
    return headerBytes + (llPayloadBytes > 0 ? llPayloadBytes + micBytes : 0);
  }

  // One LL packet of an SDU, and where it lies in its L2CAP PDU (which a
  // capture needs to write the right bytes).
  struct Fragment {
    uint32_t llPayloadBytes;
    uint32_t l2capOffset;
    uint32_t l2capBytes;  // the whole L2CAP PDU, header included
  };
  // The LL packets of an SDU of `sduBytes` (> 0), in order.
  std::vector<Fragment> Fragments(uint32_t sduBytes) const;
};

}  // namespace ns3
