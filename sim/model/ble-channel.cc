#include "ble-channel.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/constant-position-mobility-model.h"
#include "ns3/mobility-building-info.h"
#include "ns3/mobility-model.h"
#include "ns3/simulator.h"
#include "ns3/node.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/pointer.h"
#include "ns3/rng-seed-manager.h"

#include <algorithm>
#include <cmath>

#include "ble-channel-selection.h"
#include "ble-phy.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("BleChannel");
NS_OBJECT_ENSURE_REGISTERED(BleChannel);

TypeId BleChannel::GetTypeId() {
  static TypeId tid = TypeId("ns3::BleChannel")
                          .SetParent<Channel>()
                          .SetGroupName("Ble")
                          .AddConstructor<BleChannel>()
                          .AddAttribute("PropagationLossModel", "Path loss between transmitter and receiver.",
                                        PointerValue(), MakePointerAccessor(&BleChannel::m_loss),
                                        MakePointerChecker<PropagationLossModel>())
                          .AddAttribute("CaptureThresholdDb",
                                        "Signal-to-interference ratio below which a packet that meets interference "
                                        "is lost (the Core specification's co-channel requirement is 21 dB).",
                                        DoubleValue(21.0), MakeDoubleAccessor(&BleChannel::m_captureThresholdDb),
                                        MakeDoubleChecker<double>())
                          .AddAttribute("BodyLossDb", "Fixed extra loss between every pair of nodes.",
                                        DoubleValue(0.0), MakeDoubleAccessor(&BleChannel::m_bodyLossDb),
                                        MakeDoubleChecker<double>(0.0))
                          .AddAttribute("ShadowingSigmaDb", "Log-normal shadowing, one draw per pair of nodes.",
                                        DoubleValue(0.0), MakeDoubleAccessor(&BleChannel::m_shadowingSigmaDb),
                                        MakeDoubleChecker<double>(0.0))
                          .AddAttribute("Fading", "Fading of the wanted signal, drawn for every packet.",
                                        EnumValue(BLE_FADING_NONE), MakeEnumAccessor(&BleChannel::m_fading),
                                        MakeEnumChecker(BLE_FADING_NONE, "None", BLE_FADING_RAYLEIGH, "Rayleigh",
                                                        BLE_FADING_RICIAN, "Rician"))
                          .AddAttribute("RicianKDb", "Rician K: direct over scattered power.", DoubleValue(6.0),
                                        MakeDoubleAccessor(&BleChannel::m_ricianKDb),
                                        MakeDoubleChecker<double>(-40.0, 60.0))
                          .AddAttribute("InterferenceBoundDb",
                                        "Most a packet's SINR may change by the links the interference index "
                                        "leaves out (with regions set).",
                                        DoubleValue(0.1), MakeDoubleAccessor(&BleChannel::m_interferenceBoundDb),
                                        MakeDoubleChecker<double>(1e-6, 10.0))
                          .AddAttribute("PacketGap",
                                        "Least time between two packets of one connection on the air (the Core "
                                        "specification's T_IFS), which bounds how many of one link's packets "
                                        "another packet can meet.",
                                        TimeValue(MicroSeconds(150)), MakeTimeAccessor(&BleChannel::m_packetGap),
                                        MakeTimeChecker(MicroSeconds(1)))
                          .AddTraceSource("InterferenceCheck",
                                          "Each data packet's reception with the interference index and with "
                                          "every link (computed only while a sink listens).",
                                          MakeTraceSourceAccessor(&BleChannel::m_interferenceCheck),
                                          "ns3::BleChannel::InterferenceCheckCallback");
  return tid;
}

BleChannel::BleChannel()
    : m_captureThresholdDb(21.0),
      m_bodyLossDb(0.0),
      m_shadowingSigmaDb(0.0),
      m_fading(BLE_FADING_NONE),
      m_ricianKDb(6.0),
      m_random(RngSeedManager::GetSeed(), RngSeedManager::GetRun(), 0) {}

