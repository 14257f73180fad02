#pragma once
// The air between BLE radios: log-distance path loss (or any ns-3
// PropagationLossModel) between the nodes' mobility models, and for every
// packet the wanted signal, the interference and the noise at the receiving
// PHY, whose own receiver model (BlePhy: sensitivity, noise figure, GFSK bit
// error rate) decides whether the packet is received.
//
// The air is shared: every transmission of every link on the channel object
// reaches every receiver, attenuated by the loss model. A packet meets
// interference when another link transmits on the same data channel at an
// overlapping time; the interferers' powers add to the noise (SINR), and a
// packet whose signal-to-interference ratio is below the capture threshold is
// lost (a collision). What the other links transmit is known without
// simulating them packet by packet: each link's events follow its anchors and
// hop by Channel Selection Algorithm #2 (its BleLinkSchedule, a value the
// link hands the channel when it connects or drops), and each link tells
// what it puts on the air at an anchor (BleConnectionAir). The channel sees
// only PHYs: it knows no link layer or net device.
//
// On top of the path loss: a fixed body loss, log-normal shadowing drawn once
// per pair of nodes, and fading drawn afresh for every received packet
// (Rayleigh, or Rician with K) on the wanted signal. Every draw comes from a
// counter-based generator (BleCounterRandom) keyed by the two radios (their
// BlePhy::DrawId, the node's id unless set), the packet's end on the air (or
// the event's number) and the draw's purpose, so what one link draws depends
// neither on the other links' traffic, nor on its own earlier draws, nor on
// how idle events are accounted or in which order the simulator runs
// simultaneous events.
//
// The interference index. Nodes may be given regions (a building each) and,
// for each pair of regions, the least path loss between them. A packet is
// then checked only against the links of the regions near its receiver's:
// the others are left out only where, all of them sending at once at their
// highest power over the least loss (and the largest shadowing the generator
// can draw), they would add less than (10^(b/10) - 1) x the receiver's noise,
// b = InterferenceBoundDb. Leaving them out changes a packet's SINR by less
// than b dB. Without regions every link is checked.
#include "ns3/channel.h"
#include "ns3/mobility-model.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/vector.h"
#include "ns3/propagation-loss-model.h"
#include "ns3/buildings-propagation-loss-model.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include "ble-channel-selection.h"
#include "ble-counter-random.h"

#include <limits>
#include <map>
#include <unordered_map>
#include <vector>

#include "ble-frame.h"
#include "ble-phy.h"
#include "ble-wifi-interferer.h"

namespace ns3 {

// What a connection puts on the air at an anchor: the event decided there,
// the data event planned there (packed as it will be, before any loss), or
// an idle event. Implemented by the peripheral's link layer.
class BleConnectionAir {
 public:
  virtual ~BleConnectionAir() = default;
  virtual void GetAirPackets(Time anchor, std::vector<BleAirPacket>& out) const = 0;
};

// A connected link as the channel hops it: its anchors, the longest reach of
// an event past its anchor, what Channel Selection Algorithm #2 hops with,
// its two radios and what it puts on the air.
struct BleLinkSchedule {
  int64_t firstAnchorNs = 0, intervalNs = 0, reachNs = 0;
  uint64_t channelMap = 0;
  uint16_t channelIdentifier = 0;
  const BlePhy* central = nullptr;
  const BlePhy* peripheral = nullptr;
  const BleConnectionAir* air = nullptr;
};

enum BleFadingMode { BLE_FADING_NONE = 0, BLE_FADING_RAYLEIGH = 1, BLE_FADING_RICIAN = 2 };

// A region's radios as the interference index counts them: how many, the
// strongest transmitter and the quietest receiver among them.
struct BleRegionCensus {
  double radios = 0;
  double highestTxDbm = -std::numeric_limits<double>::infinity();
  double lowestNoiseMw = std::numeric_limits<double>::infinity();
};

// A data packet's reception as the interference index had it and as the sum
// over every link gives it, with the same keyed draws (the InterferenceCheck
// trace source; powers in mW, Wi-Fi included in both sums).
struct BleInterferenceCheck {
  double signalMw = 0, noiseMw = 0, indexedMw = 0, exhaustiveMw = 0;
  bool collisionIndexed = false, collisionExhaustive = false;  // lost to another link's packet
  bool lostIndexed = false, lostExhaustive = false;
};

class BleChannel : public Channel {
 public:
  static TypeId GetTypeId();
  BleChannel();
  typedef void (*InterferenceCheckCallback)(const BleInterferenceCheck& check);

