#pragma once
// Bar charts for papers: the data as a tab-separated file, a gnuplot script
// beside it (so a user can restyle the figure), and SVG and PDF rendered by
// gnuplot when it is installed.
#include <string>
#include <vector>

namespace fognas {

struct BarChart {
  std::string title;
  std::string y_label;
  std::vector<std::string> categories;      // one group of bars each
  std::vector<std::string> series;          // one bar (or stack segment) each
  std::vector<std::vector<double>> values;  // [category][series]
  bool stacked = true;
};

// Writes <stem>.dat and <stem>.gp, then renders <stem>.svg and <stem>.pdf.
// Returns false (and renders nothing) when gnuplot is not on the PATH.
bool write_bar_chart(const BarChart& chart, const std::string& stem);

}  // namespace fognas
