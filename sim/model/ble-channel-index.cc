// The channel's interference index: which regions' links a receiver checks,
// with the bound that decides it (see ble-channel.h).
#include <algorithm>
#include <cmath>
#include <numeric>

#include "ns3/abort.h"
#include "ns3/log.h"

#include "ble-channel.h"
#include "ble-phy.h"

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("BleChannelIndex");

namespace {

// The largest |x| the counter-based generator's normal draw can take: Box-
// Muller's radius sqrt(-2 ln(1 - u)) with u at most 1 - 2^-53.
const double kLargestNormal = std::sqrt(2.0 * 53.0 * std::log(2.0));

// The shortest and the longest PDU on the air: an empty one, and one of 2
// header bytes, 251 of payload and a 4-byte MIC.
constexpr uint32_t kEmptyPduBytes = 2;
constexpr uint32_t kLongestPduBytes = 257;
constexpr uint32_t kMaxRegions = 1u << 16;

}  // namespace

void BleChannel::SetRegion(Ptr<const BlePhy> phy, uint32_t region) {
  const std::size_t slot = SlotOnChannel(PeekPointer(phy));
  NS_ABORT_MSG_IF(slot == m_phys.size(), "a region for a PHY not on this channel");
  NS_ABORT_MSG_IF(region >= kMaxRegions, "regions are numbered below " << kMaxRegions);
  m_regionOfPhy[slot] = region;
  m_regions = 0;
  for (std::size_t k = 0; m_linksScheduled && k < m_linkSlots.size(); ++k) {  // links already scheduled
    LinkSlot& slot = m_linkSlots[k];
    if (slot.schedule.central == PeekPointer(phy)) slot.centralRegion = region;
    else if (slot.schedule.peripheral == PeekPointer(phy)) slot.peripheralRegion = region;
  }
}

void BleChannel::SetRegionLossFloorDb(uint32_t from, uint32_t to, double lossDb) {
  NS_ABORT_MSG_IF(from >= kMaxRegions || to >= kMaxRegions, "regions are numbered below " << kMaxRegions);
  NS_ABORT_MSG_IF(!std::isfinite(lossDb), "a loss floor must be finite");
  m_lossFloorDb[{from, to}] = lossDb;
  m_regions = 0;
}

uint32_t BleChannel::RegionOf(const BlePhy* phy) const {
  const std::size_t slot = SlotOnChannel(phy);
  return slot < m_phys.size() ? m_regionOfPhy[slot] : 0;
}

double BleChannel::PacketsMetPerLink() const {
  Time shortest = Time::Max(), longest = Time(0);
  for (const Ptr<BlePhy>& phy : m_phys) {
    shortest = std::min(shortest, phy->PduAirTime(kEmptyPduBytes));
    longest = std::max(longest, phy->PduAirTime(kLongestPduBytes));
  }
  // One link's packets follow each other at least T_IFS apart: a packet of
  // length W meets those that start within it, and one that started before.
  return std::floor(longest.GetDouble() / (shortest + m_packetGap).GetDouble()) + 2;
}

void BleChannel::SetFleetCensus(std::vector<BleRegionCensus> census) {
  NS_ABORT_MSG_IF(census.size() > kMaxRegions, "regions are numbered below " << kMaxRegions);
  m_fleetCensus = std::move(census);
  m_regions = 0;
}

std::vector<BleRegionCensus> BleChannel::GetCensus() const {
  uint32_t regions = 1;
  for (uint32_t r : m_regionOfPhy) regions = std::max(regions, r + 1);
  std::vector<BleRegionCensus> census(regions);
  for (std::size_t i = 0; i < m_phys.size(); ++i) {
    BleRegionCensus& c = census[m_regionOfPhy[i]];
    c.highestTxDbm = std::max(c.highestTxDbm, m_phys[i]->TxPowerDbm());
    c.lowestNoiseMw = std::min(c.lowestNoiseMw, BleDbToLinear(m_phys[i]->NoiseDbm()));
    c.radios += 1;
  }
  return census;
}

