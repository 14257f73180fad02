// Tables of a sweep (see sweep_tables.h). The points' CSV files are the
// source: a resumed or merged sweep builds points.csv from exactly what each
// point wrote, so the joined table never depends on how the points were run.
#include "fognas/study/sweep_tables.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "fognas/common/atomic_file.h"
#include "fognas/common/csv.h"
#include "fognas/common/error.h"
#include "fognas/common/parse.h"

namespace fognas::study {
namespace {

std::string csv_line(const std::vector<std::string>& cells) {
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_escape(cells[i]);
  return out + "\n";
}

bool is_seed_key(const std::string& path) { return path == "seed" || path == "data.seed"; }


// A column is a figure when every non-empty cell of it is a number.
std::vector<bool> figure_columns(const CsvTable& t, const std::set<std::string>& keys) {
  std::vector<bool> figure(t.header.size(), true);
  for (size_t c = 0; c < t.header.size(); ++c) {
    if (keys.count(t.header[c])) figure[c] = false;
    for (const CsvRow& r : t.rows)
      if (c < r.cells.size() && !r.cells[c].empty() && !csv_number(r.cells[c])) figure[c] = false;
  }
  return figure;
}

struct Group {
  std::vector<std::string> key_cells;
  std::vector<const CsvRow*> rows;
};

bool all_equal(const std::vector<double>& xs) {
  return std::all_of(xs.begin(), xs.end(), [&](double x) { return x == xs.front(); });
}

double mean_of(const std::vector<double>& xs) {
  const double n = static_cast<double>(xs.size());
  double mean = 0;
  for (double x : xs) mean += x / n;
  return mean;
}

void mean_and_ci(const std::vector<double>& xs, std::vector<std::string>& out) {
  const bool equal = !xs.empty() && all_equal(xs);
  out.push_back(xs.empty() ? "" : fmt::format("{}", equal ? xs.front() : mean_of(xs)));
  out.push_back(xs.size() < 2 ? "" : equal ? "0" : fmt::format("{}", half_width_95(xs)));
}

// Quantities chosen rather than measured (a partition point): their mean has
// no meaning, so replications give the most frequent value and how many
// distinct values the seeds gave.
bool is_chosen(const std::string& column) {
  static const std::set<std::string> chosen = {"partition_point",  "partition_point_published", "wearable_partition_point",
                                               "p_sim",            "p_sim_allin",               "p_protocol",
                                               "p_protocol_allin", "p_paper",                   "p_paper_allin"};
  return chosen.count(column) > 0;
}

void mode_and_distinct(const std::vector<double>& xs, std::vector<std::string>& out) {
  out.push_back(xs.empty() ? "" : fmt::format("{}", mode_of(xs)));
  out.push_back(std::to_string(std::set<double>(xs.begin(), xs.end()).size()));
}

}  // namespace

std::optional<double> csv_number(const std::string& cell) {
  if (cell.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(cell.c_str(), &end);
  if (end != cell.c_str() + cell.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string axis_cell(const std::string& value) {
  if (value.size() >= 2 && value.front() == '[' && value.back() == ']' && value.find(',') == std::string::npos)
    return value.substr(1, value.size() - 2);
  return value;
}

std::string point_folder_name(size_t index) { return fmt::format("{:04d}", index); }

std::string point_rows_csv(size_t index, const std::vector<std::pair<std::string, std::string>>& assignments,
                           const std::string& main_table_csv, const std::string& main_table_name) {
  const CsvTable t = parse_csv(main_table_csv, main_table_name);
  std::vector<std::string> header = {"point"};
  std::vector<std::string> prefix = {std::to_string(index)};
  for (const auto& [path, value] : assignments) {
    header.push_back(sweep_column(path));
    prefix.push_back(axis_cell(value));
  }
  header.insert(header.end(), t.header.begin(), t.header.end());
  std::string out = csv_line(header);
  for (const CsvRow& r : t.rows) {
    std::vector<std::string> cells = prefix;
    cells.insert(cells.end(), r.cells.begin(), r.cells.end());
    out += csv_line(cells);
  }
  return out;
}

std::string join_point_rows(const std::string& points_dir, const std::vector<size_t>& indices) {
  std::string out, header;
  for (size_t i : indices) {
    const std::string file = points_dir + "/" + point_folder_name(i) + "/rows.csv";
    const std::string text = read_file(file);
    const size_t eol = text.find('\n');
    const std::string first = text.substr(0, eol);
    if (header.empty()) {
      header = first;
      out = first + "\n";
    } else if (first != header) {
      throw InputError(file, "its columns differ from the first point's; points of one sweep must share one table layout");
    }
    if (eol != std::string::npos) out += text.substr(eol + 1);
  }
  return out;
}

std::string replications_csv(const std::string& points_csv, const SweepSpec& sweep) {
  std::set<std::string> seed_columns, key_columns = {"point"};
  for (const SweepAxis& a : sweep.axes) (is_seed_key(a.path) ? seed_columns : key_columns).insert(sweep_column(a.path));
  if (seed_columns.empty()) return "";
  const CsvTable t = parse_csv(points_csv, "points.csv");
  const std::vector<bool> figure = figure_columns(t, key_columns);
  // Group rows by the other swept keys and their position within their point.
  std::map<std::vector<std::string>, Group> groups;
  std::vector<std::vector<std::string>> order;
  std::map<std::string, size_t> position_in_point;
  const int point_col = t.column("point");
  for (const CsvRow& r : t.rows) {
    std::vector<std::string> key = {std::to_string(position_in_point[r.cells[static_cast<size_t>(point_col)]]++)};
    for (size_t c = 0; c < t.header.size(); ++c)
      if (key_columns.count(t.header[c]) && t.header[c] != "point") key.push_back(r.cells[c]);
    auto [it, fresh] = groups.try_emplace(key);
    if (fresh) order.push_back(key);
    it->second.rows.push_back(&r);
  }
  std::vector<std::string> header;
  for (size_t c = 0; c < t.header.size(); ++c) {
    const std::string& h = t.header[c];
    if (h == "point" || seed_columns.count(h)) continue;
    if (key_columns.count(h)) header.push_back(h);
    else if (figure[c] && is_chosen(h)) { header.push_back(h + "_mode"); header.push_back(h + "_distinct"); }
    else if (figure[c]) { header.push_back(h + "_mean"); header.push_back(h + "_ci95"); }
    else header.push_back(h);
  }
  header.push_back("replications");
  std::string out = csv_line(header);
  for (const auto& key : order) {
    const Group& g = groups[key];
    std::vector<std::string> cells;
    for (size_t c = 0; c < t.header.size(); ++c) {
      const std::string& h = t.header[c];
      if (h == "point" || seed_columns.count(h)) continue;
      if (figure[c]) {
        std::vector<double> xs;
        for (const CsvRow* r : g.rows)
          if (auto v = csv_number(r->cells[c])) xs.push_back(*v);
        if (is_chosen(h)) mode_and_distinct(xs, cells);
        else mean_and_ci(xs, cells);
      } else {
        std::set<std::string> values;
        for (const CsvRow* r : g.rows) values.insert(r->cells[c]);
        cells.push_back(values.size() == 1 ? *values.begin() : "");  // text that differs between seeds: left out
      }
    }
    cells.push_back(std::to_string(g.rows.size()));
    out += csv_line(cells);
  }
  return out;
}

double half_width_95(const std::vector<double>& xs) {
  if (xs.size() < 2 || all_equal(xs)) return 0;
  const double n = static_cast<double>(xs.size()), mean = mean_of(xs);
  double ss = 0;
  for (double x : xs) ss += (x - mean) * (x - mean);
  return t95(static_cast<int>(xs.size()) - 1) * std::sqrt(ss / (n - 1) / n);
}

double mode_of(const std::vector<double>& xs) {
  std::map<double, int> counts;
  for (double x : xs) ++counts[x];
  return std::max_element(counts.begin(), counts.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
}

double t95(int df) {
  static const double table[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                 2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                                 2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
  if (df < 1) return NAN;
  if (df <= 30) return table[df - 1];
  // Beyond the table, the Cornish-Fisher expansion around the normal quantile
  // (within 0.001 of the exact quantile for df > 30).
  const double z = 1.959964, d = static_cast<double>(df);
  return z + (z * z * z + z) / (4 * d) + (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * d * d);
}

}  // namespace fognas::study
