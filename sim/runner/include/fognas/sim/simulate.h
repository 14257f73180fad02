#pragma once
// Runs a scenario in ns-3 (the BLE model under sim/, see docs/simulation.md) and
// returns plain figures next to the analytic predictions. ns-3 stays behind
// this header.
#include <array>
#include <functional>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "fognas/cost/cost.h"
#include "fognas/sim/fleet.h"
#include "fognas/sim/predicted_air.h"
#include "fognas/sim/scenario.h"

namespace fognas::sim {

inline constexpr int kRadioStates = 8;  // sleep, ramp-up, tx, rx, idle, crystal, cpu, off
const char* radio_state_name(int state);

struct WearableResult {
  int wearable = 0;
  int fog_node = 0;
  // What this wearable runs (in a mixed fleet or with per-link points its
  // own): architecture, partition point, bytes of the tensor it sends.
  std::string architecture;
  int partition_point = 1;
  long tensor_bytes = 0;
  double distance_m = 0;
  double shadowing_db = 0;  // the shadowing drawn for its link (its prediction is conditional on it)
  long inferences = 0;          // windows whose edge part ran
  long tensors_queued = 0;      // handed to the radio (refused while the link is down)
  long tensors_sent = 0;        // delivered in full to the fog node
  long fog_jobs = 0;            // finished on the fog node
  long data_packets = 0;        // LL data packets sent, resends included
  long resends = 0;
  long data_events = 0;
  long idle_events = 0;
  long openings_lost = 0, acks_lost = 0;
  long collisions = 0;  // packets of its link lost to other links' packets on the same channel
  // Packets of its link lost while a Wi-Fi burst overlapped them (only where
  // the scenario has ble.wifi_interferers; those are not collisions).
  std::optional<long> wifi_losses;
  // Connection life: connections lost to the supervision timeout, made again,
  // advertising events, tensors dropped when the link was lost (ble.disconnected: drop).
  long link_losses = 0, reconnections = 0, adv_events = 0, tensors_dropped_at_loss = 0;
  // ble.disconnected: edge. Windows that started while the link was down and
  // ran every layer on the MCU, those whose result reached the fog node (they
  // complete there without a fog job), the result's size, the MCU energy of
  // those windows. Their results count in tensors_queued and tensors_sent.
  long inferences_on_edge = 0, inferences_completed_on_edge = 0, result_bytes = 0;
  double mcu_edge_only_j = 0;
  double radio_reconnect_j = 0;  // radio energy (sleep excluded) from each loss to the connection made again
  bool link_supervised = false;  // the radio profile has a supervision timeout (links can be lost)
  // Energy spent over the run (J), by state.
  std::array<double, kRadioStates> radio_state_j{};
  double mcu_run_j = 0, mcu_sleep_j = 0;
  double radio_data_events_j = 0;  // radio energy inside events that carried data
  // Mean charge one idle connection event draws from the battery (its work
  // before and after included, the sleep between events not), measured.
  double idle_event_charge_uc = 0;
  // Per inference (mJ): simulated.
  double sim_edge_comp_mj = 0;     // MCU RUN, windows run partitioned
  double sim_edge_only_comp_mj = 0;  // MCU RUN, windows run in full on the wearable (NaN: none)
  double sim_comm_mj = 0;          // radio energy of the data events per tensor
  double sim_upkeep_mj = 0;        // idle events + radio sleep, per window
  double sim_mcu_sleep_mj = 0;     // per window
  double sim_fog_mj = 0;
  // Per inference (mJ): predicted.
  double paper_comm_mj = 0;        // bits x energy per bit
  double protocol_comm_mj = 0;     // protocol-aware model (cost/radio_energy), expected resends included
  double pred_loss_rate = 0;       // expected share of data packets lost (cost/ble_link_budget)
  double pred_resends_per_tensor = 0;
  double pred_edge_comp_mj = 0;    // surrogate
  double pred_fog_mj = 0;
  double pred_upkeep_mj = 0;       // protocol-aware: idle events, sleep and advertising over one window
  double pred_undelivered_share = 0;  // of generated windows, those whose tensor is predicted not to arrive
  double pred_mcu_sleep_mj = 0;    // the MCU asleep for the window less its compute
  // All-in, per generated window (simulated: the energy spent from the end of
  // the first window to the end of the last, per window): everything the battery gives
  // (its MCU computing and asleep, its radio for the tensor, for the link's
  // upkeep and for connecting again), simulated and predicted. Unlike the
  // paper's total (compute + the tensor's radio + the fog's compute), this is
  // what a battery sees.
  double sim_allin_mj = 0;
  double pred_allin_mj = 0;
  // The fog node's all-in share per inference, predicted: its compute, its
  // idle time shared among its jobs, receiving, and its radio on this link
  // (the central's side of the link's events; the simulated figure is the
  // case's, FogSummary).
  double pred_fog_allin_mj = 0;
  // Latency from the window's start to the fog's result.
  double latency_mean_ms = 0, latency_max_ms = 0, queueing_mean_ms = 0;
  double battery_drain_mw = 0;     // mean wearable power over the run
  // Measured (the simulated time at which the battery reached its cut-off,
  // = depleted_at_s) when it ran out within the run; otherwise extrapolated:
  // capacity x nominal voltage / drain.
  double lifetime_h = 0;
  bool lifetime_measured = false;
  bool depleted = false;
  double depleted_at_s = 0;
  double battery_remaining_j = 0;
  // The fog node's radio on this link (the central's side of every event,
  // idle ones included, and its sleep on the first link of a fog node), over
  // the run and per fog job; measured by the central's radio energy model.
  double fog_radio_j = 0;
  double sim_fog_radio_mj = 0;

