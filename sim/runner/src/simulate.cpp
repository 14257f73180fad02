// The plain half of the simulator: which cases a scenario asks for, each with
// its partition point and analytic costs, and the loop over them.
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <stdexcept>

#include "fognas/common/error.h"
#include "fognas/cost/cost.h"
#include "fognas/cost/ble_link_budget.h"
#include "fognas/cost/ble_link_life.h"
#include "fognas/sim/predicted_air.h"
#include "fognas/sim/simulate.h"

namespace fognas::sim {

const char* radio_state_name(int state) {
  static const char* names[kRadioStates] = {"sleep", "ramp-up", "tx", "rx", "idle", "crystal", "cpu", "off"};
  return state >= 0 && state < kRadioStates ? names[state] : "?";
}

// Means over the wearables that have the figure (NaN: it does not exist for
// that wearable, e.g. no tensor delivered); NaN when none has it.
double CaseResult::mean(double WearableResult::*field) const {
  return mean_over([field](const WearableResult& w) { return w.*field; });
}

double CaseResult::mean(double (WearableResult::*fn)() const) const {
  return mean_over([fn](const WearableResult& w) { return (w.*fn)(); });
}

double CaseResult::mean_over(const std::function<double(const WearableResult&)>& figure) const {
  double sum = 0;
  long n = 0;
  for (const auto& w : wearables) {
    const double v = figure(w);
    if (std::isnan(v)) continue;
    sum += v;
    ++n;
  }
  return n > 0 ? sum / static_cast<double>(n) : std::numeric_limits<double>::quiet_NaN();
}

namespace {

// Every figure is finite and >= 0, or NaN where it may not exist.
void check_figure(double v, bool may_be_missing, const std::string& what, const CaseResult& c) {
  if ((may_be_missing && std::isnan(v)) || (std::isfinite(v) && v >= 0)) return;
  throw std::logic_error(fmt::format("{} @ factor {}: impossible simulated figure {} = {}; nothing was written",
                                     c.architecture, c.factor, what, v));
}

}  // namespace

void check_figures(const RunResult& run) {
  for (const CaseResult& c : run.cases) {
    for (const WearableResult& w : c.wearables) {
      for (auto [v, name] : {std::pair{w.sim_edge_comp_mj, "sim_edge_comp_mj"},
                             {w.sim_edge_only_comp_mj, "sim_edge_only_comp_mj"}, {w.sim_comm_mj, "sim_comm_mj"},
                             {w.sim_fog_mj, "sim_fog_mj"}, {w.latency_mean_ms, "latency_mean_ms"},
                             {w.latency_max_ms, "latency_max_ms"}, {w.queueing_mean_ms, "queueing_mean_ms"},
                             {w.lifetime_h, "lifetime_h"}, {w.idle_event_charge_uc, "idle_event_charge_uc"},
                             {w.sim_allin_mj, "sim_allin_mj"}})
        check_figure(v, true, name, c);
      for (auto [v, name] : {std::pair{w.sim_upkeep_mj, "sim_upkeep_mj"}, {w.sim_mcu_sleep_mj, "sim_mcu_sleep_mj"},
                             {w.battery_drain_mw, "battery_drain_mw"}, {w.paper_comm_mj, "paper_comm_mj"},
                             {w.protocol_comm_mj, "protocol_comm_mj"}, {w.pred_edge_comp_mj, "pred_edge_comp_mj"},
                             {w.pred_fog_mj, "pred_fog_mj"}, {w.pred_upkeep_mj, "pred_upkeep_mj"},
                             {w.mcu_run_j, "mcu_run_j"}, {w.mcu_sleep_j, "mcu_sleep_j"},
                             {w.battery_remaining_j, "battery_remaining_j"}, {w.distance_m, "distance_m"},
                             {w.pred_mcu_sleep_mj, "pred_mcu_sleep_mj"}, {w.pred_allin_mj, "pred_allin_mj"},
                             {w.pred_fog_allin_mj, "pred_fog_allin_mj"}})
        check_figure(v, false, name, c);
      for (double j : w.radio_state_j) check_figure(j, false, "radio state energy", c);
    }
    for (const FogResult& f : c.fogs)
      for (auto [v, name] : {std::pair{f.compute_j, "fog compute_j"}, {f.idle_j, "fog idle_j"}, {f.rx_j, "fog rx_j"},
                             {f.utilisation, "fog utilisation"}})
        check_figure(v, false, name, c);
  }
}

bool delivered_any(const CaseResult& c) {
  for (const WearableResult& w : c.wearables)
    if (c.bytes_sent == 0 ? w.inferences > 0 : w.tensors_sent > 0) return true;
  return false;
}

FogSummary summarise_fog_jobs(const std::vector<FogResult>& fogs, double jobs_edge_equivalent_mj) {
  FogSummary s;
  double busy_j = 0, idle_j = 0, rx_j = 0, radio_j = 0;
  for (const FogResult& f : fogs) {
    radio_j += f.radio_j;
    s.jobs += f.jobs;
    busy_j += f.compute_j;
    idle_j += f.idle_j;
    rx_j += f.rx_j;
  }
  if (s.jobs == 0) return s;
  const double jobs = static_cast<double>(s.jobs);
  if (busy_j > 0) s.factor_measured = jobs_edge_equivalent_mj / (1e3 * busy_j);
  s.e_per_job_mj = 1e3 * (busy_j + rx_j) / jobs;
  s.e_per_job_with_idle_mj = 1e3 * (busy_j + idle_j + rx_j) / jobs;
  s.e_radio_per_job_mj = 1e3 * radio_j / jobs;
  if (busy_j > 0) s.factor_measured_with_radio = jobs_edge_equivalent_mj / (1e3 * (busy_j + radio_j));
  return s;
}

namespace {

Network network_of(const ScenarioSpec& spec, const Architecture& arch) {
  Network net;
  try {
    net = Network::from_shape(arch.lengths, arch.channels);
  } catch (const std::invalid_argument& e) {
    throw InputError(fmt::format("{}: architecture '{}'", spec.file, arch.name), e.what());
  }
  const int last = net.layer_count() + 1;
  if (arch.partition_point && (*arch.partition_point < 1 || *arch.partition_point > last))
    throw InputError(fmt::format("{}: architecture '{}'", spec.file, arch.name),
                     fmt::format("partition point {} is outside the network's 1..{}", *arch.partition_point, last));
  return net;
}

// Under ble.disconnected: edge a window that starts while the link is down
// runs every layer on the wearable, so the whole network (the point after the
// last layer) must fit the MCU's Flash and RAM, not only the chosen point.
void check_whole_network_fits(const ScenarioSpec& spec, const Architecture& arch, const Network& net,
                              const DeviceModel& model, double factor) {
  if (spec.disconnected != DisconnectedPolicy::Edge) return;
  const PartitionCost whole = partition_cost(net, model, net.layer_count() + 1, factor);
  const double flash_kb = spec.limits.flash_kb.value_or(spec.mcu.flash_kb);
  const double ram_kb = spec.limits.ram_kb.value_or(spec.mcu.ram_kb);
  if (whole.flash_kb() <= flash_kb && whole.ram_kb() <= ram_kb) return;
  throw InfeasibleError(fmt::format("{}: key 'ble.disconnected'", spec.file),
                        fmt::format("edge runs all of architecture '{}' on the wearable while its link is down; the "
                                    "whole network needs {:.1f} KB of Flash and {:.1f} KB of RAM, the wearable has "
                                    "{:.1f} KB and {:.1f} KB",
                                    arch.name, whole.flash_kb(), whole.ram_kb(), flash_kb, ram_kb));
}

// One wearable's point and costs; `link_resend_mj` given: the solver adds
// the expected resends of its own link to each point's communication energy
// (per-link).
WearablePlan plan_wearable(const ScenarioSpec& spec, const Architecture& arch, double factor,
                           const std::function<double(long)>& link_resend_mj) {
  const Network net = network_of(spec, arch);
  const DeviceModel model{spec.mcu, spec.radio, spec.fog};
  WearablePlan w;
  w.architecture = arch;
  if (arch.partition_point) {
    w.partition_point = *arch.partition_point;
  } else {
    PartitionOptions opt;
    opt.scenario = spec.energy_scenario;
    opt.efficiency_factor = factor;
    opt.flash_limit_kb = spec.limits.flash_kb;
    opt.ram_limit_kb = spec.limits.ram_kb;
    if (link_resend_mj) opt.link_resend_mj = link_resend_mj;
    PartitionPlan plan = solve_partition(net, model, opt);
    if (!plan.feasible())
      throw InfeasibleError(fmt::format("{}: architecture '{}'", spec.file, arch.name),
                            "no partition point fits the MCU's Flash and RAM");
    w.partition_point = plan.best().point;
    w.solver_chose = true;
  }
  w.predicted = partition_cost(net, model, w.partition_point, factor);
  if (w.predicted.edge_latency_ms * 1e-3 >= spec.window_s)
    throw InputError(fmt::format("{}: architecture '{}'", spec.file, arch.name),
                     fmt::format("the edge layers take {:.1f} ms, longer than the {} s window",
                                 w.predicted.edge_latency_ms, spec.window_s));
  return w;
}

// What the solver asks of a link: one tensor of `bytes` per window over the run.
BleLinkUse link_use(const ScenarioSpec& spec, long bytes, int links) {
  return {bytes, spec.window_s, spec.duration_s, spec.disconnected != DisconnectedPolicy::Drop, links};
}

bool chosen_per_link(const Architecture& arch) { return arch.per_link_partition && !arch.partition_point; }

double distance_m(const FleetLayout& layout, size_t wearable) {
  const auto& w = layout.wearable_xy_m.at(wearable);
  const auto& f = layout.fog_xy_m.at(static_cast<size_t>(layout.attached_to.at(wearable)));
  return std::hypot(w.first - f.first, w.second - f.second);
}

// What the solver adds for wearable i's link: the resends its tensor expects
// from the link's losses and from collisions with the other fog nodes' links
// sending what `layout` says they send. Their air is worked out once; a
// candidate tensor changes only this link's packets per event.
std::function<double(long)> link_resend_mj_in(const ScenarioSpec& spec, const FleetLayout& layout, int i) {
  const auto wearable = static_cast<size_t>(i);
  const int links = layout.load.at(static_cast<size_t>(layout.attached_to.at(wearable)));
  return [&spec, air = predicted_shared_air(spec, layout, i), links, d = distance_m(layout, wearable),
          channel = predicted_link_channel(spec, layout, i)](long bytes) mutable {
    air.packets_per_event = ble_packets_per_event(spec.radio.ble, bytes, links);
    return predict_ble_window(spec.radio.ble, channel, d, link_use(spec, bytes, links), air).resend_mj;
  };
}

// Per-link points and the shared air decide each other: a point sets the
// tensor a link sends, the other fog nodes' tensors set a link's expected
// collisions, and those move its point. Starting from the points chosen
// without collisions, each per-link wearable in turn is solved again against
// the others' current tensors, round after round, until a round moves no
// point (every point is then the solver's best given all the others). A fleet
// whose points still move after kRounds keeps the last round's.
constexpr int kRounds = 8;
void settle_per_link_points(const ScenarioSpec& spec, const std::vector<Architecture>& archs, double factor,
                            FleetLayout layout, CasePlan& c) {
  layout.bytes_sent.clear();
  for (const WearablePlan& w : c.wearables) layout.bytes_sent.push_back(w.predicted.bytes_sent);
  for (int round = 0; round < kRounds; ++round) {
    bool moved = false;
    for (int i = 0; i < spec.wearables; ++i) {
      const Architecture& arch = archs[static_cast<size_t>(i) % archs.size()];
      if (!chosen_per_link(arch)) continue;
      WearablePlan w = plan_wearable(spec, arch, factor, link_resend_mj_in(spec, layout, i));
      auto& current = c.wearables[static_cast<size_t>(i)];
      moved = moved || w.partition_point != current.partition_point;
      layout.bytes_sent[static_cast<size_t>(i)] = w.predicted.bytes_sent;
      current = std::move(w);
    }
    if (!moved) return;
  }
}

// One case at `factor`: wearable i runs archs[i mod N]. An architecture
// without per-link is planned once for all its wearables; with per-link,
// each wearable's point for its link at its starting place (`layout`).
CasePlan plan_case(const ScenarioSpec& spec, const std::vector<Architecture>& archs, double factor,
                   const std::optional<FleetLayout>& layout) {
  CasePlan c;
  c.factor = factor;
  std::vector<std::optional<WearablePlan>> shared(archs.size());
  for (int i = 0; i < spec.wearables; ++i) {
    const size_t a = static_cast<size_t>(i) % archs.size();
    if (chosen_per_link(archs[a])) {
      c.wearables.push_back(
          plan_wearable(spec, archs[a], factor,
                        link_resend_mj_at(spec, distance_m(*layout, static_cast<size_t>(i)),
                                          predicted_link_channel(spec, *layout, i))));
      continue;
    }
    if (!shared[a]) shared[a] = plan_wearable(spec, archs[a], factor, {});
    c.wearables.push_back(*shared[a]);
  }
  if (layout) settle_per_link_points(spec, archs, factor, *layout, c);
  const WearablePlan& first = c.wearables.front();
  c.architecture = first.architecture;
  c.partition_point = first.partition_point;
  c.solver_chose = first.solver_chose;
  c.predicted = first.predicted;
  for (size_t a = 0; a < archs.size(); ++a) {
    const std::string shape = network_of(spec, archs[a]).describe();
    c.architecture.name = a == 0 ? archs[a].name : c.architecture.name + "+" + archs[a].name;
    c.shape = a == 0 ? shape : c.shape + " | " + shape;
  }
  return c;
}

}  // namespace

std::function<double(long)> link_resend_mj_at(const ScenarioSpec& spec, double distance_m,
                                              const BleChannelParams& channel) {
  return [ble = spec.radio.ble, channel, use = link_use(spec, 0, 1), distance_m](long bytes) mutable {
    use.payload_bytes = bytes;
    return predict_ble_window(ble, channel, distance_m, use).resend_mj;
  };
}

std::vector<CasePlan> plan_cases(const ScenarioSpec& spec) {
  bool per_link = false;
  for (const Architecture& arch : spec.architectures) {
    // Every architecture checked before any is planned.
    check_whole_network_fits(spec, arch, network_of(spec, arch), DeviceModel{spec.mcu, spec.radio, spec.fog},
                             spec.factors.empty() ? 1.0 : spec.factors.front());
    per_link = per_link || chosen_per_link(arch);
  }
  const std::optional<FleetLayout> layout = per_link ? std::optional(starting_layout(spec)) : std::nullopt;
  std::vector<CasePlan> out;
  if (spec.fleet_mix == FleetMix::Mixed && static_cast<size_t>(spec.wearables) < spec.architectures.size())
    throw InputError(spec.file + ": fleet_mix", fmt::format("mixed puts {} architectures on {} wearables",
                                                          spec.architectures.size(), spec.wearables));
  if (spec.fleet_mix == FleetMix::Mixed) {
    for (double factor : spec.factors) out.push_back(plan_case(spec, spec.architectures, factor, layout));
    return out;
  }
  for (const Architecture& arch : spec.architectures)
    for (double factor : spec.factors) out.push_back(plan_case(spec, {arch}, factor, layout));
  return out;
}

RadioNote radio_note_of(const ScenarioSpec& spec) {
  return {spec.radio.name,
          spec.radio.calibration.calibrated,
          spec.radio.calibration.source,
          spec.radio.current_basis,
          to_string(spec.disconnected),
          spec.radio.ble.supervision_timeout_ms > 0 && spec.radio.ble.empty_acks,
          spec.shadowing_sigma_db > 0};
}

RunResult simulate(const ScenarioSpec& spec, const Progress& progress) {
  RunResult run;
  run.scenario = spec.name;
  run.radio = radio_note_of(spec);
  for (const CasePlan& c : plan_cases(spec)) run.cases.push_back(simulate_case(spec, c, progress));
  return run;
}

}  // namespace fognas::sim
