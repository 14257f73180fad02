// Builds one case of a scenario in ns-3 (fog nodes as BLE centrals with a
// processor energy model, wearables as peripherals with a battery, a radio and
// an MCU energy model), runs it and turns the traced figures into plain results
// beside the analytic predictions. Every simulated figure is read off the ns-3
// models; the cost model only supplies the inputs a real deployment would
// have (how long the MCU and the fog compute, what they draw, bytes to send).
#include <fmt/format.h>

#include "ns3/basic-energy-source.h"
#include "ns3/buildings-helper.h"
#include "ns3/mobility-building-info.h"
#include "ns3/constant-position-mobility-model.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/node-container.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <random>

#include "fognas/common/error.h"
#include "fognas/cost/cost.h"
#include "fognas/cost/ble_link_budget.h"
#include "fognas/cost/ble_link_life.h"
#include "fognas/cost/buildings.h"
#include "fognas/cost/radio_energy.h"
#include "ns3/ble-applications.h"
#include "ns3/ble-central-radio.h"
#include "ns3/ble-central-scanner.h"
#include "ns3/ble-helper.h"
#include "ns3/metered-energy-source.h"
#include "ble_profile_attributes.h"
#include "battery.h"
#include "fleet_parts.h"
#include "mobility.h"
#include "ns3_buildings.h"
#include "wards.h"
#include "fognas/sim/predicted_air.h"
#include "fognas/sim/simulate.h"

namespace fognas::sim {
namespace {

// A window's result as a wearable sends it: one float score per class.
constexpr long kResultBytesPerClass = 4;

ns3::Time RoundedTime(double seconds) { return ns3::NanoSeconds(static_cast<int64_t>(std::llround(seconds * 1e9))); }
// The connection state and statistics live in each device's link layer.
ns3::Ptr<ns3::BleLinkLayer> LinkLayerOf(ns3::Ptr<ns3::NetDevice> device) {
  return ns3::DynamicCast<ns3::BleNetDevice>(device)->GetLinkLayer();
}
ns3::Ptr<ns3::BlePhy> RadioOf(ns3::Ptr<ns3::NetDevice> device) {
  return ns3::DynamicCast<ns3::BleNetDevice>(device)->GetRadio();
}

// A fog node is mains powered: a source that cannot run dry in any scenario,
// so its models only integrate their energy (the figures are the models'
// totals). Metered: a state change costs the source nothing, and with 10^15 J
// it never looks whether it ran out within a run.
ns3::Ptr<ns3::EnergySource> MakeMainsSupply() {
  using namespace ns3;
  Ptr<MeteredEnergySource> source = CreateObject<MeteredEnergySource>();
  source->SetAttribute("InitialEnergyJ", DoubleValue(1e15));
  source->SetAttribute("SupplyVoltageV", DoubleValue(5.0));
  source->SetAttribute("MaxLoadW", DoubleValue(1e3));
  return source;
}

// Reports the simulated time every `step` of simulated time.
struct ProgressTicker {
  const Progress& progress;
  std::string label;
  ns3::Time end, step;
  void Tick() {
    progress(label, ns3::Simulator::Now().GetSeconds(), end.GetSeconds());
    if (ns3::Simulator::Now() + step < end) ns3::Simulator::Schedule(step, &ProgressTicker::Tick, this);
  }
};

struct WearableTrace {
  double eventStartJ = 0;
  // At the start of the latest data event, when every idle event before it
  // has run in full: the idle events' energy so far and their count.
  double idleEventsJ = 0;
  uint64_t idleEvents = 0;
  double dataEventsJ = 0;
  double advStartJ = 0, advJ = 0;  // radio energy less sleep: at the loss, and over every loss so far
  long jobs = 0;
  long results = 0;  // windows completed on the wearable whose result reached the fog node
  double fogJobsJ = 0;  // the fog's energy for this wearable's jobs
  double latencySumS = 0, latencyMaxS = 0, queueingSumS = 0;
};

// The radio energy, sleep excluded, a wearable spends from each loss of its
// connection until the connection is made again: advertising and set-up.
double ActiveRadioJ(const ns3::BleRadioEnergyModel* rp) {
  return rp->GetTotalEnergyConsumption() - rp->GetStateEnergyJ(ns3::BLE_RADIO_SLEEP);
}
void TraceConnectionLife(ns3::Ptr<ns3::BleLinkLayer> ll, ns3::BleRadioEnergyModel* rp, WearableTrace* tr) {
  ll->TraceConnectWithoutContext(
      "State", ns3::Callback<void, ns3::BleLinkState, ns3::BleLinkState>(
                   [rp, tr](ns3::BleLinkState from, ns3::BleLinkState to) {
                     if (to == ns3::BLE_LL_ADVERTISING) tr->advStartJ = ActiveRadioJ(rp);
                     if (from == ns3::BLE_LL_ADVERTISING) tr->advJ += ActiveRadioJ(rp) - tr->advStartJ;
                   }));
}

// Where the nodes stand and which fog node serves each wearable.
struct Topology {
  std::vector<ns3::Vector> fogPos, wearPos;
  std::vector<int> attachedTo;  // per wearable
  std::vector<int> load;        // wearables per fog node
  std::vector<int> wardOf;      // layout buildings: per wearable, its ward
  std::vector<BuildingSpec> buildings;
};

// The layout in plain numbers, for the predictor.
FleetLayout LayoutOf(const Topology& t) {
  FleetLayout l;
  for (const ns3::Vector& p : t.fogPos) l.fog_xy_m.emplace_back(p.x, p.y);
  for (const ns3::Vector& p : t.wearPos) l.wearable_xy_m.emplace_back(p.x, p.y);
  if (!t.buildings.empty()) {
    for (const ns3::Vector& p : t.fogPos) l.fog_z_m.push_back(p.z);
    for (const ns3::Vector& p : t.wearPos) l.wearable_z_m.push_back(p.z);
  }
  l.buildings = t.buildings;
  l.attached_to = t.attachedTo;
  l.load = t.load;
  index_buildings(l);
  return l;
}

// Layout buildings: the fog nodes and wearables standing in each building.
std::vector<double> RadiosByBuilding(const FleetLayout& l) {
  std::vector<double> radios(l.buildings.size(), 0.0);
  for (const IndoorPlace& p : l.fog_place) radios.at(static_cast<size_t>(p.building)) += 1;
  for (int b : l.wearable_building) radios.at(static_cast<size_t>(b)) += 1;
  return radios;
}

// Layout buildings: the wards' fog nodes and beds (wards.h).
void PlaceInWards(const ScenarioSpec& spec, Topology& t) {
  const WardPlacement w = place_in_wards(spec.placement, spec.max_wearables_per_fog);
  for (const PointM& p : w.fog_m) t.fogPos.emplace_back(p.x, p.y, p.z);
  for (const PointM& p : w.wearable_m) t.wearPos.emplace_back(p.x, p.y, p.z);
  t.attachedTo = w.attached_to;
  t.load.assign(t.fogPos.size(), 0);
  for (int f : t.attachedTo) ++t.load[static_cast<size_t>(f)];
  t.wardOf = w.ward_of;
  t.buildings = spec.placement.buildings;
}

// Fog nodes on a line, each wearable at distance_m from its home fog node in
// a random direction.
void PlaceOnALine(const ScenarioSpec& spec, std::mt19937_64& rng, Topology& t) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int j = 0; j < spec.fog_nodes; ++j) t.fogPos.emplace_back(j * spec.fog_spacing_m, 0.0, 0.0);
  for (int i = 0; i < spec.wearables; ++i) {
    const ns3::Vector home = t.fogPos[static_cast<size_t>(i % spec.fog_nodes)];
    const double theta = 2 * M_PI * unit(rng);
    t.wearPos.emplace_back(home.x + spec.distance_m * std::cos(theta), home.y + spec.distance_m * std::sin(theta), 0.0);
  }
}

// Fog nodes at the centres of a grid of near-square cells covering the area.
void PlaceFogOnAGrid(const PlacementSettings& p, int n, Topology& t) {
  const int cols = std::max(1, static_cast<int>(std::lround(std::sqrt(n * p.area_w_m / p.area_h_m))));
  const int rows = (n + cols - 1) / cols;
  for (int j = 0; j < n; ++j)
    t.fogPos.emplace_back((j % cols + 0.5) * p.area_w_m / cols, (j / cols + 0.5) * p.area_h_m / rows, 0.0);
}

