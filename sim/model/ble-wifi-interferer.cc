#include "ble-wifi-interferer.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3 {

NS_OBJECT_ENSURE_REGISTERED(BleWifiInterferer);

namespace {
constexpr double kWifiWidthMhz = 22.0;
constexpr double kBleWidthMhz = 2.0;
}  // namespace

TypeId BleWifiInterferer::GetTypeId() {
  static TypeId tid =
      TypeId("ns3::BleWifiInterferer")
          .SetParent<Object>()
          .SetGroupName("Ble")
          .AddConstructor<BleWifiInterferer>()
          .AddAttribute("WifiChannel", "The 2.4 GHz Wi-Fi channel (1-13), 22 MHz around 2407 + 5n MHz.",
                        UintegerValue(1), MakeUintegerAccessor(&BleWifiInterferer::m_wifiChannel),
                        MakeUintegerChecker<uint32_t>(1, 13))
          .AddAttribute("DutyCycle", "Probability that a slot of BurstDuration is on the air.", DoubleValue(0.5),
                        MakeDoubleAccessor(&BleWifiInterferer::m_dutyCycle), MakeDoubleChecker<double>(0.0, 1.0))
          .AddAttribute("TxPowerDbm", "Transmit power over the whole Wi-Fi channel.", DoubleValue(20.0),
                        MakeDoubleAccessor(&BleWifiInterferer::m_txPowerDbm), MakeDoubleChecker<double>())
          .AddAttribute("BurstDuration", "Length of one on/off slot.", TimeValue(MilliSeconds(1)),
                        MakeTimeAccessor(&BleWifiInterferer::m_burst), MakeTimeChecker(NanoSeconds(1)));
  return tid;
}

BleWifiInterferer::BleWifiInterferer()
    : m_wifiChannel(1), m_dutyCycle(0.5), m_txPowerDbm(20.0), m_burst(MilliSeconds(1)),
      m_random(RngSeedManager::GetSeed(), RngSeedManager::GetRun(), 0) {}

void BleWifiInterferer::SetMobility(Ptr<MobilityModel> mobility) { m_mobility = mobility; }

double BleWifiInterferer::BleDataChannelMhz(uint8_t dataChannel) {
  NS_ABORT_MSG_IF(dataChannel > 36, "BLE data channels are 0-36");
  // The advertising channel at 2426 MHz sits between data channels 10 and 11.
  return dataChannel <= 10 ? 2404.0 + 2.0 * dataChannel : 2406.0 + 2.0 * dataChannel;
}

double BleWifiInterferer::WifiChannelMhz(uint32_t wifiChannel) { return 2407.0 + 5.0 * wifiChannel; }

double BleWifiInterferer::InBandShare(uint8_t dataChannel) const {
  const double ble = BleDataChannelMhz(dataChannel), wifi = WifiChannelMhz(m_wifiChannel);
  const double overlapMhz = std::min(ble + kBleWidthMhz / 2, wifi + kWifiWidthMhz / 2) -
                            std::max(ble - kBleWidthMhz / 2, wifi - kWifiWidthMhz / 2);
  return overlapMhz > 0 ? overlapMhz / kWifiWidthMhz : 0.0;
}

bool BleWifiInterferer::SlotIsOn(int64_t slot) const {
  return m_random.Uniform({0, 0, slot, BleDrawPurpose::WIFI_BURST}) < m_dutyCycle;
}

bool BleWifiInterferer::IsOnDuring(Time start, Time end) const {
  if (m_dutyCycle <= 0 || end <= start) return false;
  const int64_t burstNs = m_burst.GetNanoSeconds();
  const int64_t first = start.GetNanoSeconds() / burstNs, last = (end.GetNanoSeconds() - 1) / burstNs;
  for (int64_t k = first; k <= last; ++k)
    if (SlotIsOn(k)) return true;
  return false;
}

int64_t BleWifiInterferer::AssignStreams(int64_t stream) {
  m_random = BleCounterRandom(RngSeedManager::GetSeed(), RngSeedManager::GetRun(), static_cast<uint64_t>(stream));
  return 1;
}

void BleWifiInterferer::DoDispose() {
  m_mobility = nullptr;
  Object::DoDispose();
}

}  // namespace ns3
