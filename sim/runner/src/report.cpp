#include "fognas/sim/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>

#include "fognas/common/atomic_file.h"
#include "fognas/scenario/result_columns.h"
#include "fognas/devices/radio_note.h"

namespace fognas::sim {
namespace {

// Per-wearable tables with more rows per case than this are summarised across
// the wearables in Markdown and LaTeX; the CSV keeps every row.
constexpr size_t kMaxWearableRows = 10;

long total(const CaseResult& c, long WearableResult::*field) {
  long sum = 0;
  for (const auto& w : c.wearables) sum += w.*field;
  return sum;
}

Column mj(const char* key, const char* label, int digits = 4) { return {key, label, "mJ", digits}; }
Column err(const char* key, const char* label) { return {key, label, "%", 1}; }
Column count(const char* key, const char* label) { return {key, label, "", kShortest}; }
const Column kArch{columns::kArchitecture, "arch", "", kShortest};
const Column kFactor{columns::kFactor, "factor", "", kGeneral};
const Column kWearable{"wearable", "wearable", "", kShortest};

// A figure the simulation could not measure (no fog job ran) is a missing cell.
Cell optional_cell(const std::optional<double>& v) { return v ? Cell(*v) : Cell(); }

// A relative error that does not exist (nothing simulated) is a missing cell.
Cell error_cell(double predicted, double simulated) { return relative_error_pct(predicted, simulated); }

std::string snake(std::string s) {
  for (char& ch : s)
    if (ch == '-' || ch == ' ') ch = '_';
  return s;
}

}  // namespace

double relative_error_pct(double predicted, double simulated) {
  if (simulated == 0) return predicted == 0 ? 0.0 : NAN;
  return 100.0 * (predicted - simulated) / simulated;
}

Table summary_table(const RunResult& run) {
  Table t;
  t.caption = fmt::format(
      "Scenario {}: energy per inference, mean over the wearables. Errors are (prediction - simulation) / "
      "simulation: negative means the model under-predicts.",
      run.scenario);
  t.id = run.scenario + "-summary";
  t.columns = {kArch, count(columns::kPartitionPoint, "P"), count("solver_chose", "solver chose"), kFactor,
               {"bytes_sent", "sent", "bytes", kShortest}, mj(columns::kCompSim, "comp sim"),
               mj("e_comp_pred_mj", "comp pred"), mj(columns::kCommSim, "comm sim"),
               mj("e_comm_protocol_mj", "comm protocol"), err("err_comm_protocol_pct", "err comm protocol"),
               mj("e_comm_paper_mj", "comm paper"), err("err_comm_paper_pct", "err comm paper"),
               mj(columns::kFogSim, "fog sim"), mj("e_fog_pred_mj", "fog pred"),
               mj("e_fog_with_idle_sim_mj", "fog+idle sim"), {"factor_measured", "factor sim", "", 3},
               mj(columns::kPaperTotalSim, "paper total sim"),
               mj(columns::kPaperTotalPaper, "paper total paper"), err("err_total_paper_pct", "err total paper"),
               mj(columns::kPaperTotalProtocol, "paper total protocol"), err("err_total_protocol_pct", "err total protocol"),
               mj("e_upkeep_window_sim_mj", "upkeep/window sim"), mj("e_upkeep_window_pred_mj", "upkeep/window pred"),
               mj("e_wearable_window_sim_mj", "wearable/window sim"),
               mj(columns::kWearableAllinSim, "all-in sim"), mj("e_wearable_allin_pred_mj", "all-in pred"),
               err("err_wearable_allin_pct", "err all-in"), mj("e_fog_allin_sim_mj", "fog all-in sim"),
               mj("e_fog_allin_pred_mj", "fog all-in pred"), {"packets_per_tensor", "packets/tensor", "", 2},
               count("resends", "resends"), {"latency_mean_ms", "latency mean", "ms", 2},
               {"lifetime_h", "lifetime", "h", 1}, {columns::kLifetime, "lifetime", "d", 2},
               mj("e_fog_radio_sim_mj", "fog radio sim"), err("paper_total_low_pct", "paper total low by")};
  for (const auto& c : run.cases) {
    const double comm = c.mean(&WearableResult::sim_comm_mj);
    const double tot = c.mean(&WearableResult::sim_total_mj);
    const double protocol_comm = c.mean(&WearableResult::protocol_comm_mj), paper_comm = c.mean(&WearableResult::paper_comm_mj);
    const double paper_tot = c.mean(&WearableResult::paper_total_mj), protocol_tot = c.mean(&WearableResult::protocol_total_mj);
    const double allin_sim = c.mean(&WearableResult::sim_allin_mj), allin_pred = c.mean(&WearableResult::pred_allin_mj);
    const long tensors = total(c, &WearableResult::tensors_sent);
    const Cell packets = tensors > 0 ? Cell(static_cast<double>(total(c, &WearableResult::data_packets)) / tensors) : Cell();
    t.rows.push_back({c.architecture, c.partition_point, c.solver_chose, c.factor, c.bytes_sent,
                      c.mean(&WearableResult::sim_edge_comp_mj), c.mean(&WearableResult::pred_edge_comp_mj), comm,
                      protocol_comm, error_cell(protocol_comm, comm), paper_comm, error_cell(paper_comm, comm),
                      c.mean(&WearableResult::sim_fog_mj), c.mean(&WearableResult::pred_fog_mj),
                      optional_cell(c.fog.e_per_job_with_idle_mj), optional_cell(c.fog.factor_measured), tot, paper_tot,
                      error_cell(paper_tot, tot), protocol_tot, error_cell(protocol_tot, tot),
                      c.mean(&WearableResult::sim_upkeep_mj), c.mean(&WearableResult::pred_upkeep_mj),
                      c.mean(&WearableResult::battery_drain_mw) * c.window_s, allin_sim, allin_pred,
                      error_cell(allin_pred, allin_sim), optional_cell(c.fog.e_allin_per_window_mj),
                      c.mean(&WearableResult::pred_fog_allin_mj), packets,
                      total(c, &WearableResult::resends), c.mean(&WearableResult::latency_mean_ms),
                      c.mean(&WearableResult::lifetime_h), c.mean(&WearableResult::lifetime_h) / 24.0,
                      c.mean(&WearableResult::sim_fog_radio_mj),
                      c.mean(&WearableResult::paper_total_low_pct)});
  }
  return t;
}

Table energy_table(const RunResult& run) {
  Table t;
  t.caption = "Per wearable, energy per inference: simulated beside the surrogate, the protocol-aware and the "
              "paper's radio model; errors are (prediction - simulation) / simulation.";
  t.id = run.scenario + "-energy";
  t.columns = {kArch, kFactor, kWearable, mj(columns::kCompSim, "comp sim"), mj("e_comp_pred_mj", "comp pred"),
               err("err_comp_pct", "err comp"), mj(columns::kCommSim, "comm sim"),
               mj("e_comm_protocol_mj", "comm protocol"), err("err_comm_protocol_pct", "err comm protocol"),
               mj("e_comm_paper_mj", "comm paper"), err("err_comm_paper_pct", "err comm paper"),
               mj(columns::kFogSim, "fog sim"), mj("e_fog_pred_mj", "fog pred"),
               mj(columns::kPaperTotalSim, "paper total sim"), mj(columns::kPaperTotalProtocol, "paper total protocol"),
               err("err_total_protocol_pct", "err total protocol"), mj(columns::kPaperTotalPaper, "paper total paper"),
               err("err_total_paper_pct", "err total paper"), mj("e_upkeep_window_sim_mj", "upkeep/window sim"),
               mj("e_mcu_sleep_window_sim_mj", "mcu sleep/window sim", 6),
               mj("e_mcu_sleep_window_pred_mj", "mcu sleep/window pred", 6),
               mj(columns::kWearableAllinSim, "all-in sim"), mj("e_wearable_allin_pred_mj", "all-in pred"),
               err("err_wearable_allin_pct", "err all-in"), mj("e_fog_allin_pred_mj", "fog all-in pred")};
  for (const auto& c : run.cases)
    for (const auto& w : c.wearables)
      t.rows.push_back({c.architecture, c.factor, w.wearable, w.sim_edge_comp_mj, w.pred_edge_comp_mj,
                        error_cell(w.pred_edge_comp_mj, w.sim_edge_comp_mj), w.sim_comm_mj, w.protocol_comm_mj,
                        error_cell(w.protocol_comm_mj, w.sim_comm_mj), w.paper_comm_mj,
                        error_cell(w.paper_comm_mj, w.sim_comm_mj), w.sim_fog_mj, w.pred_fog_mj, w.sim_total_mj(),
                        w.protocol_total_mj(), error_cell(w.protocol_total_mj(), w.sim_total_mj()),
                        w.paper_total_mj(), error_cell(w.paper_total_mj(), w.sim_total_mj()), w.sim_upkeep_mj,
                        w.sim_mcu_sleep_mj, w.pred_mcu_sleep_mj, w.sim_allin_mj, w.pred_allin_mj,
                        error_cell(w.pred_allin_mj, w.sim_allin_mj), w.pred_fog_allin_mj});
  return t;
}

// Whether a wearable's lifetime was read off the run or extrapolated from its drain.
std::string lifetime_source(const WearableResult& w) { return w.lifetime_measured ? "measured" : "extrapolated"; }

Table wearable_table(const RunResult& run) {
  Table t;
  t.caption = "Per wearable: traffic, losses, latency (window start to fog result) and battery.";
  t.id = run.scenario + "-wearables";
  t.columns = {kArch, kFactor, kWearable, {"wearable_architecture", "runs", "", kShortest},
               count("wearable_partition_point", "P"), count("fog_node", "fog"), {"distance_m", "distance", "m", 1},
               {"shadowing_db", "shadowing", "dB", 2}, count("inferences", "inferences"), count("tensors_sent", "tensors"),
               {"bytes_sent", "sent", "bytes", kShortest}, count("fog_jobs", "fog jobs"),
               count("data_packets", "packets"), count("resends", "resends"), count("data_events", "data events"),
               count("idle_events", "idle events"), {"idle_event_charge_uc", "idle event charge", "uC", 3},
               count("openings_lost", "openings lost"), count("acks_lost", "acks lost"),
               count("collisions", "collisions"), count("link_losses", "link losses"),
               count("reconnections", "reconnections"), count("adv_events", "adv events"),
               {"reconnect_mj", "reconnect", "mJ", 3}, {"latency_mean_ms", "latency mean", "ms", 2},
               {"latency_max_ms", "latency max", "ms", 2}, {"queueing_mean_ms", "queueing", "ms", 2},
               {"drain_mw", "drain", "mW", 4}, {"lifetime_h", "lifetime", "h", 1}, {columns::kLifetime, "lifetime", "d", 2},
               {"lifetime_source", "lifetime is", "", kShortest}, {"depleted_at_s", "depleted at", "s", 1}};
  for (const auto& c : run.cases)
    for (const auto& w : c.wearables)
      t.rows.push_back({c.architecture, c.factor, w.wearable, w.architecture, w.partition_point, w.fog_node,
                        w.distance_m, w.shadowing_db, w.inferences, w.tensors_sent, w.bytes_delivered(w.tensor_bytes), w.fog_jobs,
                        w.data_packets, w.resends, w.data_events,
                        w.idle_events, w.idle_event_charge_uc, w.openings_lost, w.acks_lost, w.collisions,
                        w.link_losses, w.reconnections, w.adv_events, 1e3 * w.radio_reconnect_j,
                        w.latency_mean_ms,
                        w.latency_max_ms,
                        w.queueing_mean_ms, w.battery_drain_mw, w.lifetime_h, w.lifetime_d(), lifetime_source(w),
                        w.depleted ? Cell(w.depleted_at_s) : Cell()});
  return t;
}

Table fog_table(const RunResult& run) {
  Table t;
  t.caption = "Per fog node: wearables served, jobs, energy, share of time computing, most tensors waiting.";
  t.id = run.scenario + "-fog-nodes";
  t.columns = {kArch, kFactor, count("fog_node", "fog"), count("wearables", "wearables"), count("jobs", "jobs"),
               {"e_compute_j", "compute", "J", kGeneral}, {"e_idle_j", "idle", "J", kGeneral},
               {"e_rx_j", "receive", "J", kGeneral}, {"e_radio_j", "radio", "J", kGeneral},
               {"utilisation_pct", "utilisation", "%", 3}, count("max_queue", "max queue"),
               count("overlapping_events", "overlapping events")};
  for (const auto& c : run.cases)
    for (const auto& f : c.fogs)
      t.rows.push_back({c.architecture, c.factor, f.fog_node, f.wearables, f.jobs, f.compute_j, f.idle_j, f.rx_j,
                        f.radio_j, 100.0 * f.utilisation, f.max_queue, f.overlapping_events});
  return t;
}

namespace {
// "link_down 3, queued_on_fog 1"; "none" where every inference completed.
std::string reasons_text(const std::map<std::string, long>& reasons) {
  std::string out;
  for (const auto& [reason, n] : reasons) out += fmt::format("{}{} {}", out.empty() ? "" : ", ", reason, n);
  return out.empty() ? "none" : out;
}
Cell count_cell(const std::optional<long>& v) { return v ? Cell(*v) : Cell(); }
Cell mean_cell(const std::optional<Distribution>& d) { return d ? Cell(d->mean) : Cell(); }
Cell p95_cell(const std::optional<Distribution>& d) { return d ? Cell(d->p95) : Cell(); }
Cell p99_cell(const std::optional<Distribution>& d) { return d ? Cell(d->p99) : Cell(); }
}  // namespace

Table fleet_table(const RunResult& run) {
  Table t;
  t.caption = "Per case, over the whole fleet: what became of the inferences (generated = completed + dropped), "
              "the traffic on the air, and distributions over inferences (latency) or wearables (energy, "
              "errors). A figure that does not exist is a missing cell.";
  t.id = run.scenario + "-fleet";
  t.columns = {kArch, kFactor, count("wearables", "wearables"), count("fog_nodes", "fog nodes"),
               count("inferences_generated", "generated"), count("inferences_completed", "completed"),
               count("inferences_dropped", "dropped"), {"dropped_by_reason", "dropped by reason", "", kShortest},
               count("packets", "packets"), count("resends", "resends"), count("collisions", "collisions"),
               count("link_losses", "link losses"), count("reconnections", "reconnections"),
               {"latency_mean_ms", "latency mean", "ms", 2}, {"latency_p95_ms", "latency p95", "ms", 2},
               {"latency_p99_ms", "latency p99", "ms", 2}, mj("e_per_inference_mean_mj", "E/inference mean"),
               mj("e_per_inference_p95_mj", "E/inference p95"),
               err("err_comm_protocol_mean_pct", "err comm protocol mean"),
               err("err_comm_paper_mean_pct", "err comm paper mean"),
               {"first_depletion_s", "first depletion", "s", 1}, {"fog_factor_measured", "fog factor sim", "", 3}};
  for (const auto& c : run.cases) {
    const FleetSummary& f = c.fleet;
    t.rows.push_back({c.architecture, c.factor, f.wearables, f.fog_nodes, f.inferences_generated,
                      f.inferences_completed, f.inferences_dropped, reasons_text(f.dropped_by_reason), f.packets,
                      f.resends, f.collisions, count_cell(f.link_losses), count_cell(f.reconnections),
                      mean_cell(f.latency_ms), p95_cell(f.latency_ms), p99_cell(f.latency_ms),
                      mean_cell(f.e_wearable_per_inference_mj), p95_cell(f.e_wearable_per_inference_mj),
                      mean_cell(f.comm_error_protocol_pct), mean_cell(f.comm_error_paper_pct),
                      optional_cell(f.first_depletion_s), optional_cell(f.fog_factor_measured)});
  }
  return t;
}

Table state_table(const RunResult& run) {
  Table t;
  t.caption = "Energy by state over the whole run: radio states, then MCU states.";
  t.id = run.scenario + "-states";
  t.columns = {kArch, kFactor, kWearable, {"duration_s", "duration", "s", 0}};
  for (int s = 0; s < kRadioStates - 1; ++s)
    t.columns.push_back({"radio_" + snake(radio_state_name(s)) + "_j", std::string("radio ") + radio_state_name(s), "J",
                         kGeneral});
  t.columns.insert(t.columns.end(), {{"radio_data_events_j", "radio data events", "J", kGeneral},
                                     {"mcu_run_j", "mcu run", "J", kGeneral},
                                     {"mcu_sleep_j", "mcu sleep", "J", kGeneral}});
  for (const auto& c : run.cases)
    for (const auto& w : c.wearables) {
      std::vector<Cell> row = {c.architecture, c.factor, w.wearable, c.duration_s};
      for (int s = 0; s < kRadioStates - 1; ++s) row.push_back(w.radio_state_j[static_cast<size_t>(s)]);
      row.insert(row.end(), {w.radio_data_events_j, w.mcu_run_j, w.mcu_sleep_j});
      t.rows.push_back(row);
    }
  return t;
}

Table shown_per_wearable(const RunResult& run, const Table& per_wearable) {
  size_t most = 0;
  for (const auto& c : run.cases) most = std::max(most, c.wearables.size());
  if (most <= kMaxWearableRows) return per_wearable;
  Table t = describe(per_wearable, {"architecture", "factor"}, {"wearable", "fog_node", "duration_s"});
  t.caption = fmt::format("Across the wearables of each case (every wearable's row is in the CSV). {}",
                          per_wearable.caption);
  return t;
}

namespace {

// Whether the radio's per-event figures were checked against a measured
// connection event: every report says so.
std::string radio_note(const RadioNote& radio) {
  return radio_calibration_note(radio.profile, radio.calibrated, radio.calibration_source, radio.current_basis);
}

// What a wearable does with its windows while its link is down (ble.disconnected).
std::string disconnected_note(const std::string& policy) {
  const char* meaning = policy == "drop"   ? "the tensors are dropped"
                        : policy == "edge" ? "the whole network runs on the wearable and only its result is sent"
                                           : "the tensors wait on the wearable until the link is back";
  return fmt::format("While a link is down (ble.disconnected: {}): {}.", policy, meaning);
}

// Which parts of each wearable's protocol-aware prediction are its own link
// as the run draws it and which are expectations.
nlohmann::json prediction_parts(const RadioNote& r) {
  return {{"distance", "the wearable's starting distance from its fog node (walking wearables: an approximation)"},
          {"shadowing", r.shadowing_drawn ? "the link's own draw" : "none"},
          {"fading", "expected"},
          {"collisions", "expected, from the other fog nodes' links"},
          {"wifi", "expected"},
          {"link_life", r.link_supervised
                            ? "expected: losses after the supervision timeout, advertising until a central connects "
                              "again, and what the link's events can carry"
                            : "no supervision timeout: a link is never lost; its resends per tensor are capped at "
                              "what one window's events carry"}};
}

std::string prediction_note(const RadioNote& r) {
  return fmt::format("Each wearable's protocol-aware prediction is conditional on its distance{}; fading, collisions, "
                     "Wi-Fi and {} are in expectation.",
                     r.shadowing_drawn ? " and its link's own shadowing draw" : "",
                     r.link_supervised ? "the link's life (losses after the supervision timeout, advertising until a "
                                         "central connects again, what its events can carry)"
                                       : "what the link's events can carry (the profile has no supervision timeout: "
                                         "a link is never lost, and its resends per tensor are capped at what one "
                                         "window's events carry)");
}

// A figure that does not exist is NaN in the results and null in JSON (a
// number there would claim a value).
void null_where_missing(nlohmann::json& j) {
  if (j.is_number_float() && !std::isfinite(j.get<double>())) j = nullptr;
  if (j.is_structured())
    for (auto& child : j) null_where_missing(child);
}

}  // namespace

namespace {
template <class T>
nlohmann::json or_null(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}
nlohmann::json distribution_json(const std::optional<Distribution>& d, bool tails) {
  if (!d) return nullptr;
  nlohmann::json j = {{"mean", d->mean}, {"p50", d->p50}, {"p95", d->p95}};
  if (tails) j["p99"] = d->p99, j["max"] = d->max;
  return j;
}
// The fleet's figures; wall_s only where timing is asked for (never in committed files).
nlohmann::json fleet_json(const FleetSummary& f, std::optional<double> wall_s) {
  nlohmann::json j = {{"wearables", f.wearables},
                      {"fog_nodes", f.fog_nodes},
                      {"inferences_generated", f.inferences_generated},
                      {"inferences_completed", f.inferences_completed},
                      {"inferences_completed_on_edge", f.inferences_completed_on_edge},
                      {"inferences_dropped", f.inferences_dropped},
                      {"dropped_by_reason", f.dropped_by_reason},
                      {"packets", f.packets},
                      {"resends", f.resends},
                      {"collisions", f.collisions},
                      {"link_losses", or_null(f.link_losses)},
                      {"reconnections", or_null(f.reconnections)},
                      {"latency_ms", distribution_json(f.latency_ms, true)},
                      {"e_wearable_per_inference_mj", distribution_json(f.e_wearable_per_inference_mj, true)},
                      {"comm_error_protocol_pct", distribution_json(f.comm_error_protocol_pct, false)},
                      {"comm_error_paper_pct", distribution_json(f.comm_error_paper_pct, false)},
                      {"first_depletion_s", or_null(f.first_depletion_s)},
                      {"fog_factor_measured", or_null(f.fog_factor_measured)},
                      {"fog_factor_measured_with_radio", or_null(f.fog_factor_measured_with_radio)},
                      {"e_fog_radio_per_inference_mj", or_null(f.e_fog_radio_per_inference_mj)},
                      {"paper_total_low_pct", distribution_json(f.paper_total_low_pct, true)},
                      {"sim_events", f.sim_events}};
  // Only where the scenario has Wi-Fi interferers, so reports without them read as before.
  if (f.wifi_losses) j["wifi_losses"] = *f.wifi_losses;
  if (wall_s) j["wall_s"] = *wall_s;
  return j;
}
}  // namespace

nlohmann::json to_json(const RunResult& run, bool with_timing) {
  nlohmann::json j;
  j["scenario"] = run.scenario;
  j["radio"] = {{"profile", run.radio.profile},
                {"calibrated", run.radio.calibrated},
                {"calibration_source", run.radio.calibrated ? nlohmann::json(run.radio.calibration_source)
                                                            : nlohmann::json(nullptr)},
                {"note", radio_note(run.radio)},
                {"disconnected", run.radio.disconnected}};
  j["prediction"] = prediction_parts(run.radio);
  j["cases"] = nlohmann::json::array();
  for (const auto& c : run.cases) {
    nlohmann::json jc = {{"architecture", c.architecture}, {"shape", c.shape},
                         {"factor", c.factor},             {"partition_point", c.partition_point},
                         {"solver_chose", c.solver_chose}, {"bytes_sent", c.bytes_sent},
                         {"duration_s", c.duration_s},     {"window_s", c.window_s}};
    if (with_timing) jc["wall_s"] = c.wall_s;
    jc["predicted"] = {{"e_edge_comp_mj", c.predicted.e_edge_comp_mj},
                       {"e_edge_comm_mj", c.predicted.e_edge_comm_mj},
                       {"e_fog_mj", c.predicted.e_fog_mj},
                       {"edge_latency_ms", c.predicted.edge_latency_ms}};
    jc["wearables"] = nlohmann::json::array();
    for (const auto& w : c.wearables) {
      nlohmann::json states;
      for (int s = 0; s < kRadioStates; ++s) states[radio_state_name(s)] = w.radio_state_j[static_cast<size_t>(s)];
      const double comm = w.sim_comm_mj, tot = w.sim_total_mj();
      jc["wearables"].push_back({
          {"wearable", w.wearable}, {"architecture", w.architecture}, {"partition_point", w.partition_point},
          {"fog_node", w.fog_node}, {"distance_m", w.distance_m}, {"shadowing_db", w.shadowing_db},
          {"inferences", w.inferences}, {"tensors_sent", w.tensors_sent},
          {"bytes_sent", w.bytes_delivered(w.tensor_bytes)},
          {"fog_jobs", w.fog_jobs}, {"inferences_on_edge", w.inferences_on_edge},
          {"inferences_completed_on_edge", w.inferences_completed_on_edge},
          {"mcu_edge_only_j", w.mcu_edge_only_j},
          {"data_packets", w.data_packets}, {"resends", w.resends}, {"data_events", w.data_events},
          {"idle_events", w.idle_events}, {"idle_event_charge_uc", w.idle_event_charge_uc},
          {"pred_resends_per_tensor", w.pred_resends_per_tensor}, {"pred_loss_rate", w.pred_loss_rate},
          {"pred_undelivered_share", w.pred_undelivered_share},
          {"openings_lost", w.openings_lost}, {"acks_lost", w.acks_lost}, {"collisions", w.collisions},
          {"link_losses", w.link_losses}, {"reconnections", w.reconnections}, {"adv_events", w.adv_events},
          {"tensors_dropped_at_loss", w.tensors_dropped_at_loss}, {"radio_reconnect_j", w.radio_reconnect_j},
          {"radio_state_j", states}, {"radio_data_events_j", w.radio_data_events_j},
          {"mcu_state_j", {{"run", w.mcu_run_j}, {"sleep", w.mcu_sleep_j}}},
          {"per_inference_mj",
           {{"sim_edge_comp", w.sim_edge_comp_mj}, {"sim_edge_only_comp", w.sim_edge_only_comp_mj}, {"sim_comm", comm}, {"sim_fog", w.sim_fog_mj},
            {"sim_total", tot}, {"sim_upkeep_per_window", w.sim_upkeep_mj},
            {"sim_mcu_sleep_per_window", w.sim_mcu_sleep_mj}, {"pred_edge_comp", w.pred_edge_comp_mj},
            {"paper_comm", w.paper_comm_mj}, {"protocol_comm", w.protocol_comm_mj}, {"pred_fog", w.pred_fog_mj},
            {"paper_total", w.paper_total_mj()}, {"protocol_total", w.protocol_total_mj()},
            {"pred_upkeep_per_window", w.pred_upkeep_mj}, {"sim_fog_radio", w.sim_fog_radio_mj},
            {"pred_mcu_sleep_per_window", w.pred_mcu_sleep_mj}, {"sim_wearable_allin_per_window", w.sim_allin_mj},
            {"pred_wearable_allin_per_window", w.pred_allin_mj}, {"pred_fog_allin", w.pred_fog_allin_mj}}},
          {"fog_radio_j", w.fog_radio_j}, {"paper_total_low_pct", w.paper_total_low_pct()},
          {"error_pct",
           {{"comp", relative_error_pct(w.pred_edge_comp_mj, w.sim_edge_comp_mj)},
            {"comm_paper", relative_error_pct(w.paper_comm_mj, comm)},
            {"comm_protocol", relative_error_pct(w.protocol_comm_mj, comm)},
            {"total_paper", relative_error_pct(w.paper_total_mj(), tot)},
            {"total_protocol", relative_error_pct(w.protocol_total_mj(), tot)}}},
          {"latency_ms", {{"mean", w.latency_mean_ms}, {"max", w.latency_max_ms}, {"queueing_mean", w.queueing_mean_ms}}},
          {"battery",
           {{"drain_mw", w.battery_drain_mw}, {"lifetime_h", w.lifetime_h}, {"lifetime_d", w.lifetime_d()},
            {"lifetime_source", lifetime_source(w)}, {"depleted", w.depleted},
            {"depleted_at_s", w.depleted ? nlohmann::json(w.depleted_at_s) : nlohmann::json(nullptr)}, {"remaining_j", w.battery_remaining_j}}}});
      if (w.wifi_losses) jc["wearables"].back()["wifi_losses"] = *w.wifi_losses;
    }
    auto optional_json = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
    jc["fog"] = {{"jobs", c.fog.jobs},
                 {"factor_set", c.factor},
                 {"factor_measured", optional_json(c.fog.factor_measured)},
                 {"e_per_inference_mj", optional_json(c.fog.e_per_job_mj)},
                 {"e_per_inference_with_idle_mj", optional_json(c.fog.e_per_job_with_idle_mj)},
                 {"e_allin_per_window_mj", optional_json(c.fog.e_allin_per_window_mj)},
                 {"e_radio_per_inference_mj", optional_json(c.fog.e_radio_per_job_mj)},
                 {"factor_measured_with_radio", optional_json(c.fog.factor_measured_with_radio)}};
    jc["fleet"] = fleet_json(c.fleet, with_timing ? std::optional<double>(c.wall_s) : std::nullopt);
    jc["fog_nodes"] = nlohmann::json::array();
    for (const auto& f : c.fogs) {
      nlohmann::json jf = {{"fog_node", f.fog_node}, {"wearables", f.wearables}, {"jobs", f.jobs},
                           {"compute_j", f.compute_j}, {"idle_j", f.idle_j}, {"rx_j", f.rx_j},
                           {"radio_j", f.radio_j},
                           {"utilisation", f.utilisation},
                           {"max_queue", f.max_queue}, {"overlapping_events", f.overlapping_events}};
      if (!f.packets_by_rf_channel.empty()) {
        // RF channel (as a key: "0" ... "39") -> packets in the capture.
        nlohmann::json& byChannel = jf["packets_by_rf_channel"] = nlohmann::json::object();
        for (size_t ch = 0; ch < f.packets_by_rf_channel.size(); ++ch)
          byChannel[std::to_string(ch)] = f.packets_by_rf_channel[ch];
      }
      jc["fog_nodes"].push_back(jf);
    }
    j["cases"].push_back(jc);
  }
  null_where_missing(j);
  return j;
}

nlohmann::json timing_json(const RunResult& run) {
  nlohmann::json j{{"scenario", run.scenario}, {"cases", nlohmann::json::array()}};
  double wall = 0;
  for (const auto& c : run.cases) {
    j["cases"].push_back({{"architecture", c.architecture}, {"factor", c.factor}, {"duration_s", c.duration_s},
                          {"wall_s", c.wall_s}, {"run_wall_s", c.run_wall_s},
                          {"run_wall_steady_s", c.run_wall_steady_s()},
                          {"parts_run_wall_steady_s", c.parts_run_wall_steady_s}});
    wall += c.wall_s;
  }
  j["wall_s"] = wall;
  return j;
}

void write_reports(const RunResult& run, const std::string& dir) {
  const std::filesystem::path out(dir);
  std::filesystem::create_directories(out);
  const Table summary = summary_table(run);
  write_table_files(summary, (out / "summary").string());
  std::string md = fmt::format("# Simulation report: {}\n\n", run.scenario);
  md += "comm = radio energy of the connection events that carried the tensor; upkeep = idle connection events and "
        "radio sleep per window (the paper's model has no such term). See sim/README.md for the accounting.\n\n";
  md += "wearable/window = everything the wearable's battery gives per window: edge compute, the tensor's "
        "events, the idle link and the MCU asleep.\n\n";
  md += radio_note(run.radio) + "\n\n";
  md += disconnected_note(run.radio.disconnected) + "\n\n";
  md += prediction_note(run.radio) + "\n\n";
  md += summary.to_markdown();
  md += "\n" + fleet_table(run).to_markdown();
  for (const auto& [table, stem] : {std::pair{energy_table(run), "energy"}, {wearable_table(run), "wearables"},
                                    {fog_table(run), "fog_nodes"}, {state_table(run), "states"}}) {
    const Table shown = std::string(stem) == "fog_nodes" ? table : shown_per_wearable(run, table);
    write_table_files(table, shown, (out / stem).string());
    md += "\n" + shown.to_markdown();
  }
  write_file_atomically(out / "report.md", md);
  write_file_atomically(out / "report.json", to_json(run).dump(2) + "\n");
  // Wall-clock seconds differ from run to run: kept out of the committed files above.
  write_file_atomically(out / "timing.json", timing_json(run).dump(2) + "\n");
}

}  // namespace fognas::sim
