#include "fognas/cost/cost.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "fognas/cost/radio_energy.h"

namespace fognas {

std::string to_string(EnergyScenario s) { return s == EnergyScenario::Edge ? "edge" : "total"; }

EnergyScenario energy_scenario_from_string(const std::string& s) {
  if (s == "edge") return EnergyScenario::Edge;
  if (s == "total") return EnergyScenario::Total;
  throw std::invalid_argument("unknown energy scenario '" + s + "' (expected edge or total)");
}

namespace {

// The profile's fog node, or the same node with its busy power set to give
// the factor asked for.
FogProfile fog_for(const DeviceModel& model, const std::optional<double>& factor) {
  return factor ? fog_at_factor(model.mcu, model.fog, *factor) : model.fog;
}

void set_fog(PartitionCost& c, const DeviceModel& model, const FogProfile& fog, double edge_equivalent_ms) {
  c.fog = fog_cost(model.mcu, fog, edge_equivalent_ms, c.bytes_sent);
  c.e_fog_mj = c.fog.total_mj();
}

}  // namespace

PartitionPlan solve_partition(const Network& net, const DeviceModel& model, const PartitionOptions& options) {
  PartitionPlan plan;
  plan.scenario = options.scenario;
  if (!options.efficiency_factor) implied_efficiency_factor(model.mcu, model.fog);  // the profile's own, checked
  plan.fog = fog_for(model, options.efficiency_factor);
  plan.efficiency_factor = efficiency_factor(model.mcu, plan.fog);
  plan.flash_limit_kb = options.flash_limit_kb.value_or(model.mcu.flash_kb);
  plan.ram_limit_kb = options.ram_limit_kb.value_or(model.mcu.ram_kb);
  const double flash_limit_bytes = plan.flash_limit_kb * kBytesPerKb;
  const double ram_limit_bytes = plan.ram_limit_kb * kBytesPerKb;

  const size_t L = net.layers.size();
  plan.points.resize(L + 1);
  // First pass: each layer's surrogate latency once, and the whole network's
  // latency, so each point's fog share is the total minus the prefix.
  const double mj_per_ms = model.mcu.active_power_mw * 1e-3;
  double total_ms = 0;
  for (size_t j = 0; j < L; ++j) {
    const double ms = model.mcu.latency_ms(net.layers[j]);
    plan.points[j + 1].edge_latency_ms = ms;  // scratch: this layer's latency
    total_ms += ms;
  }

  PartitionCost acc;  // running prefix: layers 1..P-1 on the edge
  acc.ram_bytes = checked_mul(kBytesPerValue, net.layers.front().input_elems());
  double best_obj = 0;
  for (size_t p = 0; p <= L; ++p) {
    if (p > 0) {
      const Layer& layer = net.layers[p - 1];
      const double ms = plan.points[p].edge_latency_ms;
      const long params = layer.parameters();
      acc.flash_bytes = checked_add(acc.flash_bytes, checked_mul(kBytesPerValue, params));
      acc.ram_bytes =
          std::max(acc.ram_bytes, checked_mul(kBytesPerValue, checked_add(layer.input_elems(), layer.output_elems())));
      acc.edge_parameters = checked_add(acc.edge_parameters, params);
      acc.edge_macs = checked_add(acc.edge_macs, layer.effective_macs());
      acc.edge_latency_ms += ms;
      acc.e_edge_comp_mj += ms * mj_per_ms;
    }
    PartitionCost& c = plan.points[p];
    c = acc;
    c.point = static_cast<int>(p) + 1;
    c.bytes_sent =
        checked_mul(kBytesPerValue, p == 0 ? net.layers.front().input_elems() : net.layers[p - 1].output_elems());
    c.e_edge_comm_mj = tx_energy_mj(model.radio, c.bytes_sent);
    if (options.link_resend_mj) c.e_edge_comm_mj += options.link_resend_mj(c.bytes_sent);
    set_fog(c, model, plan.fog, std::max(0.0, total_ms - c.edge_latency_ms));
    c.fits_memory = c.flash_bytes <= flash_limit_bytes && c.ram_bytes <= ram_limit_bytes;
    if (c.fits_memory) {
      double obj = c.objective_mj(options.scenario);
      if (plan.best_index < 0 || obj < best_obj) {
        plan.best_index = static_cast<int>(p);
        best_obj = obj;
      }
    }
  }
  return plan;
}

PartitionCost partition_cost(const Network& net, const DeviceModel& model, int point, double efficiency_factor) {
  const int L = net.layer_count();
  if (point < 1 || point > L + 1) throw std::out_of_range("partition point outside 1..L+1");
  PartitionCost c;
  c.point = point;
  const int edge_layers = point - 1;
  long ram_values = checked_mul(net.lengths[0], net.channels[0]);
  for (int j = 0; j < edge_layers; ++j) {
    const Layer& layer = net.layers[static_cast<size_t>(j)];
    const auto i = static_cast<size_t>(j);
    c.flash_bytes = checked_add(c.flash_bytes, checked_mul(kBytesPerValue, layer.parameters()));
    ram_values = std::max(ram_values, checked_add(checked_mul(net.lengths[i], net.channels[i]),
                                                  checked_mul(net.lengths[i + 1], net.channels[i + 1])));
    c.edge_parameters = checked_add(c.edge_parameters, layer.parameters());
    c.edge_macs = checked_add(c.edge_macs, layer.effective_macs());
    c.e_edge_comp_mj += model.mcu.energy_mj(layer);
    c.edge_latency_ms += model.mcu.latency_ms(layer);
  }
  double fog_ms = 0;
  for (int j = edge_layers; j < L; ++j) fog_ms += model.mcu.latency_ms(net.layers[static_cast<size_t>(j)]);
  c.ram_bytes = checked_mul(kBytesPerValue, ram_values);
  c.bytes_sent = checked_mul(kBytesPerValue, checked_mul(net.lengths[static_cast<size_t>(edge_layers)],
                                                         net.channels[static_cast<size_t>(edge_layers)]));
  c.e_edge_comm_mj = tx_energy_mj(model.radio, c.bytes_sent);
  set_fog(c, model, fog_at_factor(model.mcu, model.fog, efficiency_factor), fog_ms);
  c.fits_memory = c.flash_kb() <= model.mcu.flash_kb && c.ram_kb() <= model.mcu.ram_kb;
  return c;
}

std::optional<PartitionCost> best_partition(const Network& net, const DeviceModel& model,
                                            const PartitionOptions& options) {
  PartitionPlan plan = solve_partition(net, model, options);
  if (!plan.feasible()) return std::nullopt;
  return plan.best();
}

void check_physical(const PartitionCost& c, const std::string& what) {
  const std::pair<double, const char*> figures[] = {
      {c.e_edge_comp_mj, "e_edge_comp_mj"}, {c.e_edge_comm_mj, "e_edge_comm_mj"}, {c.e_fog_mj, "e_fog_mj"},
      {c.edge_latency_ms, "edge_latency_ms"}, {c.fog.compute_ms, "fog compute_ms"},
      {static_cast<double>(c.flash_bytes), "flash_bytes"}, {static_cast<double>(c.ram_bytes), "ram_bytes"},
      {static_cast<double>(c.bytes_sent), "bytes_sent"}, {static_cast<double>(c.edge_macs), "edge_macs"}};
  for (const auto& [v, name] : figures)
    if (!std::isfinite(v) || v < 0)
      throw std::logic_error(what + ": impossible cost " + name + " = " + std::to_string(v) + " at P = " +
                             std::to_string(c.point) + "; nothing was written");
}

}  // namespace fognas
