#pragma once
// Charts for papers: the data as a tab-separated file, a gnuplot script beside
// it that renders SVG, PNG and PDF from that file (so a user can restyle the
// figure: cd <folder> && gnuplot <name>.gp), and the three figures rendered by
// gnuplot when it is installed. Axes always name their quantity and unit.
#include <string>
#include <vector>

namespace fognas {

// The width a figure is drawn for: one column of an IEEE two-column paper
// (3.5 in) or the whole page (7.16 in). Every font is 8 pt at that size, so
// a figure included at its own width reads as the paper's small print.
enum class FigureWidth { Column, Page };

// Bars for a few categories (a dozen at most stays readable).
struct BarChart {
  std::string title;
  std::string y_label;                      // quantity (unit)
  std::vector<std::string> categories;      // one group of bars each
  std::vector<std::string> series;          // one bar (or stack segment) each
  std::vector<std::vector<double>> values;  // [category][series]
  bool stacked = true;
  std::string x_label;                      // what the categories are
  FigureWidth width = FigureWidth::Column;
};

// Lines over a numeric x, e.g. energy over a swept fog efficiency factor.
struct LineChart {
  std::string title;
  std::string x_label, y_label;             // quantity (unit)
  std::vector<double> x;
  std::vector<std::string> series;          // one line each
  std::vector<std::vector<double>> values;  // [x][series]; NaN = no point
  std::vector<std::vector<double>> errors;  // [x][series]: half-widths drawn as error bars; empty: none
  bool log_x = false;
  FigureWidth width = FigureWidth::Column;
};

// Points of several series over two quantities with the identity line y = x,
// e.g. predicted against simulated energy: a point on the line is a perfect
// prediction.
struct ScatterChart {
  std::string title;
  std::string x_label, y_label;  // quantity (unit)
  std::vector<std::string> series;
  std::vector<std::vector<std::pair<double, double>>> points;  // [series] -> (x, y)
  bool log_axes = false;
  FigureWidth width = FigureWidth::Column;
};

// The empirical distribution (CDF) of each series' samples, as steps: the
// share of samples at or below each value, e.g. the wearables' lifetimes.
struct CdfChart {
  std::string title;
  std::string x_label;  // quantity (unit)
  std::vector<std::string> series;
  std::vector<std::vector<double>> samples;  // [series]
  FigureWidth width = FigureWidth::Column;
};

// Write <stem>.dat and <stem>.gp, then render <stem>.svg, .png and .pdf.
// Return false (and render nothing) when gnuplot is not on the PATH.
bool write_bar_chart(const BarChart& chart, const std::string& stem);
bool write_line_chart(const LineChart& chart, const std::string& stem);
bool write_scatter_chart(const ScatterChart& chart, const std::string& stem);
bool write_cdf_chart(const CdfChart& chart, const std::string& stem);

// A chart written outside a result folder (`partition --plot STEM`) replaces
// its files only when they are an earlier chart's: STEM.gp starts with the
// line fognas writes. Otherwise, if any of them exists, throws InputError
// naming `option` and the file.
void require_chart_replaceable(const std::string& stem, const char* option);

}  // namespace fognas