BleChannel::PairRandom& BleChannel::Pair(Ptr<const BlePhy> a, Ptr<const BlePhy> b) const {
  NS_ABORT_MSG_IF(!a->GetNode() || !b->GetNode(), "BleChannel needs devices on nodes");
  const uint64_t lo = std::min(a->DrawId(), b->DrawId());
  const uint64_t hi = std::max(a->DrawId(), b->DrawId());
  const uint64_t key = (lo << 32) | hi;
  auto it = m_pairs.find(key);
  if (it != m_pairs.end()) return it->second;
  PairRandom p;
  p.shadowingDb = m_shadowingSigmaDb * m_random.Normal({lo, hi, 0, BleDrawPurpose::SHADOWING});
  return m_pairs.emplace(key, p).first->second;
}

double BleChannel::ShadowingDb(Ptr<const BlePhy> a, Ptr<const BlePhy> b) const {
  return Pair(a, b).shadowingDb;
}

// ---- the draws (each a pure function of its key; see ble-counter-random.h)

BleDrawKey BleChannel::Key(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx, Time end,
                           BleDrawPurpose purpose) const {
  return {tx->DrawId(), rx->DrawId(), end.GetNanoSeconds(), purpose};
}

double BleChannel::FadingGain(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx, Time end) const {
  switch (m_fading) {
    case BLE_FADING_NONE: return 1.0;
    case BLE_FADING_RAYLEIGH: return m_random.RayleighPowerGain(Key(tx, rx, end, BleDrawPurpose::FADING));
    case BLE_FADING_RICIAN:
      return m_random.RicianPowerGain(Key(tx, rx, end, BleDrawPurpose::FADING), BleDbToLinear(m_ricianKDb));
  }
  return 1.0;
}

double BleChannel::DrawControlUniform(Ptr<const BlePhy> a, Ptr<const BlePhy> b, uint64_t counter) const {
  return m_random.Uniform(Key(a, b, NanoSeconds(static_cast<int64_t>(counter)), BleDrawPurpose::ADVERTISING_DELAY));
}

uint32_t BleChannel::DrawAccessAddress(Ptr<const BlePhy> a, Ptr<const BlePhy> b,
                                       uint64_t connection) const {
  const Time number = NanoSeconds(static_cast<int64_t>(connection));
  const double u = m_random.Uniform(Key(a, b, number, BleDrawPurpose::ACCESS_ADDRESS));
  return 1u + static_cast<uint32_t>(u * 4294967294.0);  // 1 .. 2^32 - 2
}

void BleChannel::Add(Ptr<BlePhy> phy) {
  phy->SetChannelSlot(m_phys.size());
  m_phys.push_back(phy);
  m_linkSlots.emplace_back();
  m_linkPowers.resize(2 * m_phys.size());
  m_courseOfSlot.push_back(nullptr);
  m_regionOfPhy.push_back(0);
  m_regions = 0;
}

std::size_t BleChannel::GetNDevices() const { return m_phys.size(); }

Ptr<NetDevice> BleChannel::GetDevice(std::size_t i) const { return m_phys.at(i)->GetDevice(); }

double BleChannel::RxPowerDbm(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx) const {
  if (m_shadowingSigmaDb == 0) {
    // Nothing drawn per pair: no pair to look up (a sum over every
    // interferer goes through here).
    MobilityModel* a = tx->GetMobility();
    MobilityModel* b = rx->GetMobility();
    NS_ABORT_MSG_IF(!m_loss || !a || !b, "BleChannel needs a PropagationLossModel and mobility models on both nodes");
    return PathRxPowerDbm(tx->TxPowerDbm(), a, b) - m_bodyLossDb;
  }
  return RxPowerDbmOfPair(tx, rx, Pair(tx, rx));
}

double BleChannel::RxPowerDbmOfPair(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx, PairRandom& pair) const {
  const bool txIsLo = tx->DrawId() < rx->DrawId();
  MobilityModel*& mobilityTx = txIsLo ? pair.mobilityLo : pair.mobilityHi;
  MobilityModel*& mobilityRx = txIsLo ? pair.mobilityHi : pair.mobilityLo;
  // Looked up when first needed (a pair may meet before its nodes move in).
  if (!mobilityTx) mobilityTx = PeekPointer(tx->GetNode()->GetObject<MobilityModel>());
  if (!mobilityRx) mobilityRx = PeekPointer(rx->GetNode()->GetObject<MobilityModel>());
  Ptr<MobilityModel> a = mobilityTx, b = mobilityRx;
  NS_ABORT_MSG_IF(!m_loss || !a || !b, "BleChannel needs a PropagationLossModel and mobility models on both nodes");
  return PathRxPowerDbm(tx->TxPowerDbm(), a, b) - m_bodyLossDb + pair.shadowingDb;
}

