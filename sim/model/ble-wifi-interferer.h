#pragma once
// A Wi-Fi transmitter beside the BLE links: an on/off source on one 2.4 GHz
// Wi-Fi channel whose bursts raise the interference of the BLE packets on the
// RF channels it overlaps.
//
// Wi-Fi channel n (1-13) is 22 MHz wide around 2407 + 5n MHz. A BLE RF
// channel is 2 MHz wide: data channels 0-10 at 2404-2424 MHz, 11-36 at
// 2428-2478 MHz (2 MHz apart), the advertising channels at 2402, 2426 and
// 2480 MHz. The Wi-Fi power is taken as spread evenly over its 22 MHz, so a
// BLE receiver takes in the share of it that falls within its 2 MHz channel
// (2/22 inside, less at the Wi-Fi channel's edges, none outside).
//
// Bursts: time is cut into slots of BurstDuration from t = 0; each slot is on
// with probability DutyCycle, a keyed draw (BleCounterRandom: the run's seed
// and run number, the interferer's stream, the slot's number), so a slot's
// state does not depend on which slots were asked about before, the long-run
// share of on-air time is the duty cycle, and consecutive on slots make
// longer bursts.
#include "ns3/mobility-model.h"
#include "ns3/nstime.h"
#include "ns3/object.h"

#include <cstdint>

#include "ble-counter-random.h"

namespace ns3 {

class BleWifiInterferer : public Object {
 public:
  static TypeId GetTypeId();
  BleWifiInterferer();

  // Where it stands (any MobilityModel; read at every packet).
  void SetMobility(Ptr<MobilityModel> mobility);
  Ptr<MobilityModel> GetMobility() const { return m_mobility; }
  double GetTxPowerDbm() const { return m_txPowerDbm; }
  // Share of the Wi-Fi channel's power within the BLE data channel's 2 MHz
  // (0 when they do not overlap).
  double InBandShare(uint8_t dataChannel) const;
  // Whether any burst is on the air during [start, end).
  bool IsOnDuring(Time start, Time end) const;

  // Centre frequency of a BLE data channel (0-36) and a Wi-Fi channel (1-13), MHz.
  static double BleDataChannelMhz(uint8_t dataChannel);
  static double WifiChannelMhz(uint32_t wifiChannel);

  // The burst draws are keyed by `stream` (give each interferer its own);
  // returns the number of streams used (1).
  int64_t AssignStreams(int64_t stream);

 private:
  void DoDispose() override;
  bool SlotIsOn(int64_t slot) const;

  uint32_t m_wifiChannel;
  double m_dutyCycle;
  double m_txPowerDbm;
  Time m_burst;
  Ptr<MobilityModel> m_mobility;
  BleCounterRandom m_random;
};

}  // namespace ns3
