#include "fognas/sim/fleet.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "fognas/sim/simulate.h"

namespace fognas::sim {
namespace {

double nearest_rank(const std::vector<double>& sorted, double q) {
  const auto n = static_cast<double>(sorted.size());
  const auto rank = static_cast<size_t>(std::max(1.0, std::ceil(q * n)));
  return sorted[rank - 1];
}

void count_drops(const WearableResult& w, FleetSummary& f) {
  auto add = [&](const std::string& reason, long n) {
    if (n > 0) f.dropped_by_reason[reason] += n;
  };
  add("link_down", w.inferences - w.tensors_queued);
  add("link_lost", w.tensors_dropped_at_loss);
  add(w.depleted ? "battery_depleted" : "queued_on_wearable",
      w.tensors_queued - w.tensors_sent - w.tensors_dropped_at_loss);
  add("queued_on_fog", w.tensors_sent - w.fog_jobs - w.inferences_completed_on_edge);
}

// Across wearables, skipping those without the figure (NaN).
std::optional<Distribution> across(const std::vector<WearableResult>& ws, double (*figure)(const WearableResult&)) {
  std::vector<double> v;
  for (const auto& w : ws)
    if (const double x = figure(w); std::isfinite(x)) v.push_back(x);
  return distribution_of(std::move(v));
}

double wearable_mj_per_inference(const WearableResult& w) {
  if (w.inferences == 0) return std::nan("");
  double j = w.mcu_run_j + w.mcu_sleep_j;
  for (double s : w.radio_state_j) j += s;
  return 1e3 * j / static_cast<double>(w.inferences);
}
double protocol_error_pct(const WearableResult& w) {
  return 100.0 * (w.protocol_comm_mj - w.sim_comm_mj) / w.sim_comm_mj;
}
double paper_error_pct(const WearableResult& w) { return 100.0 * (w.paper_comm_mj - w.sim_comm_mj) / w.sim_comm_mj; }
double paper_total_low_pct(const WearableResult& w) { return w.paper_total_low_pct(); }

}  // namespace

std::optional<Distribution> distribution_of(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  Distribution d;
  d.mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
  d.p50 = nearest_rank(values, 0.50);
  d.p95 = nearest_rank(values, 0.95);
  d.p99 = nearest_rank(values, 0.99);
  d.max = values.back();
  return d;
}

FleetSummary summarise_fleet(const std::vector<WearableResult>& wearables, int fogNodes,
                             const std::vector<double>& latencies_ms, std::optional<double> fog_factor_measured,
                             uint64_t sim_events) {
  FleetSummary f;
  f.wearables = static_cast<int>(wearables.size());
  f.fog_nodes = fogNodes;
  for (const auto& w : wearables) {
    f.inferences_generated += w.inferences;
    f.inferences_completed += w.fog_jobs + w.inferences_completed_on_edge;
    f.inferences_completed_on_edge += w.inferences_completed_on_edge;
    f.packets += w.data_packets;
    f.resends += w.resends;
    f.collisions += w.collisions;
    if (w.wifi_losses) f.wifi_losses = f.wifi_losses.value_or(0) + *w.wifi_losses;
    if (w.link_supervised) {
      f.link_losses = f.link_losses.value_or(0) + w.link_losses;
      f.reconnections = f.reconnections.value_or(0) + w.reconnections;
    }
    count_drops(w, f);
    if (w.depleted && (!f.first_depletion_s || w.depleted_at_s < *f.first_depletion_s))
      f.first_depletion_s = w.depleted_at_s;
  }
  f.inferences_dropped = f.inferences_generated - f.inferences_completed;
  f.latency_ms = distribution_of(latencies_ms);
  f.e_wearable_per_inference_mj = across(wearables, wearable_mj_per_inference);
  f.comm_error_protocol_pct = across(wearables, protocol_error_pct);
  f.comm_error_paper_pct = across(wearables, paper_error_pct);
  f.paper_total_low_pct = across(wearables, paper_total_low_pct);
  f.fog_factor_measured = fog_factor_measured;
  f.sim_events = sim_events;
  return f;
}

}  // namespace fognas::sim
