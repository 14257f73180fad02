#pragma once
// A Bluetooth Low Energy device as an ns-3 NetDevice: the top of the stack
// PHY (BlePhy) <- link layer (BleCentralLinkLayer or BlePeripheralLinkLayer,
// by its "Role" attribute) <- NetDevice. It owns the radio and the link
// layer, wires them to each other, to the node and to the channel,
// hands SDUs down to the link layer and what the central's link layer
// receives up to the node. Everything about connections (anchors, events,
// resends, window widening, link state) is the link layer's; its Attributes
// and trace sources are reached through GetLinkLayer() or the "LinkLayer"
// attribute path.
#include "ns3/mac48-address.h"
#include "ns3/net-device.h"
#include "ns3/packet.h"

#include <vector>

#include "ble-channel.h"
#include "ble-link-layer.h"
#include "ble-phy.h"
#include "ble-radio-listener.h"

namespace ns3 {

class BleNetDevice : public NetDevice {
 public:
  // The role picks the link layer; kept here so that helpers read naturally.
  using Role = BleLinkLayer::Role;
  static constexpr Role CENTRAL = BleLinkLayer::CENTRAL;
  static constexpr Role PERIPHERAL = BleLinkLayer::PERIPHERAL;

  static TypeId GetTypeId();
  BleNetDevice();

  Ptr<BleLinkLayer> GetLinkLayer() const { return m_ll; }
  Role GetRole() const { return m_role; }
  // The radio's state machine (its "State" trace source shows every transition).
  Ptr<BlePhy> GetRadio() const { return m_radio; }
  void SetChannel(Ptr<BleChannel> channel);
  void AddRadioListener(BleRadioListener* listener);
  // Battery empty: the link goes down, the radio draws nothing.
  void Disable() { m_ll->Disable(); }

  // --- NetDevice ---
  void SetIfIndex(const uint32_t index) override;
  uint32_t GetIfIndex() const override;
  Ptr<Channel> GetChannel() const override;
  void SetAddress(Address address) override;
  Address GetAddress() const override;
  bool SetMtu(const uint16_t mtu) override;
  uint16_t GetMtu() const override;
  bool IsLinkUp() const override;
  void AddLinkChangeCallback(Callback<void> callback) override;
  bool IsBroadcast() const override;
  Address GetBroadcast() const override;
  bool IsMulticast() const override;
  Address GetMulticast(Ipv4Address multicastGroup) const override;
  Address GetMulticast(Ipv6Address addr) const override;
  bool IsBridge() const override;
  bool IsPointToPoint() const override;
  // Peripheral: queue one SDU (the whole tensor) for the central.
  bool Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber) override;
  bool SendFrom(Ptr<Packet> packet, const Address& source, const Address& dest, uint16_t protocolNumber) override;
  Ptr<Node> GetNode() const override;
  void SetNode(Ptr<Node> node) override;
  bool NeedsArp() const override;
  void SetReceiveCallback(NetDevice::ReceiveCallback cb) override;
  void SetPromiscReceiveCallback(PromiscReceiveCallback cb) override;
  bool SupportsSendFrom() const override;

 private:
  void NotifyConstructionCompleted() override;
  void DoInitialize() override;
  void DoDispose() override;
  void ReceiveSdu(Ptr<Packet> packet, uint16_t protocol, Mac48Address from);
  void LinkChanged();

  Ptr<Node> m_node;
  Ptr<BleChannel> m_channel;
  uint32_t m_ifIndex = 0;
  Mac48Address m_address;
  uint16_t m_mtu = 65535;
  NetDevice::ReceiveCallback m_rxCallback;
  NetDevice::PromiscReceiveCallback m_promiscCallback;
  std::vector<Callback<void>> m_linkChangeCallbacks;
  BleLinkLayer::Role m_role = BleLinkLayer::PERIPHERAL;
  Ptr<BlePhy> m_radio;
  Ptr<BleLinkLayer> m_ll;  // of the role's class, made once the attributes are set
};

}  // namespace ns3