void PlaceInAnArea(const ScenarioSpec& spec, std::mt19937_64& rng, Topology& t) {
  const PlacementSettings& p = spec.placement;
  std::uniform_real_distribution<double> x(0.0, p.area_w_m), y(0.0, p.area_h_m);
  if (p.layout == Layout::Listed) {
    for (const auto& [px, py] : p.fog_positions_m) t.fogPos.emplace_back(px, py, 0.0);
    for (const auto& [px, py] : p.wearable_positions_m) t.wearPos.emplace_back(px, py, 0.0);
    return;
  }
  if (p.layout == Layout::Grid) PlaceFogOnAGrid(p, spec.fog_nodes, t);
  for (int j = 0; p.layout == Layout::Uniform && j < spec.fog_nodes; ++j) {
    const double fx = x(rng);
    t.fogPos.emplace_back(fx, y(rng), 0.0);
  }
  for (int i = 0; i < spec.wearables; ++i) {
    const double wx = x(rng);
    t.wearPos.emplace_back(wx, y(rng), 0.0);
  }
}

// Each wearable, in order, attaches to the nearest fog node with room.
void AttachToNearestWithRoom(const ScenarioSpec& spec, Topology& t) {
  t.attachedTo.assign(static_cast<size_t>(spec.wearables), -1);
  t.load.assign(static_cast<size_t>(spec.fog_nodes), 0);
  for (int i = 0; i < spec.wearables; ++i) {
    int best = -1;
    double bestD = 0;
    for (int j = 0; j < spec.fog_nodes; ++j) {
      if (t.load[static_cast<size_t>(j)] >= spec.max_wearables_per_fog) continue;
      const double d = ns3::CalculateDistance(t.wearPos[static_cast<size_t>(i)], t.fogPos[static_cast<size_t>(j)]);
      if (best < 0 || d < bestD) best = j, bestD = d;
    }
    if (best < 0) throw InputError(spec.file, "more wearables than the fog nodes can serve");
    t.attachedTo[static_cast<size_t>(i)] = best;
    ++t.load[static_cast<size_t>(best)];
  }
}

Topology PlaceNodes(const ScenarioSpec& spec, std::mt19937_64& rng) {
  Topology t;
  if (spec.placement.layout == Layout::Buildings) {
    PlaceInWards(spec, t);
    return t;
  }
  if (spec.placement.layout == Layout::Line)
    PlaceOnALine(spec, rng, t);
  else
    PlaceInAnArea(spec, rng, t);
  AttachToNearestWithRoom(spec, t);
  return t;
}

// One case: the ns-3 objects of a scenario at one architecture, factor and
// partition point, built in steps, run, and read back.
// A figure per inference exists only where inferences happened: a link that
// delivered nothing reports no energy per tensor and no lifetime (NaN, shown
// as a missing cell and null).
constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

class CaseSimulation {
 public:
  CaseSimulation(const ScenarioSpec& spec, const CasePlan& plan, std::string captureFolder)
      : spec_(spec), plan_(plan), captureFolder_(std::move(captureFolder)), rng_(spec.seed) {}

  CaseResult Run(const Progress& progress) {
    topo_ = PlaceNodes(spec_, rng_);
    layout_ = Layout();
    radiosByBuilding_ = RadiosByBuilding(layout_);
    DrawStarts();
    // Windows stop at duration_s; one more window lets the last tensors arrive.
    end_ = RoundedTime(spec_.duration_s) + RoundedTime(spec_.window_s);
    traces_.resize(static_cast<size_t>(spec_.wearables));
    remainingJ_.assign(static_cast<size_t>(spec_.wearables), 0.0);
    windowsJ_.assign(static_cast<size_t>(spec_.wearables), 0.0);
    const std::vector<FleetPart> parts = PartsOfTheFleet();
    const std::string label = fmt::format("{} @ factor {}", plan_.architecture.name, plan_.factor);
    for (size_t k = 0; k < parts.size(); ++k)
      RunPart(parts[k], parts.size() == 1 ? label : fmt::format("{}, buildings group {} of {}", label, k + 1, parts.size()),
              progress);
    return Collect();
  }

 private:
  // One part of the fleet (all of it, or a group of buildings no other group
  // reaches) built in ns-3, run, read back into the fleet's results, and let go.
  void RunPart(const FleetPart& part, const std::string& label, const Progress& progress);
  std::vector<FleetPart> PartsOfTheFleet();
  std::vector<bool> FleetNearRegions();
  std::vector<ns3::BleRegionCensus> FleetCensus(ns3::Ptr<const ns3::BlePhy> like) const;
  void DrawStarts();
  void ReleasePart();
  void ConfigureHelper(ns3::BleHelper& helper) const;
  ns3::Ptr<ns3::BleChannel> MakeChannel(const ns3::BleHelper& helper) const;
  void SetLossFloors(ns3::Ptr<ns3::BleChannel> channel) const;
  void NumberTheRadios();
  void CreateNodes();
  void RaiseBuildings();
  void ConnectLinks();
  void SeedTheAir();
  void AddWifiInterferers(ns3::Ptr<ns3::BleChannel> channel);
  void MapInterferenceRegions(ns3::Ptr<ns3::BleChannel> channel);
  void InstallWearables();
  void InstallWearable(int i, ns3::BleRadioEnergyModelHelper& radioEnergy, ns3::McuEnergyModelHelper& mcuEnergy);
  void InstallFogNodes();
  void InstallFogRadios(int j, const std::vector<int>& served);
  void InstallFogScanner(int j, const std::vector<int>& served, ns3::BleRadioEnergyModelHelper& radioEnergy,
                         ns3::Ptr<ns3::EnergySource> supply);
  // A pcap capture per fog node into captureFolder_ (when one is asked for).
  void EnableCaptures();
  void RunUntilEnd(const std::string& label, const Progress& progress);
  double MaxWearableLoadW() const;
  // What wearable i runs: its architecture's result size and its point's costs.
  long ResultBytes(int i) const { return kResultBytesPerClass * WearablePlanOf(i).architecture.lengths.back(); }
  const WearablePlan& WearablePlanOf(int i) const { return plan_.wearables.at(static_cast<size_t>(i)); }
  const PartitionCost& CostOf(int i) const { return WearablePlanOf(i).predicted; }
  // The fleet as the predictor sees it, each wearable with its own tensor.
  FleetLayout Layout() const {
    FleetLayout l = LayoutOf(topo_);
    for (size_t k = 0; k < topo_.wearPos.size(); ++k) l.bytes_sent.push_back(CostOf(static_cast<int>(k)).bytes_sent);
    return l;
  }
  double JobsEdgeEquivalentMj() const;
  // The analytic models' view of every link, made before the run from the
  // plan, the placement and the channel's keyed shadowing draws: nothing the
  // simulation measures reaches them.
  void PredictLinks();
  WearableResult PredictWearable(int i, const FleetLayout& layout) const;
  CaseResult Collect() const;
  void CollectPart();
  WearableResult CollectWearable(int i) const;
  void CollectCounters(int i, WearableResult& w) const;
  void CollectEnergies(int i, WearableResult& w) const;
  // The shadowing the channel drew for wearable i's link to its fog node (a
  // pure function of the seed and the two nodes; 0 without shadowing).
  double LinkShadowingDb(int i) const;
  double PredictedFogAllInMj(int fogNode, const PartitionCost& cost) const;
  FogResult CollectFog(int j) const;

