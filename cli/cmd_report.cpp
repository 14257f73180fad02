// fognas report DIR: tables and figures for a paper from a finished sweep,
// study or simulate folder (study/report.h).
#include <fmt/format.h>

#include <iostream>

#include "checked_options.h"
#include "command.h"
#include "fognas/study/report.h"
#include "fognas/study/report_paper.h"

namespace fognas::cli {
namespace {

struct ReportArgs {
  std::string dir;
  std::string figure_width = "column";
  bool paper = false;
};

void run(const ReportArgs& a) {
  study::ReportOptions options;
  options.figure_width = figure_width_named(a.figure_width);
  const study::ReportFiles files = study::report_folder(a.dir, options);
  std::cout << fmt::format("report: {} tables (.csv, .md, .tex) in {}/tables, {} figures in {}/figures\n", files.tables,
                           a.dir, files.figures, a.dir);
  if (!files.rendered) std::cerr << "report: gnuplot not found; wrote the figures' .gp scripts and .dat data only\n";
  if (!a.paper) return;
  const study::PaperResult paper = study::write_paper(a.dir, options.figure_width);
  std::cout << fmt::format("report: {}/paper/paper.tex with {} tables and {} figures{}\n", a.dir, paper.tables,
                           paper.figures, paper.compiled ? ", compiled and checked (paper.pdf)" : "");
  if (!paper.compiled) std::cerr << "report: pdflatex not found; paper.tex was written but not compiled or checked\n";
}

const Command registration("report", [](CLI::App& app) {
  auto args = std::make_shared<ReportArgs>();
  auto* cmd = app.add_subcommand("report", "tables and figures for a paper from a finished sweep folder");
  add_text(cmd, "dir", args->dir, "a sweep's folder (with sweep.json and points.csv)")->required();
  add_figure_width(cmd, args->figure_width);
  cmd->add_flag("--paper", args->paper,
                "also write DIR/paper/paper.tex (IEEEtran) with every table and figure; compile and check it with "
                "pdflatex where installed (exit 4 when something does not fit)");
  cmd->callback([args] { run(*args); });
});

}  // namespace
}  // namespace fognas::cli