BleChannel::LinkPower* BleChannel::KeptLinkPower(const BlePhy* tx, const BlePhy* rx) const {
  auto linkOf = [&](const BlePhy* peripheral) -> const LinkSlot* {
    const std::size_t slot = SlotOnChannel(peripheral);
    return slot < m_phys.size() && m_linkSlots[slot].connected ? &m_linkSlots[slot] : nullptr;
  };
  if (const LinkSlot* link = linkOf(tx); link && link->schedule.central == rx)
    return &m_linkPowers[2 * tx->GetChannelSlot()];
  if (const LinkSlot* link = linkOf(rx); link && link->schedule.central == tx)
    return &m_linkPowers[2 * rx->GetChannelSlot() + 1];
  return nullptr;
}

BleChannel::LinkPower BleChannel::LinkRxPower(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx) const {
  LinkPower* kept = KeptLinkPower(PeekPointer(tx), PeekPointer(rx));
  if (!kept) {
    LinkPower once;
    once.dbm = RxPowerDbm(tx, rx);
    once.mw = BleDbToLinear(once.dbm);
    return once;
  }
  MobilityModel* a = tx->GetMobility();
  MobilityModel* b = rx->GetMobility();
  NS_ABORT_MSG_IF(!m_loss || !a || !b, "BleChannel needs a PropagationLossModel and mobility models on both nodes");
  const Vector txAt = a->GetPosition(), rxAt = b->GetPosition();
  const bool moved = txAt.x != kept->txAt.x || txAt.y != kept->txAt.y || txAt.z != kept->txAt.z ||
                     rxAt.x != kept->rxAt.x || rxAt.y != kept->rxAt.y || rxAt.z != kept->rxAt.z;
  const bool samePair = kept->tx == PeekPointer(tx) && kept->rx == PeekPointer(rx);
  if (!samePair || moved || kept->txPowerDbm != tx->TxPowerDbm()) {
    kept->tx = PeekPointer(tx);
    kept->rx = PeekPointer(rx);
    kept->txAt = txAt;
    kept->rxAt = rxAt;
    kept->txPowerDbm = tx->TxPowerDbm();
    kept->dbm = RxPowerDbm(tx, rx);
    kept->mw = BleDbToLinear(kept->dbm);
  }
  return *kept;
}

double BleChannel::PathRxPowerDbm(double txPowerDbm, Ptr<MobilityModel> a, Ptr<MobilityModel> b) const {
  if (!m_lossKnown) {
    m_buildingsLoss = DynamicCast<BuildingsPropagationLossModel>(m_loss);
    m_lossKnown = true;
  }
  return m_buildingsLoss ? txPowerDbm - m_buildingsLoss->GetLoss(a, b) : m_loss->CalcRxPower(txPowerDbm, a, b);
}

double BleChannel::SnrDb(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx) const {
  return RxPowerDbm(tx, rx) - rx->NoiseDbm();
}

double BleChannel::BitErrorRate(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx) const {
  return rx->BitErrorRate(BleDbToLinear(SnrDb(tx, rx)));
}

double BleChannel::PacketErrorRate(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx, uint32_t bits) const {
  return rx->PacketErrorRate(BleDbToLinear(SnrDb(tx, rx)), bits);
}

bool BleChannel::DrawLoss(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx, uint32_t bits, Time end) {
  const double snr = BleDbToLinear(LinkRxPower(tx, rx).dbm - rx->NoiseDbm()) * FadingGain(tx, rx, end);
  return DrawAtSinr(tx, rx, snr, bits, end);
}

