#pragma once
// Data channel selection of a BLE connection: Channel Selection Algorithm #2
// of the Core specification. Each connection event hops to a channel derived
// from the event counter and the connection's access address, restricted to
// the channels its channel map marks as used. Two links with different
// access addresses hop independently, which is what makes their events meet
// on one channel by chance (about 1 in the number of used channels).
#include <cstdint>

namespace ns3 {

constexpr uint32_t kBleDataChannels = 37;
// Bit i set: data channel i is used.
constexpr uint64_t kBleAllDataChannels = (uint64_t{1} << kBleDataChannels) - 1;

// The 16-bit channel identifier: the access address's upper half XOR its lower half.
uint16_t BleChannelIdentifier(uint32_t accessAddress);
// Used channels in `channelMap` (bits above the 37 data channels are ignored).
uint32_t BleUsedChannels(uint64_t channelMap);
// The event's pseudo-random number (prn_e) of the algorithm.
uint16_t BleCsa2Prn(uint16_t eventCounter, uint16_t channelIdentifier);
// The data channel (0-36) of event `eventCounter`; `channelMap` needs at least
// one used channel.
uint8_t BleCsa2Channel(uint16_t eventCounter, uint16_t channelIdentifier, uint64_t channelMap);

}  // namespace ns3
