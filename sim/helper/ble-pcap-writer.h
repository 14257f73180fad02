#pragma once
// A pcap capture of what one BLE radio sent and received, in the link type
// Wireshark reads for Bluetooth LE (LINKTYPE_BLUETOOTH_LE_LL_WITH_PHDR, 256):
// each packet with its RF channel, its power at this radio, the access
// address, the PDU (header with LLID, NESN, SN, MD and length; payload) and
// a CRC-24 computed from the connection's CRC initialisation value.
//
// Packets are reported to the radio's "Sniffer" trace source when they are
// decided, which is not always in the order they go on the air (a data event
// is decided at its start, idle events accounted in closed form when their
// stretch ends), so the writer keeps them and writes the file in time order
// when asked (Write, after Simulator::Run; it first asks the radio's link
// layer for the idle events of stretches still open). A writer not asked
// writes at Simulator::Destroy, after ns-3 has disposed of the nodes, so
// without those. A capture is meant for short runs: it holds every packet in
// memory until it is written.
//
// Links connected at set-up had no CONNECT_IND on the air; the link layer
// announces one at t = 0 so the capture can follow the link, and the writer
// adds the ATT MTU exchange the set-up would have made (the model assumes
// the MTU agreed), so that Wireshark reads notifications longer than the
// default 23 bytes without warnings. These are the only packets in a capture
// that the simulation did not put on the air.
//
// Sequence numbers follow the Core specification's acknowledgement scheme
// (Vol 6 Part B 4.5.9) from the fates: a receiver takes a packet's SN and
// NESN into account only when it received the packet, so a lost packet is
// sent again with the same SN, as the link layer does.
//
// Wireshark checks the CRC of advertising-channel packets itself (their CRC
// initialisation value is fixed), so on those the pseudo-header's "CRC
// checked" flag is clear when the fog node decoded the packet; data-channel
// packets carry the receiver's verdict ("CRC checked", and "CRC valid" when
// it decoded the packet), because the dissector does not take a connection's
// CRC initialisation value from its CONNECT_IND. Encrypted packets are
// written decrypted, without their MIC, as the pseudo-header's "decrypted"
// flag allows.
#include "ns3/ble-frame.h"
#include "ns3/ble-phy.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <array>
#include <string>
#include <vector>

namespace ns3 {

class BlePcapWriter : public SimpleRefCount<BlePcapWriter> {
 public:
  // Listens to `phy` from now on; the file is written at Write or when the simulator is destroyed.
  BlePcapWriter(std::string filename, Ptr<BlePhy> phy);

  // Writes the file (once): every packet up to now, in the order they went on the air.
  void Write();
  // Packets written per RF channel (0-39); complete after Write.
  const std::array<uint64_t, 40>& GetPacketsByRfChannel() const { return m_packetsByRfChannel; }

 private:
  // What a record's payload is: the frame's own, or one of the ATT MTU
  // exchange written after an announced CONNECT_IND.
  enum class Content : uint8_t { FRAME, MTU_REQUEST, MTU_RESPONSE };
  struct Record {
    BleFrame frame;
    bool lost;
    double powerDbm;
    Content content = Content::FRAME;
  };
  void Sniff(const BleFrame& frame, const BleReception& fate, double powerDbm);
  void AddMtuExchange(const BleFrame& connectInd, double powerDbm);

  std::string m_filename;
  Ptr<BlePhy> m_phy;
  bool m_written = false;
  std::vector<Record> m_records;
  std::array<uint64_t, 40> m_packetsByRfChannel{};
};

}  // namespace ns3
