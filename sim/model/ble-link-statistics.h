#pragma once
// What a link layer counted, as one value: the peripheral counts its link's
// events, packets and losses (both ends' fates, since it runs the exchange),
// the central the events that overlapped on its radio.
#include <cstdint>

namespace ns3 {

struct BleLinkStatistics {
  // Peripheral: events and packets.
  uint64_t dataEvents = 0;
  uint64_t idleEvents = 0;   // however they were accounted (closed form or one by one)
  uint64_t dataPackets = 0;  // sent, including resends
  uint64_t resends = 0;
  // Peripheral: losses, by what lost them.
  uint64_t openingsLost = 0;  // the central's opening packet not heard: the event carried nothing
  uint64_t acksLost = 0;      // the central's acknowledgement not heard: the event ended
  uint64_t collisions = 0;    // packets lost to other links' packets
  uint64_t wifiLosses = 0;    // packets lost while a Wi-Fi burst overlapped them
  // Peripheral: SDUs.
  uint64_t sdusQueued = 0;
  uint64_t sdusSent = 0;           // received whole by the central
  uint64_t sdusDroppedAtLoss = 0;  // dropped when the link was lost (KeepWhileDisconnected false)
  // Peripheral: the connection's life.
  uint64_t linkLosses = 0;  // to the supervision timeout
  uint64_t reconnections = 0;
  uint64_t advertisingEvents = 0;
  // Central: events that started before the previous one ended (must be 0).
  uint64_t overlappingEvents = 0;
};

}  // namespace ns3