bool BleChannel::DrawAtSinr(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx, double sinrLinear, uint32_t bits,
                            Time end) const {
  return rx->DecodeFails(sinrLinear, bits,
                         [&] { return m_random.Uniform(Key(tx, rx, end, BleDrawPurpose::LOSS)); });
}

std::size_t BleChannel::SlotOnChannel(const BlePhy* phy) const {
  const std::size_t slot = phy->GetChannelSlot();
  return slot < m_phys.size() && PeekPointer(m_phys[slot]) == phy ? slot : m_phys.size();
}

BleChannel::LinkSlot& BleChannel::SlotOf(const BlePhy* peripheral) {
  const std::size_t slot = SlotOnChannel(peripheral);
  NS_ABORT_MSG_IF(slot == m_phys.size(), "a link schedule for a PHY not on this channel");
  return m_linkSlots[slot];
}

void BleChannel::SetLinkSchedule(const BleLinkSchedule& schedule) {
  LinkSlot& slot = SlotOf(schedule.peripheral);
  slot.connected = true;
  slot.schedule = schedule;
  m_linksScheduled = true;
  slot.centralRegion = RegionOf(schedule.central);
  slot.peripheralRegion = RegionOf(schedule.peripheral);
  ForgetPhasesAround(slot);
}

void BleChannel::ClearLinkSchedule(const BlePhy* peripheral) {
  LinkSlot& slot = SlotOf(peripheral);
  slot.connected = false;
  ForgetPhasesAround(slot);
}

uint8_t BleChannel::Hopper::ChannelOf(int64_t k) const {
  if (k != lastEvent) {
    // The event counter is 16 bits on the air and wraps (as DataChannelOfEvent).
    const uint16_t counter = static_cast<uint16_t>(static_cast<uint64_t>(k) & 0xFFFFu);
    lastChannel = BleCsa2Channel(counter, link.channelIdentifier, link.channelMap);
    lastEvent = k;
  }
  return lastChannel;
}

BleChannel::Hopper BleChannel::HopperOf(const BleLinkSchedule& link) {
  Hopper h;
  h.link = link;
  h.phaseNs = link.intervalNs > 0 ? link.firstAnchorNs % link.intervalNs : 0;
  return h;
}

void BleChannel::BuildPhaseIndex(uint32_t region) const {
  PhaseIndex& idx = m_phases[region];
  idx = PhaseIndex{};
  for (const LinkSlot& slot : m_linkSlots) {
    if (!slot.connected || !LinkIsNear(slot, region)) continue;
    const int64_t period = slot.schedule.intervalNs;
    if (idx.periodNs != 0 && period != idx.periodNs) {  // mixed intervals: scan every near link
      idx.byPhase.clear();
      idx.valid = true;
      return;
    }
    idx.periodNs = period;
    idx.reachNs = std::max(idx.reachNs, slot.schedule.reachNs);
    idx.byPhase.push_back(HopperOf(slot.schedule));
  }
  std::sort(idx.byPhase.begin(), idx.byPhase.end());
  idx.links = idx.byPhase.size();
  idx.valid = true;  // an empty index (no link yet, or mixed intervals) scans every near link
}

double BleChannel::InterferenceFrom(const Hopper& other, Ptr<const BlePhy> rx, Time start, Time end,
                                    uint8_t dataChannel, std::vector<BleAirPacket>& air) const {
  // The other link's anchors whose events can reach into [start, end).
  const BleLinkSchedule& link = other.link;
  const int64_t first = link.firstAnchorNs, step = link.intervalNs;
  const int64_t lo = std::max<int64_t>(0, start.GetNanoSeconds() - link.reachNs - first);
  const int64_t hi = end.GetNanoSeconds() - first;
  double sumMw = 0;
  for (int64_t k = (lo + step - 1) / step; hi >= 0 && k * step < hi; ++k) {
    if (other.ChannelOf(k) != dataChannel) continue;
    air.clear();
    link.air->GetAirPackets(NanoSeconds(first + k * step), air);
    for (const auto& p : air) {
      if (p.end <= start || p.start >= end) continue;
      const BlePhy* tx = p.fromCentral ? link.central : link.peripheral;
      if (tx == PeekPointer(rx)) continue;  // a radio does not receive while it transmits
      sumMw += BleDbToLinear(RxPowerDbm(tx, rx));
    }
  }
  return sumMw;
}

