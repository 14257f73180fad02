#include "fognas/search/factor_study.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "fognas/common/error.h"

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
    throw InputError(spec.file, fmt::format("{}: no partition point meets Flash <= {} KB and RAM <= {} KB", arch.name,
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
    r.architectures.push_back(std::move(a));
  }
  return r;
}

namespace {
std::string mj(double v) { return fmt::format("{:.3f}", v); }
std::string published(const std::optional<int>& p) { return p ? std::to_string(*p) : "-"; }
}  // namespace

Table FactorStudyResult::edge_table() const {
  Table t;
  t.caption = "Edge energy scenario: best partition point per architecture";
  t.header = {"solution", "lengths", "channels", "P (published)", "P (solver)", "Flash KB", "RAM KB", "E_edge mJ",
              "edge-only mJ"};
  for (const auto& a : architectures)
    t.rows.push_back({a.name, fmt::format("{}", fmt::join(a.network->lengths, ",")),
                      fmt::format("{}", fmt::join(a.network->channels, ",")), published(a.published_point),
                      std::to_string(a.edge_best.point), fmt::format("{:.1f}", a.edge_best.flash_kb()),
                      fmt::format("{:.1f}", a.edge_best.ram_kb()), mj(a.edge_best.e_edge_mj()),
                      mj(a.edge_only.e_edge_mj())});
  return t;
}

Table FactorStudyResult::factor_table() const {
  Table t;
  t.caption = "Total energy scenario: best partition point per fog efficiency factor";
  t.header = {"solution", "factor", "P", "E_total mJ", "E_edge_comp mJ", "E_edge_comm mJ", "E_fog mJ"};
  for (const auto& a : architectures)
    for (size_t i = 0; i < factors.size(); ++i) {
      const auto& c = a.total_best[i];
      t.rows.push_back({a.name, fmt::format("{:g}", factors[i]), std::to_string(c.point), mj(c.e_total_mj()),
                        mj(c.e_edge_comp_mj), mj(c.e_edge_comm_mj), mj(c.e_fog_mj)});
    }
  return t;
}

Table FactorStudyResult::saving_table() const {
  Table t;
  t.caption = "Edge energy without and with partitioning";
  t.header = {"solution", "P", "without partition mJ", "with partition mJ", "saving x"};
  for (const auto& a : architectures)
    t.rows.push_back({a.name, std::to_string(a.edge_best.point), mj(a.edge_only.e_edge_mj()),
                      mj(a.edge_best.e_edge_mj()),
                      fmt::format("{:.1f}", a.edge_only.e_edge_mj() / a.edge_best.e_edge_mj())});
  return t;
}

BarChart FactorStudyResult::factor_chart() const {
  BarChart c;
  c.title = "Energy per inference across fog efficiency factors";
  c.y_label = "energy per inference (mJ)";
  c.series = {"edge compute", "edge radio", "fog"};
  for (const auto& a : architectures)
    for (size_t i = 0; i < factors.size(); ++i) {
      const auto& p = a.total_best[i];
      c.categories.push_back(fmt::format("{} f={:g}", a.name, factors[i]));
      c.values.push_back({p.e_edge_comp_mj, p.e_edge_comm_mj, p.e_fog_mj});
    }
  return c;
}

BarChart FactorStudyResult::saving_chart() const {
  BarChart c;
  c.title = "Edge energy without and with partitioning";
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
