#pragma once
// A case's figures over the whole fleet: what happened to the inferences (how
// many were generated, completed, dropped and why), the traffic on the air,
// and distributions across inferences or wearables. Plain data, no ns-3.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fognas::sim {

struct WearableResult;

struct Distribution {
  double mean = 0, p50 = 0, p95 = 0, p99 = 0, max = 0;
};
// Nearest-rank percentiles of `values`; nullopt when there are none.
std::optional<Distribution> distribution_of(std::vector<double> values);

struct FleetSummary {
  int wearables = 0;
  int fog_nodes = 0;
  long inferences_generated = 0;  // windows whose edge layers ran to the end
  long inferences_completed = 0;  // results the fog nodes finished or received from the wearables
  long inferences_completed_on_edge = 0;  // of those, run in full on a wearable (ble.disconnected: edge)
  long inferences_dropped = 0;
  // Why the others did not complete: link_down (the radio refused the tensor),
  // battery_depleted (queued on a wearable whose battery ran out),
  // queued_on_wearable and queued_on_fog (still waiting when the run ended).
  std::map<std::string, long> dropped_by_reason;
  long packets = 0;  // LL data packets sent, resends included
  long resends = 0;
  long collisions = 0;
  std::optional<long> wifi_losses;  // packets lost under Wi-Fi bursts; only with ble.wifi_interferers
  // Null where the radio profile has no supervision timeout (links are never lost).
  std::optional<long> link_losses;    // connections lost to the supervision timeout
  std::optional<long> reconnections;  // connections made again after a loss
  std::optional<Distribution> latency_ms;                   // over completed inferences
  std::optional<Distribution> e_wearable_per_inference_mj;  // over wearables: battery energy / inferences
  std::optional<Distribution> comm_error_protocol_pct;      // over wearables: (prediction - simulation) / simulation
  std::optional<Distribution> comm_error_paper_pct;
  std::optional<double> first_depletion_s;
  std::optional<double> fog_factor_measured;             // MCU energy of the fog's layers / fog busy energy
  std::optional<double> fog_factor_measured_with_radio;  // the same over fog busy + fog radio energy
  std::optional<double> e_fog_radio_per_inference_mj;    // all fog radios' energy / completed inferences
  // Over wearables: the fog radio's energy per inference of the link / the
  // paper's total per inference (wearable + fog compute), in percent.
  std::optional<Distribution> paper_total_low_pct;
  uint64_t sim_events = 0;  // events the ns-3 scheduler ran
};

// Inputs that are not in the wearables' results: each completed inference's
// latency, and per wearable the tensors it queued (which the radio accepted).
FleetSummary summarise_fleet(const std::vector<WearableResult>& wearables, int fogNodes,
                             const std::vector<double>& latencies_ms, std::optional<double> fog_factor_measured,
                             uint64_t sim_events);

}  // namespace fognas::sim
