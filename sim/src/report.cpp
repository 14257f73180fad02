#include "fognas/sim/report.h"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>

#include "fognas/common/atomic_file.h"

namespace fognas::sim {
namespace {

std::string mj(double v) { return fmt::format("{:.4f}", v); }
std::string pct(double v) { return std::isfinite(v) ? fmt::format("{:+.1f}%", v) : "n/a"; }
std::string num(double v, int digits = 2) { return fmt::format("{:.{}f}", v, digits); }

long total(const CaseResult& c, long WearableResult::*field) {
  long sum = 0;
  for (const auto& w : c.wearables) sum += w.*field;
  return sum;
}

}  // namespace

double relative_error_pct(double predicted, double simulated) {
  if (simulated == 0) return predicted == 0 ? 0.0 : NAN;
  return 100.0 * (predicted - simulated) / simulated;
}

Table summary_table(const RunResult& run) {
  Table t;
  t.caption = fmt::format(
      "Scenario {}: energy per inference in mJ, mean over the wearables. Errors are (prediction - simulation) / "
      "simulation: negative means the model under-predicts.",
      run.scenario);
  t.header = {"arch", "P", "factor", "bytes", "comp sim", "comp pred", "comm sim", "comm protocol", "err",
              "comm paper", "err", "fog sim", "fog pred", "total sim", "total paper", "err", "total protocol", "err",
              "upkeep/window sim", "upkeep pred", "wearable/window sim", "packets/tensor", "resends", "latency ms", "lifetime h"};
  for (const auto& c : run.cases) {
    const double comm = c.mean(&WearableResult::sim_comm_mj);
    const double tot = c.mean(&WearableResult::sim_total_mj);
    const long tensors = total(c, &WearableResult::tensors_sent);
    const double packets = tensors > 0 ? static_cast<double>(total(c, &WearableResult::data_packets)) / tensors : 0;
    t.rows.push_back({c.architecture, std::to_string(c.partition_point) + (c.solver_chose ? "*" : ""),
                      fmt::format("{:g}", c.factor), std::to_string(c.bytes_sent), mj(c.mean(&WearableResult::sim_edge_comp_mj)),
                      mj(c.mean(&WearableResult::pred_edge_comp_mj)), mj(comm),
                      mj(c.mean(&WearableResult::protocol_comm_mj)),
                      pct(relative_error_pct(c.mean(&WearableResult::protocol_comm_mj), comm)),
                      mj(c.mean(&WearableResult::paper_comm_mj)),
                      pct(relative_error_pct(c.mean(&WearableResult::paper_comm_mj), comm)),
                      mj(c.mean(&WearableResult::sim_fog_mj)), mj(c.mean(&WearableResult::pred_fog_mj)), mj(tot),
                      mj(c.mean(&WearableResult::paper_total_mj)),
                      pct(relative_error_pct(c.mean(&WearableResult::paper_total_mj), tot)),
                      mj(c.mean(&WearableResult::protocol_total_mj)),
                      pct(relative_error_pct(c.mean(&WearableResult::protocol_total_mj), tot)),
                      mj(c.mean(&WearableResult::sim_upkeep_mj)), mj(c.mean(&WearableResult::pred_upkeep_mj)),
                      mj(c.mean(&WearableResult::battery_drain_mw) * c.window_s),
                      num(packets), std::to_string(total(c, &WearableResult::resends)),
                      num(c.mean(&WearableResult::latency_mean_ms)), num(c.mean(&WearableResult::lifetime_h), 1)});
  }
  return t;
}

Table energy_table(const RunResult& run) {
  Table t;
  t.caption = "Per wearable, energy per inference in mJ: simulated beside the surrogate, the protocol-aware and the "
              "paper's radio model; errors are (prediction - simulation) / simulation.";
  t.header = {"arch", "factor", "wearable", "comp sim", "comp pred", "err", "comm sim", "comm protocol", "err",
              "comm paper", "err", "fog sim", "fog pred", "total sim", "total protocol", "err", "total paper", "err",
              "upkeep/window sim", "mcu sleep/window sim"};
  for (const auto& c : run.cases)
    for (const auto& w : c.wearables)
      t.rows.push_back({c.architecture, fmt::format("{:g}", c.factor), std::to_string(w.wearable), mj(w.sim_edge_comp_mj),
                        mj(w.pred_edge_comp_mj), pct(relative_error_pct(w.pred_edge_comp_mj, w.sim_edge_comp_mj)),
                        mj(w.sim_comm_mj), mj(w.protocol_comm_mj),
                        pct(relative_error_pct(w.protocol_comm_mj, w.sim_comm_mj)), mj(w.paper_comm_mj),
                        pct(relative_error_pct(w.paper_comm_mj, w.sim_comm_mj)), mj(w.sim_fog_mj), mj(w.pred_fog_mj),
                        mj(w.sim_total_mj()), mj(w.protocol_total_mj()),
                        pct(relative_error_pct(w.protocol_total_mj(), w.sim_total_mj())), mj(w.paper_total_mj()),
                        pct(relative_error_pct(w.paper_total_mj(), w.sim_total_mj())), mj(w.sim_upkeep_mj),
                        fmt::format("{:.6f}", w.sim_mcu_sleep_mj)});
  return t;
}

Table wearable_table(const RunResult& run) {
  Table t;
  t.caption = "Per wearable: traffic, losses, latency (window start to fog result) and battery.";
  t.header = {"arch", "factor", "wearable", "fog", "distance m", "inferences", "tensors", "bytes", "fog jobs", "packets",
              "resends", "data events", "idle events", "openings lost", "acks lost", "latency mean ms",
              "latency max ms", "queueing ms", "drain mW", "lifetime h", "depleted at s"};
  for (const auto& c : run.cases)
    for (const auto& w : c.wearables)
      t.rows.push_back({c.architecture, fmt::format("{:g}", c.factor), std::to_string(w.wearable), std::to_string(w.fog_node),
                        num(w.distance_m, 1), std::to_string(w.inferences), std::to_string(w.tensors_sent),
                        std::to_string(w.tensors_sent * c.bytes_sent), std::to_string(w.fog_jobs), std::to_string(w.data_packets), std::to_string(w.resends),
                        std::to_string(w.data_events), std::to_string(w.idle_events), std::to_string(w.openings_lost),
                        std::to_string(w.acks_lost), num(w.latency_mean_ms), num(w.latency_max_ms),
                        num(w.queueing_mean_ms), num(w.battery_drain_mw, 4), num(w.lifetime_h, 1),
                        w.depleted ? num(w.depleted_at_s, 1) : "-"});
  return t;
}

Table fog_table(const RunResult& run) {
  Table t;
  t.caption = "Per fog node: wearables served, jobs, energy (J), share of time computing, most tensors waiting.";
  t.header = {"arch", "factor", "fog", "wearables", "jobs", "compute J", "idle J", "utilisation", "max queue",
              "overlapping events"};
  for (const auto& c : run.cases)
    for (const auto& f : c.fogs)
      t.rows.push_back({c.architecture, fmt::format("{:g}", c.factor), std::to_string(f.fog_node), std::to_string(f.wearables),
                        std::to_string(f.jobs), fmt::format("{:.6g}", f.compute_j), fmt::format("{:.6g}", f.idle_j),
                        fmt::format("{:.5f}", f.utilisation), std::to_string(f.max_queue),
                        std::to_string(f.overlapping_events)});
  return t;
}

Table state_table(const RunResult& run) {
  Table t;
  t.caption = "Energy by state over the whole run (J): radio states, then MCU states.";
  t.header = {"arch", "factor", "wearable", "duration s"};
  for (int s = 0; s < kRadioStates - 1; ++s) t.header.push_back(std::string("radio ") + radio_state_name(s));
  t.header.insert(t.header.end(), {"radio data events", "mcu run", "mcu sleep"});
  for (const auto& c : run.cases)
    for (const auto& w : c.wearables) {
      std::vector<std::string> row = {c.architecture, fmt::format("{:g}", c.factor), std::to_string(w.wearable),
                                      num(c.duration_s, 0)};
      for (int s = 0; s < kRadioStates - 1; ++s) row.push_back(fmt::format("{:.6g}", w.radio_state_j[static_cast<size_t>(s)]));
      row.push_back(fmt::format("{:.6g}", w.radio_data_events_j));
      row.push_back(fmt::format("{:.6g}", w.mcu_run_j));
      row.push_back(fmt::format("{:.6g}", w.mcu_sleep_j));
      t.rows.push_back(row);
    }
  return t;
}

nlohmann::json to_json(const RunResult& run) {
  nlohmann::json j;
  j["scenario"] = run.scenario;
  j["cases"] = nlohmann::json::array();
  for (const auto& c : run.cases) {
    nlohmann::json jc = {{"architecture", c.architecture}, {"shape", c.shape},
                         {"factor", c.factor},             {"partition_point", c.partition_point},
                         {"solver_chose", c.solver_chose}, {"bytes_sent", c.bytes_sent},
                         {"duration_s", c.duration_s},     {"window_s", c.window_s},
                         {"wall_s", c.wall_s}};
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
          {"wearable", w.wearable}, {"fog_node", w.fog_node}, {"distance_m", w.distance_m},
          {"inferences", w.inferences}, {"tensors_sent", w.tensors_sent},
          {"bytes_sent", w.tensors_sent * c.bytes_sent}, {"fog_jobs", w.fog_jobs},
          {"data_packets", w.data_packets}, {"resends", w.resends}, {"data_events", w.data_events},
          {"idle_events", w.idle_events}, {"openings_lost", w.openings_lost}, {"acks_lost", w.acks_lost},
          {"radio_state_j", states}, {"radio_data_events_j", w.radio_data_events_j},
          {"mcu_state_j", {{"run", w.mcu_run_j}, {"sleep", w.mcu_sleep_j}}},
          {"per_inference_mj",
           {{"sim_edge_comp", w.sim_edge_comp_mj}, {"sim_comm", comm}, {"sim_fog", w.sim_fog_mj},
            {"sim_total", tot}, {"sim_upkeep_per_window", w.sim_upkeep_mj},
            {"sim_mcu_sleep_per_window", w.sim_mcu_sleep_mj}, {"pred_edge_comp", w.pred_edge_comp_mj},
            {"paper_comm", w.paper_comm_mj}, {"protocol_comm", w.protocol_comm_mj}, {"pred_fog", w.pred_fog_mj},
            {"paper_total", w.paper_total_mj()}, {"protocol_total", w.protocol_total_mj()},
            {"pred_upkeep_per_window", w.pred_upkeep_mj}}},
          {"error_pct",
           {{"comp", relative_error_pct(w.pred_edge_comp_mj, w.sim_edge_comp_mj)},
            {"comm_paper", relative_error_pct(w.paper_comm_mj, comm)},
            {"comm_protocol", relative_error_pct(w.protocol_comm_mj, comm)},
            {"total_paper", relative_error_pct(w.paper_total_mj(), tot)},
            {"total_protocol", relative_error_pct(w.protocol_total_mj(), tot)}}},
          {"latency_ms", {{"mean", w.latency_mean_ms}, {"max", w.latency_max_ms}, {"queueing_mean", w.queueing_mean_ms}}},
          {"battery",
           {{"drain_mw", w.battery_drain_mw}, {"lifetime_h", w.lifetime_h}, {"depleted", w.depleted},
            {"depleted_at_s", w.depleted_at_s}, {"remaining_j", w.battery_remaining_j}}}});
    }
    jc["fog_nodes"] = nlohmann::json::array();
    for (const auto& f : c.fogs)
      jc["fog_nodes"].push_back({{"fog_node", f.fog_node}, {"wearables", f.wearables}, {"jobs", f.jobs},
                                 {"compute_j", f.compute_j}, {"idle_j", f.idle_j}, {"utilisation", f.utilisation},
                                 {"max_queue", f.max_queue}, {"overlapping_events", f.overlapping_events}});
    j["cases"].push_back(jc);
  }
  return j;
}

