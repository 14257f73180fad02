#include "ble-channel.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/mobility-model.h"
#include "ns3/node.h"
#include "ns3/pointer.h"

#include <cmath>

#include "ble-net-device.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("BleChannel");
NS_OBJECT_ENSURE_REGISTERED(BleChannel);

namespace {
// Thermal noise density at 290 K.
constexpr double kThermalNoiseDbmPerHz = -174.0;
// The Core specification defines sensitivity as the level giving 0.1 % BER.
constexpr double kSensitivityBer = 1e-3;

double DbToLinear(double db) { return std::pow(10.0, db / 10.0); }
}  // namespace

TypeId BleChannel::GetTypeId() {
  static TypeId tid = TypeId("ns3::BleChannel")
                          .SetParent<Channel>()
                          .SetGroupName("Ble")
                          .AddConstructor<BleChannel>()
                          .AddAttribute("PropagationLossModel", "Path loss between transmitter and receiver.",
                                        PointerValue(), MakePointerAccessor(&BleChannel::m_loss),
                                        MakePointerChecker<PropagationLossModel>());
  return tid;
}

BleChannel::BleChannel() : m_uniform(CreateObject<UniformRandomVariable>()), m_sensitivityBer(kSensitivityBer) {}

void BleChannel::Add(Ptr<BleNetDevice> device) { m_devices.push_back(device); }

std::size_t BleChannel::GetNDevices() const { return m_devices.size(); }

Ptr<NetDevice> BleChannel::GetDevice(std::size_t i) const { return m_devices.at(i); }

double BleChannel::RxPowerDbm(Ptr<const BleNetDevice> tx, Ptr<const BleNetDevice> rx) const {
  Ptr<MobilityModel> a = tx->GetNode() ? tx->GetNode()->GetObject<MobilityModel>() : nullptr;
  Ptr<MobilityModel> b = rx->GetNode() ? rx->GetNode()->GetObject<MobilityModel>() : nullptr;
  NS_ABORT_MSG_IF(!m_loss || !a || !b, "BleChannel needs a PropagationLossModel and mobility models on both nodes");
  return m_loss->CalcRxPower(tx->TxPowerDbm(), a, b);
}

double BleChannel::SnrDb(Ptr<const BleNetDevice> tx, Ptr<const BleNetDevice> rx) const {
  const double noiseDbm = kThermalNoiseDbmPerHz + 10.0 * std::log10(rx->BandwidthHz()) + rx->NoiseFigureDb();
  return RxPowerDbm(tx, rx) - noiseDbm;
}

double BleChannel::BitErrorRate(Ptr<const BleNetDevice> tx, Ptr<const BleNetDevice> rx) const {
  // Non-coherent FSK: BER = 0.5 exp(-k SNR). k absorbs the receiver's
  // implementation loss and is fixed by its sensitivity.
  const double noiseDbm = kThermalNoiseDbmPerHz + 10.0 * std::log10(rx->BandwidthHz()) + rx->NoiseFigureDb();
  const double snrAtSensitivity = DbToLinear(rx->RxSensitivityDbm() - noiseDbm);
  const double k = std::log(0.5 / m_sensitivityBer) / snrAtSensitivity;
  return 0.5 * std::exp(-k * DbToLinear(SnrDb(tx, rx)));
}

double BleChannel::PacketErrorRate(Ptr<const BleNetDevice> tx, Ptr<const BleNetDevice> rx, uint32_t bits) const {
  const double ber = BitErrorRate(tx, rx);
  if (ber <= 0) return 0;
  return -std::expm1(static_cast<double>(bits) * std::log1p(-ber));
}

bool BleChannel::DrawLoss(Ptr<const BleNetDevice> tx, Ptr<const BleNetDevice> rx, uint32_t bits) {
  const double per = PacketErrorRate(tx, rx, bits);
  if (per <= 0) return false;
  return m_uniform->GetValue() < per;
}

int64_t BleChannel::AssignStreams(int64_t stream) {
  m_uniform->SetStream(stream);
  return 1;
}

void BleChannel::DoDispose() {
  m_devices.clear();
  m_loss = nullptr;
  Channel::DoDispose();
}

}  // namespace ns3
