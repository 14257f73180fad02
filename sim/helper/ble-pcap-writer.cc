#include "ble-pcap-writer.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/pcap-file-wrapper.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "ns3/ble-channel-selection.h"
#include "ns3/ble-ll-pdu.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("BlePcapWriter");

namespace {
// The ATT handle the wearable notifies its data on.
constexpr uint16_t kDataHandle = 0x0012;

// AdvData of `bytes`: the Flags structure (LE General Discoverable, no
// BR/EDR), then the device's name ("fognas-wearable...", as long as fills
// what is left).
std::vector<uint8_t> AdvertisingData(uint32_t bytes) {
  std::vector<uint8_t> d;
  if (bytes >= 3) d = {0x02, 0x01, 0x06};
  const uint32_t left = bytes - static_cast<uint32_t>(d.size());
  if (left >= 3) {
    const std::string name = "fognas-wearable";
    d.push_back(static_cast<uint8_t>(left - 1));
    d.push_back(left - 2 >= name.size() ? 0x09 : 0x08);  // complete or shortened local name
    for (uint32_t i = 0; i < left - 2; ++i) d.push_back(static_cast<uint8_t>(i < name.size() ? name[i] : '-'));
  }
  d.resize(bytes, 0x00);  // zero-length structures end the data
  return d;
}

int8_t PowerField(double dbm) { return static_cast<int8_t>(std::clamp(std::lround(dbm), -128L, 127L)); }

// Both ends' transmit sequence number and next expected sequence number.
struct SequenceState {
  bool centralSn = false, centralNesn = false, peripheralSn = false, peripheralNesn = false;

  // The header bits of a packet from one end, then what its receiver learns from it.
  std::pair<bool, bool> Send(bool fromCentral, bool received) {
    bool& sn = fromCentral ? centralSn : peripheralSn;
    bool& nesn = fromCentral ? centralNesn : peripheralNesn;
    const std::pair<bool, bool> bits{sn, nesn};
    if (!received) return bits;
    bool& rxSn = fromCentral ? peripheralSn : centralSn;
    bool& rxNesn = fromCentral ? peripheralNesn : centralNesn;
    if (bits.first == rxNesn) rxNesn = !rxNesn;  // new data: expect the next
    if (bits.second != rxSn) rxSn = !rxSn;       // its last packet was acknowledged
    return bits;
  }
};

std::vector<uint8_t> AdvertisingPdu(const BleFrame& f) {
  if (f.kind == BlePduKind::CONNECT_IND) return BleEncodeConnectInd(f.connection);
  const uint32_t dataBytes = f.payloadBytes > 6 ? f.payloadBytes - 6 : 0;
  return BleEncodeAdvInd(f.connection.advA, false, AdvertisingData(dataBytes));
}

std::vector<uint8_t> DataPdu(const BleFrame& f, std::pair<bool, bool> sequence, bool mtuExchange, bool response) {
  BleDataHeader h{f.llid, sequence.second, sequence.first, f.moreData, 0};
  std::vector<uint8_t> payload;
  if (mtuExchange) {
    payload = BleAttExchangeMtu(response, f.attMtu);
  } else if (f.payloadBytes > 0) {
    // The notification's bytes where the simulator counts only their number
    // (an L2CAP PDU too short to hold the ATT header is written as zeros).
    if (f.l2capBytes >= 7)
      payload = BleNotificationFragment(static_cast<uint16_t>(f.l2capBytes), kDataHandle,
                                        static_cast<uint16_t>(f.l2capOffset), static_cast<uint16_t>(f.payloadBytes));
    else
      payload.assign(f.payloadBytes, 0);
  }
  return BleEncodeDataPdu(h, payload);
}
}  // namespace

BlePcapWriter::BlePcapWriter(std::string filename, Ptr<BlePhy> phy) : m_filename(std::move(filename)), m_phy(phy) {
  phy->TraceConnectWithoutContext("Sniffer", MakeCallback(&BlePcapWriter::Sniff, this));
  Simulator::ScheduleDestroy(&BlePcapWriter::Write, Ptr<BlePcapWriter>(this));
}

void BlePcapWriter::Sniff(const BleFrame& frame, const BleReception& fate, double powerDbm) {
  if (m_written) return;
  m_records.push_back({frame, fate.lost, powerDbm});
  if (frame.announced) AddMtuExchange(frame, powerDbm);
}

