#pragma once
// The air between BLE devices: log-distance path loss (or any ns-3
// PropagationLossModel) between the nodes' mobility models, thermal noise plus
// the receiver's noise figure, and a GFSK bit error rate that turns into a
// packet error rate. Receivers are characterised by their sensitivity: the
// bit error rate is 0.5 exp(-k SNR) with k chosen so that a signal at the
// sensitivity level gives the BLE specification's 0.1 % bit error rate.
//
// The air is shared: every transmission of every link on the channel object
// reaches every receiver, attenuated by the loss model. A packet meets
// interference when another link transmits on the same data channel at an
// overlapping time; the interferers' powers add to the noise (SINR), and a
// packet whose signal-to-interference ratio is below the capture threshold is
// lost (a collision). What the other links transmit is known without
// simulating them packet by packet: each link's events follow its anchors and
// hop by Channel Selection Algorithm #2, and each link tells what it puts on
// the air at an anchor (BleLinkLayer::GetAirPackets).
//
// On top of the path loss: a fixed body loss, log-normal shadowing drawn once
// per pair of nodes, and fading drawn afresh for every received packet
// (Rayleigh, or Rician with K) on the wanted signal. Every draw comes from a
// counter-based generator (BleCounterRandom) keyed by the two nodes, the
// packet's end on the air (or the event's number) and the draw's purpose, so
// what one link draws depends neither on the other links' traffic, nor on its
// own earlier draws, nor on how idle events are accounted or in which order
// the simulator runs simultaneous events.
#include "ns3/channel.h"
#include "ns3/mobility-model.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/vector.h"
#include "ns3/propagation-loss-model.h"
#include "ns3/random-variable-stream.h"

#include "ble-counter-random.h"

#include <map>
#include <unordered_map>
#include <vector>

#include "ble-wifi-interferer.h"

namespace ns3 {

class BleLinkLayer;
class BleNetDevice;

// One packet on the air, from the central (its opening or ack) or from the peripheral.
struct BleAirPacket {
  Time start;
  Time end;
  bool fromCentral;
};

// The fate of one received packet.
struct BleReception {
  bool lost = false;       // CRC error, from noise, interference or collision
  bool collision = false;  // lost because the signal-to-interference ratio was below the capture threshold
  bool wifi = false;       // lost while a Wi-Fi burst overlapped it (then not counted as a collision)
};

enum BleFadingMode { BLE_FADING_NONE = 0, BLE_FADING_RAYLEIGH = 1, BLE_FADING_RICIAN = 2 };

class BleChannel : public Channel {
 public:
  static TypeId GetTypeId();
  BleChannel();

  void Add(Ptr<BleNetDevice> device);  // and its link layer
  std::size_t GetNDevices() const override;
  Ptr<NetDevice> GetDevice(std::size_t i) const override;

  // Mean received power: path loss, body loss and the pair's shadowing.
  double RxPowerDbm(Ptr<const BleLinkLayer> tx, Ptr<const BleLinkLayer> rx) const;
  // The shadowing drawn for the pair of nodes (dB; 0 without shadowing).
  double ShadowingDb(Ptr<const BleLinkLayer> a, Ptr<const BleLinkLayer> b) const;
  double SnrDb(Ptr<const BleLinkLayer> tx, Ptr<const BleLinkLayer> rx) const;
  double BitErrorRate(Ptr<const BleLinkLayer> tx, Ptr<const BleLinkLayer> rx) const;
  // Probability that a packet of `bits` on-air bits is received with a CRC error.
  double PacketErrorRate(Ptr<const BleLinkLayer> tx, Ptr<const BleLinkLayer> rx, uint32_t bits) const;
  // Draws the fading of the packet that ends on the air at `end`, then
  // whether it is lost (no interference).
  bool DrawLoss(Ptr<const BleLinkLayer> tx, Ptr<const BleLinkLayer> rx, uint32_t bits, Time end);
  // The fading power gain (mean 1; 1 without fading) of the packet from `tx`
  // to `rx` that ends on the air at `end`: the same number however often and
  // in whatever order it is asked for.
  double FadingGain(Ptr<const BleLinkLayer> tx, Ptr<const BleLinkLayer> rx, Time end) const;
  // A packet of the link whose peripheral is `link`, on the air over
  // [start, end) on `dataChannel`: interference from the other links, capture,
  // then the loss draw at the SINR.
  BleReception Receive(Ptr<const BleLinkLayer> link, bool fromCentral, Time start, Time end, uint8_t dataChannel,
                       uint32_t bits);
  // Packets outside the data events: the empty packets of idle events (whose
  // fates the link layer's supervision asks for after the fact), advertising
  // PDUs and connection requests, each ending on the air at `at` (the key of
  // its draws, as for data packets), at the nodes' positions at `at`, which
  // may lie in the past (the channel keeps the course of every node handed to
  // TrackNode). Fading as for data packets; no interference (the advertising
  // channels carry no data, and idle events are not part of the collision
  // accounting).
  bool DrawControlLoss(Ptr<const BleLinkLayer> tx, Ptr<const BleLinkLayer> rx, uint32_t bits, Time at);
  // A uniform number in [0, 1) for the pair's advertising delay number `counter`.
  double DrawControlUniform(Ptr<const BleLinkLayer> a, Ptr<const BleLinkLayer> b, uint64_t counter) const;
  // An access address (1 .. 2^32 - 2) for the pair's connection number `connection`.
  uint32_t DrawAccessAddress(Ptr<const BleLinkLayer> a, Ptr<const BleLinkLayer> b, uint64_t connection) const;
  // Keeps the node's course (its mobility model's course changes) for at
  // least `keep`, so DrawControlLoss can place it in the past.
  void TrackNode(Ptr<Node> node, Time keep);
  // Mean received power with the nodes where they were at `at`.
  double RxPowerDbmAt(Ptr<const BleLinkLayer> tx, Ptr<const BleLinkLayer> rx, Time at) const;
  // Received power (mW) at `rx` of what other links send on `dataChannel` during [start, end).
  double InterferenceMw(Ptr<const BleLinkLayer> link, Ptr<const BleLinkLayer> rx, Time start, Time end,
                        uint8_t dataChannel) const;

