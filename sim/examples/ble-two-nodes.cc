// A plain ns-3 program using only ns-3 and the BLE module: one central (a fog
// node) and one peripheral (a wearable) 2 m apart, the peripheral sending a
// 600-byte SDU every second over a 30 ms connection. Prints the radio energy
// the peripheral spent and what the central received.
//
//   ble-two-nodes [--distanceM=2] [--sduBytes=600] [--durationS=10]
#include "ns3/basic-energy-source.h"
#include "ns3/ble-module.h"
#include "ns3/command-line.h"
#include "ns3/constant-position-mobility-model.h"
#include "ns3/core-module.h"
#include "ns3/node-container.h"
#include "ns3/packet.h"

#include <iostream>

using namespace ns3;

namespace {

uint64_t g_receivedBytes = 0;

bool Receive(Ptr<NetDevice>, Ptr<const Packet> packet, uint16_t, const Address&) {
  g_receivedBytes += packet->GetSize();
  return true;
}

void Place(Ptr<Node> node, double xM) {
  Ptr<ConstantPositionMobilityModel> mobility = CreateObject<ConstantPositionMobilityModel>();
  mobility->SetPosition(Vector(xM, 0, 0));
  node->AggregateObject(mobility);
}

void SendEverySecond(Ptr<NetDevice> device, uint32_t bytes) {
  device->Send(Create<Packet>(bytes), Address(), 0);
  Simulator::Schedule(Seconds(1), &SendEverySecond, device, bytes);
}

}  // namespace

int main(int argc, char* argv[]) {
  double distanceM = 2;
  uint32_t sduBytes = 600;
  double durationS = 10;
  CommandLine cmd(__FILE__);
  cmd.AddValue("distanceM", "distance between the two nodes (m)", distanceM);
  cmd.AddValue("sduBytes", "bytes the peripheral sends each second", sduBytes);
  cmd.AddValue("durationS", "simulated seconds", durationS);
  cmd.Parse(argc, argv);

  NodeContainer central;
  NodeContainer peripheral;
  central.Create(1);
  peripheral.Create(1);
  Place(central.Get(0), 0);
  Place(peripheral.Get(0), distanceM);

  BleHelper ble;
  ble.SetLinkLayerAttribute("ConnectionInterval", TimeValue(MilliSeconds(30)));
  Ptr<BleChannel> channel = ble.CreateChannel(3.0, 40.05);
  NetDeviceContainer centralDevice = ble.Install(central, BleNetDevice::CENTRAL, channel);
  NetDeviceContainer peripheralDevice = ble.Install(peripheral, BleNetDevice::PERIPHERAL, channel);
  ble.Connect(centralDevice.Get(0), peripheralDevice);
  centralDevice.Get(0)->SetReceiveCallback(MakeCallback(&Receive));

  Ptr<BasicEnergySource> battery = CreateObject<BasicEnergySource>();
  battery->SetAttribute("BasicEnergySourceInitialEnergyJ", DoubleValue(100.0));
  battery->SetAttribute("BasicEnergySupplyVoltageV", DoubleValue(3.0));
  battery->SetNode(peripheral.Get(0));
  peripheral.Get(0)->AggregateObject(battery);
  BleRadioEnergyModelHelper radioEnergy;
  DeviceEnergyModelContainer radio = radioEnergy.Install(peripheralDevice.Get(0), battery);

  Simulator::Schedule(MilliSeconds(100), &SendEverySecond, peripheralDevice.Get(0), sduBytes);
  Simulator::Stop(Seconds(durationS));
  Simulator::Run();
  std::cout << "received " << g_receivedBytes << " bytes; peripheral radio energy "
            << radio.Get(0)->GetTotalEnergyConsumption() * 1e3 << " mJ over " << durationS << " s\n";
  Simulator::Destroy();
  return 0;
}