double BleChannel::InterferenceMw(const BlePhy* peripheral, Ptr<const BlePhy> rx, Time start, Time end,
                                  uint8_t dataChannel) const {
  return InterferenceOverLinks(peripheral, rx, start, end, dataChannel, false);
}

double BleChannel::InterferenceOverLinks(const BlePhy* peripheral, Ptr<const BlePhy> rx, Time start, Time end,
                                         uint8_t dataChannel, bool everyLink) const {
  if (m_regions == 0) FindNearRegions();
  const uint32_t region = everyLink ? 0 : RegionOf(PeekPointer(rx));
  double sumMw = 0;
  std::vector<BleAirPacket>& air = m_air;
  auto consider = [&](const Hopper& other) {
    if (other.link.peripheral != peripheral) sumMw += InterferenceFrom(other, rx, start, end, dataChannel, air);
  };
  if (!everyLink && !m_phases[region].valid) BuildPhaseIndex(region);
  PhaseIndex& idx = m_phases[region];
  const int64_t span = end.GetNanoSeconds() - start.GetNanoSeconds() + idx.reachNs;
  if (everyLink || idx.byPhase.empty() || span >= idx.periodNs) {
    for (const LinkSlot& slot : m_linkSlots)
      if (slot.connected && (everyLink || LinkIsNear(slot, region))) consider(HopperOf(slot.schedule));
    return sumMw;
  }
  // No link hops outside the data channels: nothing meets such a packet.
  if (dataChannel >= kBleDataChannels) return sumMw;
  // Anchors in [start - reach, end): phases from `from` on in epoch e, and,
  // where the window wraps, from 0 on in epoch e + 1.
  const int64_t earliestNs = start.GetNanoSeconds() - idx.reachNs;
  const int64_t epoch = earliestNs >= 0 ? earliestNs / idx.periodNs : -((-earliestNs + idx.periodNs - 1) / idx.periodNs);
  const int64_t from = earliestNs - epoch * idx.periodNs;
  const int64_t to = from + span;
  auto visit = [&](int64_t e, int64_t a, int64_t b) {  // phases in [a, b), 0 <= a <= b <= period
    const std::vector<uint32_t>& links = ChannelsInEpoch(idx, e).byChannel[dataChannel];
    auto it = std::lower_bound(links.begin(), links.end(), a,
                               [&](uint32_t i, int64_t phase) { return idx.byPhase[i].phaseNs < phase; });
    for (; it != links.end() && idx.byPhase[*it].phaseNs < b; ++it) consider(idx.byPhase[*it]);
  };
  visit(epoch, from, std::min(to, idx.periodNs));
  if (to > idx.periodNs) visit(epoch + 1, 0, to - idx.periodNs);
  return sumMw;
}

const BleChannel::EpochChannels& BleChannel::ChannelsInEpoch(PhaseIndex& idx, int64_t epoch) const {
  EpochChannels& c = idx.epochs[epoch & 1];
  if (c.epoch == epoch) return c;
  c.epoch = epoch;
  for (auto& links : c.byChannel) links.clear();
  for (uint32_t i = 0; i < idx.byPhase.size(); ++i) {
    const Hopper& h = idx.byPhase[i];
    const int64_t anchorNs = epoch * idx.periodNs + h.phaseNs;
    if (anchorNs < h.link.firstAnchorNs) continue;  // not connected yet: nothing on the air
    c.byChannel[h.ChannelOf((anchorNs - h.link.firstAnchorNs) / idx.periodNs)].push_back(i);
  }
  return c;
}

BleReception BleChannel::Receive(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx, const BleFrame& frame) {
  const Time start = frame.start, end = frame.end;
  const uint8_t dataChannel = frame.channelIndex;
  const BlePhy* peripheral = PeekPointer(frame.fromCentral ? rx : tx);
  BleReception r;
  const double wifiMw = m_wifi.empty() ? 0.0 : WifiInterferenceMw(rx, start, end, dataChannel);
  const double interferenceMw = InterferenceMw(peripheral, rx, start, end, dataChannel) + wifiMw;
  r = DecideWith(tx, rx, frame, interferenceMw, wifiMw);
  if (!m_interferenceCheck.IsEmpty()) CheckInterference(tx, rx, frame, interferenceMw, wifiMw, r);
  return r;
}

