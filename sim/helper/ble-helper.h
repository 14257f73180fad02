#pragma once
// Helpers in the ns-3 manner: a scenario reads like a recipe. BleHelper makes
// the channel, installs BLE devices and connects peripherals to a central;
// BleRadioEnergyModelHelper and McuEnergyModelHelper put the energy models on
// a node's energy source.
#include "ns3/energy-model-helper.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include "ns3/ble-central-link-layer.h"
#include "ns3/ble-channel.h"
#include "ns3/ble-net-device.h"
#include "ns3/ble-peripheral-link-layer.h"
#include "ns3/ble-pcap-writer.h"
#include "ns3/ble-radio-energy-model.h"
#include "ns3/mcu-energy-model.h"

namespace ns3 {

class BleHelper {
 public:
  BleHelper();
  void SetDeviceAttribute(std::string name, const AttributeValue& value);
  // An Attribute of the installed devices' link layers: of both roles
  // (BleLinkLayer's) or of the one role that has it (BleCentralLinkLayer's,
  // BlePeripheralLinkLayer's).
  void SetLinkLayerAttribute(std::string name, const AttributeValue& value);
  // An Attribute of every installed device's radio (BlePhy).
  void SetPhyAttribute(std::string name, const AttributeValue& value);
  // A channel with log-distance path loss (exponent, loss at 1 m).
  Ptr<BleChannel> CreateChannel(double pathLossExponent, double referenceLossDb) const;
  // A channel with any loss model (a buildings-aware one, for instance).
  Ptr<BleChannel> CreateChannel(Ptr<PropagationLossModel> loss) const;
  NetDeviceContainer Install(NodeContainer nodes, BleNetDevice::Role role, Ptr<BleChannel> channel) const;
  // Links the peripherals to the central and gives each its slot.
  void Connect(Ptr<NetDevice> central, NetDeviceContainer peripherals) const;
  // A pcap capture (Wireshark's Bluetooth LE link type) of every packet the
  // device's radio sends or receives, written to `filename` in time order by
  // the writer's Write, to be called after Simulator::Run. On a central it
  // includes its links' idle events up to then. (A writer still unwritten
  // writes at Simulator::Destroy, when the nodes are gone: without the idle
  // events of stretches still open.)
  Ptr<BlePcapWriter> EnablePcap(std::string filename, Ptr<NetDevice> device) const;

 private:
  ObjectFactory m_deviceFactory;
  std::vector<std::pair<std::string, Ptr<AttributeValue>>> m_linkLayerAttributes;
  std::vector<std::pair<std::string, Ptr<AttributeValue>>> m_phyAttributes;
};

class BleRadioEnergyModelHelper : public DeviceEnergyModelHelper {
 public:
  BleRadioEnergyModelHelper();
  void Set(std::string name, const AttributeValue& v) override;
  // A model with these attributes, attached to nothing yet (a fog node's
  // radio on one link is fed by a BleCentralRadio, not by a device).
  Ptr<BleRadioEnergyModel> Create() const { return m_radioEnergy.Create<BleRadioEnergyModel>(); }

 private:
  Ptr<DeviceEnergyModel> DoInstall(Ptr<NetDevice> device, Ptr<EnergySource> source) const override;
  ObjectFactory m_radioEnergy;
};

class McuEnergyModelHelper {
 public:
  McuEnergyModelHelper();
  void Set(std::string name, const AttributeValue& v);
  Ptr<McuEnergyModel> Install(Ptr<EnergySource> source) const;

 private:
  ObjectFactory m_mcuEnergy;
};

}  // namespace ns3
