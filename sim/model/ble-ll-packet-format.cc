#include "ble-ll-packet-format.h"

#include <algorithm>

namespace ns3 {

std::vector<BleLlPacketFormat::Fragment> BleLlPacketFormat::Fragments(uint32_t sduBytes) const {
  std::vector<Fragment> out;
  const uint32_t attData = attMtu - attHeaderBytes;
  for (uint32_t left = sduBytes; left > 0;) {
    const uint32_t data = std::min(left, attData);
    left -= data;
    const uint32_t l2capBytes = data + attHeaderBytes + l2capHeaderBytes;
    for (uint32_t l2cap = l2capBytes; l2cap > 0;) {
      const uint32_t fragment = std::min(l2cap, llPayloadMaxBytes);
      out.push_back({fragment, l2capBytes - l2cap, l2capBytes});
      l2cap -= fragment;
    }
  }
  return out;
}

}  // namespace ns3