BleReception BleChannel::DecideWith(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx, const BleFrame& frame,
                                    double interferenceMw, double wifiMw) {
  if (interferenceMw <= 0) {
    BleReception r;
    r.lost = DrawLoss(tx, rx, frame.bits, frame.end);
    return r;
  }
  const double signalMw = LinkRxPower(tx, rx).mw * FadingGain(tx, rx, frame.end);
  return DecideAt(tx, rx, frame, signalMw, interferenceMw, wifiMw);
}

BleReception BleChannel::DecideAt(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx, const BleFrame& frame, double signalMw,
                                  double interferenceMw, double wifiMw) const {
  BleReception r;
  if (10.0 * std::log10(signalMw / interferenceMw) < m_captureThresholdDb) {
    NS_LOG_LOGIC("collision on channel " << unsigned(frame.channelIndex) << " at " << frame.start.As(Time::MS));
    r.lost = true;
    (wifiMw > 0 ? r.wifi : r.collision) = true;
    return r;
  }
  r.lost = DrawAtSinr(tx, rx, signalMw / (BleDbToLinear(rx->NoiseDbm()) + interferenceMw), frame.bits, frame.end);
  r.wifi = r.lost && wifiMw > 0;
  return r;
}

void BleChannel::AddWifiInterferer(Ptr<BleWifiInterferer> wifi) { m_wifi.push_back(wifi); }

double BleChannel::WifiInterferenceMw(Ptr<const BlePhy> rx, Time start, Time end, uint8_t dataChannel) const {
  Ptr<MobilityModel> at = rx->GetNode() ? rx->GetNode()->GetObject<MobilityModel>() : nullptr;
  NS_ABORT_MSG_IF(!m_loss || !at, "BleChannel needs a PropagationLossModel and mobility models on both nodes");
  double sumMw = 0;
  for (const Ptr<BleWifiInterferer>& w : m_wifi) {
    const double share = w->InBandShare(dataChannel);
    // Only a channel it overlaps asks about its bursts.
    if (share <= 0 || !w->IsOnDuring(start, end)) continue;
    sumMw += share * BleDbToLinear(PathRxPowerDbm(w->GetTxPowerDbm(), w->GetMobility(), at));
  }
  return sumMw;
}

bool BleChannel::DrawControlLoss(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx, uint32_t bits, Time at) {
  const double snr = BleDbToLinear(RxPowerDbmAt(tx, rx, at) - rx->NoiseDbm()) * FadingGain(tx, rx, at);
  return DrawAtSinr(tx, rx, snr, bits, at);
}

bool BleChannel::TrackNode(Ptr<Node> node, Time keep) {
  Ptr<MobilityModel> m = node ? node->GetObject<MobilityModel>() : nullptr;
  if (!m) return false;
  auto it = m_courses.find(PeekPointer(m));
  if (it != m_courses.end()) {
    it->second.keep = std::max(it->second.keep, keep);
    return true;
  }
  Course& c = m_courses[PeekPointer(m)];
  c.model = m;
  c.keep = keep;
  c.legs.push_back({Simulator::Now(), m->GetPosition(), m->GetVelocity()});
  m->TraceConnectWithoutContext("CourseChange", MakeCallback(&BleChannel::CourseChanged, this));
  return true;
}

void BleChannel::CourseChanged(Ptr<const MobilityModel> model) {
  auto it = m_courses.find(PeekPointer(model));
  if (it == m_courses.end()) return;
  Course& c = it->second;
  const Time now = Simulator::Now();
  c.legs.push_back({now, model->GetPosition(), model->GetVelocity()});
  // Legs that ended before the oldest moment anyone may still ask about.
  std::size_t drop = 0;
  while (drop + 1 < c.legs.size() && c.legs[drop + 1].start <= now - c.keep) ++drop;
  c.legs.erase(c.legs.begin(), c.legs.begin() + static_cast<std::ptrdiff_t>(drop));
}