// For each receiving region, the other regions sorted by the most their
// transmitters could put on a receiver there, all at once; the weakest are
// left out while their sum stays within the bound.
void BleChannel::FindNearRegions() const {
  const std::vector<BleRegionCensus> here = GetCensus();
  const std::vector<BleRegionCensus>& census = m_fleetCensus.empty() ? here : m_fleetCensus;
  for (std::size_t r = 0; r < here.size(); ++r)
    NS_ABORT_MSG_IF(here[r].radios > 0 && (r >= census.size() || here[r].radios > census[r].radios),
                    "the fleet's census leaves out radios of region " << r);
  const auto regions = static_cast<uint32_t>(census.size());
  const double packetsPerLink = m_phys.empty() ? 0 : PacketsMetPerLink();
  const double shadowingDb = m_shadowingSigmaDb * kLargestNormal;
  m_near.assign(static_cast<std::size_t>(regions) * regions, true);
  for (uint32_t to = 0; to < regions; ++to) {
    // Each other region's most: every radio sending its packets at once.
    std::vector<std::pair<double, uint32_t>> most;
    for (uint32_t from = 0; from < regions; ++from) {
      auto floor = m_lossFloorDb.find({from, to});
      if (from == to || floor == m_lossFloorDb.end() || census[from].radios == 0) continue;
      const double ceilingDbm = census[from].highestTxDbm - floor->second - m_bodyLossDb + shadowingDb;
      most.emplace_back(census[from].radios * packetsPerLink * BleDbToLinear(ceilingDbm), from);
    }
    std::sort(most.begin(), most.end());
    const double budgetMw = (std::pow(10.0, m_interferenceBoundDb / 10.0) - 1.0) * census[to].lowestNoiseMw;
    double leftOutMw = 0;
    for (const auto& [mw, from] : most) {
      if (leftOutMw + mw > budgetMw) break;
      leftOutMw += mw;
      m_near[static_cast<std::size_t>(to) * regions + from] = false;
    }
    NS_LOG_INFO("region " << to << ": " << most.size() << " regions with a floor, left out up to " << leftOutMw
                          << " mW of " << budgetMw);
  }
  m_phases.assign(regions, PhaseIndex{});
  m_regions = regions;
}

bool BleChannel::LinkIsNear(const LinkSlot& slot, uint32_t rxRegion) const {
  if (m_regions <= 1) return true;
  const std::size_t row = static_cast<std::size_t>(rxRegion) * m_regions;
  return m_near[row + slot.centralRegion] || m_near[row + slot.peripheralRegion];
}

void BleChannel::ForgetPhasesAround(const LinkSlot& slot) {
  if (m_regions == 0) return;  // nothing built yet
  for (uint32_t r = 0; r < m_regions; ++r)
    if (LinkIsNear(slot, r)) m_phases[r].valid = false;
}

std::vector<uint32_t> BleChannel::GetNearRegions(uint32_t region) const {
  if (m_regions == 0) FindNearRegions();
  std::vector<uint32_t> out;
  for (uint32_t from = 0; from < m_regions; ++from)
    if (region < m_regions && m_near[static_cast<std::size_t>(region) * m_regions + from]) out.push_back(from);
  return out;
}

void BleChannel::CheckInterference(Ptr<const BlePhy> tx, Ptr<const BlePhy> rx, const BleFrame& frame,
                                   double indexedMw, double wifiMw, const BleReception& indexed) {
  const BlePhy* peripheral = PeekPointer(frame.fromCentral ? rx : tx);
  BleInterferenceCheck c;
  c.signalMw = LinkRxPower(tx, rx).mw * FadingGain(tx, rx, frame.end);
  c.noiseMw = BleDbToLinear(rx->NoiseDbm());
  c.indexedMw = indexedMw;
  c.exhaustiveMw =
      InterferenceOverLinks(peripheral, rx, frame.start, frame.end, frame.channelIndex, true) + wifiMw;
  const BleReception exhaustive = DecideWith(tx, rx, frame, c.exhaustiveMw, wifiMw);
  c.collisionIndexed = indexed.collision;
  c.collisionExhaustive = exhaustive.collision;
  c.lostIndexed = indexed.lost;
  c.lostExhaustive = exhaustive.lost;
  m_interferenceCheck(c);
}

}  // namespace ns3