  // Tensors and results delivered in full, in bytes.
  long bytes_delivered(long tensor_bytes) const {
    return (tensors_sent - inferences_completed_on_edge) * tensor_bytes + inferences_completed_on_edge * result_bytes;
  }
  double lifetime_d() const { return lifetime_h / 24.0; }
  // The paper's total per inference (wearable compute + the tensor's radio +
  // fog compute: no link upkeep, no fog radio), simulated and predicted.
  double sim_total_mj() const { return sim_edge_comp_mj + sim_comm_mj + sim_fog_mj; }
  double paper_total_mj() const { return pred_edge_comp_mj + paper_comm_mj + pred_fog_mj; }
  double protocol_total_mj() const { return pred_edge_comp_mj + protocol_comm_mj + pred_fog_mj; }
  // How much the paper's total (wearable + fog compute) leaves out by not
  // charging the fog node's radio, as a share of that total.
  double paper_total_low_pct() const { return 100.0 * sim_fog_radio_mj / paper_total_mj(); }
};

struct FogResult {
  int fog_node = 0;
  int wearables = 0;
  long jobs = 0;
  // As the fog node's processor model integrated them (busy, idle), and the
  // reception of the tensors it got.
  double compute_j = 0, idle_j = 0, rx_j = 0;
  double radio_j = 0;  // the fog node's BLE radio over all its links
  double utilisation = 0;
  long max_queue = 0;
  long overlapping_events = 0;  // the central's events that collided (must be 0)
  // With a capture: the packets it holds per RF channel (0-39); else empty.
  std::vector<uint64_t> packets_by_rf_channel;
};

// The fog side of a case over all its fog nodes, measured in the simulation.
// A figure that does not exist (no job ran) is nullopt.
struct FogSummary {
  long jobs = 0;
  std::optional<double> factor_measured;        // MCU energy of the jobs' layers / fog busy energy
  std::optional<double> e_per_job_mj;           // (busy + rx) per job
  std::optional<double> e_per_job_with_idle_mj; // (busy + idle + rx) per job: idle shared among the jobs
  std::optional<double> e_radio_per_job_mj;     // the fog radio's energy per job
  // All the fog nodes spent (busy + idle + rx + radio), per window of each
  // wearable (as the wearables' all-in energy: per job would charge the
  // run's last window, which starts no job, to the jobs).
  std::optional<double> e_allin_per_window_mj;
  std::optional<double> factor_measured_with_radio;  // MCU energy of the jobs' layers / (busy + radio)
};
// `jobs_edge_equivalent_mj`: what the wearables' MCUs would spend on the
// layers of all the jobs the fog nodes ran, each job at its own wearable's
// point (the cost model's reference for the factor).
FogSummary summarise_fog_jobs(const std::vector<FogResult>& fogs, double jobs_edge_equivalent_mj);

struct CaseResult {
  std::string architecture;
  std::string shape;  // "[2048,...] x [1,...]"
  double factor = 1;
  int partition_point = 1;
  bool solver_chose = false;
  PartitionCost predicted;  // the analytic costs of this point (profile's radio model)
  long bytes_sent = 0;
  double duration_s = 0;
  double window_s = 0;
  double wall_s = 0;
  // Of wall_s, the simulated span itself (ns-3's Run, the links' first
  // connection included): no placement, prediction or report.
  double run_wall_s = 0;
  // Of run_wall_s, the windows in steady state (from the end of the first
  // window to the end of the last: the span the all-in figures cover), part
  // by part of the fleet (one part unless far buildings run apart): a
  // benchmark compares like parts of separate runs.
  std::vector<double> parts_run_wall_steady_s;
  double run_wall_steady_s() const {
    return std::accumulate(parts_run_wall_steady_s.begin(), parts_run_wall_steady_s.end(), 0.0);
  }
  std::vector<WearableResult> wearables;
  std::vector<FogResult> fogs;
  FogSummary fog;
  FleetSummary fleet;

