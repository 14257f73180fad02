// A plain ns-3 program using only ns-3 and the BLE module that writes a pcap
// capture Wireshark reads: one central (a fog node) and three peripherals
// (wearables) at 2, 10 and 42 m, each sending a 600-byte SDU every second
// over a 30 ms connection. The farthest link loses packets, so the capture
// shows retransmissions and packets with bad CRCs.
//
//   ble-capture [--pcapFile=ble-capture.pcap] [--durationS=5]
//   wireshark ble-capture.pcap      (or: tshark -r ble-capture.pcap)
#include "ns3/ble-module.h"
#include "ns3/command-line.h"
#include "ns3/constant-position-mobility-model.h"
#include "ns3/core-module.h"
#include "ns3/node-container.h"
#include "ns3/packet.h"

#include <iostream>

using namespace ns3;

namespace {

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
  std::string pcapFile = "ble-capture.pcap";
  double durationS = 5;
  CommandLine cmd(__FILE__);
  cmd.AddValue("pcapFile", "where the central's capture goes", pcapFile);
  cmd.AddValue("durationS", "simulated seconds", durationS);
  cmd.Parse(argc, argv);

  NodeContainer central;
  NodeContainer peripherals;
  central.Create(1);
  peripherals.Create(3);
  Place(central.Get(0), 0);
  const double distancesM[] = {2, 10, 42};
  for (uint32_t i = 0; i < peripherals.GetN(); ++i) Place(peripherals.Get(i), distancesM[i]);

  BleHelper ble;
  ble.SetLinkLayerAttribute("ConnectionInterval", TimeValue(MilliSeconds(30)));
  ble.SetPhyAttribute("RxSensitivityDbm", DoubleValue(-90.0));
  Ptr<BleChannel> channel = ble.CreateChannel(3.0, 40.05);
  NetDeviceContainer centralDevice = ble.Install(central, BleNetDevice::CENTRAL, channel);
  NetDeviceContainer peripheralDevices = ble.Install(peripherals, BleNetDevice::PERIPHERAL, channel);
  ble.Connect(centralDevice.Get(0), peripheralDevices);
  // Every packet the central sends or receives, idle connection events included.
  Ptr<BlePcapWriter> capture = ble.EnablePcap(pcapFile, centralDevice.Get(0));

  for (uint32_t i = 0; i < peripheralDevices.GetN(); ++i)
    Simulator::Schedule(MilliSeconds(100 + 7 * i), &SendEverySecond, peripheralDevices.Get(i), 600);
  Simulator::Stop(Seconds(durationS));
  Simulator::Run();
  capture->Write();
  uint64_t packets = 0;
  for (uint64_t n : capture->GetPacketsByRfChannel()) packets += n;
  std::cout << packets << " packets written to " << pcapFile << "\n";
  Simulator::Destroy();
  return 0;
}