void write_reports(const RunResult& run, const std::string& dir) {
  std::filesystem::create_directories(dir);
  const Table summary = summary_table(run), energy = energy_table(run), wearables = wearable_table(run),
              fogs = fog_table(run), states = state_table(run);
  for (const auto& [table, stem] : {std::pair{&summary, "summary"}, {&energy, "energy"}, {&wearables, "wearables"},
                                    {&fogs, "fog_nodes"}, {&states, "states"}}) {
    write_file_atomically(std::filesystem::path(dir) / (std::string(stem) + ".csv"), table->to_csv());
    write_file_atomically(std::filesystem::path(dir) / (std::string(stem) + ".md"), table->to_markdown());
  }
  std::string md = fmt::format("# Simulation report: {}\n\n", run.scenario);
  md += "P marked * was chosen by the partition solver. comm = radio energy of the connection events that carried "
        "the tensor; upkeep = idle connection events and radio sleep per window (the paper's model has no such "
        "term). See sim/README.md for the accounting.\n\n";
  md += "wearable/window = everything the wearable's battery gives per window: edge compute, the tensor's "
        "events, the idle link and the MCU asleep.\n\n";
  md += summary.to_markdown() + "\n" + energy.to_markdown() + "\n" + wearables.to_markdown() + "\n" + fogs.to_markdown() + "\n" +
        states.to_markdown();
  write_file_atomically(std::filesystem::path(dir) / "report.md", md);
  write_file_atomically(std::filesystem::path(dir) / "report.json", to_json(run).dump(2) + "\n");
}

}  // namespace fognas::sim