  const ScenarioSpec& spec_;
  const CasePlan& plan_;
  const std::string captureFolder_;
  std::vector<ns3::Ptr<ns3::BlePcapWriter>> captures_;  // by fog node
  std::mt19937_64 rng_;
  std::vector<double> latenciesMs_;  // of every completed inference
  uint64_t simEvents_ = 0;
  double runWallS_ = 0;
  std::vector<double> partsSteadyWallS_;  // of runWallS_, the windows in steady state, by part (RunUntilEnd)
  Topology topo_;
  FleetLayout layout_;  // the topology in plain numbers: the predictor's view and the buildings' index
  std::vector<double> radiosByBuilding_;  // fog nodes and wearables (layout buildings)
  // Drawn for the whole fleet before it is split into parts, in the order
  // one simulation of it would draw them.
  std::vector<double> firstWindowS_;     // per wearable
  std::vector<int64_t> anchorOffsetNs_;  // per fog node
  std::vector<uint32_t> accessAddress_;  // per wearable
  std::vector<WearableResult> wearableResults_;  // per wearable, filled part by part
  std::vector<FogResult> fogResults_;            // per fog node
  // The part being simulated: its nodes and devices in the part's order, and
  // each fleet index's place there (-1: in another part). The vectors of ns-3
  // objects below are by fleet index, null outside the part.
  FleetPart part_;
  std::vector<int> fogInPart_, wearableInPart_;
  std::map<int, std::vector<int>> servedInPart_;  // by fog node of the part: the wearables it serves
  ns3::NodeContainer fogNodes_, wearNodes_;
  ns3::NetDeviceContainer fogDevs_, wearDevs_;
  ns3::Ptr<ns3::Node> FogNode(int j) const { return fogNodes_.Get(InPart(fogInPart_, j)); }
  ns3::Ptr<ns3::Node> WearNode(int i) const { return wearNodes_.Get(InPart(wearableInPart_, i)); }
  ns3::Ptr<ns3::NetDevice> FogDev(int j) const { return fogDevs_.Get(InPart(fogInPart_, j)); }
  ns3::Ptr<ns3::NetDevice> WearDev(int i) const { return wearDevs_.Get(InPart(wearableInPart_, i)); }
  static uint32_t InPart(const std::vector<int>& places, int index) {
    const int place = places.at(static_cast<size_t>(index));
    if (place < 0) throw std::logic_error(fmt::format("node {} is not in the part being simulated", index));
    return static_cast<uint32_t>(place);
  }
  ns3::Ptr<ns3::BleChannel> channel_;
  std::vector<ns3::Ptr<ns3::EnergySource>> sources_;
  std::vector<ns3::Ptr<ns3::BleRadioEnergyModel>> radios_;
  std::vector<ns3::Ptr<ns3::McuEnergyModel>> mcus_;
  std::vector<ns3::Ptr<ns3::BleWearableApplication>> apps_;
  std::vector<ns3::Ptr<ns3::BleFogApplication>> fogApps_;
  // The fog nodes' radios, one model per link (per wearable), and what feeds
  // each the peripheral's radio states.
  std::vector<ns3::Ptr<ns3::BleRadioEnergyModel>> fogRadios_;
  std::vector<std::unique_ptr<ns3::BleCentralRadio>> fogRadioFeeds_;
  // Per fog node: its scanning for links that are down (none without links).
  std::vector<ns3::Ptr<ns3::BleRadioEnergyModel>> fogScanModels_;
  std::vector<std::unique_ptr<ns3::BleCentralScanner>> fogScanners_;
  std::vector<WearableTrace> traces_;
  std::vector<WearableResult> predictions_;  // per wearable: the prediction fields only (PredictLinks)
  // Wearable index by ns-3 node id (-1: a fog node): every finished job looks its wearable up.
  std::vector<int> wearableByNode_;
  WearableTrace& TraceOfNode(uint32_t node) {
    return traces_.at(static_cast<size_t>(wearableByNode_.at(node)));
  }
  std::vector<double> remainingJ_;
  std::vector<double> windowsJ_;  // each wearable's energy over whole windows (RunUntilEnd)
  double windowsInSpan_ = 1;
  ns3::Time end_;
};

void CaseSimulation::RunPart(const FleetPart& part, const std::string& label, const Progress& progress) {
  ns3::Simulator::Destroy();
  ns3::RngSeedManager::SetSeed(static_cast<uint32_t>(spec_.seed % 4294967295u) + 1);
  ns3::RngSeedManager::SetRun(1);
  part_ = part;
  CreateNodes();
  ConnectLinks();
  InstallWearables();
  InstallFogNodes();
  EnableCaptures();
  PredictLinks();
  RunUntilEnd(label, progress);
  for (const auto& capture : captures_)
    if (capture) capture->Write();
  CollectPart();
  ns3::Simulator::Destroy();
  ReleasePart();
}

// The whole fleet at once, or among buildings (unless the scenario asks for
// it together) its groups of buildings that do not reach each other.
std::vector<FleetPart> CaseSimulation::PartsOfTheFleet() {
  if (spec_.placement.layout != Layout::Buildings || !spec_.far_buildings_apart) {
    FleetPart whole;
    for (int j = 0; j < spec_.fog_nodes; ++j) whole.fogs.push_back(j);
    for (int i = 0; i < spec_.wearables; ++i) whole.wearables.push_back(i);
    return {whole};
  }
  std::vector<int> fogRegion;
  for (const IndoorPlace& p : layout_.fog_place) fogRegion.push_back(p.building);
  return fleet_parts(FleetNearRegions(), static_cast<uint32_t>(layout_.buildings.size()), fogRegion,
                     layout_.wearable_building, topo_.attachedTo);
}

// Which buildings a receiver checks in the whole fleet: a channel made as
// every part's is, with one radio made as every radio is (a case runs one
// radio profile), the fleet's census and the least losses between buildings.
std::vector<bool> CaseSimulation::FleetNearRegions() {
  ns3::Simulator::Destroy();
  ns3::BleHelper helper;
  ConfigureHelper(helper);
  ns3::Ptr<ns3::BleChannel> channel = MakeChannel(helper);
  ns3::NodeContainer probe;
  probe.Create(1);
  const ns3::NetDeviceContainer dev = helper.Install(probe, ns3::BleNetDevice::PERIPHERAL, channel);
  channel->SetFleetCensus(FleetCensus(RadioOf(dev.Get(0))));
  SetLossFloors(channel);
  const auto n = static_cast<uint32_t>(layout_.buildings.size());
  std::vector<bool> near(static_cast<size_t>(n) * n, false);
  for (uint32_t to = 0; to < n; ++to)
    for (uint32_t from : channel->GetNearRegions(to)) near[static_cast<size_t>(to) * n + from] = true;
  ns3::Simulator::Destroy();
  return near;
}

// The fleet's radios per building, each made like `like`.
std::vector<ns3::BleRegionCensus> CaseSimulation::FleetCensus(ns3::Ptr<const ns3::BlePhy> like) const {
  std::vector<ns3::BleRegionCensus> census(radiosByBuilding_.size());
  for (size_t b = 0; b < census.size(); ++b) {
    census[b].radios = radiosByBuilding_[b];
    if (radiosByBuilding_[b] == 0) continue;
    census[b].highestTxDbm = like->TxPowerDbm();
    census[b].lowestNoiseMw = ns3::BleDbToLinear(like->NoiseDbm());
  }
  return census;
}

// The part's figures into the fleet's, read while its ns-3 objects live.
void CaseSimulation::CollectPart() {
  wearableResults_.resize(static_cast<size_t>(spec_.wearables));
  fogResults_.resize(static_cast<size_t>(spec_.fog_nodes));
  for (int i : part_.wearables) wearableResults_[static_cast<size_t>(i)] = CollectWearable(i);
  for (int j : part_.fogs) fogResults_[static_cast<size_t>(j)] = CollectFog(j);
}

// Lets go of the part's ns-3 objects (after Simulator::Destroy has disposed
// of its nodes), so that the next part starts with their memory free.
void CaseSimulation::ReleasePart() {
  fogNodes_ = ns3::NodeContainer();
  wearNodes_ = ns3::NodeContainer();
  fogDevs_ = ns3::NetDeviceContainer();
  wearDevs_ = ns3::NetDeviceContainer();
  channel_ = nullptr;
  captures_.clear();
  sources_.clear();
  radios_.clear();
  mcus_.clear();
  apps_.clear();
  fogApps_.clear();
  fogRadios_.clear();
  fogRadioFeeds_.clear();
  fogScanModels_.clear();
  fogScanners_.clear();
  wearableByNode_.clear();
  servedInPart_.clear();
}

