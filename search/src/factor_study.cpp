#include "fognas/search/factor_study.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

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
      throw InfeasibleError(spec.file, fmt::format("{}: no partition point meets Flash <= {} KB and RAM <= {} KB", arch.name,
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
