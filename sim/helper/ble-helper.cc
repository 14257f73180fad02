#include "ns3/ble-helper.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/uinteger.h"

#include <cmath>

#include "ns3/abort.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/node.h"
#include "ns3/propagation-loss-model.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("BleHelper");

BleHelper::BleHelper() { m_deviceFactory.SetTypeId("ns3::BleNetDevice"); }

void BleHelper::SetDeviceAttribute(std::string name, const AttributeValue& value) {
  m_deviceFactory.Set(name, value);
}

// An attribute of either role's link layer; each device takes those its own
// link layer has (the ones both roles share go to every device).
void BleHelper::SetLinkLayerAttribute(std::string name, const AttributeValue& value) {
  TypeId::AttributeInformation info;
  NS_ABORT_MSG_UNLESS(BleCentralLinkLayer::GetTypeId().LookupAttributeByName(name, &info) ||
                          BlePeripheralLinkLayer::GetTypeId().LookupAttributeByName(name, &info),
                      "no BLE link layer has an attribute " << name);
  m_linkLayerAttributes.emplace_back(name, value.Copy());
}

void BleHelper::SetPhyAttribute(std::string name, const AttributeValue& value) {
  TypeId::AttributeInformation info;
  NS_ABORT_MSG_UNLESS(BlePhy::GetTypeId().LookupAttributeByName(name, &info), "BlePhy has no attribute " << name);
  m_phyAttributes.emplace_back(name, value.Copy());
}

Ptr<BleChannel> BleHelper::CreateChannel(double pathLossExponent, double referenceLossDb) const {
  Ptr<LogDistancePropagationLossModel> loss = CreateObject<LogDistancePropagationLossModel>();
  loss->SetPathLossExponent(pathLossExponent);
  loss->SetReference(1.0, referenceLossDb);
  return CreateChannel(loss);
}

Ptr<BleChannel> BleHelper::CreateChannel(Ptr<PropagationLossModel> loss) const {
  Ptr<BleChannel> channel = CreateObject<BleChannel>();
  channel->SetAttribute("PropagationLossModel", PointerValue(loss));
  return channel;
}

NetDeviceContainer BleHelper::Install(NodeContainer nodes, BleNetDevice::Role role, Ptr<BleChannel> channel) const {
  NetDeviceContainer out;
  ObjectFactory factory = m_deviceFactory;
  factory.Set("Role", EnumValue(role));
  for (auto it = nodes.Begin(); it != nodes.End(); ++it) {
    Ptr<BleNetDevice> device = factory.Create<BleNetDevice>();
    Ptr<BleLinkLayer> ll = device->GetLinkLayer();
    TypeId::AttributeInformation info;
    for (const auto& a : m_linkLayerAttributes)
      if (ll->GetInstanceTypeId().LookupAttributeByName(a.first, &info)) ll->SetAttribute(a.first, *a.second);
    for (const auto& a : m_phyAttributes) device->GetRadio()->SetAttribute(a.first, *a.second);
    device->SetNode(*it);
    (*it)->AddDevice(device);
    device->SetChannel(channel);
    out.Add(device);
  }
  return out;
}

void BleHelper::Connect(Ptr<NetDevice> central, NetDeviceContainer peripherals) const {
  Ptr<BleCentralLinkLayer> c = DynamicCast<BleCentralLinkLayer>(DynamicCast<BleNetDevice>(central)->GetLinkLayer());
  NS_ABORT_MSG_UNLESS(c, "Connect: the first device must be a central");
  for (auto it = peripherals.Begin(); it != peripherals.End(); ++it)
    c->AddLink(DynamicCast<BleNetDevice>(*it)->GetLinkLayer());
  c->ScheduleLinks();
}

BleRadioEnergyModelHelper::BleRadioEnergyModelHelper() { m_radioEnergy.SetTypeId("ns3::BleRadioEnergyModel"); }

void BleRadioEnergyModelHelper::Set(std::string name, const AttributeValue& v) { m_radioEnergy.Set(name, v); }

Ptr<DeviceEnergyModel> BleRadioEnergyModelHelper::DoInstall(Ptr<NetDevice> device, Ptr<EnergySource> source) const {
  Ptr<BleNetDevice> ble = DynamicCast<BleNetDevice>(device);
  NS_ABORT_MSG_UNLESS(ble, "BleRadioEnergyModelHelper installs on BleNetDevices only");
  Ptr<BleRadioEnergyModel> model = m_radioEnergy.Create<BleRadioEnergyModel>();
  model->SetEnergySource(source);
  source->AppendDeviceEnergyModel(model);
  ble->AddRadioListener(PeekPointer(model));
  model->SetEnergyDepletionCallback(MakeCallback(&BleNetDevice::Disable, ble));
  return model;
}

McuEnergyModelHelper::McuEnergyModelHelper() { m_mcuEnergy.SetTypeId("ns3::McuEnergyModel"); }

void McuEnergyModelHelper::Set(std::string name, const AttributeValue& v) { m_mcuEnergy.Set(name, v); }

Ptr<McuEnergyModel> McuEnergyModelHelper::Install(Ptr<EnergySource> source) const {
  Ptr<McuEnergyModel> model = m_mcuEnergy.Create<McuEnergyModel>();
  model->SetEnergySource(source);
  source->AppendDeviceEnergyModel(model);
  return model;
}

Ptr<BlePcapWriter> BleHelper::EnablePcap(std::string filename, Ptr<NetDevice> device) const {
  Ptr<BleNetDevice> ble = DynamicCast<BleNetDevice>(device);
  NS_ABORT_MSG_IF(!ble, "EnablePcap: not a BleNetDevice");
  return Create<BlePcapWriter>(std::move(filename), ble->GetRadio());
}

}  // namespace ns3