// The part's nodes, fog nodes first (as one simulation of the fleet makes them).
void CaseSimulation::CreateNodes() {
  fogInPart_.assign(static_cast<size_t>(spec_.fog_nodes), -1);
  wearableInPart_.assign(static_cast<size_t>(spec_.wearables), -1);
  for (size_t k = 0; k < part_.fogs.size(); ++k) fogInPart_[static_cast<size_t>(part_.fogs[k])] = static_cast<int>(k);
  for (size_t k = 0; k < part_.wearables.size(); ++k)
    wearableInPart_[static_cast<size_t>(part_.wearables[k])] = static_cast<int>(k);
  for (int i : part_.wearables) servedInPart_[topo_.attachedTo[static_cast<size_t>(i)]].push_back(i);
  fogNodes_.Create(static_cast<uint32_t>(part_.fogs.size()));
  wearNodes_.Create(static_cast<uint32_t>(part_.wearables.size()));
  for (int j : part_.fogs) PlaceStill(FogNode(j), topo_.fogPos[static_cast<size_t>(j)]);
  const PlacementSettings& p = spec_.placement;
  const bool inWards = p.layout == Layout::Buildings;
  for (int i : part_.wearables) {
    ns3::Ptr<ns3::Node> node = WearNode(i);
    const ns3::Vector& at = topo_.wearPos[static_cast<size_t>(i)];
    if (p.random_walk && (!inWards || walks(p.walking_share, i)))
      PlaceWalking(node, at, inWards ? walk_area_of(p, topo_.wardOf[static_cast<size_t>(i)]) : WalkArea{0, p.area_w_m, 0, p.area_h_m},
                   p.walk_speed_m_s, i);
    else
      PlaceStill(node, at);
    if (wearableByNode_.size() <= node->GetId()) wearableByNode_.resize(node->GetId() + 1, -1);
    wearableByNode_[node->GetId()] = i;
  }
  if (inWards) RaiseBuildings();
}

// ns-3's buildings, and on every node the record of the building, floor and
// room it stands in, which the buildings loss model reads.
// Only the part's buildings and those Wi-Fi routers stand in: a building no
// node of the part stands in changes no loss between them, and every
// walker's move looks through every building raised (a hundred buildings'
// hospital would look through all of them in every part).
void CaseSimulation::RaiseBuildings() {
  std::vector<bool> raise(spec_.placement.buildings.size(), false);
  for (int j : part_.fogs) raise.at(static_cast<size_t>(layout_.fog_place[static_cast<size_t>(j)].building)) = true;
  for (int i : part_.wearables) raise.at(static_cast<size_t>(layout_.wearable_building[static_cast<size_t>(i)])) = true;
  for (const WifiInterfererSpec& w : spec_.wifi_interferers) {
    const int b = place_in(spec_.placement.buildings, {w.x_m, w.y_m, kWearableHeightM}).building;
    if (b >= 0) raise.at(static_cast<size_t>(b)) = true;
  }
  for (size_t b = 0; b < raise.size(); ++b)
    if (raise[b]) RaiseBuilding(spec_.placement.buildings[b]);
  ns3::BuildingsHelper::Install(fogNodes_);
  ns3::BuildingsHelper::Install(wearNodes_);
}

// The devices' attributes: the radio profile's, and how the links account
// their events.
void CaseSimulation::ConfigureHelper(ns3::BleHelper& helper) const {
  using namespace ns3;
  SetBleLinkAttributes(helper, spec_.radio.ble, spec_.idle_events_closed_form);
  // A cell's voltage follows the current it is asked for at each update; the
  // closed form would ask only for an event's mean, so with a cell every data
  // event goes state by state (a precaution). The ideal battery takes the
  // models' own energies.
  const bool cell = spec_.battery.model != BatteryModel::Basic;
  helper.SetLinkLayerAttribute("DataEventsInClosedForm", BooleanValue(spec_.data_events_closed_form && !cell));
  helper.SetLinkLayerAttribute("ChannelMap", UintegerValue(spec_.data_channel_map));
  helper.SetLinkLayerAttribute("KeepWhileDisconnected",
                               BooleanValue(spec_.disconnected != DisconnectedPolicy::Drop));
}

ns3::Ptr<ns3::BleChannel> CaseSimulation::MakeChannel(const ns3::BleHelper& helper) const {
  using namespace ns3;
  Ptr<BleChannel> channel = spec_.placement.layout == Layout::Buildings
                                ? helper.CreateChannel(BuildingsLossModel())
                                : helper.CreateChannel(spec_.path_loss_exponent, spec_.reference_loss_db);
  channel->SetAttribute("CaptureThresholdDb", DoubleValue(spec_.capture_threshold_db));
  channel->SetAttribute("BodyLossDb", DoubleValue(spec_.body_loss_db));
  channel->SetAttribute("ShadowingSigmaDb", DoubleValue(spec_.shadowing_sigma_db));
  channel->SetAttribute("Fading", EnumValue(spec_.fading == BleFading::Rayleigh  ? BLE_FADING_RAYLEIGH
                                            : spec_.fading == BleFading::Rician ? BLE_FADING_RICIAN
                                                                                 : BLE_FADING_NONE));
  channel->SetAttribute("RicianKDb", DoubleValue(spec_.rician_k_db));
  if (spec_.placement.layout == Layout::Buildings)
    channel->SetAttribute("InterferenceBoundDb", DoubleValue(spec_.interference_bound_db));
  channel->AssignStreams(0);
  return channel;
}

void CaseSimulation::ConnectLinks() {
  using namespace ns3;
  BleHelper helper;
  ConfigureHelper(helper);
  Ptr<BleChannel> channel = MakeChannel(helper);
  channel_ = channel;
  AddWifiInterferers(channel);
  fogDevs_ = helper.Install(fogNodes_, BleNetDevice::CENTRAL, channel);
  wearDevs_ = helper.Install(wearNodes_, BleNetDevice::PERIPHERAL, channel);
  NumberTheRadios();
  if (spec_.placement.layout == Layout::Buildings) MapInterferenceRegions(channel);
  SeedTheAir();
  for (const auto& [j, wearables] : servedInPart_) {
    NetDeviceContainer devices;
    for (int i : wearables) devices.Add(WearDev(i));
    helper.Connect(FogDev(j), devices);
  }
}

// Each radio's draws keyed by its node's number in the whole fleet (fog
// nodes first), whichever part holds it.
void CaseSimulation::NumberTheRadios() {
  for (int j : part_.fogs) RadioOf(FogDev(j))->SetAttribute("DrawId", ns3::UintegerValue(static_cast<uint32_t>(j)));
  for (int i : part_.wearables)
    RadioOf(WearDev(i))->SetAttribute("DrawId", ns3::UintegerValue(static_cast<uint32_t>(spec_.fog_nodes + i)));
}

// The interference index's regions: a building each, with the least loss
// between every two buildings at the heights their nodes stand at (worked out
// with the layout; walkers keep their height and their building).
// The fleet's census of radios per building is given to every part's
// channel, so that each finds the near buildings the whole fleet's would.
void CaseSimulation::MapInterferenceRegions(ns3::Ptr<ns3::BleChannel> channel) {
  for (int j : part_.fogs)
    channel->SetRegion(RadioOf(FogDev(j)), static_cast<uint32_t>(layout_.fog_place[static_cast<size_t>(j)].building));
  for (int i : part_.wearables)
    channel->SetRegion(RadioOf(WearDev(i)), static_cast<uint32_t>(layout_.wearable_building[static_cast<size_t>(i)]));
  channel->SetFleetCensus(FleetCensus(RadioOf(fogDevs_.Get(0))));
  SetLossFloors(channel);
}

void CaseSimulation::SetLossFloors(ns3::Ptr<ns3::BleChannel> channel) const {
  const auto n = static_cast<uint32_t>(layout_.buildings.size());
  for (uint32_t from = 0; from < n; ++from)
    for (uint32_t to = 0; to < n; ++to)
      if (from != to) channel->SetRegionLossFloorDb(from, to, layout_.least_loss_db[from * n + to]);
}

