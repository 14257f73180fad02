#pragma once
// The BLE radio, the lowest layer of the module (as LrWpanPhy is for
// 802.15.4). It owns what is the radio's: the LE PHY it runs (1M, 2M, Coded
// S=2 or S=8) and so every packet's air time and decoded bits, its transmit
// power, its receiver (sensitivity and noise figure) and so the decision
// whether a packet at a given SINR is received, and its state.
//
// The link layer decides when the radio ramps up, receives, transmits, waits
// T_IFS between packets or sleeps; the PHY holds that state, reports every
// transition through the "State" trace source and hands it to its
// BleRadioListeners (the energy model). Stretches of idle connection events
// are passed on as one notification, so the energy model can account them in
// closed form.
//
// A packet goes on the air through Transmit: the channel (which sees only
// PHYs) works out the wanted signal and the interference at the receiving
// PHY, and the receiver decides the packet's fate. Both PHYs report the
// packet and its fate through their "Sniffer" trace source, which the pcap
// tracing of BleHelper listens to.
#include "ns3/mobility-model.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <cmath>
#include <vector>

#include "ble-frame.h"
#include "ble-radio-listener.h"

namespace ns3 {

// A power ratio (or power, dBm to mW) from decibels.
inline double BleDbToLinear(double db) { return std::pow(10.0, db / 10.0); }

class BleChannel;

// LE 1M, LE 2M, and LE Coded with S=2 (500 kb/s) or S=8 (125 kb/s) coding.
enum BlePhyMode { BLE_PHY_1M = 0, BLE_PHY_2M = 1, BLE_PHY_CODED_S2 = 2, BLE_PHY_CODED_S8 = 3 };

class BlePhy : public Object {
 public:
  static TypeId GetTypeId();
  BlePhy();
  ~BlePhy() override;

  // --- wiring (done by BleNetDevice) ---
  void SetDevice(NetDevice* device) { m_device = device; }
  Ptr<NetDevice> GetDevice() const { return m_device; }
  void SetNode(Ptr<Node> node) { m_node = node; }
  Ptr<Node> GetNode() const { return m_node; }
  // The node's mobility model (looked up once it has one).
  MobilityModel* GetMobility() const;
  // The number the channel's keyed draws know this radio by: the DrawId
  // attribute, or the node's id where it is unset. A fleet simulated in parts
  // gives each radio its number in the whole fleet, so that its draws do not
  // depend on which other nodes a part holds.
  uint32_t DrawId() const { return m_drawId != kNodeIdDraws ? m_drawId : m_node->GetId(); }
  static constexpr uint32_t kNodeIdDraws = 0xFFFFFFFFu;
  // Its place among its channel's PHYs (the channel's bookkeeping, set when
  // the channel takes it).
  void SetChannelSlot(std::size_t slot) { m_channelSlot = slot; }
  std::size_t GetChannelSlot() const { return m_channelSlot; }
  void SetChannel(Ptr<BleChannel> channel);
  Ptr<BleChannel> GetChannel() const;

  // --- the packet on the air ---
  BlePhyMode GetMode() const { return m_mode; }
  // Air time and decoded bits of a packet whose PDU (header and payload,
  // MIC included) has `pduBytes`; on the coded PHY the decoded bits are those
  // after the preamble, before coding: a bit error in any of them loses it.
  Time PduAirTime(uint32_t pduBytes) const;
  uint32_t PduBits(uint32_t pduBytes) const;

  // --- transmitter and receiver ---
  double TxPowerDbm() const { return m_txPowerDbm; }
  double RxSensitivityDbm() const { return m_rxSensitivityDbm; }
  double NoiseFigureDb() const { return m_noiseFigureDb; }
  // 2 MHz on LE 2M; LE 1M and both codings run at 1 Msym/s.
  double BandwidthHz() const { return m_mode == BLE_PHY_2M ? 2e6 : 1e6; }
  // Thermal noise in the receiver's bandwidth plus its noise figure.
  double NoiseDbm() const;
  // The receiver's bit error rate at a signal-to-interference-and-noise
  // ratio (non-coherent FSK, fixed by the sensitivity: 0.1 % there).
  double BitErrorRate(double sinrLinear) const;
  // The probability that a packet of `bits` decoded bits has a CRC error.
  double PacketErrorRate(double sinrLinear, uint32_t bits) const;
  // The error decision: lost when the packet error rate at this SINR exceeds
  // `uniform()`, a keyed number in [0, 1) asked for only when it could be.
  // (A template: the keyed draw is asked for on every packet, without a
  // std::function's allocation.)
  template <typename Uniform>
  bool DecodeFails(double sinrLinear, uint32_t bits, Uniform&& uniform) const {
    const double per = PacketErrorRate(sinrLinear, bits);
    return per > 0 && uniform() < per;
  }

