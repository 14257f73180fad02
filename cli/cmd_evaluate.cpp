// fognas evaluate: fixed architectures across fog efficiency factors (the
// paper's Tables II-IV), as Markdown on stdout and CSV/Markdown/LaTeX files.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "command.h"
#include "partition_json.h"
#include "scenario_options.h"
#include "fognas/common/manifest.h"
#include "fognas/common/plot.h"
#include "fognas/common/result_dir.h"
#include "fognas/common/table.h"
#include "fognas/devices/profile_io.h"
#include "fognas/devices/profile_json.h"
#include "fognas/devices/radio_note.h"
#include "fognas/search/factor_study.h"
#include "fognas/search/scenario_json.h"

namespace fognas::cli {
namespace {

struct EvaluateArgs {
  ScenarioOptions scenario;
  std::string out;
  bool json = false;
};

nlohmann::json study_json(const FactorStudyResult& r) {
  nlohmann::json out = nlohmann::json::array();
  for (const ArchitectureResult& a : r.architectures) {
    nlohmann::json j{{"name", a.name},
                     {"lengths", a.network->lengths},
                     {"channels", a.network->channels},
                     {"published_partition_point", a.published_point ? nlohmann::json(*a.published_point) : nlohmann::json()},
                     {"edge", to_json(a.edge_best)},
                     {"edge_only", to_json(a.edge_only)},
                     {"total", nlohmann::json::array()}};
    for (size_t i = 0; i < r.factors.size(); ++i) {
      nlohmann::json t = to_json(a.total_best[i]);
      t["factor"] = r.factors[i];
      j["total"].push_back(t);
    }
    out.push_back(j);
  }
  return out;
}

void run(const EvaluateArgs& a) {
  FactorStudySpec spec = load_factor_study(a.scenario.file, a.scenario.overrides);
  const DeviceModel& model = spec.devices;
  FactorStudyResult result = run_factor_study(spec, model);
  const std::string out = a.out.empty() ? spec.out_dir : a.out;
  // Everything is written into out.partial and swapped into place at the end:
  // a failure leaves an earlier run's folder as it was.
  ResultDir dir(out, a.out.empty() ? "out" : "--out", "fognas evaluate", ResultDir::OnFailure::Discard);
  const std::filesystem::path work = dir.work();

  // Every table rests on the radio profile: each says whether it was calibrated.
  const std::string radio_note = radio_calibration_note(model.radio);
  Table tables[] = {result.edge_table(), result.factor_table(), result.saving_table()};
  for (Table& t : tables) t.caption += " " + radio_note;
  const char* stems[] = {"edge-scenario", "factor-sweep", "partition-saving"};
  if (a.json)
    std::cout << nlohmann::json{{"scenario", spec.name},
                                {"factors", spec.factors},
                                {"out", out},
                                {"radio",
                                 {{"profile", model.radio.name},
                                  {"calibrated", model.radio.calibration.calibrated},
                                  {"note", radio_note}}},
                                {"architectures", study_json(result)}}.dump(2)
              << "\n";
  else
    std::cout << fmt::format("# {}\n\n{}\n\n", spec.name, radio_note);
  for (size_t i = 0; i < 3; ++i) {
    if (!a.json) std::cout << tables[i].to_markdown() << "\n";
    write_table_files(tables[i], (work / stems[i]).string());
  }
  const bool rendered = write_line_chart(result.factor_chart(), (work / "factor-sweep").string()) &
                        write_bar_chart(result.saving_chart(), (work / "partition-saving").string());
  write_manifest(work.string(), command_line(), {{"study", spec}, {"out", out}, {"profiles", model}},
                 nlohmann::json::object(), {spec.file, model.mcu.file, model.radio.file, model.fog.file});
  dir.commit();
  std::cerr << fmt::format("evaluate: wrote {}/{{edge-scenario,factor-sweep,partition-saving}}.{{csv,md,tex}}\n", out);
  std::cerr << (rendered ? "evaluate: plots as .svg, .png and .pdf (gnuplot scripts .gp and data .dat beside them)\n"
                         : "evaluate: gnuplot not found; wrote the .gp scripts and .dat data only\n");
}

const Command registration("evaluate", [](CLI::App& app) {
  auto args = std::make_shared<EvaluateArgs>();
  auto* cmd = app.add_subcommand("evaluate", "cost fixed architectures across fog efficiency factors (Tables II-IV)");
  args->scenario.add_to(cmd, "scenarios/paper-table3.yaml");
  add_text(cmd, "--out", args->out, "output directory (default: the scenario's out, or results/<name>)");
  cmd->add_flag("--json", args->json, "print the figures as one JSON object on stdout");
  cmd->callback([args] { run(*args); });
});

}  // namespace
}  // namespace fognas::cli
