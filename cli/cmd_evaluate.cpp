// fognas evaluate: fixed architectures across fog efficiency factors (the
// paper's Tables II-IV), as Markdown on stdout and CSV/Markdown/LaTeX files.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "command.h"
#include "fognas/common/manifest.h"
#include "fognas/common/plot.h"
#include "fognas/common/table.h"
#include "fognas/devices/profile_io.h"
#include "fognas/devices/profile_json.h"
#include "fognas/search/factor_study.h"
#include "fognas/search/scenario_json.h"

namespace fognas::cli {
namespace {

struct EvaluateArgs {
  std::string scenario;
  std::string out;
};

void run(const EvaluateArgs& a) {
  FactorStudySpec spec = load_factor_study(a.scenario);
  DeviceModel model = load_device_model(spec.mcu, spec.radio, spec.fog);
  FactorStudyResult result = run_factor_study(spec, model);
  const std::string out = a.out.empty() ? spec.out_dir : a.out;

  const Table tables[] = {result.edge_table(), result.factor_table(), result.saving_table()};
  const char* stems[] = {"edge-scenario", "factor-sweep", "partition-saving"};
  std::cout << fmt::format("# {}\n\n", spec.name);
  for (size_t i = 0; i < 3; ++i) {
    std::cout << tables[i].to_markdown() << "\n";
    write_table_files(tables[i], (std::filesystem::path(out) / stems[i]).string());
  }
  std::cerr << fmt::format("evaluate: wrote {}/{{edge-scenario,factor-sweep,partition-saving}}.{{csv,md,tex}}\n", out);
  const bool rendered = write_bar_chart(result.factor_chart(), (std::filesystem::path(out) / "factor-sweep").string()) &
                        write_bar_chart(result.saving_chart(), (std::filesystem::path(out) / "partition-saving").string());
  write_manifest(out, command_line(), {{"study", spec}, {"out", out}, {"profiles", model}}, nlohmann::json::object(),
                 {spec.file, model.mcu.file, model.radio.file, model.fog.file});
  std::cerr << (rendered ? "evaluate: plots as .svg and .pdf (gnuplot scripts .gp beside them)\n"
                         : "evaluate: gnuplot not found; wrote the .gp scripts and .dat data only\n");
}

const Command registration("evaluate", [](CLI::App& app) {
  auto args = std::make_shared<EvaluateArgs>();
  auto* cmd = app.add_subcommand("evaluate", "cost fixed architectures across fog efficiency factors (Tables II-IV)");
  cmd->add_option("scenario", args->scenario, "study YAML, e.g. scenarios/paper-table3.yaml")->required();
  cmd->add_option("--out", args->out, "output directory (default: the scenario's out, or results/<name>)");
  cmd->callback([args] { run(*args); });
});

}  // namespace
}  // namespace fognas::cli
