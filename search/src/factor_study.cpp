#include "fognas/search/factor_study.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "fognas/common/error.h"
#include "fognas/scenario/result_columns.h"

namespace fognas {

FactorStudySpec factor_study_from(const Scenario& sc) {
  if (sc.architectures.empty())
    throw InputError(sc.file, "evaluate needs 'architectures' (lengths and channels, or from_search)");
  FactorStudySpec s;
  s.file = sc.file;
  s.name = sc.name;
  s.description = sc.description;
  s.mcu = sc.mcu_ref;
  s.radio = sc.radio_ref;
  s.fog = sc.fog_ref;
  s.devices = sc.devices;
  s.factors = sc.factors;
  s.out_dir = sc.out_dir;
  s.flash_limit_kb = sc.limits.flash_kb;
  s.ram_limit_kb = sc.limits.ram_kb;
  for (const ArchitectureSpec& a : sc.architectures) {
    StudyArchitecture arch;
    arch.name = a.name;
    arch.network = Network::from_shape(a.lengths, a.channels);  // checked by the reader
    arch.published_point = a.published_partition_point;
    arch.forced_point = a.partition_point;
    s.architectures.push_back(std::move(arch));
  }
  return s;
}

FactorStudySpec load_factor_study(const std::string& path, const std::vector<std::string>& overrides) {
  return factor_study_from(load_scenario_file(path, overrides));
}

namespace {

// The solver's best point under the study's limits, or the forced one.
PartitionCost chosen_point(const StudyArchitecture& arch, const FactorStudySpec& spec, const DeviceModel& model,
                           PartitionOptions options) {
  options.flash_limit_kb = spec.flash_limit_kb;
  options.ram_limit_kb = spec.ram_limit_kb;
  const PartitionPlan plan = solve_partition(arch.network, model, options);
  if (arch.forced_point) return plan.points.at(static_cast<size_t>(*arch.forced_point - 1));
  if (!plan.feasible())
    throw InfeasibleError(spec.file, fmt::format("{}: no partition point meets Flash <= {} KB and RAM <= {} KB", arch.name,
                                            plan.flash_limit_kb, plan.ram_limit_kb));
  return plan.best();
}

}  // namespace

FactorStudyResult run_factor_study(const FactorStudySpec& spec, const DeviceModel& model) {
  FactorStudyResult r;
  r.factors = spec.factors;
  for (const auto& arch : spec.architectures) {
    ArchitectureResult a;
    a.name = arch.name;
    a.network = &arch.network;
    a.published_point = arch.published_point;
    a.forced_point = arch.forced_point;
    PartitionOptions edge;
    edge.scenario = EnergyScenario::Edge;
    a.edge_best = chosen_point(arch, spec, model, edge);
    a.edge_only = solve_partition(arch.network, model, edge).points.back();
    for (double f : spec.factors) {
      PartitionOptions total;
      total.scenario = EnergyScenario::Total;
      total.efficiency_factor = f;
      a.total_best.push_back(chosen_point(arch, spec, model, total));
    }
    check_physical(a.edge_best, arch.name);
    check_physical(a.edge_only, arch.name);
    for (const PartitionCost& c : a.total_best) check_physical(c, arch.name);
    r.architectures.push_back(std::move(a));
  }
  return r;
}

namespace {
std::string joined(const std::vector<int>& v) { return fmt::format("{}", fmt::join(v, ",")); }
Cell published(const std::optional<int>& p) { return p ? Cell(*p) : Cell(); }
Column energy(const char* key, const char* label) { return {key, label, "mJ", 3}; }
const Column kSolution{columns::kSolution, "solution", "", kShortest};
const Column kPoint{columns::kPartitionPoint, "P", "", kShortest};
}  // namespace

Table FactorStudyResult::edge_table() const {
  Table t;
  t.caption = "Edge energy scenario: best partition point per architecture";
  t.id = "edge-scenario";
  t.columns = {kSolution,
               {"lengths", "lengths", "", kShortest},
               {"channels", "channels", "", kShortest},
               {"partition_point_published", "P (published)", "", kShortest},
               kPoint,
               {"flash_kb", "Flash", "KB", 1},
               {"ram_kb", "RAM", "KB", 1},
               energy("e_edge_mj", "E_edge"),
               energy("e_edge_only_mj", "E_edge, all on edge")};
  for (const auto& a : architectures)
    t.rows.push_back({a.name, joined(a.network->lengths), joined(a.network->channels), published(a.published_point),
                      a.edge_best.point, a.edge_best.flash_kb(), a.edge_best.ram_kb(), a.edge_best.e_edge_mj(),
                      a.edge_only.e_edge_mj()});
  return t;
}

Table FactorStudyResult::factor_table() const {
  Table t;
  t.caption = "Total energy scenario: best partition point per fog efficiency factor";
  t.id = "factor-sweep";
  t.columns = {kSolution,
               {columns::kFactor, "factor", "", kGeneral},
               kPoint,
               energy(columns::kTotal, "E_total"),
               energy(columns::kEdgeComp, "E_edge,comp"),
               energy(columns::kEdgeComm, "E_edge,comm"),
               energy(columns::kFog, "E_fog")};
  for (const auto& a : architectures)
    for (size_t i = 0; i < factors.size(); ++i) {
      const auto& c = a.total_best[i];
      t.rows.push_back({a.name, factors[i], c.point, c.e_total_mj(), c.e_edge_comp_mj, c.e_edge_comm_mj, c.e_fog_mj});
    }
  return t;
}

Table FactorStudyResult::saving_table() const {
  Table t;
  t.caption = "Edge energy without and with partitioning";
  t.id = "partition-saving";
  t.columns = {kSolution, kPoint, energy("e_edge_unpartitioned_mj", "E_edge without partition"),
               energy("e_edge_partitioned_mj", "E_edge with partition"), {"saving_ratio", "saving", "x", 1}};
  for (const auto& a : architectures)
    t.rows.push_back({a.name, a.edge_best.point, a.edge_only.e_edge_mj(), a.edge_best.e_edge_mj(),
                      a.edge_only.e_edge_mj() / a.edge_best.e_edge_mj()});
  return t;
}

// Total energy over the factor, one line per architecture: the factors are a
// sweep, and bars per (architecture, factor) stop being readable past a dozen.
LineChart FactorStudyResult::factor_chart() const {
  LineChart c;
  c.title = "Total energy per inference at the best partition point";
  c.x_label = "fog energy-efficiency factor";
  c.y_label = "total energy per inference (mJ)";
  c.log_x = true;
  std::vector<size_t> order(factors.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return factors[a] < factors[b]; });
  for (const auto& a : architectures) c.series.push_back(a.name);
  for (size_t i : order) {
    c.x.push_back(factors[i]);
    c.values.emplace_back();
    for (const auto& a : architectures) c.values.back().push_back(a.total_best[i].e_total_mj());
  }
  return c;
}

BarChart FactorStudyResult::saving_chart() const {
  BarChart c;
  c.title = "Edge energy without and with partitioning";
  c.x_label = "architecture";
  c.y_label = "edge energy per inference (mJ)";
  c.series = {"without partition", "with partition"};
  c.stacked = false;
  for (const auto& a : architectures) {
    c.categories.push_back(a.name);
    c.values.push_back({a.edge_only.e_edge_mj(), a.edge_best.e_edge_mj()});
  }
  return c;
}

}  // namespace fognas