  // Puts `frame` on the air towards `receiver`: a data-channel packet meets
  // the other links' packets (SINR, capture); an advertising-channel packet
  // or one of an idle event (frame.control) is decided at its SNR alone.
  BleReception Transmit(Ptr<BlePhy> receiver, const BleFrame& frame);
  // A packet whose fate was decided without Transmit (the idle events
  // accounted in closed form), reported to the sniffers of both PHYs.
  void NotifySniffers(Ptr<BlePhy> receiver, const BleFrame& frame, const BleReception& fate);
  // Whether anyone listens to the "Sniffer" trace source.
  bool IsSniffed() const { return !m_snifferTrace.IsEmpty(); }
  // A capture about to be written asks for the packets decided but not yet
  // reported (idle events accounted in closed form) up to now; the link
  // layer above tells how.
  void SetSnifferFlushCallback(Callback<void> flush) { m_snifferFlush = flush; }
  void FlushSniffers() {
    if (!m_snifferFlush.IsNull()) m_snifferFlush();
  }

  // --- the radio's state ---
  void AddListener(BleRadioListener* listener);
  BleRadioState GetState() const { return m_state; }
  // A new state; ends an idle stretch. Ignored once the radio is off.
  void SetState(BleRadioState state);
  // From `firstStart` on, one idle event of `shape` every `period` and sleep
  // in between, until the next SetState.
  void SetIdleEvents(Time firstStart, Time period, const BleEventShape& shape);
  // One connection event of `shape` from `start` (>= now), then sleep until
  // the next notification: its states reach the listeners (the energy
  // models) as one shape to integrate in closed form instead of one
  // notification each. Only when nothing listens to the "State" trace
  // source, which then does not see the event's states (IsStateTraced).
  void SetEvent(Time start, const BleEventShape& shape);
  bool IsStateTraced() const { return !m_stateTrace.IsEmpty(); }
  // The stretch of idle events ends now (the link dropped); the radio sleeps.
  void EndIdleEvents();
  // The battery is empty: the radio goes off for good.
  void TurnOff();
  bool IsOff() const { return m_state == BLE_RADIO_OFF; }

  // Signatures of the trace sources.
  typedef void (*StateTracedCallback)(Time now, BleRadioState oldState, BleRadioState newState);
  // The packet (sent or received by this PHY), its fate at the receiver and
  // its power there (dBm; the transmit power for a packet this PHY sent).
  typedef void (*SnifferTracedCallback)(const BleFrame& frame, const BleReception& fate, double powerDbm);

 private:
  void DoDispose() override;

  BlePhyMode m_mode;
  uint32_t m_preambleBytes;
  uint32_t m_accessAddressBytes;
  uint32_t m_crcBytes;
  double m_txPowerDbm;
  uint32_t m_drawId = kNodeIdDraws;
  double m_rxSensitivityDbm;
  double m_noiseFigureDb;

  NetDevice* m_device = nullptr;  // the device owns the PHY
  Ptr<Node> m_node;
  mutable MobilityModel* m_mobility = nullptr;  // the node's, held by the node
  std::size_t m_channelSlot = 0;
  Ptr<BleChannel> m_channel;
  BleRadioState m_state = BLE_RADIO_SLEEP;
  std::vector<BleRadioListener*> m_listeners;
  TracedCallback<Time, BleRadioState, BleRadioState> m_stateTrace;
  TracedCallback<const BleFrame&, const BleReception&, double> m_snifferTrace;
  Callback<void> m_snifferFlush;
};

}  // namespace ns3
