#include "fognas/common/plot.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"

namespace fognas {
namespace {

constexpr const char* kFormats[][2] = {{"svg", "svg size 960,520 dynamic font 'Helvetica,12'"},
                                       {"png", "pngcairo size 960,520 font 'Helvetica,11'"},
                                       {"pdf", "pdfcairo size 6in,3.25in font 'Helvetica,10'"}};

std::string number(double v) { return std::isfinite(v) ? fmt::format("{}", v) : "NaN"; }

std::string gnuplot_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string common_settings(const std::string& title, const std::string& x_label, const std::string& y_label) {
  std::string s = "set datafile separator '\\t'\nset datafile missing 'NaN'\nset grid ytics\n";
  s += "set title " + gnuplot_quote(title) + " noenhanced\n";
  s += "set xlabel " + gnuplot_quote(x_label) + " noenhanced\n";
  s += "set ylabel " + gnuplot_quote(y_label) + " noenhanced\nset yrange [0:*]\n";
  return s;
}

std::string bar_commands(const BarChart& c, const std::string& data) {
  std::string s = common_settings(c.title, c.x_label, c.y_label);
  s += "set style data histograms\n";
  s += c.stacked ? "set style histogram rowstacked\n" : "set style histogram clustered gap 1\n";
  s += "set style fill solid 0.85 border -1\nset boxwidth 0.75\n";
  s += "set key outside right top\nset xtics rotate by -30 nomirror\n";
  s += fmt::format("set xrange [-0.6:{}]\nplot ", static_cast<double>(c.categories.size()) - 0.4);
  for (size_t i = 0; i < c.series.size(); ++i) {
    s += i == 0 ? gnuplot_quote(data) : std::string("''");
    s += fmt::format(" using {}{} title {} noenhanced", i + 2, i == 0 ? ":xtic(1)" : "", gnuplot_quote(c.series[i]));
    s += i + 1 < c.series.size() ? ", \\\n     " : "\n";
  }
  return s;
}

std::string line_commands(const LineChart& c, const std::string& data) {
  std::string s = common_settings(c.title, c.x_label, c.y_label);
  s += c.log_x ? "set logscale x\n" : "";
  // A tic at every swept value: a log axis would otherwise label only decades.
  std::string tics;
  for (double x : c.x) tics += (tics.empty() ? "" : ", ") + number(x);
  s += "set key outside right top\nset xtics nomirror (" + tics + ")\nplot ";
  for (size_t i = 0; i < c.series.size(); ++i) {
    s += i == 0 ? gnuplot_quote(data) : std::string("''");
    s += fmt::format(" using 1:{} with linespoints lw 2 pt {} title {} noenhanced", i + 2, 5 + 2 * (i % 4),
                     gnuplot_quote(c.series[i]));
    s += i + 1 < c.series.size() ? ", \\\n     " : "\n";
  }
  return s;
}

// Each series is one gnuplot data block (blocks separated by two blank lines).
std::string scatter_commands(const ScatterChart& c, const std::string& data) {
  std::string s = common_settings(c.title, c.x_label, c.y_label);
  s += c.log_axes ? "set logscale xy\nset yrange [*:*]\n" : "set xrange [0:*]\n";
  s += "set key outside right top\nset size ratio -1\nplot ";
  for (size_t i = 0; i < c.series.size(); ++i)
    s += fmt::format("{} index {} using 1:2 with points pt {} ps 1.2 title {} noenhanced, \\\n     ",
                     i == 0 ? gnuplot_quote(data) : std::string("''"), i, 5 + 2 * (i % 4), gnuplot_quote(c.series[i]));
  return s + "x with lines dt 2 lc rgb 'gray40' title 'y = x'\n";
}

// The figures drawn one after another from one set of commands; `suffix`
// is appended to every output name (the temporary names of a render).
std::string render_script(const std::string& plot, const std::string& name, const std::string& suffix) {
  std::string s;
  bool first = true;
  for (const auto& [ext, terminal] : kFormats) {
    s += fmt::format("set terminal {}\nset output {}\n", terminal, gnuplot_quote(name + "." + ext + suffix));
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

bool write_chart(const std::string& stem, const std::string& data, const std::string& plot) {
  const std::filesystem::path path(stem);
  const std::string name = path.filename().string();
  const std::string folder = std::filesystem::absolute(path).parent_path().string();
  write_file_atomically(stem + ".dat", data);
  write_file_atomically(stem + ".gp", script_header(stem) + render_script(plot, name, ""));
  if (!gnuplot_available()) return false;
  render(folder, render_script(plot, name, ".tmp"), stem);
  for (const auto& format : kFormats)
    std::filesystem::rename(stem + "." + format[0] + ".tmp", stem + "." + format[0]);
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
  return write_chart(stem, data, bar_commands(c, name + ".dat"));
}

bool write_line_chart(const LineChart& c, const std::string& stem) {
  std::string data = "# x";
  for (const auto& s : c.series) data += "\t" + s;
  data += "\n";
  for (size_t i = 0; i < c.x.size(); ++i) {
    data += number(c.x[i]);
    for (double v : c.values.at(i)) data += "\t" + number(v);
    data += "\n";
  }
  const std::string name = std::filesystem::path(stem).filename().string();
  return write_chart(stem, data, line_commands(c, name + ".dat"));
}

bool write_scatter_chart(const ScatterChart& c, const std::string& stem) {
  std::string data;
  for (size_t i = 0; i < c.series.size(); ++i) {
    data += (i ? "\n\n" : "") + std::string("# ") + c.series[i] + "\n";
    for (const auto& [x, y] : c.points.at(i)) data += number(x) + "\t" + number(y) + "\n";
  }
  const std::string name = std::filesystem::path(stem).filename().string();
  return write_chart(stem, data, scatter_commands(c, name + ".dat"));
}

}  // namespace fognas
