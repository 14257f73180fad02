#include "fognas/common/plot.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"

namespace fognas {
namespace {

constexpr const char* kFormats[] = {"svg", "png", "pdf"};

// The three terminals for a figure `width` wide and `aspect` (height over
// width) tall: the PDF at the paper's size with 8 pt type; the PNG at 300
// dpi of the same; the SVG at 96 dpi (a screen's).
std::vector<std::string> terminals(FigureWidth width, double aspect) {
  const double w_in = width == FigureWidth::Column ? 3.45 : 7.1, h_in = w_in * aspect;  // within 3.5 and 7.16 in
  return {fmt::format("svg size {:.0f},{:.0f} dynamic font 'Helvetica,8'", 96 * w_in, 96 * h_in),
          fmt::format("pngcairo size {:.0f},{:.0f} font 'Helvetica,8' fontscale {:.3f} linewidth {:.3f}", 300 * w_in,
                      300 * h_in, 300.0 / 96, 300.0 / 96),
          fmt::format("pdfcairo size {:.2f}in,{:.2f}in font 'Helvetica,8' linewidth 1", w_in, h_in)};
}

double line_aspect(FigureWidth width) { return width == FigureWidth::Column ? 0.72 : 0.4; }

// Lines and markers that stay apart in greyscale: Okabe and Ito's palette,
// and a dash pattern and marker of their own per series.
constexpr const char* kColours[] = {"#000000", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"};
std::string series_style(size_t i) {
  return fmt::format("lc rgb '{}' dt {} pt {}", kColours[i % 7], 1 + i % 5, std::array{7, 5, 9, 13, 11, 3, 1}[i % 7]);
}

std::string number(double v) { return std::isfinite(v) ? fmt::format("{}", v) : "NaN"; }

std::string gnuplot_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string common_settings(const std::string& title, const std::string& x_label, const std::string& y_label) {
  std::string s = "set datafile separator '\\t'\nset datafile missing 'NaN'\nset grid ytics lc rgb 'gray80'\n";
  s += "set title " + gnuplot_quote(title) + " noenhanced\n";
  s += "set xlabel " + gnuplot_quote(x_label) + " noenhanced\n";
  s += "set ylabel " + gnuplot_quote(y_label) + " noenhanced\nset yrange [0:*]\n";
  return s;
}

std::string bar_commands(const BarChart& c, const std::string& data) {
  std::string s = common_settings(c.title, c.x_label, c.y_label);
  s += "set style data histograms\n";
  s += c.stacked ? "set style histogram rowstacked\n" : "set style histogram clustered gap 1\n";
  s += "set style fill pattern border -1\nset boxwidth 0.75\n";
  s += "set key below height 1\n";
  s += c.categories.size() > 6 ? "set xtics rotate by -45 nomirror\n" : "set xtics nomirror\n";
  s += fmt::format("set xrange [-0.6:{}]\nplot ", static_cast<double>(c.categories.size()) - 0.4);
  for (size_t i = 0; i < c.series.size(); ++i) {
    s += i == 0 ? gnuplot_quote(data) : std::string("''");
    s += fmt::format(" using {}{} title {} noenhanced fs pattern {} lc rgb '{}'", i + 2, i == 0 ? ":xtic(1)" : "",
                     gnuplot_quote(c.series[i]), std::array{0, 2, 1, 4, 5, 6, 7}[i % 7], kColours[i % 7]);
    s += i + 1 < c.series.size() ? ", \\\n     " : "\n";
  }
  return s;
}

std::string line_commands(const LineChart& c, const std::string& data) {
  std::string s = common_settings(c.title, c.x_label, c.y_label);
  s += c.log_x ? "set logscale x\n" : "";
  // A tic at every swept value (a log axis would otherwise label only
  // decades); of many values, the round ones (1, 2, 5 times a power of ten).
  std::string tics;
  for (double x : c.x) tics += (tics.empty() ? "" : ", ") + number(x);
  if (c.x.size() > 5) {
    std::string round;
    for (double x : c.x) {
      const double mantissa = x / std::pow(10.0, std::floor(std::log10(std::fabs(x))));
      if (x != 0 && std::isfinite(mantissa) && (std::fabs(mantissa - 1) < 1e-9 || std::fabs(mantissa - 2) < 1e-9 ||
                                                std::fabs(mantissa - 5) < 1e-9))
        round += (round.empty() ? "" : ", ") + number(x);
    }
    if (round.find(',') != std::string::npos) tics = round;
  }
  // The axis ends at the data, with a little room for the markers.
  const auto [lo, hi] = std::minmax_element(c.x.begin(), c.x.end());
  if (lo != c.x.end() && *hi > *lo)
    s += c.log_x ? fmt::format("set xrange [{}:{}]\n", number(*lo / 1.15), number(*hi * 1.15))
                 : fmt::format("set xrange [{}:{}]\n", number(*lo - 0.04 * (*hi - *lo)), number(*hi + 0.04 * (*hi - *lo)));
  s += c.series.size() > 1 ? "set key below height 1\n" : "unset key\n";
  s += "set xtics nomirror (" + tics + ")\nplot ";
  // With error bars each series is two columns: its values, then their half-widths.
  const bool bars = !c.errors.empty();
  for (size_t i = 0; i < c.series.size(); ++i) {
    s += i == 0 ? gnuplot_quote(data) : std::string("''");
    s += bars ? fmt::format(" using 1:{}:{} with yerrorlines lw 1.5 ps 0.8 {} title {} noenhanced", 2 * i + 2,
                            2 * i + 3, series_style(i), gnuplot_quote(c.series[i]))
              : fmt::format(" using 1:{} with linespoints lw 1.5 ps 0.8 {} title {} noenhanced", i + 2,
                            series_style(i), gnuplot_quote(c.series[i]));
    s += i + 1 < c.series.size() ? ", \\\n     " : "\n";
  }
  return s;
}

// Each series is one gnuplot data block (blocks separated by two blank lines).
std::string scatter_commands(const ScatterChart& c, const std::string& data) {
  std::string s = common_settings(c.title, c.x_label, c.y_label);
  s += c.log_axes ? "set logscale xy\nset yrange [*:*]\nset format xy '%g'\n" : "set xrange [0:*]\n";
  s += "set key top left\nset size square\nset xtics nomirror rotate by -45\nplot ";
  for (size_t i = 0; i < c.series.size(); ++i)
    s += fmt::format("{} index {} using 1:2 with points {} ps 0.8 title {} noenhanced, \\\n     ",
                     i == 0 ? gnuplot_quote(data) : std::string("''"), i, series_style(i), gnuplot_quote(c.series[i]));
  return s + "x with lines dt 2 lc rgb 'gray40' title 'y = x'\n";
}

// Each series one data block of (value, share at or below it).
std::string cdf_commands(const CdfChart& c, const std::string& data) {
  std::string s = common_settings(c.title, c.x_label, "share of wearables");
  s += "set yrange [0:1.02]\n";
  s += c.series.size() > 1 ? "set key below height 1\n" : "unset key\n";
  s += "plot ";
  for (size_t i = 0; i < c.series.size(); ++i)
    s += fmt::format("{} index {} using 1:2 with steps lw 1.5 {} title {} noenhanced{}",
                     i == 0 ? gnuplot_quote(data) : std::string("''"), i, series_style(i), gnuplot_quote(c.series[i]),
                     i + 1 < c.series.size() ? ", \\\n     " : "\n");
  return s;
}

// The figures drawn one after another from one set of commands; `suffix`
// is appended to every output name (the temporary names of a render).
std::string render_script(const std::string& plot, const std::vector<std::string>& terms, const std::string& name,
                          const std::string& suffix) {
  std::string s;
  bool first = true;
  for (size_t f = 0; f < terms.size(); ++f) {
    s += fmt::format("set terminal {}\nset output {}\n", terms[f], gnuplot_quote(name + "." + kFormats[f] + suffix));
    s += first ? plot : "replot\n";
    first = false;
  }
  return s + "unset output\n";
}

bool gnuplot_available() { return std::system("command -v gnuplot >/dev/null 2>&1") == 0; }

// The script goes to gnuplot's standard input, so no path is ever parsed by a
// shell; gnuplot's own cd makes the .dat and figure names relative, as in the .gp.
void render(const std::string& folder, const std::string& script, const std::string& stem) {
  FILE* gp = ::popen("gnuplot >/dev/null 2>&1", "w");
  if (!gp) throw InputError(stem, "cannot start gnuplot");
  const std::string text = "cd " + gnuplot_quote(folder) + "\n" + script;
  std::fwrite(text.data(), 1, text.size(), gp);
  if (::pclose(gp) != 0) throw InputError(stem, "gnuplot failed to render the figure");
}

// Writes the data and the script, then renders each figure to a temporary name
// and renames it, like every result.
std::string script_header(const std::string& stem) {
  return "# cd to this folder, then: gnuplot " + std::filesystem::path(stem).filename().string() + ".gp\n";
}

bool write_chart(const std::string& stem, const std::string& data, const std::string& plot,
                 const std::vector<std::string>& terms) {
  const std::filesystem::path path(stem);
  const std::string name = path.filename().string();
  const std::string folder = std::filesystem::absolute(path).parent_path().string();
  write_file_atomically(stem + ".dat", data);
  write_file_atomically(stem + ".gp", script_header(stem) + render_script(plot, terms, name, ""));
  if (!gnuplot_available()) return false;
  render(folder, render_script(plot, terms, name, ".tmp"), stem);
  for (const char* format : kFormats) std::filesystem::rename(stem + "." + format + ".tmp", stem + "." + format);
  return true;
}

}  // namespace

void require_chart_replaceable(const std::string& stem, const char* option) {
  std::string first;
  if (path_is_file(stem + ".gp") && std::getline(std::ifstream(stem + ".gp"), first) &&
      first + "\n" == script_header(stem))
    return;
  for (const char* ext : {".gp", ".dat", ".svg", ".png", ".pdf"})
    if (path_exists(stem + ext))
      throw InputError(option, fmt::format("'{}{}' exists and is not a chart fognas wrote; give another STEM", stem, ext));
}

bool write_bar_chart(const BarChart& c, const std::string& stem) {
  std::string data = "# category";
  for (const auto& s : c.series) data += "\t" + s;
  data += "\n";
  for (size_t i = 0; i < c.categories.size(); ++i) {
    data += c.categories[i];
    for (double v : c.values.at(i)) data += "\t" + number(v);
    data += "\n";
  }
  const std::string name = std::filesystem::path(stem).filename().string();
  return write_chart(stem, data, bar_commands(c, name + ".dat"), terminals(c.width, line_aspect(c.width)));
}

bool write_line_chart(const LineChart& c, const std::string& stem) {
  std::string data = "# x";
  for (const auto& s : c.series) data += "\t" + s + (c.errors.empty() ? "" : "\t" + s + " (95% half-width)");
  data += "\n";
  for (size_t i = 0; i < c.x.size(); ++i) {
    data += number(c.x[i]);
    for (size_t s = 0; s < c.values.at(i).size(); ++s)
      data += "\t" + number(c.values[i][s]) + (c.errors.empty() ? "" : "\t" + number(c.errors.at(i).at(s)));
    data += "\n";
  }
  const std::string name = std::filesystem::path(stem).filename().string();
  return write_chart(stem, data, line_commands(c, name + ".dat"), terminals(c.width, line_aspect(c.width)));
}

bool write_scatter_chart(const ScatterChart& c, const std::string& stem) {
  std::string data;
  for (size_t i = 0; i < c.series.size(); ++i) {
    data += (i ? "\n\n" : "") + std::string("# ") + c.series[i] + "\n";
    for (const auto& [x, y] : c.points.at(i)) data += number(x) + "\t" + number(y) + "\n";
  }
  const std::string name = std::filesystem::path(stem).filename().string();
  const double aspect = c.width == FigureWidth::Column ? 1.1 : 0.6;  // room for the key under a square plot
  return write_chart(stem, data, scatter_commands(c, name + ".dat"), terminals(c.width, aspect));
}

bool write_cdf_chart(const CdfChart& c, const std::string& stem) {
  std::string data;
  for (size_t i = 0; i < c.series.size(); ++i) {
    std::vector<double> xs = c.samples.at(i);
    std::sort(xs.begin(), xs.end());
    data += (i ? "\n\n" : "") + std::string("# ") + c.series[i] + "\n";
    for (size_t k = 0; k < xs.size(); ++k)
      data += number(xs[k]) + "\t" + number(static_cast<double>(k + 1) / static_cast<double>(xs.size())) + "\n";
  }
  const std::string name = std::filesystem::path(stem).filename().string();
  return write_chart(stem, data, cdf_commands(c, name + ".dat"), terminals(c.width, line_aspect(c.width)));
}

}  // namespace fognas
