#include "ble-channel-selection.h"

#include "ns3/abort.h"

namespace ns3 {

namespace {
// Each byte with its bit order reversed (a table: the channel of every other
// link is computed for every packet on the air).
struct ReversedBytes {
  uint8_t table[256];
  ReversedBytes() {
    for (int v = 0; v < 256; ++v) {
      uint8_t r = 0;
      for (int bit = 0; bit < 8; ++bit)
        if (v & (1 << bit)) r = static_cast<uint8_t>(r | (1 << (7 - bit)));
      table[v] = r;
    }
  }
};
const ReversedBytes kReversed;

// Reverses the bit order within each byte of a 16-bit value (the PERM step).
uint16_t Permute(uint16_t v) {
  return static_cast<uint16_t>((kReversed.table[v >> 8] << 8) | kReversed.table[v & 0xFF]);
}
// Multiply, add, modulo 2^16 (the MAM step).
uint16_t MultiplyAddModulo(uint16_t a, uint16_t b) { return static_cast<uint16_t>(17u * a + b); }
}  // namespace

uint16_t BleChannelIdentifier(uint32_t accessAddress) {
  return static_cast<uint16_t>((accessAddress >> 16) ^ (accessAddress & 0xFFFFu));
}

uint32_t BleUsedChannels(uint64_t channelMap) {
  return static_cast<uint32_t>(__builtin_popcountll(channelMap & kBleAllDataChannels));
}

uint16_t BleCsa2Prn(uint16_t eventCounter, uint16_t channelIdentifier) {
  uint16_t u = eventCounter ^ channelIdentifier;
  for (int round = 0; round < 3; ++round) u = MultiplyAddModulo(Permute(u), channelIdentifier);
  return u ^ channelIdentifier;
}

uint8_t BleCsa2Channel(uint16_t eventCounter, uint16_t channelIdentifier, uint64_t channelMap) {
  const uint32_t used = BleUsedChannels(channelMap);
  NS_ABORT_MSG_IF(used == 0, "a channel map needs at least one used channel");
  const uint16_t prn = BleCsa2Prn(eventCounter, channelIdentifier);
  const uint32_t unmapped = prn % kBleDataChannels;
  if (channelMap & (uint64_t{1} << unmapped)) return static_cast<uint8_t>(unmapped);
  // Not used: the remapping index picks among the used channels in ascending order.
  uint32_t index = (used * prn) >> 16;
  for (uint32_t ch = 0; ch < kBleDataChannels; ++ch)
    if ((channelMap & (uint64_t{1} << ch)) && index-- == 0) return static_cast<uint8_t>(ch);
  return 0;  // unreachable: index < used
}

}  // namespace ns3