const BleChannel::Course* BleChannel::CourseOf(const BlePhy* phy, const MobilityModel* model) const {
  const std::size_t slot = SlotOnChannel(phy);
  const bool onChannel = slot < m_phys.size();
  if (onChannel && m_courseOfSlot[slot]) return m_courseOfSlot[slot];
  auto it = m_courses.find(model);
  const Course* course = it == m_courses.end() ? nullptr : &it->second;
  if (onChannel) m_courseOfSlot[slot] = course;
  return course;
}

Vector BleChannel::PositionAt(const Course* course, Ptr<MobilityModel> model, Time at) {
  if (!course || at >= Simulator::Now()) return model->GetPosition();
  const std::vector<Leg>& legs = course->legs;
  auto leg = std::upper_bound(legs.begin(), legs.end(), at, [](Time t, const Leg& l) { return t < l.start; });
  if (leg != legs.begin()) --leg;
  const double dt = (at - leg->start).GetSeconds();
  return leg->position + Vector(leg->velocity.x * dt, leg->velocity.y * dt, leg->velocity.z * dt);
}

bool BleChannel::NeverMoved(const Course* course) {
  if (!course) return true;  // not kept: taken to stand where it stands (as PositionAt)
  const std::vector<Leg>& legs = course->legs;
  const Vector& v = legs.front().velocity;
  return legs.size() == 1 && v.x == 0 && v.y == 0 && v.z == 0;
}

double BleChannel::RxPowerDbmAt(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx, Time at) const {
  Ptr<MobilityModel> a = tx->GetMobility();
  Ptr<MobilityModel> b = rx->GetMobility();
  NS_ABORT_MSG_IF(!m_loss || !a || !b, "BleChannel needs a PropagationLossModel and mobility models on both nodes");
  // Nodes that never moved stand where they stood: their power now is their
  // power then (the same sum, term by term).
  const Course* courseA = CourseOf(PeekPointer(tx), PeekPointer(a));
  const Course* courseB = CourseOf(PeekPointer(rx), PeekPointer(b));
  if (NeverMoved(courseA) && NeverMoved(courseB)) return LinkRxPower(tx, rx).dbm;
  if (!m_thenTx) {
    m_thenTx = CreateObject<ConstantPositionMobilityModel>();
    m_thenRx = CreateObject<ConstantPositionMobilityModel>();
    // A buildings model reads where a node stands from this record, which
    // finds the building, floor and room again whenever the place moves.
    if (a->GetObject<MobilityBuildingInfo>()) {
      m_thenTx->AggregateObject(CreateObject<MobilityBuildingInfo>());
      m_thenRx->AggregateObject(CreateObject<MobilityBuildingInfo>());
    }
  }
  m_thenTx->SetPosition(PositionAt(courseA, a, at));
  m_thenRx->SetPosition(PositionAt(courseB, b, at));
  return PathRxPowerDbm(tx->TxPowerDbm(), m_thenTx, m_thenRx) - m_bodyLossDb + Pair(tx, rx).shadowingDb;
}

int64_t BleChannel::AssignStreams(int64_t stream) {
  NS_ABORT_MSG_IF(!m_pairs.empty(), "AssignStreams before the first packet");
  m_random = BleCounterRandom(RngSeedManager::GetSeed(), RngSeedManager::GetRun(), static_cast<uint64_t>(stream));
  return 1;
}

void BleChannel::DoDispose() {
  m_phys.clear();
  m_linkSlots.clear();
  m_regionOfPhy.clear();
  m_lossFloorDb.clear();
  m_phases.clear();
  m_pairs.clear();
  m_linkPowers.clear();
  for (auto& w : m_wifi) w->Dispose();
  m_wifi.clear();
  for (auto& [_, course] : m_courses)
    course.model->TraceDisconnectWithoutContext("CourseChange", MakeCallback(&BleChannel::CourseChanged, this));
  m_courses.clear();
  m_courseOfSlot.clear();
  m_thenTx = m_thenRx = nullptr;
  m_loss = nullptr;
  m_buildingsLoss = nullptr;
  Channel::DoDispose();
}

}  // namespace ns3