  // A Wi-Fi transmitter whose bursts add to the interference of data packets
  // on the RF channels it overlaps (received through the channel's loss model).
  void AddWifiInterferer(Ptr<BleWifiInterferer> wifi);
  // Received power (mW) at `rx`, within data channel `dataChannel`, of the
  // Wi-Fi bursts on the air during [start, end).
  double WifiInterferenceMw(Ptr<const BleLinkLayer> rx, Time start, Time end, uint8_t dataChannel) const;

  // The counter-based generator's stream (with ns-3's seed and run number).
  int64_t AssignStreams(int64_t stream);
  // A link connected or went down: the channel re-reads the links' schedules.
  void NotifyLinksChanged();

 private:
  void DoDispose() override;

  std::vector<Ptr<BleNetDevice>> m_devices;
  std::vector<Ptr<BleLinkLayer>> m_links;  // the devices' link layers, in the same order
  // The connected links by the phase of their anchors within the interval,
  // when all share one interval: a packet then only meets the links whose
  // anchors fall within one event's reach before it. Rebuilt when links
  // connect or drop.
  // Each entry copies what the link hops and schedules with, so that the
  // links whose events fall on another data channel (36 in 37) are passed
  // over without touching the link layer itself.
  struct Hopper {
    int64_t phaseNs;  // first anchor modulo the interval: the sort key
    int64_t firstAnchorNs, intervalNs, reachNs;
    uint64_t channelMap;
    uint16_t channelIdentifier;
    const BleLinkLayer* link;
    bool operator<(const Hopper& o) const { return phaseNs < o.phaseNs || (phaseNs == o.phaseNs && link < o.link); }
  };
  struct PhaseIndex {
    bool valid = false;
    int64_t periodNs = 0, reachNs = 0;
    std::size_t links = 0;
    std::vector<Hopper> byPhase;
  };
  mutable PhaseIndex m_phases;
  mutable std::vector<BleAirPacket> m_air;  // scratch for the other links' packets
  void BuildPhaseIndex() const;
  static Hopper HopperOf(const BleLinkLayer* link);
  double InterferenceFrom(const Hopper& other, Ptr<const BleLinkLayer> rx, Time start, Time end,
                          uint8_t dataChannel, std::vector<BleAirPacket>& air) const;
  Ptr<PropagationLossModel> m_loss;
  std::vector<Ptr<BleWifiInterferer>> m_wifi;
  struct PairRandom {
    double shadowingDb = 0;
    // The two nodes' mobility models (by node id, lower first), looked up once:
    // every interferer's power at every receiver goes through here.
    MobilityModel* mobilityLo = nullptr;
    MobilityModel* mobilityHi = nullptr;
  };
  PairRandom& Pair(Ptr<const BleLinkLayer> a, Ptr<const BleLinkLayer> b) const;
  double m_sensitivityBer;
  double m_captureThresholdDb;
  double m_bodyLossDb;
  double m_shadowingSigmaDb;
  BleFadingMode m_fading;
  double m_ricianKDb;
  BleCounterRandom m_random;
  BleDrawKey Key(Ptr<const BleLinkLayer> tx, Ptr<const BleLinkLayer> rx, Time end, BleDrawPurpose purpose) const;
  // Drawn when a pair first meets. Hashed: a fleet of a thousand wearables
  // meets millions of pairs, and an ordered map's lookups were the largest
  // single cost of a packet's interference sum.
  mutable std::unordered_map<uint64_t, PairRandom> m_pairs;
  double RxPowerDbmOfPair(Ptr<const BleLinkLayer> tx, Ptr<const BleLinkLayer> rx, PairRandom& pair) const;
  bool DrawAtSinr(Ptr<const BleLinkLayer> tx, Ptr<const BleLinkLayer> rx, double sinrLinear, uint32_t bits,
                  Time end) const;
  // A node's course: from each leg's start on, position + velocity x time.
  struct Leg {
    Time start;
    Vector position, velocity;
  };
  struct Course {
    Ptr<MobilityModel> model;  // to disconnect from its course changes when the channel goes
    std::vector<Leg> legs;
    Time keep;
  };
  std::map<const MobilityModel*, Course> m_courses;
  void CourseChanged(Ptr<const MobilityModel> model);
  Vector PositionAt(Ptr<MobilityModel> model, Time at) const;
  mutable Ptr<MobilityModel> m_thenTx, m_thenRx;  // the nodes placed where they were
  double NoiseDbm(Ptr<const BleLinkLayer> rx) const;
};

}  // namespace ns3
