// fognas report DIR: tables and figures for a paper from a finished sweep,
// study or simulate folder (study/report.h).
#include <fmt/format.h>

#include <iostream>

#include "checked_options.h"
#include "command.h"
#include "fognas/study/report.h"

namespace fognas::cli {
namespace {

void run(const std::string& dir) {
  const study::ReportFiles files = study::report_folder(dir);
  std::cout << fmt::format("report: {} tables (.csv, .md, .tex) in {}/tables, {} figures in {}/figures\n", files.tables,
                           dir, files.figures, dir);
  if (!files.rendered) std::cerr << "report: gnuplot not found; wrote the figures' .gp scripts and .dat data only\n";
}

const Command registration("report", [](CLI::App& app) {
  auto dir = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("report", "tables and figures for a paper from a finished sweep folder");
  add_text(cmd, "dir", *dir, "a sweep's folder (with sweep.json and points.csv)")->required();
  cmd->callback([dir] { run(*dir); });
});

}  // namespace
}  // namespace fognas::cli