  void Add(Ptr<BlePhy> phy);  // the PHY's device is the channel's device
  std::size_t GetNDevices() const override;
  Ptr<NetDevice> GetDevice(std::size_t i) const override;

  // Mean received power: path loss, body loss and the pair's shadowing.
  double RxPowerDbm(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx) const;
  // The shadowing drawn for the pair of nodes (dB; 0 without shadowing).
  double ShadowingDb(Ptr<const BlePhy> a, Ptr<const BlePhy> b) const;
  double SnrDb(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx) const;
  double BitErrorRate(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx) const;
  // Probability that a packet of `bits` on-air bits is received with a CRC error.
  double PacketErrorRate(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx, uint32_t bits) const;
  // Draws the fading of the packet that ends on the air at `end`, then
  // whether it is lost (no interference).
  bool DrawLoss(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx, uint32_t bits, Time end);
  // The fading power gain (mean 1; 1 without fading) of the packet from `tx`
  // to `rx` that ends on the air at `end`: the same number however often and
  // in whatever order it is asked for.
  double FadingGain(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx, Time end) const;
  // A data-channel packet from `tx` to `rx` (the two ends of one link), on
  // the air over the frame's [start, end): interference from the other links
  // and Wi-Fi, capture, then the receiver's error decision at the SINR.
  BleReception Receive(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx, const BleFrame& frame);
  // Packets outside the data events: the empty packets of idle events (whose
  // fates the link layer's supervision asks for after the fact), advertising
  // PDUs and connection requests, each ending on the air at `at` (the key of
  // its draws, as for data packets), at the nodes' positions at `at`, which
  // may lie in the past (the channel keeps the course of every node handed to
  // TrackNode). Fading as for data packets; no interference (the advertising
  // channels carry no data, and idle events are not part of the collision
  // accounting).
  bool DrawControlLoss(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx, uint32_t bits, Time at);
  // A uniform number in [0, 1) for the pair's advertising delay number `counter`.
  double DrawControlUniform(Ptr<const BlePhy> a, Ptr<const BlePhy> b, uint64_t counter) const;
  // An access address (1 .. 2^32 - 2) for the pair's connection number `connection`.
  uint32_t DrawAccessAddress(Ptr<const BlePhy> a, Ptr<const BlePhy> b, uint64_t connection) const;
  // Keeps the node's course (its mobility model's course changes) for at
  // least `keep`, so DrawControlLoss can place it in the past.
  // Whether the channel keeps it (false: the node has no mobility model yet).
  bool TrackNode(Ptr<Node> node, Time keep);
  // Mean received power with the nodes where they were at `at`.
  double RxPowerDbmAt(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx, Time at) const;
  // Received power (mW) at `rx` of what links other than the one whose
  // peripheral is `peripheral` send on `dataChannel` during [start, end).
  double InterferenceMw(const BlePhy* peripheral, Ptr<const BlePhy> rx, Time start, Time end,
                        uint8_t dataChannel) const;

  // A Wi-Fi transmitter whose bursts add to the interference of data packets
  // on the RF channels it overlaps (received through the channel's loss model).
  void AddWifiInterferer(Ptr<BleWifiInterferer> wifi);
  // Received power (mW) at `rx`, within data channel `dataChannel`, of the
  // Wi-Fi bursts on the air during [start, end).
  double WifiInterferenceMw(Ptr<const BlePhy> rx, Time start, Time end, uint8_t dataChannel) const;

  // The interference index (see above): `phy` stays in region `region` (0 ..
  // 2^16 - 1) for the whole run; every PHY starts in region 0.
  void SetRegion(Ptr<const BlePhy> phy, uint32_t region);
  // The least path loss from any transmitter of region `from` to any
  // receiver of region `to` (unset: 0 dB, the regions are near).
  void SetRegionLossFloorDb(uint32_t from, uint32_t to, double lossDb);
  // Which regions a receiver in `region` checks (for tests and logs).
  std::vector<uint32_t> GetNearRegions(uint32_t region) const;
  // The radios of every region of a fleet this channel carries only a part
  // of (groups of regions that do not reach each other, simulated one after
  // another): the near regions are then found from this census, as the
  // whole fleet's channel would find them, not from the PHYs on this
  // channel. A region's count must cover its PHYs here.
  void SetFleetCensus(std::vector<BleRegionCensus> census);
  // The PHYs on this channel counted by region.
  std::vector<BleRegionCensus> GetCensus() const;

