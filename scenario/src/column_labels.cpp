// The label registry (see the header). Keys are split into a stem and a unit
// suffix; the stem is looked up in one table, with three families composed
// by rule: per-factor report columns (e_sim_f10_mj), swept profile fields
// (radio_ble_conn_interval_ms) and the energy parts of a simulation.
#include "fognas/scenario/column_labels.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <stdexcept>

namespace fognas {
namespace {

struct Unit {
  const char* suffix;
  const char* plain;
  const char* latex;
};

// Longest suffixes first, so _dbm is not read as _m.
constexpr std::array<Unit, 22> kUnits = {{{"_kbps", "kb/s", "kb/s"},  {"_bytes", "B", "B"},
                                          {"_dbm", "dBm", "dBm"},     {"_ppm", "ppm", "ppm"},
                                          {"_pct", "%", "\\%"},       {"_mj", "mJ", "mJ"},
                                          {"_ms", "ms", "ms"},        {"_kb", "KB", "KB"},
                                          {"_uc", "uC", "$\\mu$C"},   {"_mw", "mW", "mW"},
                                          {"_db", "dB", "dB"},        {"_us", "us", "$\\mu$s"},
                                          {"_ma", "mA", "mA"},        {"_ua", "uA", "$\\mu$A"},
                                          {"_nj", "nJ", "nJ"},        {"_j", "J", "J"},
                                          {"_s", "s", "s"},           {"_d", "d", "d"},
                                          {"_h", "h", "h"},           {"_m", "m", "m"},
                                          {"_v", "V", "V"},           {"_hz", "Hz", "Hz"}}};

struct Stem {
  const char* plain;
  const char* latex;
};

// Every stem the commands write, by the table that writes it.
const std::map<std::string, Stem>& stems() {
  static const std::map<std::string, Stem> table = {
      // Keys of every table: what was run.
      {"architecture", {"network", "network"}},
      {"network", {"network", "network"}},
      {"solution", {"solution", "solution"}},
      {"factor", {"f", "$f$"}},
      {"partition_point", {"P", "$P$"}},
      {"partition_point_published", {"P (published)", "$P_{\\mathrm{pub}}$"}},
      {"point", {"point", "point"}},
      {"points", {"points", "points"}},
      {"cases", {"cases", "cases"}},
      {"seed", {"seed", "seed"}},
      {"lengths", {"lengths", "lengths"}},
      {"channels", {"channels", "channels"}},
      {"parameters", {"parameters", "parameters"}},
      {"valid", {"valid", "valid"}},
      {"invalid", {"invalid", "invalid"}},
      {"trained", {"trained", "trained"}},
      {"solver_chose", {"solver's P", "solver's $P$"}},
      {"wearable", {"wearable", "wearable"}},
      {"wearables", {"wearables", "wearables"}},
      {"fog_node", {"fog node", "fog node"}},
      {"wearable_architecture", {"network", "network"}},
      {"wearable_partition_point", {"P", "$P$"}},
      {"radio", {"radio", "radio"}},
      {"devices_radio", {"radio", "radio"}},
      {"devices_mcu", {"MCU", "MCU"}},
      {"devices_fog", {"fog node", "fog node"}},
      {"distance", {"distance", "$d$"}},
      {"duration", {"duration", "duration"}},
      {"shadowing", {"shadowing", "$X_\\sigma$"}},
      {"flash", {"Flash", "Flash"}},
      {"ram", {"RAM", "RAM"}},
      // evaluate: the analytic model.
      {"e_total", {"E_total", "$E_{\\mathrm{total}}$"}},
      {"e_edge", {"E_edge", "$E_{\\mathrm{edge}}$"}},
      {"e_edge_comp", {"E_edge,comp", "$E_{\\mathrm{edge,comp}}$"}},
      {"e_edge_comm", {"E_edge,comm", "$E_{\\mathrm{edge,comm}}$"}},
      {"e_fog", {"E_fog", "$E_{\\mathrm{fog}}$"}},
      {"e_edge_only", {"E_edge-only", "$E_{\\mathrm{edge\\text{-}only}}$"}},
      {"e_edge_partitioned", {"E_partitioned", "$E_{\\mathrm{part}}$"}},
      {"e_edge_unpartitioned", {"E_unpartitioned", "$E_{\\mathrm{unpart}}$"}},
      {"saving_ratio", {"saving", "saving"}},
      // simulate: simulated beside predicted (sim: the simulation; pred and
      // protocol: the protocol-aware prediction; paper: the paper's per-bit model).
      {"e_comp_sim", {"E_comp,sim", "$E_{\\mathrm{comp}}^{\\mathrm{sim}}$"}},
      {"e_comp_pred", {"E_comp,pred", "$E_{\\mathrm{comp}}^{\\mathrm{pred}}$"}},
      {"e_comm_sim", {"E_comm,sim", "$E_{\\mathrm{comm}}^{\\mathrm{sim}}$"}},
      {"e_comm_protocol", {"E_comm,prot", "$E_{\\mathrm{comm}}^{\\mathrm{prot}}$"}},
      {"e_comm_paper", {"E_comm,paper", "$E_{\\mathrm{comm}}^{\\mathrm{paper}}$"}},
      {"e_fog_sim", {"E_fog,sim", "$E_{\\mathrm{fog}}^{\\mathrm{sim}}$"}},
      {"e_fog_pred", {"E_fog,pred", "$E_{\\mathrm{fog}}^{\\mathrm{pred}}$"}},
      {"e_fog_with_idle_sim", {"E_fog+idle,sim", "$E_{\\mathrm{fog+idle}}^{\\mathrm{sim}}$"}},
      {"e_fog_radio_sim", {"E_fog radio,sim", "$E_{\\mathrm{fog\\,radio}}^{\\mathrm{sim}}$"}},
      {"e_paper_total_sim", {"E_sim", "$E_{\\mathrm{sim}}$"}},
      {"e_paper_total_paper", {"E_paper", "$E_{\\mathrm{paper}}$"}},
      {"e_paper_total_protocol", {"E_prot", "$E_{\\mathrm{prot}}$"}},
      {"e_upkeep_window_sim", {"E_upkeep,sim", "$E_{\\mathrm{upkeep}}^{\\mathrm{sim}}$"}},
      {"e_upkeep_window_pred", {"E_upkeep,pred", "$E_{\\mathrm{upkeep}}^{\\mathrm{pred}}$"}},
      {"e_mcu_sleep_window_sim", {"E_sleep,sim", "$E_{\\mathrm{sleep}}^{\\mathrm{sim}}$"}},
      {"e_mcu_sleep_window_pred", {"E_sleep,pred", "$E_{\\mathrm{sleep}}^{\\mathrm{pred}}$"}},
      {"e_wearable_window_sim", {"E_window,sim", "$E_{\\mathrm{window}}^{\\mathrm{sim}}$"}},
      {"e_wearable_allin_sim", {"E_all-in,sim", "$E_{\\mathrm{all}}^{\\mathrm{sim}}$"}},
      {"e_wearable_allin_pred", {"E_all-in,pred", "$E_{\\mathrm{all}}^{\\mathrm{pred}}$"}},
      {"e_fog_allin_sim", {"E_fog all-in,sim", "$E_{\\mathrm{fog,all}}^{\\mathrm{sim}}$"}},
      {"e_fog_allin_pred", {"E_fog all-in,pred", "$E_{\\mathrm{fog,all}}^{\\mathrm{pred}}$"}},
      {"err_comp", {"err. comp", "$\\epsilon_{\\mathrm{comp}}$"}},
      {"err_comm_protocol", {"err. comm, prot", "$\\epsilon_{\\mathrm{comm}}^{\\mathrm{prot}}$"}},
      {"err_comm_paper", {"err. comm, paper", "$\\epsilon_{\\mathrm{comm}}^{\\mathrm{paper}}$"}},
      {"err_total_protocol", {"err. prot", "$\\epsilon_{\\mathrm{prot}}$"}},
      {"err_total_paper", {"err. paper", "$\\epsilon_{\\mathrm{paper}}$"}},
      {"err_wearable_allin", {"err. all-in", "$\\epsilon_{\\mathrm{all}}$"}},
      {"paper_total_low", {"paper total low by", "paper low by"}},
      {"factor_measured", {"f measured", "$f_{\\mathrm{meas}}$"}},
      {"bytes_sent", {"bytes sent", "bytes sent"}},
      {"packets_per_tensor", {"packets/tensor", "packets/tensor"}},
      {"resends", {"resends", "resends"}},
      {"latency_mean", {"latency (mean)", "$\\bar{t}$"}},
      {"latency_max", {"latency (max)", "$t_{\\max}$"}},
      {"queueing_mean", {"queueing (mean)", "$\\bar{t}_{\\mathrm{queue}}$"}},
      {"lifetime", {"lifetime", "$T_{\\mathrm{life}}$"}},
      {"lifetime_source", {"lifetime from", "lifetime from"}},
      {"depleted_at", {"depleted at", "depleted at"}},
      {"drain", {"drain", "$P_{\\mathrm{drain}}$"}},
      {"inferences", {"inferences", "inferences"}},
      {"tensors_sent", {"tensors sent", "tensors sent"}},
      {"data_events", {"data events", "data events"}},
      {"data_packets", {"data packets", "data packets"}},
      {"idle_events", {"idle events", "idle events"}},
      {"idle_event_charge", {"idle event", "$Q_{\\mathrm{idle}}$"}},
      {"acks_lost", {"acks lost", "acks lost"}},
      {"openings_lost", {"openings lost", "openings lost"}},
      {"collisions", {"collisions", "collisions"}},
      {"overlapping_events", {"overlapping events", "overlapping events"}},
      {"abandoned", {"abandoned", "abandoned"}},
      {"link_losses", {"link losses", "link losses"}},
      {"reconnections", {"reconnections", "reconnections"}},
      {"reconnect", {"E_reconnect", "$E_{\\mathrm{reconn}}$"}},
      {"adv_events", {"adv. events", "adv.\\ events"}},
      {"fog_jobs", {"fog jobs", "fog jobs"}},
      {"jobs", {"jobs", "jobs"}},
      {"max_queue", {"max queue", "max queue"}},
      {"utilisation", {"utilisation", "utilisation"}},
      // The simulation's energy parts (joules over the run).
      {"e_compute", {"E_compute", "$E_{\\mathrm{compute}}$"}},
      {"e_idle", {"E_idle", "$E_{\\mathrm{idle}}$"}},
      {"e_radio", {"E_radio", "$E_{\\mathrm{radio}}$"}},
      {"e_rx", {"E_rx", "$E_{\\mathrm{rx}}$"}},
      {"mcu_run", {"MCU run", "MCU run"}},
      {"mcu_sleep", {"MCU sleep", "MCU sleep"}},
      {"radio_cpu", {"radio CPU", "radio CPU"}},
      {"radio_crystal", {"radio crystal", "radio crystal"}},
      {"radio_data_events", {"radio data events", "radio data ev."}},
      {"radio_idle", {"radio idle", "radio idle"}},
      {"radio_ramp_up", {"radio ramp-up", "radio ramp-up"}},
      {"radio_rx", {"radio RX", "radio RX"}},
      {"radio_sleep", {"radio sleep", "radio sleep"}},
      {"radio_tx", {"radio TX", "radio TX"}},
      // validate-splits: the partition each model would choose.
      {"p_sim", {"P_sim", "$P_{\\mathrm{sim}}$"}},
      {"p_sim_allin", {"P_sim,all-in", "$P_{\\mathrm{sim}}^{\\mathrm{all}}$"}},
      {"p_protocol", {"P_prot", "$P_{\\mathrm{prot}}$"}},
      {"p_protocol_allin", {"P_prot,all-in", "$P_{\\mathrm{prot}}^{\\mathrm{all}}$"}},
      {"p_paper", {"P_paper", "$P_{\\mathrm{paper}}$"}},
      {"p_paper_allin", {"P_paper,all-in", "$P_{\\mathrm{paper}}^{\\mathrm{all}}$"}},
      {"e_sim", {"E_sim", "$E_{\\mathrm{sim}}$"}},
      {"e_sim_opt", {"E_sim at P_sim", "$E_{\\mathrm{sim}}(P_{\\mathrm{sim}})$"}},
      {"e_sim_allin_opt", {"E_all-in at P_sim", "$E_{\\mathrm{all}}(P_{\\mathrm{sim}})$"}},
      {"e_allin_sim", {"E_all-in,sim", "$E_{\\mathrm{all}}^{\\mathrm{sim}}$"}},
      {"e_allin_protocol", {"E_all-in,prot", "$E_{\\mathrm{all}}^{\\mathrm{prot}}$"}},
      {"e_protocol", {"E_prot", "$E_{\\mathrm{prot}}$"}},
      {"e_paper", {"E_paper", "$E_{\\mathrm{paper}}$"}},
      {"regret_protocol", {"regret prot", "$R_{\\mathrm{prot}}$"}},
      {"regret_paper", {"regret paper", "$R_{\\mathrm{paper}}$"}},
      {"regret_allin_protocol", {"regret prot, all-in", "$R_{\\mathrm{prot}}^{\\mathrm{all}}$"}},
      {"regret_allin_paper", {"regret paper, all-in", "$R_{\\mathrm{paper}}^{\\mathrm{all}}$"}},
      {"rank_sim_protocol", {"rank of P_sim, prot", "rank $P_{\\mathrm{sim}}$, prot"}},
      {"rank_sim_paper", {"rank of P_sim, paper", "rank $P_{\\mathrm{sim}}$, paper"}},
      {"rank_protocol_sim", {"rank of P_prot, sim", "rank $P_{\\mathrm{prot}}$, sim"}},
      {"rank_paper_sim", {"rank of P_paper, sim", "rank $P_{\\mathrm{paper}}$, sim"}},
      // Reports: the models' error over a sweep.
      {"paper_mean_abs_err", {"paper: mean |err|", "paper: mean $|\\epsilon|$"}},
      {"paper_max_abs_err", {"paper: max |err|", "paper: max $|\\epsilon|$"}},
      {"protocol_mean_abs_err", {"prot: mean |err|", "prot: mean $|\\epsilon|$"}},
      {"protocol_max_abs_err", {"prot: max |err|", "prot: max $|\\epsilon|$"}},
      {"replications", {"seeds", "seeds"}},
      // search: generations.csv and the candidates.
      {"generation", {"generation", "generation"}},
      {"best_fitness", {"best fitness", "best fitness"}},
      {"mean_fitness", {"mean fitness", "mean fitness"}},
      {"test_accuracy", {"test accuracy", "test acc."}},
      {"v2_accuracy", {"V2 accuracy", "V2 acc."}},
  };
  return table;
}

// Profile fields a study sweeps, by their field name (radio_ble_<field>).
const std::map<std::string, Stem>& profile_fields() {
  static const std::map<std::string, Stem> table = {
      {"conn_interval", {"T_conn", "$T_{\\mathrm{conn}}$"}},
      {"tx_power", {"P_TX", "$P_{\\mathrm{TX}}$"}},
      {"rx_sensitivity", {"sensitivity", "$S_{\\mathrm{RX}}$"}},
      {"att_mtu", {"ATT MTU", "ATT MTU"}},
      {"ll_payload_max", {"LL payload", "LL payload"}},
      {"peripheral_latency", {"latency", "peripheral latency"}},
      {"max_event_length", {"event length", "$T_{\\mathrm{event}}$"}},
      {"supervision_timeout", {"supervision timeout", "$T_{\\mathrm{sup}}$"}},
      {"sleep_clock", {"sleep clock", "sleep clock"}},
      {"central_sleep_clock", {"central's sleep clock", "central clock"}},
      {"dcdc_efficiency", {"DC/DC efficiency", "$\\eta$"}},
      {"phy", {"PHY", "PHY"}},
      {"busy_power", {"P_fog,busy", "$P_{\\mathrm{fog}}$"}},
      {"idle_power", {"P_fog,idle", "$P_{\\mathrm{fog,idle}}$"}},
      {"active_power", {"P_MCU", "$P_{\\mathrm{MCU}}$"}},
      {"relative_speed", {"fog speed", "fog speed"}},
  };
  return table;
}

// "e_sim_f10" -> E_sim at f = 10; "p_f2" -> P at f = 2.
bool per_factor(const std::string& stem, std::string& plain, std::string& latex) {
  for (auto [prefix, p, l] : {std::tuple{"e_sim_f", "E_sim", "E_{\\mathrm{sim}}"},
                              std::tuple{"e_pred_f", "E_pred", "E_{\\mathrm{pred}}"}, std::tuple{"p_f", "P", "P"}}) {
    const std::string pre = prefix;
    if (stem.rfind(pre, 0) != 0 || stem.size() == pre.size()) continue;
    const std::string f = stem.substr(pre.size());
    if (f.find_first_not_of("0123456789.") != std::string::npos) continue;
    plain = fmt::format("{} (f={})", p, f);
    latex = fmt::format("${}$, $f{{=}}{}$", l, f);
    return true;
  }
  return false;
}

}  // namespace

std::optional<ColumnLabel> column_label(const std::string& key) {
  const auto ends_with = [&](const char* s) {
    const std::string suffix = s;
    return key.size() > suffix.size() && key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  std::string stem = key;
  Unit unit{"", "", ""};
  for (const Unit& u : kUnits)
    if (ends_with(u.suffix)) {
      unit = u;
      stem = key.substr(0, key.size() - std::string(u.suffix).size());
      break;
    }
  // A stem the table knows whole; else the same key read without a unit
  // (a count such as "resends" whose name ends in _s is no time).
  for (const auto& [s, u] : {std::pair{stem, unit}, std::pair{key, Unit{"", "", ""}}}) {
    if (auto it = stems().find(s); it != stems().end())
      return ColumnLabel{it->second.plain, u.plain, it->second.latex, u.latex};
    std::string plain, latex;
    if (per_factor(s, plain, latex)) return ColumnLabel{plain, u.plain, latex, u.latex};
    for (const char* section : {"radio_ble_", "radio_", "mcu_", "fog_"}) {
      const std::string pre = section;
      if (s.rfind(pre, 0) != 0) continue;
      if (auto f = profile_fields().find(s.substr(pre.size())); f != profile_fields().end())
        return ColumnLabel{f->second.plain, u.plain, f->second.latex, u.latex};
    }
  }
  return std::nullopt;
}

Column labelled_column(const std::string& key, int digits) {
  const std::optional<ColumnLabel> l = column_label(key);
  if (!l) throw std::out_of_range("no label for column '" + key + "' (add it to scenario/src/column_labels.cpp)");
  Column c{key, l->label, l->unit, digits};
  c.latex = l->latex;
  c.unit_latex = l->unit_latex;
  return c;
}

Column setting_column(const std::string& key) {
  if (column_label(key)) return labelled_column(key);
  std::string words = key;
  std::replace(words.begin(), words.end(), '_', ' ');
  return Column{key, words, "", kShortest};
}

std::string setting_text(const std::string& key, const std::string& value) {
  const std::optional<ColumnLabel> l = column_label(key);
  if (!l) return key + " = " + value;
  return l->label + " = " + value + (l->unit.empty() ? "" : " " + l->unit);
}

}  // namespace fognas