// The scenario's Wi-Fi transmitters, standing where it places them. Their
// bursts are keyed draws on streams of their own (the channel's take stream
// 0), so they draw apart from each other and adding one moves no other draw.
void CaseSimulation::AddWifiInterferers(ns3::Ptr<ns3::BleChannel> channel) {
  using namespace ns3;
  constexpr int64_t kFirstWifiStream = int64_t{1} << 43;
  for (size_t k = 0; k < spec_.wifi_interferers.size(); ++k) {
    const WifiInterfererSpec& w = spec_.wifi_interferers[k];
    Ptr<BleWifiInterferer> wifi = CreateObject<BleWifiInterferer>();
    wifi->SetAttribute("WifiChannel", UintegerValue(static_cast<uint32_t>(w.channel)));
    wifi->SetAttribute("DutyCycle", DoubleValue(w.duty_cycle));
    wifi->SetAttribute("TxPowerDbm", DoubleValue(w.tx_power_dbm));
    wifi->SetAttribute("BurstDuration", TimeValue(RoundedTime(w.burst_ms * 1e-3)));
    Ptr<ConstantPositionMobilityModel> at = CreateObject<ConstantPositionMobilityModel>();
    // Among buildings, a router stands at the wearables' height and the
    // buildings model needs its place record (ITU-R P.1411 takes heights above 0).
    const bool inWards = spec_.placement.layout == Layout::Buildings;
    at->SetPosition(Vector(w.x_m, w.y_m, inWards ? kWearableHeightM : 0.0));
    if (inWards) at->AggregateObject(CreateObject<MobilityBuildingInfo>());
    wifi->SetMobility(at);
    wifi->AssignStreams(kFirstWifiStream + static_cast<int64_t>(k));
    channel->AddWifiInterferer(wifi);
  }
}

// What each wearable and fog node starts with, drawn for the whole fleet
// (whichever part then holds the node). Each wearable's first window after
// the placement, from the scenario's seed. Fog nodes do not coordinate: each
// one's anchors start at its own offset within the interval; each link hops
// from its own access address: both from the seed, on a generator of their
// own so that the placement and window draws stay what they were.
void CaseSimulation::DrawStarts() {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int i = 0; i < spec_.wearables; ++i) firstWindowS_.push_back(spec_.window_s * unit(rng_));
  std::mt19937_64 air(spec_.seed ^ 0xA1B2C3D4E5F60718ULL);
  const int64_t intervalNs = RoundedTime(spec_.radio.ble.conn_interval_ms * 1e-3).GetNanoSeconds();
  std::uniform_int_distribution<int64_t> offset(0, intervalNs - 1);
  std::uniform_int_distribution<uint32_t> address(1, 0xFFFFFFFEu);
  for (int j = 0; j < spec_.fog_nodes; ++j) anchorOffsetNs_.push_back(offset(air));
  for (int i = 0; i < spec_.wearables; ++i) accessAddress_.push_back(address(air));
}

void CaseSimulation::SeedTheAir() {
  using namespace ns3;
  for (int j : part_.fogs)
    LinkLayerOf(FogDev(j))->SetAttribute("AnchorOffset", TimeValue(NanoSeconds(anchorOffsetNs_[static_cast<size_t>(j)])));
  for (int i : part_.wearables)
    LinkLayerOf(WearDev(i))->SetAttribute("AccessAddress", UintegerValue(accessAddress_[static_cast<size_t>(i)]));
}

// One battery per wearable feeding the radio and the MCU.
void CaseSimulation::InstallWearables() {
  ns3::BleRadioEnergyModelHelper radioEnergy;
  SetBleRadioEnergyAttributes(radioEnergy, spec_.radio.ble);
  ns3::McuEnergyModelHelper mcuEnergy;
  mcuEnergy.Set("RunPowerW", ns3::DoubleValue(spec_.mcu.active_power_mw * 1e-3));
  mcuEnergy.Set("SleepPowerW", ns3::DoubleValue(spec_.mcu.sleep_power_mw * 1e-3));
  const auto n = static_cast<size_t>(spec_.wearables);
  sources_.assign(n, nullptr);
  radios_.assign(n, nullptr);
  mcus_.assign(n, nullptr);
  apps_.assign(n, nullptr);
  for (int i : part_.wearables) InstallWearable(i, radioEnergy, mcuEnergy);
}

// What the wearable's radio (in its dearest state) and MCU (running) can draw
// together, as power: the models hand the battery P / V.
double CaseSimulation::MaxWearableLoadW() const {
  const BleRadioParams& b = spec_.radio.ble;
  const double maxRadioMa = std::max({b.sleep_current_ua * 1e-3, b.ramp_current_ma, b.tx_current_ma, b.rx_current_ma,
                                      b.idle_current_ma, b.hfxo_current_ma, b.cpu_current_ma});
  return maxRadioMa * 1e-3 * b.supply_v / b.dcdc_efficiency + spec_.mcu.active_power_mw * 1e-3;
}

void CaseSimulation::InstallWearable(int i, ns3::BleRadioEnergyModelHelper& radioEnergy,
                                     ns3::McuEnergyModelHelper& mcuEnergy) {
  using namespace ns3;
  constexpr int64_t kFirstJitterStream = int64_t{1} << 45;
  Ptr<Node> node = WearNode(i);
  Ptr<EnergySource> source = MakeWearableBattery(spec_.battery, MaxWearableLoadW());
  source->SetNode(node);
  node->AggregateObject(source);
  Ptr<BleNetDevice> dev = DynamicCast<BleNetDevice>(WearDev(i));
  Ptr<BleRadioEnergyModel> radio = DynamicCast<BleRadioEnergyModel>(radioEnergy.Install(dev, source).Get(0));
  Ptr<McuEnergyModel> mcu = mcuEnergy.Install(source);
  Ptr<BleWearableApplication> app = CreateObject<BleWearableApplication>();
  app->SetAttribute("Window", TimeValue(RoundedTime(spec_.window_s)));
  app->SetAttribute("FirstWindow", TimeValue(RoundedTime(firstWindowS_[static_cast<size_t>(i)])));
  app->SetAttribute("WindowJitter", TimeValue(RoundedTime(spec_.window_jitter_s)));
  app->AssignStreams(kFirstJitterStream + i);  // keyed by the wearable, as its walk
  const PartitionCost& cost = CostOf(i);
  app->SetAttribute("EdgeLatency", TimeValue(RoundedTime(cost.edge_latency_ms * 1e-3)));
  app->SetAttribute("PayloadBytes", UintegerValue(static_cast<uint32_t>(cost.bytes_sent)));
  if (spec_.disconnected == DisconnectedPolicy::Edge) {
    // Every layer on the MCU: the cost model's edge part plus what the MCU
    // would take for the fog's layers (the same per-layer latencies).
    app->SetAttribute("EdgeWhileDisconnected", BooleanValue(true));
    app->SetAttribute("WholeLatency",
                      TimeValue(RoundedTime((cost.edge_latency_ms + cost.fog.edge_equivalent_ms) * 1e-3)));
    app->SetAttribute("ResultBytes", UintegerValue(static_cast<uint32_t>(ResultBytes(i))));
  }
  app->SetDevice(dev);
  app->SetMcu(mcu);
  node->AddApplication(app);
  app->SetStartTime(Seconds(0));
  app->SetStopTime(RoundedTime(spec_.duration_s));
  radio->SetEnergyDepletionCallback(MakeCallback(&BleWearableApplication::Deplete, app));
  mcu->SetEnergyDepletionCallback(MakeCallback(&BleWearableApplication::Deplete, app));
  // The radio energy of each event that carries data, read off the model at
  // the event's start (its CPU work) and end (back asleep); and there, the
  // idle events' energy so far: all the radio spent, less its sleep and the
  // data events.
  WearableTrace* tr = &traces_[static_cast<size_t>(i)];
  BleRadioEnergyModel* rp = PeekPointer(radio);
  Ptr<BleLinkLayer> ll = dev->GetLinkLayer();
  BleLinkLayer* dp = PeekPointer(ll);
  ll->TraceConnectWithoutContext("EventStart", Callback<void, Time, bool>([tr, rp, dp](Time, bool data) {
                                    if (!data) return;
                                    tr->eventStartJ = rp->GetTotalEnergyConsumption();
                                    tr->idleEventsJ = tr->eventStartJ - rp->GetStateEnergyJ(BLE_RADIO_SLEEP) -
                                                      tr->dataEventsJ - tr->advJ;
                                    tr->idleEvents = dp->GetStatistics().idleEvents;
                                  }));
  ll->TraceConnectWithoutContext("EventEnd", Callback<void, Time, bool>([tr, rp](Time, bool data) {
                                    if (data) tr->dataEventsJ += rp->GetTotalEnergyConsumption() - tr->eventStartJ;
                                  }));
  TraceConnectionLife(ll, rp, tr);
  const auto ui = static_cast<size_t>(i);
  sources_[ui] = source;
  radios_[ui] = radio;
  mcus_[ui] = mcu;
  apps_[ui] = app;
}

