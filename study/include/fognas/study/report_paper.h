#pragma once
// `fognas report DIR --paper`: a two-column IEEE paper (IEEEtran,
// conference) that inputs every table of DIR/tables and includes every PDF
// figure of DIR/figures at its own size, each with its caption, written to
// DIR/paper/paper.tex. Where pdflatex is installed the paper is compiled and
// checked: a LaTeX error, a box more than 1 pt wider than its column, or a
// figure wider than the width it was drawn for fails the report with exit 4,
// naming the table or figure.
#include <filesystem>

#include "fognas/common/plot.h"

namespace fognas::study {

struct PaperResult {
  bool compiled = false;  // false: pdflatex not installed, paper.tex only
  int tables = 0, figures = 0;
};

PaperResult write_paper(const std::filesystem::path& dir, FigureWidth width);

// The widest overfull box pdflatex reports in `log` (0 when none) and the
// item (the last "FOGNAS-ITEM: name" line before it) it belongs to.
struct Overfull {
  double pt = 0;
  std::string item;
};
Overfull widest_overfull_box(const std::string& log);

}  // namespace fognas::study
