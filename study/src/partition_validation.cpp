#include "fognas/study/partition_validation.h"

#include <algorithm>
#include <map>

namespace fognas::study {
namespace {

using Energy = double SimulatedPartition::*;

// The cheapest point under `e` (ties: the lower point).
const SimulatedPartition& cheapest(const std::vector<const SimulatedPartition*>& group, Energy e) {
  return **std::min_element(group.begin(), group.end(), [e](const SimulatedPartition* a, const SimulatedPartition* b) {
    return a->*e < b->*e || (a->*e == b->*e && a->point < b->point);
  });
}

// 1 + the number of points strictly cheaper than `p` under `e`.
int rank_of(const std::vector<const SimulatedPartition*>& group, const SimulatedPartition& p, Energy e) {
  return 1 + static_cast<int>(std::count_if(group.begin(), group.end(), [&](const SimulatedPartition* q) { return q->*e < p.*e; }));
}

// The point `model` chooses, judged by the simulated energy `sim`.
ModelVerdict judge(const std::vector<const SimulatedPartition*>& group, const SimulatedPartition& sim_best, Energy model,
                   Energy sim = &SimulatedPartition::e_sim_mj) {
  const SimulatedPartition& chosen = cheapest(group, model);
  ModelVerdict v;
  v.chosen = chosen.point;
  v.rank_in_sim = rank_of(group, chosen, sim);
  v.sim_opt_rank = rank_of(group, sim_best, model);
  v.regret_mj = chosen.*sim - sim_best.*sim;
  v.regret_pct = sim_best.*sim > 0 ? 100.0 * v.regret_mj / (sim_best.*sim) : 0.0;
  return v;
}

}  // namespace

std::vector<PartitionVerdict> judge_partitions(const std::vector<SimulatedPartition>& points) {
  std::vector<std::pair<std::string, double>> order;
  std::map<std::pair<std::string, double>, std::vector<const SimulatedPartition*>> groups;
  for (const SimulatedPartition& p : points) {
    auto key = std::make_pair(p.architecture, p.factor);
    if (!groups.count(key)) order.push_back(key);
    groups[key].push_back(&p);
  }
  std::vector<PartitionVerdict> out;
  for (const auto& key : order) {
    const auto& group = groups[key];
    const SimulatedPartition& best = cheapest(group, &SimulatedPartition::e_sim_mj);
    PartitionVerdict v;
    v.architecture = key.first;
    v.factor = key.second;
    v.points = static_cast<int>(group.size());
    v.sim_optimum = best.point;
    v.e_sim_optimum_mj = best.e_sim_mj;
    v.paper = judge(group, best, &SimulatedPartition::e_paper_mj);
    v.protocol = judge(group, best, &SimulatedPartition::e_protocol_mj);
    const SimulatedPartition& allin_best = cheapest(group, &SimulatedPartition::e_allin_sim_mj);
    v.allin_optimum = allin_best.point;
    v.e_allin_optimum_mj = allin_best.e_allin_sim_mj;
    v.paper_allin = judge(group, allin_best, &SimulatedPartition::e_paper_mj, &SimulatedPartition::e_allin_sim_mj);
    v.protocol_allin = judge(group, allin_best, &SimulatedPartition::e_allin_protocol_mj, &SimulatedPartition::e_allin_sim_mj);
    out.push_back(v);
  }
  return out;
}

Table partition_verdict_table(const std::vector<PartitionVerdict>& verdicts, const std::string& radio, const std::string& energy) {
  Table t;
  t.caption = "Predicted against simulated optimal partition points (" + energy + " energy, radio " + radio +
              "): the model's choice, its rank in the simulation, and the regret of trusting it";
  t.id = "splits";
  t.columns = {{"architecture", "Network", "", kShortest},
               {"radio", "Radio", "", kShortest},
               {"factor", "f", "", kGeneral},
               {"points", "Points", "", kShortest},
               {"p_sim", "P_sim", "", kShortest},
               {"e_sim_opt_mj", "E_sim(P_sim)", "mJ", 4}};
  for (const char* model : {"paper", "protocol"}) {
    const std::string m = model;
    t.columns.push_back({"p_" + m, "P_" + m, "", kShortest});
    t.columns.push_back({"rank_sim_" + m, "rank of P_" + m, "", kShortest});
    t.columns.push_back({"rank_" + m + "_sim", "rank of P_sim (" + m + ")", "", kShortest});
    t.columns.push_back({"regret_" + m + "_mj", "regret (" + m + ")", "mJ", 4});
    t.columns.push_back({"regret_" + m + "_pct", "regret (" + m + ")", "%", 2});
  }
  // The same choices judged by what the wearable's battery gives per window.
  t.columns.push_back({"p_sim_allin", "P_sim (all-in)", "", kShortest});
  t.columns.push_back({"e_sim_allin_opt_mj", "E_sim all-in(P_sim)", "mJ", 4});
  for (const char* model : {"paper", "protocol"}) {
    const std::string m = model;
    t.columns.push_back({"p_" + m + "_allin", "P_" + m + " (all-in)", "", kShortest});
    t.columns.push_back({"regret_allin_" + m + "_mj", "all-in regret (" + m + ")", "mJ", 4});
    t.columns.push_back({"regret_allin_" + m + "_pct", "all-in regret (" + m + ")", "%", 2});
  }
  for (const PartitionVerdict& v : verdicts) {
    std::vector<Cell> row = {v.architecture, radio, v.factor, v.points, v.sim_optimum, v.e_sim_optimum_mj};
    for (const ModelVerdict* m : {&v.paper, &v.protocol})
      row.insert(row.end(), {Cell(m->chosen), Cell(m->rank_in_sim), Cell(m->sim_opt_rank), Cell(m->regret_mj),
                             Cell(m->regret_pct)});
    row.insert(row.end(), {Cell(v.allin_optimum), Cell(v.e_allin_optimum_mj)});
    for (const ModelVerdict* m : {&v.paper_allin, &v.protocol_allin})
      row.insert(row.end(), {Cell(m->chosen), Cell(m->regret_mj), Cell(m->regret_pct)});
    t.rows.push_back(std::move(row));
  }
  return t;
}

Table simulated_partitions_table(const std::vector<SimulatedPartition>& points, const std::string& radio) {
  Table t;
  t.caption = "Simulated and predicted energy per inference at every feasible partition point";
  t.id = "split-points";
  t.columns = {{"architecture", "Network", "", kShortest}, {"radio", "Radio", "", kShortest},
               {"factor", "f", "", kGeneral},          {"partition_point", "P", "", kShortest},
               {"e_sim_mj", "E_sim", "mJ", 4},         {"e_paper_mj", "E_paper", "mJ", 4},
               {"e_protocol_mj", "E_protocol", "mJ", 4},  {"e_allin_sim_mj", "E_sim all-in", "mJ", 4},
               {"e_allin_protocol_mj", "E_protocol all-in", "mJ", 4}};
  for (const SimulatedPartition& p : points)
    t.rows.push_back({p.architecture, radio, p.factor, p.point, p.e_sim_mj, p.e_paper_mj, p.e_protocol_mj,
                      p.e_allin_sim_mj, p.e_allin_protocol_mj});
  return t;
}

}  // namespace fognas::study
