#pragma once
// Tables and figures for a paper from a finished sweep folder (sweep.json and
// points.csv): energy per factor in the layout of the paper's Table III,
// predicted beside simulated where the points simulated, the error of both
// energy models per setting, energy (and battery lifetime) over every swept
// numeric axis, predicted against simulated energy, and the energy breakdown
// of the first point. Everything is read from the tidy CSV, so a report can be
// remade from a merged or copied sweep without running anything.
#include <filesystem>
#include <string>

#include "fognas/common/plot.h"

namespace fognas::study {

struct ReportOptions {
  FigureWidth figure_width = FigureWidth::Column;  // --figure-width column|page
};

struct ReportFiles {
  int tables = 0;
  int figures = 0;
  bool rendered = true;  // false: gnuplot missing, only .dat and .gp written
};

// Writes the tables under `tables_dir` and the figures under `figures_dir`.
ReportFiles write_report(const std::filesystem::path& sweep_dir, const std::filesystem::path& tables_dir,
                         const std::filesystem::path& figures_dir, const ReportOptions& options = {});

// `fognas report DIR`: DIR/tables/ and DIR/figures/ from the results in DIR,
// each replaced as a unit. InputError when DIR is not a folder.
ReportFiles report_folder(const std::string& dir, const ReportOptions& options = {});

}  // namespace fognas::study
