// fognas report DIR: tables and figures for a paper from a finished sweep
// folder, into DIR/tables/ and DIR/figures/ (each replaced as a unit).
#include <fmt/format.h>

#include <iostream>

#include "checked_options.h"
#include "command.h"
#include "sweep_report.h"
#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/common/result_dir.h"

namespace fognas::cli {
namespace {

void run(const std::string& dir) {
  if (!path_is_folder(dir)) throw InputError(dir, "no such folder (give a finished sweep's folder)");
  ResultDir tables(std::filesystem::path(dir) / "tables", "DIR", "fognas report", ResultDir::OnFailure::Discard);
  ResultDir figures(std::filesystem::path(dir) / "figures", "DIR", "fognas report", ResultDir::OnFailure::Discard);
  const ReportFiles files = write_sweep_report(dir, tables.work(), figures.work());
  tables.commit();
  figures.commit();
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
