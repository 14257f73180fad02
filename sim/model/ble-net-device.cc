#include "ble-net-device.h"

#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/pointer.h"

#include "ble-central-link-layer.h"
#include "ble-peripheral-link-layer.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("BleNetDevice");
NS_OBJECT_ENSURE_REGISTERED(BleNetDevice);

TypeId BleNetDevice::GetTypeId() {
  static TypeId tid = TypeId("ns3::BleNetDevice")
                          .SetParent<NetDevice>()
                          .SetGroupName("Ble")
                          .AddConstructor<BleNetDevice>()
                          .AddAttribute("Role", "Central (fog node) or peripheral (wearable): which link layer it has.",
                                        EnumValue(BleLinkLayer::PERIPHERAL), MakeEnumAccessor(&BleNetDevice::m_role),
                                        MakeEnumChecker(BleLinkLayer::CENTRAL, "Central", BleLinkLayer::PERIPHERAL,
                                                        "Peripheral"))
                          .AddAttribute("LinkLayer", "The device's link layer (connections and their events).",
                                        PointerValue(), MakePointerAccessor(&BleNetDevice::m_ll),
                                        MakePointerChecker<BleLinkLayer>())
                          .AddAttribute("Radio", "The device's radio state machine.", PointerValue(),
                                        MakePointerAccessor(&BleNetDevice::m_radio), MakePointerChecker<BlePhy>());
  return tid;
}

// The order of construction (address, radio, link layer with its random
// stream) is the order ns-3 hands out addresses and automatic streams in.
BleNetDevice::BleNetDevice() : m_address(Mac48Address::Allocate()), m_radio(CreateObject<BlePhy>()) {
  NS_LOG_FUNCTION(this);
  m_radio->SetDevice(this);
}

// The link layer of the device's role, once its attributes are set.
void BleNetDevice::NotifyConstructionCompleted() {
  NetDevice::NotifyConstructionCompleted();
  if (m_role == BleLinkLayer::CENTRAL)
    m_ll = CreateObject<BleCentralLinkLayer>();
  else
    m_ll = CreateObject<BlePeripheralLinkLayer>();
  m_ll->SetPhy(m_radio);
  m_ll->SetAddress(m_address);
  m_ll->SetSduReceivedCallback(MakeCallback(&BleNetDevice::ReceiveSdu, this));
  m_ll->SetLinkChangeCallback(MakeCallback(&BleNetDevice::LinkChanged, this));
}

void BleNetDevice::SetChannel(Ptr<BleChannel> channel) {
  m_channel = channel;
  m_ll->SetChannel(channel);
  m_radio->SetChannel(channel);
  channel->Add(m_radio);
}

void BleNetDevice::AddRadioListener(BleRadioListener* listener) { m_radio->AddListener(listener); }

void BleNetDevice::ReceiveSdu(Ptr<Packet> packet, uint16_t protocol, Mac48Address from) {
  NS_LOG_FUNCTION(this << packet->GetSize() << from);
  if (!m_promiscCallback.IsNull())
    m_promiscCallback(this, packet, protocol, from, m_address, NetDevice::PACKET_HOST);
  if (!m_rxCallback.IsNull()) m_rxCallback(this, packet, protocol, from);
}

void BleNetDevice::LinkChanged() {
  for (auto& cb : m_linkChangeCallbacks) cb();
}

void BleNetDevice::DoInitialize() {
  m_ll->Initialize();
  NetDevice::DoInitialize();
}

void BleNetDevice::DoDispose() {
  m_node = nullptr;
  m_channel = nullptr;
  m_ll->Dispose();
  m_ll = nullptr;
  m_radio->Dispose();
  m_radio = nullptr;
  m_rxCallback = MakeNullCallback<bool, Ptr<NetDevice>, Ptr<const Packet>, uint16_t, const Address&>();
  NetDevice::DoDispose();
}

bool BleNetDevice::Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber) {
  (void)dest;  // a peripheral has one peer: its central
  return m_ll->Send(packet, protocolNumber);
}

bool BleNetDevice::SendFrom(Ptr<Packet> packet, const Address&, const Address& dest, uint16_t protocolNumber) {
  return Send(packet, dest, protocolNumber);
}

void BleNetDevice::SetIfIndex(const uint32_t index) { m_ifIndex = index; }
uint32_t BleNetDevice::GetIfIndex() const { return m_ifIndex; }
Ptr<Channel> BleNetDevice::GetChannel() const { return m_channel; }
void BleNetDevice::SetAddress(Address address) {
  m_address = Mac48Address::ConvertFrom(address);
  m_ll->SetAddress(m_address);
}
Address BleNetDevice::GetAddress() const { return m_address; }
bool BleNetDevice::SetMtu(const uint16_t mtu) {
  m_mtu = mtu;
  return true;
}
uint16_t BleNetDevice::GetMtu() const { return m_mtu; }
bool BleNetDevice::IsLinkUp() const { return m_ll->IsConnected(); }
void BleNetDevice::AddLinkChangeCallback(Callback<void> callback) { m_linkChangeCallbacks.push_back(callback); }
bool BleNetDevice::IsBroadcast() const { return false; }
Address BleNetDevice::GetBroadcast() const { return Mac48Address::GetBroadcast(); }
bool BleNetDevice::IsMulticast() const { return false; }
Address BleNetDevice::GetMulticast(Ipv4Address) const { return Mac48Address::GetMulticast(Ipv4Address()); }
Address BleNetDevice::GetMulticast(Ipv6Address addr) const { return Mac48Address::GetMulticast(addr); }
bool BleNetDevice::IsBridge() const { return false; }
bool BleNetDevice::IsPointToPoint() const { return true; }
Ptr<Node> BleNetDevice::GetNode() const { return m_node; }
void BleNetDevice::SetNode(Ptr<Node> node) {
  m_node = node;
  m_ll->SetNode(node);
  m_radio->SetNode(node);
}
bool BleNetDevice::NeedsArp() const { return false; }
void BleNetDevice::SetReceiveCallback(NetDevice::ReceiveCallback cb) { m_rxCallback = cb; }
void BleNetDevice::SetPromiscReceiveCallback(PromiscReceiveCallback cb) { m_promiscCallback = cb; }
bool BleNetDevice::SupportsSendFrom() const { return false; }

}  // namespace ns3