  // Means over the wearables that have the figure (NaN: none has it).
  double mean(double WearableResult::*field) const;
  double mean(double (WearableResult::*fn)() const) const;
  double mean_over(const std::function<double(const WearableResult&)>& figure) const;
};

// The wearable's radio profile as the reports name it: whether its per-event
// figures were calibrated against a measured connection event.
struct RadioNote {
  std::string profile;
  bool calibrated = false;
  std::string calibration_source;
  std::string current_basis;           // the profile's: radio-only, system-level, ideal or ""
  std::string disconnected = "keep";  // ble.disconnected: keep, drop or edge
  bool link_supervised = false;        // the profile has a supervision timeout: links are lost and made again
  bool shadowing_drawn = false;        // each link has its own shadowing draw (channel.shadowing_sigma_db > 0)
};

RadioNote radio_note_of(const ScenarioSpec& spec);

struct RunResult {
  std::string scenario;
  std::vector<CaseResult> cases;
  RadioNote radio;
};

// Called now and then with the simulated time reached.
using Progress = std::function<void(const std::string& label, double simulated_s, double duration_s)>;

// What one wearable of a case runs: its architecture, its partition point
// (fixed, or chosen by the solver, for its own link with per-link) and that
// point's analytic costs.
struct WearablePlan {
  Architecture architecture;
  int partition_point = 1;
  bool solver_chose = false;
  PartitionCost predicted;
};

// The cases of a scenario: each architecture at each factor (fleet_mix:
// by-architecture), or all architectures on the wearables of one case per
// factor (mixed). The case's own architecture, point and costs are its first
// wearable's; a mixed case's name joins the architectures' with '+'.
// Throws InputError naming the problem.
struct CasePlan {
  Architecture architecture;
  std::string shape;  // the network(s), as the reports print them
  double factor = 1;
  int partition_point = 1;
  bool solver_chose = false;
  PartitionCost predicted;
  std::vector<WearablePlan> wearables;  // one per wearable
};
std::vector<CasePlan> plan_cases(const ScenarioSpec& spec);

// The fleet as a case places it when the run starts (the scenario's seed):
// positions, attachments and loads; no tensors yet.
FleetLayout starting_layout(const ScenarioSpec& spec);

// What the solver adds to a point's communication energy on a link at this
// distance (or with `channel`'s own path loss, where buildings set one): the
// resends the predictor expects per window, over the shadowing, as many as
// the link's life lets it make (cost/ble_link_life).
std::function<double(long)> link_resend_mj_at(const ScenarioSpec& spec, double distance_m,
                                              const BleChannelParams& channel);

// Post-conditions before anything is written: every figure finite and >= 0,
// or NaN where it may not exist (no tensor delivered, no fog job finished).
// Throws std::logic_error naming the figure.
void check_figures(const RunResult& run);
// Whether a case delivered any inference: a tensor (or an edge result) received
// by a fog node or, where nothing is sent (P = L + 1), a window that ran.
bool delivered_any(const CaseResult& c);

// With a capture folder (an existing folder), also writes a pcap capture per
// fog node there: fog-NNN.pcap (see ns3::BlePcapWriter).
CaseResult simulate_case(const ScenarioSpec& spec, const CasePlan& plan, const Progress& progress = {},
                         const std::string& captureFolder = {});
RunResult simulate(const ScenarioSpec& spec, const Progress& progress = {});

}  // namespace fognas::sim