// Each fog node: a mains supply, a processor that runs at the fog profile's
// busy power (set by the case's efficiency factor) for the fog layers' time,
// and the application that queues and computes the tensors.
void CaseSimulation::InstallFogNodes() {
  using namespace ns3;
  const FogProfile fog = fog_at_factor(spec_.mcu, spec_.fog, plan_.factor);
  McuEnergyModelHelper processorEnergy;
  processorEnergy.Set("RunPowerW", DoubleValue(fog.busy_power_mw * 1e-3));
  processorEnergy.Set("SleepPowerW", DoubleValue(fog.idle_power_mw * 1e-3));
  const auto fogs = static_cast<size_t>(spec_.fog_nodes);
  fogScanModels_.assign(fogs, nullptr);
  fogScanners_.clear();
  fogScanners_.resize(fogs);
  fogApps_.assign(fogs, nullptr);
  fogRadios_.assign(static_cast<size_t>(spec_.wearables), nullptr);
  fogRadioFeeds_.clear();
  fogRadioFeeds_.resize(static_cast<size_t>(spec_.wearables));
  for (int j : part_.fogs) {
    Ptr<Node> node = FogNode(j);
    Ptr<EnergySource> supply = MakeMainsSupply();
    supply->SetNode(node);
    node->AggregateObject(supply);
    Ptr<BleFogApplication> app = CreateObject<BleFogApplication>();
    app->SetAttribute("JobTime", TimeValue(RoundedTime(plan_.predicted.fog.compute_ms * 1e-3)));
    app->SetAttribute("RxEnergyPerBitJ", DoubleValue(fog.rx_energy_per_bit_nj * 1e-9));
    // Each wearable's tensor takes the time of its own fog layers.
    const std::vector<int>& served = servedInPart_[j];
    for (int i : served) app->SetJobTime(WearNode(i)->GetId(), RoundedTime(CostOf(i).fog.compute_ms * 1e-3));
    app->SetProcessor(processorEnergy.Install(supply));
    InstallFogRadios(j, served);
    app->AddDevice(FogDev(j));
    node->AddApplication(app);
    app->TraceConnectWithoutContext(
        "JobDone", Callback<void, uint32_t, Time, Time, double>([this](uint32_t wearableNode, Time e2e, Time q,
                                                                        double jobJ) {
          WearableTrace& tr = TraceOfNode(wearableNode);
          ++tr.jobs;
          tr.fogJobsJ += jobJ;
          tr.latencySumS += e2e.GetSeconds();
          latenciesMs_.push_back(e2e.GetSeconds() * 1e3);
          tr.latencyMaxS = std::max(tr.latencyMaxS, e2e.GetSeconds());
          tr.queueingSumS += q.GetSeconds();
        }));
    app->TraceConnectWithoutContext(
        "ResultReceived", Callback<void, uint32_t, Time, uint32_t>([this](uint32_t wearableNode, Time e2e, uint32_t) {
          ++TraceOfNode(wearableNode).results;
          latenciesMs_.push_back(e2e.GetSeconds() * 1e3);
        }));
    fogApps_[static_cast<size_t>(j)] = app;
  }
}

// The fog node's radio: the fog profile's own radio profile where it names one,
// else the wearables'; only its currents and supply voltage are taken (the
// exchange's timing is the link's). One energy model per link, fed with the
// central's side of the link's events. The radio sleeps once, not once per link: only the fog
// node's first link charges the sleep current. Each link's model integrates on
// a mains supply of its own: nothing depends on which mains source counts the
// energy (the figures are the models' totals), while one ns-3 source holding
// all of a fog node's links would ask every link's model for its current at
// each state change of any of them (quadratic in links per fog node; about 30%
// of fleet-1000's time).
void CaseSimulation::InstallFogRadios(int j, const std::vector<int>& served) {
  using namespace ns3;
  BleRadioEnergyModelHelper radioEnergy;
  SetBleRadioEnergyAttributes(radioEnergy, spec_.fog.radio ? spec_.fog.radio->ble : spec_.radio.ble);
  bool first = true;
  Ptr<EnergySource> scanSupply;
  for (int i : served) {
    Ptr<BleRadioEnergyModel> model = radioEnergy.Create();
    if (!first) model->SetAttribute("SleepCurrentA", DoubleValue(0.0));
    first = false;
    Ptr<EnergySource> supply = MakeMainsSupply();
    supply->SetNode(FogNode(j));
    model->SetEnergySource(supply);
    supply->AppendDeviceEnergyModel(model);
    Ptr<BleNetDevice> dev = DynamicCast<BleNetDevice>(WearDev(i));
    auto feed = std::make_unique<BleCentralRadio>(PeekPointer(model), dev->GetLinkLayer()->WindowWidening());
    dev->AddRadioListener(feed.get());
    fogRadios_[static_cast<size_t>(i)] = model;
    fogRadioFeeds_[static_cast<size_t>(i)] = std::move(feed);
    if (!scanSupply) scanSupply = supply;
  }
  InstallFogScanner(j, served, radioEnergy, scanSupply);
}

// The fog node's scanning while any of its links is down: one more radio
// model on the node (sleep charged by its links' models already), receiving
// for the scan window of every scan interval, fed by each link's state.
void CaseSimulation::InstallFogScanner(int j, const std::vector<int>& served,
                                       ns3::BleRadioEnergyModelHelper& radioEnergy,
                                       ns3::Ptr<ns3::EnergySource> supply) {
  using namespace ns3;
  if (!supply) return;  // no link: nothing to scan for
  Ptr<BleRadioEnergyModel> model = radioEnergy.Create();
  model->SetAttribute("SleepCurrentA", DoubleValue(0.0));
  model->SetEnergySource(supply);
  supply->AppendDeviceEnergyModel(model);
  auto scanner = std::make_unique<BleCentralScanner>(PeekPointer(model),
                                                     RoundedTime(spec_.radio.ble.scan_interval_ms * 1e-3),
                                                     RoundedTime(spec_.radio.ble.scan_window_ms * 1e-3));
  for (int i : served)
    LinkLayerOf(WearDev(i))->TraceConnectWithoutContext("State",
                                                         MakeCallback(&BleCentralScanner::NotifyLinkState, scanner.get()));
  fogScanModels_[static_cast<size_t>(j)] = model;
  fogScanners_[static_cast<size_t>(j)] = std::move(scanner);
}

void CaseSimulation::RunUntilEnd(const std::string& label, const Progress& progress) {
  using namespace ns3;
  ProgressTicker ticker{progress, label, end_, std::max(Seconds(1), RoundedTime(spec_.duration_s / 100.0))};
  if (progress) Simulator::Schedule(ticker.step, &ProgressTicker::Tick, &ticker);
  // Read the batteries at the end, while the simulation still runs: ns-3's
  // Li-ion source does not update once it has finished.
  Simulator::Schedule(end_, [this] {
    // A battery's count can end a little below zero (what was spent up to
    // the moment it was found empty): nothing is left.
    for (int i : part_.wearables)
      remainingJ_[static_cast<size_t>(i)] = std::max(0.0, sources_[static_cast<size_t>(i)]->GetRemainingEnergy());
  });
  // The wearables' energy over whole windows in steady state: from the end
  // of the first window (the connection's start is behind) to the end of the
  // last (the run's extra window, in which no window starts, left out).
  auto add_energy = [this](double sign) {
    for (int w : part_.wearables) {
      const auto i = static_cast<size_t>(w);
      windowsJ_[i] += sign * (radios_[i]->GetTotalEnergyConsumption() + mcus_[i]->GetTotalEnergyConsumption());
    }
  };
  // The same span's wall time, read at the same two events.
  const bool whole_windows = spec_.duration_s >= 2 * spec_.window_s;
  const auto runStart = std::chrono::steady_clock::now();
  auto steadyStart = runStart;
  if (whole_windows)
    Simulator::Schedule(RoundedTime(spec_.window_s), [add_energy, &steadyStart] {
      add_energy(-1.0);
      steadyStart = std::chrono::steady_clock::now();
    });
  Simulator::Schedule(RoundedTime(spec_.duration_s), [this, add_energy, &steadyStart] {
    add_energy(1.0);
    partsSteadyWallS_.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - steadyStart).count());
  });
  windowsInSpan_ = std::round(spec_.duration_s / spec_.window_s) - (whole_windows ? 1 : 0);
  Simulator::Stop(end_);
  Simulator::Run();
  runWallS_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - runStart).count();
  simEvents_ += Simulator::GetEventCount();
}

