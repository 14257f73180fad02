#pragma once
// The air between BLE devices: log-distance path loss (or any ns-3
// PropagationLossModel) between the nodes' mobility models, thermal noise plus
// the receiver's noise figure, and a GFSK bit error rate that turns into a
// packet error rate. Receivers are characterised by their sensitivity: the
// bit error rate is 0.5 exp(-k SNR) with k chosen so that a signal at the
// sensitivity level gives the BLE specification's 0.1 % bit error rate.
#include "ns3/channel.h"
#include "ns3/propagation-loss-model.h"
#include "ns3/random-variable-stream.h"

#include <vector>

namespace ns3 {

class BleNetDevice;

class BleChannel : public Channel {
 public:
  static TypeId GetTypeId();
  BleChannel();

  void Add(Ptr<BleNetDevice> device);
  std::size_t GetNDevices() const override;
  Ptr<NetDevice> GetDevice(std::size_t i) const override;

  double RxPowerDbm(Ptr<const BleNetDevice> tx, Ptr<const BleNetDevice> rx) const;
  double SnrDb(Ptr<const BleNetDevice> tx, Ptr<const BleNetDevice> rx) const;
  double BitErrorRate(Ptr<const BleNetDevice> tx, Ptr<const BleNetDevice> rx) const;
  // Probability that a packet of `bits` on-air bits is received with a CRC error.
  double PacketErrorRate(Ptr<const BleNetDevice> tx, Ptr<const BleNetDevice> rx, uint32_t bits) const;
  // Draws whether a packet is lost.
  bool DrawLoss(Ptr<const BleNetDevice> tx, Ptr<const BleNetDevice> rx, uint32_t bits);

  int64_t AssignStreams(int64_t stream);

 private:
  void DoDispose() override;

  std::vector<Ptr<BleNetDevice>> m_devices;
  Ptr<PropagationLossModel> m_loss;
  Ptr<UniformRandomVariable> m_uniform;
  double m_sensitivityBer;
};

}  // namespace ns3
