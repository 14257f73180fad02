// Builds one case of a scenario in ns-3 (fog nodes as BLE centrals, wearables
// as peripherals with a battery, a radio and an MCU energy model), runs it and
// turns the traced figures into plain results beside the analytic predictions.
#include <fmt/format.h>

#include "ns3/basic-energy-source.h"
#include "ns3/boolean.h"
#include "ns3/constant-position-mobility-model.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/li-ion-energy-source.h"
#include "ns3/node-container.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <chrono>
#include <cmath>
#include <map>
#include <random>

#include "fognas/common/error.h"
#include "fognas/devices/radio_energy.h"
#include "fognas/search/network.h"
#include "fognas/sim/ble/ble-applications.h"
#include "fognas/sim/ble/ble-helper.h"
#include "fognas/sim/ble/ble-profile-attributes.h"
#include "fognas/sim/simulate.h"

namespace fognas::sim {
namespace {

ns3::Time RoundedTime(double seconds) { return ns3::NanoSeconds(static_cast<int64_t>(std::llround(seconds * 1e9))); }

ns3::Ptr<ns3::EnergySource> MakeBattery(const BatterySpec& battery) {
  using namespace ns3;
  if (battery.model == BatteryModel::Basic) {
    Ptr<BasicEnergySource> source = CreateObject<BasicEnergySource>();
    source->SetAttribute("BasicEnergySourceInitialEnergyJ", DoubleValue(battery.energy_j()));
    source->SetAttribute("BasicEnergySupplyVoltageV", DoubleValue(battery.voltage_v));
    // Run until empty: lifetime, not a low-battery warning.
    source->SetAttribute("BasicEnergyLowBatteryThreshold", DoubleValue(0.0));
    return source;
  }
  // ns-3's Li-ion cell (Tremblay et al.), its default 2.45 Ah cell scaled to
  // the capacity asked for; the voltage curve keeps its shape.
  Ptr<LiIonEnergySource> source = CreateObject<LiIonEnergySource>();
  const double scale = battery.capacity_mah / 2450.0;
  source->SetAttribute("LiIonEnergySourceInitialEnergyJ", DoubleValue(battery.energy_j()));
  source->SetAttribute("InitialCellVoltage", DoubleValue(battery.voltage_v));
  source->SetAttribute("RatedCapacity", DoubleValue(2.45 * scale));
  source->SetAttribute("NomCapacity", DoubleValue(1.1 * scale));
  source->SetAttribute("ExpCapacity", DoubleValue(1.2 * scale));
  source->SetAttribute("TypCurrent", DoubleValue(2.33 * scale));
  source->SetAttribute("LiIonEnergyLowBatteryThreshold", DoubleValue(0.0));
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
  double dataEventsJ = 0;
  long jobs = 0;
  double latencySumS = 0, latencyMaxS = 0, queueingSumS = 0;
};

}  // namespace

CaseResult simulate_case(const ScenarioSpec& spec, const CasePlan& plan, const Progress& progress) {
  using namespace ns3;
  const auto wall_start = std::chrono::steady_clock::now();
  const Network net = Network::from_shape(plan.architecture.lengths, plan.architecture.channels);
  const PartitionCost& cost = plan.predicted;
  const int edge_layers = plan.partition_point - 1;
  double fog_latency_ms = 0, fog_comp_mj = 0;
  for (int j = edge_layers; j < net.layer_count(); ++j) {
    fog_latency_ms += spec.mcu.latency_ms(net.layers[static_cast<size_t>(j)]);
    fog_comp_mj += spec.mcu.energy_mj(net.layers[static_cast<size_t>(j)]);
  }
  const BleRadioParams& ble = spec.radio.ble;

  Simulator::Destroy();
  RngSeedManager::SetSeed(static_cast<uint32_t>(spec.seed % 4294967295u) + 1);
  RngSeedManager::SetRun(1);
  std::mt19937_64 rng(spec.seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);

  // Topology: fog nodes on a line, each wearable at distance_m from its home
  // fog node in a random direction; it attaches to the nearest one with room.
  NodeContainer fogNodes, wearNodes;
  fogNodes.Create(static_cast<uint32_t>(spec.fog_nodes));
  wearNodes.Create(static_cast<uint32_t>(spec.wearables));
  std::vector<Vector> fogPos, wearPos;
  for (int j = 0; j < spec.fog_nodes; ++j) fogPos.emplace_back(j * spec.fog_spacing_m, 0.0, 0.0);
  for (int i = 0; i < spec.wearables; ++i) {
    const Vector home = fogPos[static_cast<size_t>(i % spec.fog_nodes)];
    const double theta = 2 * M_PI * unit(rng);
    wearPos.emplace_back(home.x + spec.distance_m * std::cos(theta), home.y + spec.distance_m * std::sin(theta), 0.0);
  }
  auto place = [](Ptr<Node> node, const Vector& p) {
    Ptr<ConstantPositionMobilityModel> m = CreateObject<ConstantPositionMobilityModel>();
    m->SetPosition(p);
    node->AggregateObject(m);
  };
  for (int j = 0; j < spec.fog_nodes; ++j) place(fogNodes.Get(static_cast<uint32_t>(j)), fogPos[static_cast<size_t>(j)]);
  for (int i = 0; i < spec.wearables; ++i) place(wearNodes.Get(static_cast<uint32_t>(i)), wearPos[static_cast<size_t>(i)]);
  std::vector<int> attachedTo(static_cast<size_t>(spec.wearables), -1);
  std::vector<int> load(static_cast<size_t>(spec.fog_nodes), 0);
  for (int i = 0; i < spec.wearables; ++i) {
    int best = -1;
    double bestD = 0;
    for (int j = 0; j < spec.fog_nodes; ++j) {
      if (load[static_cast<size_t>(j)] >= spec.max_wearables_per_fog) continue;
      const double d = CalculateDistance(wearPos[static_cast<size_t>(i)], fogPos[static_cast<size_t>(j)]);
      if (best < 0 || d < bestD) best = j, bestD = d;
    }
    if (best < 0) throw InputError(spec.file, "more wearables than the fog nodes can serve");
    attachedTo[static_cast<size_t>(i)] = best;
    ++load[static_cast<size_t>(best)];
  }

  BleHelper ble_helper;
  SetBleLinkAttributes(ble_helper, ble, spec.idle_events_closed_form);
  Ptr<BleChannel> channel = ble_helper.CreateChannel(spec.path_loss_exponent, spec.reference_loss_db);
  channel->AssignStreams(0);
  NetDeviceContainer fogDevs = ble_helper.Install(fogNodes, BleNetDevice::CENTRAL, channel);
  NetDeviceContainer wearDevs = ble_helper.Install(wearNodes, BleNetDevice::PERIPHERAL, channel);
  for (int j = 0; j < spec.fog_nodes; ++j) {
    NetDeviceContainer mine;
    for (int i = 0; i < spec.wearables; ++i)
      if (attachedTo[static_cast<size_t>(i)] == j) mine.Add(wearDevs.Get(static_cast<uint32_t>(i)));
    if (mine.GetN() > 0) ble_helper.Connect(fogDevs.Get(static_cast<uint32_t>(j)), mine);
  }

  // Energy: one battery per wearable feeding the radio and the MCU.
  BleRadioEnergyModelHelper radioEnergy;
  SetBleRadioEnergyAttributes(radioEnergy, ble);
  McuEnergyModelHelper mcuEnergy;
  mcuEnergy.Set("RunPowerW", DoubleValue(spec.mcu.active_power_mw * 1e-3));
  mcuEnergy.Set("SleepPowerW", DoubleValue(spec.mcu.sleep_power_mw * 1e-3));

  const Time window = RoundedTime(spec.window_s);
  std::vector<Ptr<EnergySource>> sources;
  std::vector<Ptr<BleRadioEnergyModel>> radios;
  std::vector<Ptr<McuEnergyModel>> mcus;
  std::vector<Ptr<BleWearableApplication>> apps;
  std::vector<WearableTrace> traces(static_cast<size_t>(spec.wearables));
  for (int i = 0; i < spec.wearables; ++i) {
    const auto ui = static_cast<uint32_t>(i);
    Ptr<EnergySource> source = MakeBattery(spec.battery);
    source->SetNode(wearNodes.Get(ui));
    wearNodes.Get(ui)->AggregateObject(source);
    Ptr<BleNetDevice> dev = DynamicCast<BleNetDevice>(wearDevs.Get(ui));
    Ptr<BleRadioEnergyModel> radio = DynamicCast<BleRadioEnergyModel>(radioEnergy.Install(dev, source).Get(0));
    Ptr<McuEnergyModel> mcu = mcuEnergy.Install(source);
    Ptr<BleWearableApplication> app = CreateObject<BleWearableApplication>();
    app->SetAttribute("Window", TimeValue(window));
    app->SetAttribute("FirstWindow", TimeValue(RoundedTime(spec.window_s * unit(rng))));
    app->SetAttribute("EdgeLatency", TimeValue(RoundedTime(cost.edge_latency_ms * 1e-3)));
    app->SetAttribute("PayloadBytes", UintegerValue(static_cast<uint32_t>(cost.bytes_sent)));
    app->SetDevice(dev);
    app->SetMcu(mcu);
    wearNodes.Get(ui)->AddApplication(app);
    app->SetStartTime(Seconds(0));
    app->SetStopTime(RoundedTime(spec.duration_s));
    radio->SetEnergyDepletionCallback(MakeCallback(&BleWearableApplication::Deplete, app));
    mcu->SetEnergyDepletionCallback(MakeCallback(&BleWearableApplication::Deplete, app));
    // The radio energy of each event that carries data, read off the model at
    // the event's start (ramp-up) and end (back asleep).
    WearableTrace* tr = &traces[static_cast<size_t>(i)];
    BleRadioEnergyModel* rp = PeekPointer(radio);
    dev->TraceConnectWithoutContext("EventStart", Callback<void, Time, bool>([tr, rp](Time, bool data) {
                                      if (data) tr->eventStartJ = rp->GetTotalEnergyConsumption();
                                    }));
    dev->TraceConnectWithoutContext("EventEnd", Callback<void, Time, bool>([tr, rp](Time, bool data) {
                                      if (data) tr->dataEventsJ += rp->GetTotalEnergyConsumption() - tr->eventStartJ;
                                    }));
    sources.push_back(source);
    radios.push_back(radio);
    mcus.push_back(mcu);
    apps.push_back(app);
  }

  std::map<uint32_t, int> wearableByNode;
  for (int i = 0; i < spec.wearables; ++i) wearableByNode[wearNodes.Get(static_cast<uint32_t>(i))->GetId()] = i;
  std::vector<Ptr<BleFogApplication>> fogApps;
  for (int j = 0; j < spec.fog_nodes; ++j) {
    Ptr<BleFogApplication> fog = CreateObject<BleFogApplication>();
    fog->SetAttribute("JobTime", TimeValue(RoundedTime(fog_latency_ms * 1e-3 / spec.fog.relative_speed)));
    fog->SetAttribute("JobEnergyJ", DoubleValue(fog_comp_mj * 1e-3 / plan.factor));
    fog->SetAttribute("RxEnergyPerBitJ", DoubleValue(spec.fog.rx_energy_per_bit_nj * 1e-9));
    fog->SetAttribute("IdlePowerW", DoubleValue(spec.fog.idle_power_mw * 1e-3));
    fog->AddDevice(fogDevs.Get(static_cast<uint32_t>(j)));
    fogNodes.Get(static_cast<uint32_t>(j))->AddApplication(fog);
    fog->TraceConnectWithoutContext(
        "JobDone", Callback<void, uint32_t, Time, Time>([&traces, &wearableByNode](uint32_t node, Time e2e, Time q) {
          WearableTrace& tr = traces[static_cast<size_t>(wearableByNode.at(node))];
          ++tr.jobs;
          tr.latencySumS += e2e.GetSeconds();
          tr.latencyMaxS = std::max(tr.latencyMaxS, e2e.GetSeconds());
          tr.queueingSumS += q.GetSeconds();
        }));
    fogApps.push_back(fog);
  }

  // Windows stop at duration_s; one more window lets the last tensors arrive.
  const Time end = RoundedTime(spec.duration_s) + window;
  const std::string label = fmt::format("{} @ factor {}", plan.architecture.name, plan.factor);
  ProgressTicker ticker{progress, label, end, std::max(Seconds(1), RoundedTime(spec.duration_s / 100.0))};
  if (progress) Simulator::Schedule(ticker.step, &ProgressTicker::Tick, &ticker);
  // Read the batteries at the end, while the simulation still runs: ns-3's
  // Li-ion source does not update once it has finished.
  std::vector<double> remainingJ(static_cast<size_t>(spec.wearables), 0.0);
  Simulator::Schedule(end, [&sources, &remainingJ] {
    for (size_t i = 0; i < sources.size(); ++i) remainingJ[i] = sources[i]->GetRemainingEnergy();
  });
  Simulator::Stop(end);
  Simulator::Run();

  CaseResult out;
  out.architecture = plan.architecture.name;
  out.shape = net.describe();
  out.factor = plan.factor;
  out.partition_point = plan.partition_point;
  out.solver_chose = plan.solver_chose;
  out.predicted = cost;
  out.bytes_sent = cost.bytes_sent;
  out.duration_s = end.GetSeconds();
  out.window_s = spec.window_s;
  const double window_s = spec.window_s;
  for (int i = 0; i < spec.wearables; ++i) {
    const auto ui = static_cast<size_t>(i);
    Ptr<BleNetDevice> dev = DynamicCast<BleNetDevice>(wearDevs.Get(static_cast<uint32_t>(i)));
    const WearableTrace& tr = traces[ui];
    WearableResult w;
    w.wearable = i;
    w.fog_node = attachedTo[ui];
    w.distance_m = CalculateDistance(wearPos[ui], fogPos[static_cast<size_t>(attachedTo[ui])]);
    w.inferences = apps[ui]->GetInferences();
    w.tensors_sent = static_cast<long>(dev->GetSdusSent());
    w.fog_jobs = tr.jobs;
    w.data_packets = static_cast<long>(dev->GetDataPacketsSent());
    w.resends = static_cast<long>(dev->GetResends());
    w.data_events = static_cast<long>(dev->GetDataEvents());
    w.idle_events = static_cast<long>(dev->GetIdleEvents());
    w.openings_lost = static_cast<long>(dev->GetOpeningsLost());
    w.acks_lost = static_cast<long>(dev->GetAcksLost());
    for (int s = 0; s < kRadioStates; ++s) w.radio_state_j[static_cast<size_t>(s)] = radios[ui]->GetStateEnergyJ(static_cast<BleRadioState>(s));
    w.mcu_run_j = mcus[ui]->GetStateEnergyJ(McuEnergyModel::RUN);
    w.mcu_sleep_j = mcus[ui]->GetStateEnergyJ(McuEnergyModel::SLEEP);
    w.radio_data_events_j = tr.dataEventsJ;
    const double radio_j = radios[ui]->GetTotalEnergyConsumption();
    const double run_s = out.duration_s;
    w.sim_edge_comp_mj = w.inferences > 0 ? 1e3 * w.mcu_run_j / static_cast<double>(w.inferences) : 0;
    w.sim_comm_mj = w.tensors_sent > 0 ? 1e3 * tr.dataEventsJ / static_cast<double>(w.tensors_sent) : 0;
    w.sim_upkeep_mj = 1e3 * (radio_j - tr.dataEventsJ) / run_s * window_s;
    w.sim_mcu_sleep_mj = 1e3 * w.mcu_sleep_j / run_s * window_s;
    // Per fog job the fog app charges the shared cost model's figure.
    w.sim_fog_mj = tr.jobs == 0 ? 0 : cost.e_fog_mj;
    w.paper_comm_mj = per_bit_energy_mj(spec.paper_energy_per_bit_nj, cost.bytes_sent);
    const BleTransfer transfer = predict_ble_transfer(ble, cost.bytes_sent, load[static_cast<size_t>(attachedTo[ui])]);
    w.protocol_comm_mj = transfer.energy_mj;
    w.pred_edge_comp_mj = cost.e_edge_comp_mj;
    w.pred_fog_mj = cost.e_fog_mj;
    w.pred_upkeep_mj = ble_upkeep_per_window_mj(ble, window_s, transfer);
    if (tr.jobs > 0) {
      w.latency_mean_ms = 1e3 * tr.latencySumS / static_cast<double>(tr.jobs);
      w.latency_max_ms = 1e3 * tr.latencyMaxS;
      w.queueing_mean_ms = 1e3 * tr.queueingSumS / static_cast<double>(tr.jobs);
    }
    const double wearable_j = radio_j + mcus[ui]->GetTotalEnergyConsumption();
    w.battery_drain_mw = 1e3 * wearable_j / run_s;
    w.lifetime_h = w.battery_drain_mw > 0 ? spec.battery.energy_j() / (w.battery_drain_mw * 1e-3) / 3600.0 : 0;
    w.depleted = apps[ui]->IsDepleted();
    w.depleted_at_s = w.depleted ? apps[ui]->GetDepletionTime().GetSeconds() : 0;
    w.battery_remaining_j = remainingJ[ui];
    out.wearables.push_back(w);
  }
  for (int j = 0; j < spec.fog_nodes; ++j) {
    const auto uj = static_cast<size_t>(j);
    FogResult f;
    f.fog_node = j;
    f.wearables = load[uj];
    f.jobs = fogApps[uj]->GetJobsDone();
    f.compute_j = fogApps[uj]->GetComputeEnergyJ();
    f.idle_j = fogApps[uj]->GetIdleEnergyJ();
    f.utilisation = fogApps[uj]->GetBusyTime().GetSeconds() / out.duration_s;
    f.max_queue = static_cast<long>(fogApps[uj]->GetMaxQueue());
    f.overlapping_events = static_cast<long>(DynamicCast<BleNetDevice>(fogDevs.Get(static_cast<uint32_t>(j)))->GetOverlappingEvents());
    out.fogs.push_back(f);
  }
  Simulator::Destroy();
  out.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  return out;
}

}  // namespace fognas::sim
