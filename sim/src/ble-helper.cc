#include "fognas/sim/ble/ble-helper.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/uinteger.h"

#include <cmath>

#include "fognas/sim/ble/ble-profile-attributes.h"

#include "ns3/abort.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/node.h"
#include "ns3/propagation-loss-model.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("BleHelper");

namespace {
Time RoundedTime(double seconds) { return NanoSeconds(static_cast<int64_t>(std::llround(seconds * 1e9))); }
}  // namespace

BleHelper::BleHelper() { m_deviceFactory.SetTypeId("ns3::BleNetDevice"); }

void BleHelper::SetDeviceAttribute(std::string name, const AttributeValue& value) {
  m_deviceFactory.Set(name, value);
}

Ptr<BleChannel> BleHelper::CreateChannel(double pathLossExponent, double referenceLossDb) const {
  Ptr<LogDistancePropagationLossModel> loss = CreateObject<LogDistancePropagationLossModel>();
  loss->SetPathLossExponent(pathLossExponent);
  loss->SetReference(1.0, referenceLossDb);
  Ptr<BleChannel> channel = CreateObject<BleChannel>();
  channel->SetAttribute("PropagationLossModel", PointerValue(loss));
  return channel;
}

NetDeviceContainer BleHelper::Install(NodeContainer nodes, BleNetDevice::Role role, Ptr<BleChannel> channel) const {
  NetDeviceContainer out;
  for (auto it = nodes.Begin(); it != nodes.End(); ++it) {
    Ptr<BleNetDevice> device = m_deviceFactory.Create<BleNetDevice>();
    device->SetAttribute("Role", EnumValue(role));
    device->SetNode(*it);
    (*it)->AddDevice(device);
    device->SetChannel(channel);
    out.Add(device);
  }
  return out;
}

void BleHelper::Connect(Ptr<NetDevice> central, NetDeviceContainer peripherals) const {
  Ptr<BleNetDevice> c = DynamicCast<BleNetDevice>(central);
  for (auto it = peripherals.Begin(); it != peripherals.End(); ++it) c->AddLink(DynamicCast<BleNetDevice>(*it));
  c->ScheduleLinks();
}

void SetBleLinkAttributes(BleHelper& helper, const fognas::BleRadioParams& b, bool closedForm) {
  helper.SetDeviceAttribute("ConnectionInterval", TimeValue(RoundedTime(b.conn_interval_ms * 1e-3)));
  helper.SetDeviceAttribute("PeripheralLatency", UintegerValue(static_cast<uint32_t>(b.peripheral_latency)));
  helper.SetDeviceAttribute("Phy", EnumValue(b.phy == fognas::BlePhy::Le1M ? BLE_PHY_1M : BLE_PHY_2M));
  helper.SetDeviceAttribute("LlPayloadMaxBytes", UintegerValue(static_cast<uint32_t>(b.ll_payload_max_bytes)));
  helper.SetDeviceAttribute("PreambleBytes", UintegerValue(static_cast<uint32_t>(b.preamble_bytes)));
  helper.SetDeviceAttribute("AccessAddressBytes", UintegerValue(static_cast<uint32_t>(b.access_address_bytes)));
  helper.SetDeviceAttribute("HeaderBytes", UintegerValue(static_cast<uint32_t>(b.header_bytes)));
  helper.SetDeviceAttribute("CrcBytes", UintegerValue(static_cast<uint32_t>(b.crc_bytes)));
  helper.SetDeviceAttribute("MicBytes", UintegerValue(static_cast<uint32_t>(b.mic_bytes)));
  helper.SetDeviceAttribute("L2capAttHeaderBytes", UintegerValue(static_cast<uint32_t>(b.l2cap_att_header_bytes)));
  helper.SetDeviceAttribute("Tifs", TimeValue(RoundedTime(b.t_ifs_us * 1e-6)));
  helper.SetDeviceAttribute("EmptyAcks", BooleanValue(b.empty_acks));
  helper.SetDeviceAttribute("MaxEventLength", TimeValue(RoundedTime(b.max_event_length_ms * 1e-3)));
  helper.SetDeviceAttribute("RampUpTime", TimeValue(RoundedTime(b.ramp_up_us * 1e-6)));
  helper.SetDeviceAttribute("TxPowerDbm", DoubleValue(b.tx_power_dbm));
  helper.SetDeviceAttribute("RxSensitivityDbm", DoubleValue(b.rx_sensitivity_dbm));
  helper.SetDeviceAttribute("NoiseFigureDb", DoubleValue(b.noise_figure_db));
  helper.SetDeviceAttribute("IdleEventsInClosedForm", BooleanValue(closedForm));
}

void SetBleRadioEnergyAttributes(BleRadioEnergyModelHelper& helper, const fognas::BleRadioParams& ble) {
  helper.Set("SleepCurrentA", DoubleValue(ble.sleep_current_ua * 1e-6));
  helper.Set("RampCurrentA", DoubleValue(ble.ramp_current_ma * 1e-3));
  helper.Set("TxCurrentA", DoubleValue(ble.tx_current_ma * 1e-3));
  helper.Set("RxCurrentA", DoubleValue(ble.rx_current_ma * 1e-3));
  helper.Set("IdleCurrentA", DoubleValue(ble.idle_current_ma * 1e-3));
  helper.Set("SupplyVoltageV", DoubleValue(ble.supply_v));
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

}  // namespace ns3