// Request and response in the connection's first data channel, 1.25 ms (the
// transmit window's delay) after the CONNECT_IND and T_IFS apart.
void BlePcapWriter::AddMtuExchange(const BleFrame& connectInd, double powerDbm) {
  const uint32_t mtuPduBytes = 7;  // L2CAP header, opcode, MTU
  const Time tifs = MicroSeconds(150);
  BleFrame request;
  request.kind = BlePduKind::DATA;
  request.connection = connectInd.connection;
  request.attMtu = connectInd.attMtu;
  request.channelIndex = BleCsa2Channel(0, BleChannelIdentifier(request.connection.accessAddress),
                                        request.connection.channelMap);
  request.llid = kBleLlidStart;
  request.payloadBytes = mtuPduBytes;
  request.fromCentral = true;
  request.start = connectInd.end + MicroSeconds(1250);
  request.end = request.start + m_phy->PduAirTime(2 + mtuPduBytes);
  BleFrame response = request;
  response.fromCentral = false;
  response.start = request.end + tifs;
  response.end = response.start + (request.end - request.start);
  m_records.push_back({request, false, powerDbm, Content::MTU_REQUEST});
  m_records.push_back({response, false, powerDbm, Content::MTU_RESPONSE});
}

void BlePcapWriter::Write() {
  if (m_written) return;
  m_phy->FlushSniffers();
  m_written = true;
  m_phy->TraceDisconnectWithoutContext("Sniffer", MakeCallback(&BlePcapWriter::Sniff, this));
  std::stable_sort(m_records.begin(), m_records.end(),
                   [](const Record& a, const Record& b) { return a.frame.start < b.frame.start; });
  Ptr<PcapFileWrapper> file = CreateObject<PcapFileWrapper>();
  file->SetAttribute("NanosecMode", BooleanValue(true));
  file->Open(m_filename, std::ios::out | std::ios::binary);
  NS_ABORT_MSG_IF(file->Fail(), "cannot write " << m_filename);
  file->Init(kBlePcapLinkType);
  std::map<uint32_t, SequenceState> sequences;  // by access address
  const BlePhyMode mode = m_phy->GetMode();
  const bool coded = mode == BLE_PHY_CODED_S2 || mode == BLE_PHY_CODED_S8;
  const uint16_t phyField = coded ? kBlePhdrPhyCoded : mode == BLE_PHY_2M ? kBlePhdrPhy2M : 0;
  const int codingIndicator = coded ? (mode == BLE_PHY_CODED_S2 ? 1 : 0) : -1;
  for (const Record& r : m_records) {
    const BleFrame& f = r.frame;
    BlePhdr phdr;
    phdr.rfChannel = BleRfChannel(f.channelIndex);
    phdr.signalDbm = PowerField(r.powerDbm);
    phdr.flags = kBlePhdrDewhitened | kBlePhdrSignalPowerValid | kBlePhdrRefAccessAddressValid | phyField;
    std::vector<uint8_t> pdu;
    uint32_t accessAddress = kBleAdvertisingAccessAddress, crcInit = kBleAdvertisingCrcInit;
    if (f.kind == BlePduKind::DATA) {
      accessAddress = f.connection.accessAddress;
      crcInit = f.connection.crcInit;
      pdu = DataPdu(f, sequences[accessAddress].Send(f.fromCentral, !r.lost), r.content != Content::FRAME,
                    r.content == Content::MTU_RESPONSE);
      phdr.flags |= f.fromCentral ? kBlePhdrPduCentralToPeripheral : kBlePhdrPduPeripheralToCentral;
      phdr.flags |= kBlePhdrCrcChecked | (r.lost ? 0 : kBlePhdrCrcValid);
      if (f.micBytes > 0 && f.payloadBytes > 0)
        phdr.flags |= kBlePhdrDecrypted | kBlePhdrMicChecked | (r.lost ? 0 : kBlePhdrMicValid);
    } else {
      pdu = AdvertisingPdu(f);
      if (f.kind == BlePduKind::CONNECT_IND && !r.lost) sequences.erase(f.connection.accessAddress);
      // Wireshark 4.0's own check of coded packets does not agree with the
      // specification's CRC over the PDU: on the coded PHY every packet
      // carries the receiver's verdict.
      if (r.lost || coded) phdr.flags |= kBlePhdrCrcChecked | (r.lost ? 0 : kBlePhdrCrcValid);
    }
    phdr.referenceAccessAddress = accessAddress;
    const std::vector<uint8_t> bytes = BleEncodePcapRecord(phdr, accessAddress, pdu, crcInit, codingIndicator);
    file->Write(f.start, bytes.data(), static_cast<uint32_t>(bytes.size()));
    ++m_packetsByRfChannel[phdr.rfChannel];
  }
  file->Close();
  NS_ABORT_MSG_IF(file->Fail(), "cannot write " << m_filename);
  NS_LOG_INFO(m_records.size() << " packets written to " << m_filename);
  m_records.clear();
  m_records.shrink_to_fit();
}

}  // namespace ns3