CaseResult CaseSimulation::Collect() const {
  CaseResult out;
  out.architecture = plan_.architecture.name;
  out.shape = plan_.shape;
  out.factor = plan_.factor;
  out.partition_point = plan_.partition_point;
  out.solver_chose = plan_.solver_chose;
  out.predicted = plan_.predicted;
  out.bytes_sent = plan_.predicted.bytes_sent;
  out.duration_s = end_.GetSeconds();
  out.window_s = spec_.window_s;
  out.wearables = wearableResults_;
  out.fogs = fogResults_;
  out.fog = summarise_fog_jobs(out.fogs, JobsEdgeEquivalentMj());
  if (out.fog.jobs > 0) {
    double fog_j = 0;
    for (const FogResult& f : out.fogs) fog_j += f.compute_j + f.idle_j + f.rx_j + f.radio_j;
    out.fog.e_allin_per_window_mj = 1e3 * fog_j / out.duration_s * spec_.window_s / spec_.wearables;
  }
  out.fleet = summarise_fleet(out.wearables, spec_.fog_nodes, latenciesMs_, out.fog.factor_measured, simEvents_);
  out.run_wall_s = runWallS_;
  out.parts_run_wall_steady_s = partsSteadyWallS_;
  out.fleet.fog_factor_measured_with_radio = out.fog.factor_measured_with_radio;
  out.fleet.e_fog_radio_per_inference_mj = out.fog.e_radio_per_job_mj;
  return out;
}

// What the MCU would spend on the layers of every job the fog nodes ran, each
// job at its own wearable's point: summed per distinct figure, so that a case
// whose wearables all run one point gives that figure x jobs exactly.
double CaseSimulation::JobsEdgeEquivalentMj() const {
  std::map<double, long> jobs_by_mj;
  for (int i = 0; i < spec_.wearables; ++i)
    jobs_by_mj[CostOf(i).fog.edge_equivalent_mj] += traces_[static_cast<size_t>(i)].jobs;
  double total_mj = 0;
  for (const auto& [mj, jobs] : jobs_by_mj) total_mj += mj * static_cast<double>(jobs);
  return total_mj;
}

// The fog node's share of one inference of this link: its compute and
// reception (the cost model's), its idle power over the rest of the window
// shared among its links, and its radio's side of the link's events: the
// protocol-aware prediction with the fog radio's currents and the roles
// swapped (the central transmits while the peripheral receives, as the
// simulator's BleCentralRadio replays it) and no window widening: the central
// transmits at the anchor.
double CaseSimulation::PredictedFogAllInMj(int fogNode, const PartitionCost& cost) const {
  const int load = std::max(1, topo_.load[static_cast<size_t>(fogNode)]);
  const FogProfile fog = fog_at_factor(spec_.mcu, spec_.fog, plan_.factor);
  const double idle_s = std::max(0.0, spec_.window_s / load - 1e-3 * cost.fog.compute_ms);
  BleRadioParams central = spec_.fog.radio ? spec_.fog.radio->ble : spec_.radio.ble;
  std::swap(central.tx_current_ma, central.rx_current_ma);
  central.sleep_clock_ppm = central.central_sleep_clock_ppm = central.rx_window_margin_us = 0;  // no widening
  const BleTransfer transfer = predict_ble_transfer(central, cost.bytes_sent, load);
  return cost.e_fog_mj + fog.idle_power_mw * idle_s + transfer.energy_mj +
         ble_upkeep_per_window_mj(central, spec_.window_s, transfer);
}

double CaseSimulation::LinkShadowingDb(int i) const {
  const int fogNode = topo_.attachedTo[static_cast<size_t>(i)];
  return channel_->ShadowingDb(RadioOf(WearDev(i)), RadioOf(FogDev(fogNode)));
}

void CaseSimulation::PredictLinks() {
  predictions_.resize(static_cast<size_t>(spec_.wearables));
  for (int i : part_.wearables) predictions_[static_cast<size_t>(i)] = PredictWearable(i, layout_);
}

WearableResult CaseSimulation::PredictWearable(int i, const FleetLayout& layout) const {
  const auto ui = static_cast<size_t>(i);
  const int fogNode = topo_.attachedTo[ui];
  const int load = topo_.load[static_cast<size_t>(fogNode)];
  const PartitionCost& cost = CostOf(i);
  const double window_s = spec_.window_s;
  WearableResult w;
  w.distance_m = CalculateDistance(topo_.wearPos[ui], topo_.fogPos[static_cast<size_t>(fogNode)]);
  w.paper_comm_mj = per_bit_energy_mj(spec_.paper_energy_per_bit_nj, cost.bytes_sent);
  const BleTransfer transfer = predict_ble_transfer(spec_.radio.ble, cost.bytes_sent, load);
  // Expected losses at this link's distance, given its own shadowing draw
  // (keyed, so known before the run), and among the other fog nodes' links
  // (cost/ble_link_budget, its own code): resends and their energy.
  BleChannelParams channel = predicted_link_channel(spec_, layout, i);
  w.shadowing_db = LinkShadowingDb(i);
  if (spec_.shadowing_sigma_db > 0) channel.link_shadowing_db = w.shadowing_db;
  const BleSharedAir air = predicted_shared_air(spec_, layout, i);
  const BleExpectedLosses losses = predict_ble_losses(spec_.radio.ble, channel, w.distance_m, cost.bytes_sent, air);
  // The window as the link's life allows it (cost/ble_link_life): resends
  // only as many as its events carry, upkeep while connected, advertising
  // while not, and the windows whose tensor does not arrive.
  const BleWindowPrediction window = predict_ble_window(
      spec_.radio.ble, channel, w.distance_m,
      {cost.bytes_sent, window_s, spec_.duration_s, spec_.disconnected != DisconnectedPolicy::Drop, load}, air);
  w.pred_undelivered_share = window.undelivered_share;
  w.pred_loss_rate = losses.loss_rate;
  w.pred_resends_per_tensor = losses.resends;
  w.protocol_comm_mj = transfer.energy_mj + losses.resend_energy_mj;
  w.pred_edge_comp_mj = cost.e_edge_comp_mj;
  w.pred_fog_mj = cost.e_fog_mj;
  w.pred_upkeep_mj = window.upkeep_mj + window.advertising_mj;
  w.pred_mcu_sleep_mj = spec_.mcu.sleep_power_mw * std::max(0.0, window_s - 1e-3 * cost.edge_latency_ms);
  w.pred_allin_mj = w.pred_edge_comp_mj + window.tensor_mj + w.pred_upkeep_mj + w.pred_mcu_sleep_mj;
  w.pred_fog_allin_mj = PredictedFogAllInMj(fogNode, cost);
  return w;
}

