#include "fognas/common/plot.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"

namespace fognas {
namespace {

std::string gnuplot_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string plot_commands(const BarChart& c, const std::string& data_path) {
  std::string s;
  s += "set style data histograms\n";
  s += c.stacked ? "set style histogram rowstacked\n" : "set style histogram clustered gap 1\n";
  s += "set style fill solid 0.85 border -1\nset boxwidth 0.75\nset grid ytics\n";
  s += "set key outside right top\nset xtics rotate by -30 nomirror\nset datafile separator '\\t'\n";
  s += "set title " + gnuplot_quote(c.title) + " noenhanced\n";
  s += "set ylabel " + gnuplot_quote(c.y_label) + "\nset yrange [0:*]\n";
  s += fmt::format("set xrange [-0.6:{}]\n", static_cast<double>(c.categories.size()) - 0.4);
  s += "plot ";
  for (size_t i = 0; i < c.series.size(); ++i) {
    s += i == 0 ? gnuplot_quote(data_path) : std::string("''");
    s += fmt::format(" using {}{} title {} noenhanced", i + 2, i == 0 ? ":xtic(1)" : "", gnuplot_quote(c.series[i]));
    s += i + 1 < c.series.size() ? ", \\\n     " : "\n";
  }
  return s;
}

bool gnuplot_available() { return std::system("command -v gnuplot >/dev/null 2>&1") == 0; }

// The script goes to gnuplot's standard input, so no path is ever parsed by a shell.
void render(const std::string& script, const std::string& out_path) {
  FILE* gp = ::popen("gnuplot >/dev/null 2>&1", "w");
  if (!gp) throw InputError(out_path, "cannot start gnuplot");
  std::fwrite(script.data(), 1, script.size(), gp);
  if (::pclose(gp) != 0) throw InputError(out_path, "gnuplot failed to render the figure");
}

}  // namespace

bool write_bar_chart(const BarChart& c, const std::string& stem) {
  const std::string data_path = std::filesystem::absolute(stem + ".dat").string();
  std::string data = "# category";
  for (const auto& s : c.series) data += "\t" + s;
  data += "\n";
  for (size_t i = 0; i < c.categories.size(); ++i) {
    data += c.categories[i];
    for (double v : c.values.at(i)) data += fmt::format("\t{:.6g}", v);
    data += "\n";
  }
  write_file_atomically(data_path, data);
  // The saved script names files relative to its own folder, so the figure can
  // be restyled and rendered again anywhere: cd <folder> && gnuplot <name>.gp
  const std::string name = std::filesystem::path(stem).filename().string();
  write_file_atomically(stem + ".gp", "# cd to this folder, then: gnuplot " + name +
                                          ".gp\nset terminal svg size 960,520 dynamic font 'Helvetica,12'\n"
                                          "set output '" + name + ".svg'\n" + plot_commands(c, name + ".dat"));
  const std::string commands = plot_commands(c, data_path);
  if (!gnuplot_available()) return false;
  // Each figure is rendered to a temporary name and renamed, like every result.
  for (const char* ext : {"svg", "pdf"}) {
    const std::string final_path = stem + "." + ext;
    const std::string tmp_path = final_path + ".tmp";
    const std::string terminal = std::string(ext) == "svg" ? "svg size 960,520 dynamic font 'Helvetica,12'"
                                                           : "pdfcairo size 6in,3.25in font 'Helvetica,10'";
    render("set terminal " + terminal + "\nset output " + gnuplot_quote(tmp_path) + "\n" + commands, final_path);
    std::filesystem::rename(tmp_path, final_path);
  }
  return true;
}

}  // namespace fognas
