#include "fognas/search/factor_study.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "fognas/common/error.h"
#include "fognas/common/yaml.h"
#include "fognas/devices/profile_io.h"

namespace fognas {

FactorStudySpec load_factor_study(const std::string& path) {
  YamlMap m(load_yaml_file(path), path);
  m.allow_only({"name", "description", "devices", "factors", "out", "architectures"});
  FactorStudySpec s;
  s.file = path;
  s.name = m.text("name");
  s.description = m.text("description", "");
  read_device_names(m, s.mcu, s.radio, s.fog);
  s.factors = m.numbers("factors");
  if (s.factors.empty()) throw InputError(m.where("factors"), "give at least one factor");
  for (double f : s.factors)
    if (!(f > 0)) throw InputError(m.where("factors"), fmt::format("factor {} must be > 0", f));
  s.out_dir = m.text("out", "results/" + s.name);
  for (const YamlMap& a : m.maps("architectures")) {
    StudyArchitecture arch;
    arch.name = a.text("name");
    try {
      arch.network = Network::from_shape(a.integers("lengths"), a.integers("channels"));
    } catch (const std::invalid_argument& e) {
      throw InputError(a.where("lengths"), e.what());
    }
    if (a.has("partition_point")) {
      long p = a.integer("partition_point");
      if (p < 1 || p > arch.network.layer_count() + 1)
        throw InputError(a.where("partition_point"),
                         fmt::format("{} is outside 1..{}", p, arch.network.layer_count() + 1));
      arch.published_point = static_cast<int>(p);
    }
    a.reject_unknown_keys();
    s.architectures.push_back(std::move(arch));
  }
  if (s.architectures.empty()) throw InputError(m.where("architectures"), "give at least one architecture");
  m.reject_unknown_keys();
  return s;
}

FactorStudyResult run_factor_study(const FactorStudySpec& spec, const DeviceModel& model) {
  FactorStudyResult r;
  r.factors = spec.factors;
  for (const auto& arch : spec.architectures) {
    ArchitectureResult a;
    a.name = arch.name;
    a.network = &arch.network;
    a.published_point = arch.published_point;
    PartitionOptions edge;
    edge.scenario = EnergyScenario::Edge;
    PartitionPlan plan = solve_partition(arch.network, model, edge);
    if (!plan.feasible())
      throw InputError(spec.file, fmt::format("{}: no partition point meets Flash <= {} KB and RAM <= {} KB", arch.name,
                                              plan.flash_limit_kb, plan.ram_limit_kb));
    a.edge_best = plan.best();
    a.edge_only = plan.points.back();
    for (double f : spec.factors) {
      PartitionOptions total;
      total.scenario = EnergyScenario::Total;
      total.efficiency_factor = f;
      a.total_best.push_back(solve_partition(arch.network, model, total).best());
    }
    r.architectures.push_back(std::move(a));
  }
  return r;
}

namespace {
std::string joined(const std::vector<int>& v) { return fmt::format("{}", fmt::join(v, ",")); }
Cell published(const std::optional<int>& p) { return p ? Cell(*p) : Cell(); }
Column energy(const char* key, const char* label) { return {key, label, "mJ", 3}; }
const Column kSolution{"solution", "solution", "", kShortest};
const Column kPoint{"partition_point", "P", "", kShortest};
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
               {"factor", "factor", "", kGeneral},
               kPoint,
               energy("e_total_mj", "E_total"),
               energy("e_edge_comp_mj", "E_edge,comp"),
               energy("e_edge_comm_mj", "E_edge,comm"),
               energy("e_fog_mj", "E_fog")};
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