// What the link layer and the application counted.
void CaseSimulation::CollectCounters(int i, WearableResult& w) const {
  using namespace ns3;
  const auto ui = static_cast<size_t>(i);
  const BleLinkStatistics link = LinkLayerOf(WearDev(i))->GetStatistics();
  const WearableTrace& tr = traces_[ui];
  w.inferences = apps_[ui]->GetInferences();
  w.tensors_queued = static_cast<long>(apps_[ui]->GetTensorsQueued());
  w.tensors_sent = static_cast<long>(link.sdusSent);
  w.fog_jobs = tr.jobs;
  w.data_packets = static_cast<long>(link.dataPackets);
  w.resends = static_cast<long>(link.resends);
  w.data_events = static_cast<long>(link.dataEvents);
  w.idle_events = static_cast<long>(link.idleEvents);
  w.openings_lost = static_cast<long>(link.openingsLost);
  w.acks_lost = static_cast<long>(link.acksLost);
  w.collisions = static_cast<long>(link.collisions);
  if (!spec_.wifi_interferers.empty()) w.wifi_losses = static_cast<long>(link.wifiLosses);
  w.link_losses = static_cast<long>(link.linkLosses);
  w.reconnections = static_cast<long>(link.reconnections);
  w.adv_events = static_cast<long>(link.advertisingEvents);
  w.tensors_dropped_at_loss = static_cast<long>(link.sdusDroppedAtLoss);
  w.inferences_on_edge = static_cast<long>(apps_[ui]->GetEdgeOnlyInferences());
  w.inferences_completed_on_edge = tr.results;
  w.result_bytes = ResultBytes(i);
  w.latency_mean_ms = tr.jobs > 0 ? 1e3 * tr.latencySumS / static_cast<double>(tr.jobs) : kNone;
  w.latency_max_ms = tr.jobs > 0 ? 1e3 * tr.latencyMaxS : kNone;
  w.queueing_mean_ms = tr.jobs > 0 ? 1e3 * tr.queueingSumS / static_cast<double>(tr.jobs) : kNone;
}

// What the energy models (wearable MCU and radio, fog radio) and the battery measured.
void CaseSimulation::CollectEnergies(int i, WearableResult& w) const {
  using namespace ns3;
  const auto ui = static_cast<size_t>(i);
  Ptr<BleLinkLayer> dev = LinkLayerOf(WearDev(i));
  const WearableTrace& tr = traces_[ui];
  w.mcu_edge_only_j = apps_[ui]->GetEdgeOnlyEnergyJ();
  w.radio_reconnect_j = tr.advJ;  // and the advertising still going on at the end
  if (dev->GetState() == BLE_LL_ADVERTISING) w.radio_reconnect_j += ActiveRadioJ(PeekPointer(radios_[ui])) - tr.advStartJ;
  w.link_supervised = spec_.radio.ble.supervision_timeout_ms > 0;
  for (int s = 0; s < kRadioStates; ++s)
    w.radio_state_j[static_cast<size_t>(s)] = radios_[ui]->GetStateEnergyJ(static_cast<BleRadioState>(s));
  w.mcu_run_j = mcus_[ui]->GetStateEnergyJ(McuEnergyModel::RUN);
  w.mcu_sleep_j = mcus_[ui]->GetStateEnergyJ(McuEnergyModel::SLEEP);
  w.radio_data_events_j = tr.dataEventsJ;
  const double radio_j = radios_[ui]->GetTotalEnergyConsumption();
  // The mean idle event up to the last data event (the run's end may cut
  // one short), as charge at the battery's nominal voltage.
  w.idle_event_charge_uc = tr.idleEvents > 0 ? 1e6 * tr.idleEventsJ / static_cast<double>(tr.idleEvents) /
                                                   spec_.battery.voltage_v
                                             : std::numeric_limits<double>::quiet_NaN();
  const double run_s = end_.GetSeconds();
  const double window_s = spec_.window_s;
  // The partitioned windows' edge part, and apart the windows run in full.
  const long partitioned = w.inferences - w.inferences_on_edge;
  w.sim_edge_comp_mj =
      partitioned > 0 ? 1e3 * (w.mcu_run_j - w.mcu_edge_only_j) / static_cast<double>(partitioned) : kNone;
  w.sim_edge_only_comp_mj =
      w.inferences_on_edge > 0 ? 1e3 * w.mcu_edge_only_j / static_cast<double>(w.inferences_on_edge) : kNone;
  w.sim_comm_mj = w.tensors_sent > 0 ? 1e3 * tr.dataEventsJ / static_cast<double>(w.tensors_sent) : kNone;
  w.sim_upkeep_mj = 1e3 * (radio_j - tr.dataEventsJ) / run_s * window_s;
  w.sim_mcu_sleep_mj = 1e3 * w.mcu_sleep_j / run_s * window_s;
  w.sim_fog_mj = tr.jobs > 0 ? 1e3 * tr.fogJobsJ / static_cast<double>(tr.jobs) : kNone;
  const double wearable_j = radio_j + mcus_[ui]->GetTotalEnergyConsumption();
  w.battery_drain_mw = 1e3 * wearable_j / run_s;
  // Per generated window: all the wearable spent over whole windows in
  // steady state, per window.
  w.sim_allin_mj = w.inferences > 0 ? 1e3 * windowsJ_[ui] / windowsInSpan_ : kNone;
  w.depleted = apps_[ui]->IsDepleted();
  w.depleted_at_s = w.depleted ? apps_[ui]->GetDepletionTime().GetSeconds() : 0;
  // Read where the battery reached its cut-off; extrapolated only otherwise.
  w.lifetime_measured = w.depleted;
  w.lifetime_h = w.depleted ? w.depleted_at_s / 3600.0
                 : w.battery_drain_mw > 0 && w.fog_jobs > 0
                     ? spec_.battery.energy_j() / (w.battery_drain_mw * 1e-3) / 3600.0
                     : kNone;
  w.battery_remaining_j = remainingJ_[ui];
  w.fog_radio_j = fogRadios_[ui]->GetTotalEnergyConsumption();
  w.sim_fog_radio_mj = tr.jobs > 0 ? 1e3 * w.fog_radio_j / static_cast<double>(tr.jobs) : kNone;
}

WearableResult CaseSimulation::CollectWearable(int i) const {
  const auto ui = static_cast<size_t>(i);
  WearableResult w = predictions_.at(ui);
  w.wearable = i;
  w.fog_node = topo_.attachedTo[ui];
  w.architecture = WearablePlanOf(i).architecture.name;
  w.partition_point = WearablePlanOf(i).partition_point;
  w.tensor_bytes = CostOf(i).bytes_sent;
  CollectCounters(i, w);
  CollectEnergies(i, w);
  return w;
}

void CaseSimulation::EnableCaptures() {
  captures_.assign(static_cast<size_t>(spec_.fog_nodes), nullptr);
  if (captureFolder_.empty()) return;
  ns3::BleHelper helper;
  for (int j : part_.fogs)
    captures_[static_cast<size_t>(j)] =
        helper.EnablePcap(fmt::format("{}/fog-{:03}.pcap", captureFolder_, j), FogDev(j));
}

FogResult CaseSimulation::CollectFog(int j) const {
  const auto uj = static_cast<size_t>(j);
  const ns3::Ptr<ns3::BleFogApplication>& app = fogApps_[uj];
  FogResult f;
  f.fog_node = j;
  f.wearables = topo_.load[uj];
  f.jobs = app->GetJobsDone();
  f.compute_j = app->GetComputeEnergyJ();
  f.idle_j = app->GetIdleEnergyJ();
  f.rx_j = app->GetRxEnergyJ();
  for (int i : part_.wearables)
    if (topo_.attachedTo[static_cast<size_t>(i)] == j) f.radio_j += fogRadios_[static_cast<size_t>(i)]->GetTotalEnergyConsumption();
  if (fogScanModels_[uj]) f.radio_j += fogScanModels_[uj]->GetTotalEnergyConsumption();
  f.utilisation = app->GetBusyTime().GetSeconds() / end_.GetSeconds();
  f.max_queue = static_cast<long>(app->GetMaxQueue());
  f.overlapping_events = static_cast<long>(LinkLayerOf(FogDev(j))->GetStatistics().overlappingEvents);
  if (captures_[uj]) {
    const auto& counts = captures_[uj]->GetPacketsByRfChannel();
    f.packets_by_rf_channel.assign(counts.begin(), counts.end());
  }
  return f;
}

}  // namespace

// The placement draws come first from the scenario's seed, as in a case.
FleetLayout starting_layout(const ScenarioSpec& spec) {
  std::mt19937_64 rng(spec.seed);
  return LayoutOf(PlaceNodes(spec, rng));
}

CaseResult simulate_case(const ScenarioSpec& spec, const CasePlan& plan, const Progress& progress,
                         const std::string& captureFolder) {
  const auto wall_start = std::chrono::steady_clock::now();
  CaseSimulation simulation(spec, plan, captureFolder);
  CaseResult out = simulation.Run(progress);
  out.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  return out;
}

}  // namespace fognas::sim