  // The counter-based generator's stream (with ns-3's seed and run number).
  int64_t AssignStreams(int64_t stream);
  // The link whose peripheral is schedule.peripheral connected (with this
  // schedule) or went down.
  void SetLinkSchedule(const BleLinkSchedule& schedule);
  void ClearLinkSchedule(const BlePhy* peripheral);

 private:
  void DoDispose() override;

  std::vector<Ptr<BlePhy>> m_phys;
  // The connected links' schedules by their peripheral's place in m_phys
  // (not connected: not a peripheral, or its link is down).
  struct LinkSlot {
    bool connected = false;
    BleLinkSchedule schedule;
    uint32_t centralRegion = 0, peripheralRegion = 0;  // kept with the schedule
  };
  std::vector<LinkSlot> m_linkSlots;
  bool m_linksScheduled = false;  // any link ever handed its schedule
  // The PHY's place in m_phys (its channel slot), or m_phys.size() when it
  // is not on this channel.
  std::size_t SlotOnChannel(const BlePhy* phy) const;
  LinkSlot& SlotOf(const BlePhy* peripheral);
  // The connected links by the phase of their anchors within the interval,
  // when all share one interval: a packet then only meets the links whose
  // anchors fall within one event's reach before it. Rebuilt when links
  // connect or drop.
  // Each entry copies what the link hops and schedules with, so that the
  // links whose events fall on another data channel (36 in 37) are passed
  // over without asking the link what it sends.
  struct Hopper {
    int64_t phaseNs;  // first anchor modulo the interval: the sort key
    BleLinkSchedule link;
    // The data channel of the link's event k, kept for the next packets that
    // ask about the same event (the packets of one event all do).
    mutable int64_t lastEvent = -1;
    mutable uint8_t lastChannel = 0;
    uint8_t ChannelOf(int64_t k) const;
    bool operator<(const Hopper& o) const {
      return phaseNs < o.phaseNs || (phaseNs == o.phaseNs && link.air < o.link.air);
    }
  };
  // Which links hop to each data channel at their anchors in epoch e (the
  // anchors in [e T, (e + 1) T), T the common interval): places in byPhase,
  // in phase order. A packet then visits only the links on its own channel,
  // about one in 37; the others would add nothing to its sum.
  struct EpochChannels {
    int64_t epoch = std::numeric_limits<int64_t>::min();
    std::vector<uint32_t> byChannel[kBleDataChannels];
  };
  struct PhaseIndex {
    bool valid = false;
    int64_t periodNs = 0, reachNs = 0;
    std::size_t links = 0;
    std::vector<Hopper> byPhase;
    // A packet's window spans at most two epochs: e and e + 1, kept by parity.
    EpochChannels epochs[2];
  };
  const EpochChannels& ChannelsInEpoch(PhaseIndex& idx, int64_t epoch) const;
  // Per receiving region: the links of its near regions by phase.
  mutable std::vector<PhaseIndex> m_phases;
  mutable std::vector<BleAirPacket> m_air;  // scratch for the other links' packets
  void BuildPhaseIndex(uint32_t region) const;
  // Regions (ble-channel-index.cc).
  std::vector<uint32_t> m_regionOfPhy;  // by place in m_phys
  std::map<std::pair<uint32_t, uint32_t>, double> m_lossFloorDb;
  std::vector<BleRegionCensus> m_fleetCensus;  // empty: the PHYs here are the fleet
  double m_interferenceBoundDb = 0.1;
  Time m_packetGap = MicroSeconds(150);
  // near[a * regions + b]: a receiver in region a checks the links of region b.
  mutable std::vector<bool> m_near;
  mutable uint32_t m_regions = 0;  // 0: not worked out yet
  void FindNearRegions() const;
  bool LinkIsNear(const LinkSlot& slot, uint32_t rxRegion) const;
  uint32_t RegionOf(const BlePhy* phy) const;
  void ForgetPhasesAround(const LinkSlot& slot);
  // The longest a packet of one link can meet: how many of one other link's
  // packets it can overlap, T_IFS apart at least.
  double PacketsMetPerLink() const;
  double InterferenceOverLinks(const BlePhy* peripheral, Ptr<const BlePhy> rx, Time start, Time end,
                               uint8_t dataChannel, bool everyLink) const;
  TracedCallback<const BleInterferenceCheck&> m_interferenceCheck;
  void CheckInterference(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx, const BleFrame& frame, double indexedMw,
                         double wifiMw, const BleReception& indexed);
  // A data packet's fate meeting `interferenceMw` (Wi-Fi's share `wifiMw`):
  // capture, then the receiver's keyed error decision.
  BleReception DecideWith(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx, const BleFrame& frame, double interferenceMw,
                          double wifiMw);
  BleReception DecideAt(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx, const BleFrame& frame, double signalMw,
                        double interferenceMw, double wifiMw) const;
  static Hopper HopperOf(const BleLinkSchedule& link);
  double InterferenceFrom(const Hopper& other, Ptr<const BlePhy> rx, Time start, Time end,
                          uint8_t dataChannel, std::vector<BleAirPacket>& air) const;
  Ptr<PropagationLossModel> m_loss;
  // The loss model as a buildings model, when it is one: its loss is asked
  // for directly, since its own shadowing (set to 0, shadowing is the
  // channel's keyed draw) would otherwise keep an entry for every pair of
  // nodes that ever met.
  mutable Ptr<BuildingsPropagationLossModel> m_buildingsLoss;
  mutable bool m_lossKnown = false;
  double PathRxPowerDbm(double txPowerDbm, Ptr<MobilityModel> a, Ptr<MobilityModel> b) const;
  std::vector<Ptr<BleWifiInterferer>> m_wifi;
  struct PairRandom {
    double shadowingDb = 0;
    // The two nodes' mobility models (by draw id, lower first), looked up once:
    // every interferer's power at every receiver goes through here.
    MobilityModel* mobilityLo = nullptr;
    MobilityModel* mobilityHi = nullptr;
  };
  PairRandom& Pair(Ptr<const BlePhy> a, Ptr<const BlePhy> b) const;
  double m_captureThresholdDb;
  double m_bodyLossDb;
  double m_shadowingSigmaDb;
  BleFadingMode m_fading;
  double m_ricianKDb;
  BleCounterRandom m_random;
  BleDrawKey Key(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx, Time end, BleDrawPurpose purpose) const;
  // Drawn when a pair first meets. Hashed: a fleet of a thousand wearables
  // meets millions of pairs, and an ordered map's lookups were the largest
  // single cost of a packet's interference sum.
  mutable std::unordered_map<uint64_t, PairRandom> m_pairs;
  double RxPowerDbmOfPair(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx, PairRandom& pair) const;
  // The wanted signal of a connected link's packets, either way: every
  // packet and idle event of the link asks for it again, and it stays the
  // same while neither node moves and the power stays (the loss is a
  // function of the two places). Kept by the peripheral's slot, toward the
  // central at 2 slot and toward the peripheral at 2 slot + 1. Other pairs
  // (interferers, advertisers) are worked out each time: most meet seldom.
  struct LinkPower {
    const BlePhy* tx = nullptr;  // the pair it was worked out for (a link may connect again elsewhere)
    const BlePhy* rx = nullptr;
    Vector txAt, rxAt;
    double txPowerDbm = 0, dbm = 0, mw = 0;
  };
  mutable std::vector<LinkPower> m_linkPowers;
  LinkPower LinkRxPower(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx) const;
  LinkPower* KeptLinkPower(const BlePhy* tx, const BlePhy* rx) const;
  bool DrawAtSinr(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx, double sinrLinear, uint32_t bits,
                  Time end) const;  // the receiver's decision, with the pair's keyed number
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
  // Hashed by the node's mobility model.
  std::unordered_map<const MobilityModel*, Course> m_courses;
  void CourseChanged(Ptr<const MobilityModel> model);
  // The course of the PHY's node (null: not kept), remembered by the PHY's
  // slot once found (courses are never dropped before DoDispose).
  mutable std::vector<const Course*> m_courseOfSlot;
  const Course* CourseOf(const BlePhy* phy, const MobilityModel* model) const;
  static Vector PositionAt(const Course* course, Ptr<MobilityModel> model, Time at);
  // Whether the course is not kept or has not changed since it was.
  static bool NeverMoved(const Course* course);
  mutable Ptr<MobilityModel> m_thenTx, m_thenRx;  // the nodes placed where they were
};

}  // namespace ns3
