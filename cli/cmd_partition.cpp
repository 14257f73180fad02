// fognas partition: costs of every partition point of one network, and the best.
#include <fmt/format.h>

#include <iostream>
#include <optional>

#include "checked_options.h"
#include "command.h"
#include "device_options.h"
#include "fognas/common/error.h"
#include "fognas/common/parse.h"
#include "fognas/common/plot.h"
#include "fognas/common/result_dir.h"
#include "fognas/common/table.h"
#include "fognas/cost/cost.h"
#include "partition_json.h"

namespace fognas::cli {
namespace {

struct PartitionArgs {
  std::string lengths, channels;
  std::string mode = "total";
  std::optional<double> factor, flash_kb, ram_kb;
  bool json = false;
  std::string plot;
  DeviceOptions devices;
};

Table partition_table(const Network& net, const PartitionPlan& plan) {
  Table t;
  t.caption = fmt::format("{} | scenario {} | factor {} | limits Flash {} KB, RAM {} KB", net.describe(),
                          to_string(plan.scenario), plan.efficiency_factor, plan.flash_limit_kb, plan.ram_limit_kb);
  t.id = "partition-points";
  auto mj = [](const char* key, const char* label) { return Column{key, label, "mJ", 3}; };
  t.columns = {{"partition_point", "P", "", kShortest}, {"edge_layers", "edge layers", "", kShortest},
               {"flash_kb", "Flash", "KB", 1},           {"ram_kb", "RAM", "KB", 1},
               {"bytes_sent", "sent", "bytes", kShortest}, mj("e_edge_comp_mj", "E_edge,comp"),
               mj("e_edge_comm_mj", "E_edge,comm"),      mj("e_edge_mj", "E_edge"),
               mj("e_fog_mj", "E_fog"),                  mj("e_total_mj", "E_total"),
               {"fits_memory", "fits", "", kShortest},   {"best", "best", "", kShortest}};
  for (size_t i = 0; i < plan.points.size(); ++i) {
    const auto& c = plan.points[i];
    t.rows.push_back({c.point, c.point - 1, c.flash_kb(), c.ram_kb(), c.bytes_sent, c.e_edge_comp_mj, c.e_edge_comm_mj,
                      c.e_edge_mj(), c.e_fog_mj, c.e_total_mj(), c.fits_memory,
                      static_cast<int>(i) == plan.best_index});
  }
  return t;
}

// The paper's Fig. 7 view: the energy parts at every partition point.
BarChart partition_chart(const Network& net, const PartitionPlan& plan) {
  BarChart c;
  c.title = fmt::format("{} ({} scenario, factor {:g})", net.describe(), to_string(plan.scenario), plan.efficiency_factor);
  c.x_label = "partition point P (layers before it run on the wearable)";
  c.y_label = "energy per inference (mJ)";
  c.series = {"edge compute", "edge radio", "fog"};
  for (const auto& p : plan.points) {
    c.categories.push_back(fmt::format("P={}{}", p.point, p.fits_memory ? "" : " (no fit)"));
    c.values.push_back({p.e_edge_comp_mj, p.e_edge_comm_mj, p.e_fog_mj});
  }
  return c;
}

void run(const PartitionArgs& a) {
  std::vector<int> lengths = parse_int_list(a.lengths, "--lengths");
  std::vector<int> channels = parse_int_list(a.channels, "--channels");
  Network net;
  try {
    net = Network::from_shape(lengths, channels);
  } catch (const std::invalid_argument& e) {
    throw InputError("--lengths/--channels", e.what());
  }
  PartitionOptions opt;
  try {
    opt.scenario = energy_scenario_from_string(a.mode);
  } catch (const std::invalid_argument& e) {
    throw InputError("--energy-scenario", e.what());
  }
  opt.efficiency_factor = a.factor;
  opt.flash_limit_kb = a.flash_kb;
  opt.ram_limit_kb = a.ram_kb;
  DeviceModel model = a.devices.load();
  PartitionPlan plan = solve_partition(net, model, opt);
  for (const PartitionCost& c : plan.points) check_physical(c, net.describe());

  if (!a.plot.empty()) {  // before anything is printed
    prepare_output_file(a.plot, "--plot");
    require_chart_replaceable(a.plot, "--plot");
  }
  if (a.json) {
    nlohmann::json j = plan.feasible() ? to_json(plan.best()) : nlohmann::json::object();
    j["feasible"] = plan.feasible();
    j["scenario"] = to_string(plan.scenario);
    j["efficiency_factor"] = plan.efficiency_factor;
    j["points"] = nlohmann::json::array();
    for (const auto& c : plan.points) j["points"].push_back(to_json(c));
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << partition_table(net, plan).to_markdown();
    if (plan.feasible())
      std::cout << fmt::format("\nbest: P = {} ({} of {} layers on the edge), {} energy {:.3f} mJ\n", plan.best().point,
                               plan.best().point - 1, net.layer_count(), to_string(plan.scenario),
                               plan.best().objective_mj(plan.scenario));
  }
  if (!a.plot.empty() && !write_bar_chart(partition_chart(net, plan), a.plot))
    std::cerr << "partition: gnuplot not found; wrote " << a.plot << ".gp and .dat only\n";
  if (!plan.feasible())
    throw CommandFailed(fmt::format("no partition point meets Flash <= {} KB and RAM <= {} KB", plan.flash_limit_kb,
                                    plan.ram_limit_kb));
}

const Command registration("partition", [](CLI::App& app) {
  auto args = std::make_shared<PartitionArgs>();
  auto* cmd = app.add_subcommand("partition", "cost every partition point of one network and mark the best");
  add_text(cmd, "--lengths", args->lengths, "per-layer lengths, input first, classes last (2048,128,8,64,2)")
      ->required();
  add_text(cmd, "--channels", args->channels, "per-layer channels, same count (1,1,4,2,1)")->required();
  add_text(cmd, "--energy-scenario", args->mode, "energy to minimise (energy.scenario): edge or total");
  add_real(cmd, "--factor", args->factor, "fog energy-efficiency factor (default: the fog profile's)", kFactorRange);
  add_real(cmd, "--flash-kb", args->flash_kb, "Flash limit (default: the device profile's)", positive_up_to(1e9));
  add_real(cmd, "--ram-kb", args->ram_kb, "RAM limit (default: the device profile's)", positive_up_to(1e9));
  cmd->add_flag("--json", args->json, "print one JSON object instead of a table");
  add_text(cmd, "--plot", args->plot, "also write a chart of every point: STEM.svg, .png, .pdf, .gp, .dat");
  args->devices.add_to(cmd);
  cmd->callback([args] { run(*args); });
});

}  // namespace
}  // namespace fognas::cli
