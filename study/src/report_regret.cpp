// The report of a validate-splits sweep: how much energy trusting each model's
// partition point costs (its regret against the simulation's best point),
// over the factor and every numeric swept axis, and the worst of it per
// setting and network.
#include "report_regret.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "fognas/common/csv.h"
#include "fognas/common/error.h"
#include "fognas/common/table.h"
#include "fognas/scenario/column_labels.h"
#include "fognas/scenario/result_columns.h"
#include "fognas/study/sweep_tables.h"

namespace fognas::study {
namespace {

namespace fs = std::filesystem;

// The regret columns drawn, each a model's (per inference, then all-in).
constexpr const char* kRegrets[] = {"regret_paper_pct", "regret_protocol_pct", "regret_allin_paper_pct",
                                    "regret_allin_protocol_pct"};

struct RegretData {
  CsvTable rows;
  std::vector<std::string> settings;  // swept columns other than the factor
};

std::string key_of(const RegretData& d, const CsvRow& r) {
  std::string key;
  for (const std::string& c : d.settings) key += (key.empty() ? "" : ", ") + setting_text(c, d.rows.cell(r, c));
  return key;
}

// Per network, each model's regret over `x`: one line per model and setting.
int regret_charts(const RegretData& d, const std::string& x, const fs::path& dir, const ReportOptions& options,
                  bool& rendered) {
  std::set<double> xs_set;
  for (const CsvRow& r : d.rows.rows)
    if (auto v = csv_number(d.rows.cell(r, x))) xs_set.insert(*v);
  if (xs_set.size() < 2) return 0;
  const std::vector<double> xs(xs_set.begin(), xs_set.end());
  std::vector<std::string> networks;
  std::map<std::string, std::map<std::string, std::map<double, double>>> lines;  // network -> series -> x -> regret
  for (const CsvRow& r : d.rows.rows) {
    const std::string net = d.rows.cell(r, columns::kArchitecture);
    if (!lines.count(net)) networks.push_back(net);
    const std::string setting = key_of(d, r);
    for (const char* regret : {kRegrets[0], kRegrets[1]}) {
      const auto v = csv_number(d.rows.cell(r, regret));
      const auto at = csv_number(d.rows.cell(r, x));
      if (!v || !at) continue;
      const std::string model = setting_column(regret).label;
      lines[net][setting.empty() ? model : model + ", " + setting][*at] = *v;  // x unique per series and network
    }
  }
  int written = 0;
  for (const std::string& net : networks) {
    LineChart chart;
    chart.width = options.figure_width;
    chart.title = fmt::format("{}: regret of each model's P", net);
    chart.x_label = x == columns::kFactor ? "fog energy-efficiency factor f" : setting_column(x).heading();
    chart.y_label = "regret (% of the best)";
    chart.x = xs;
    chart.log_x = x == columns::kFactor;
    for (const auto& [series, points] : lines[net]) chart.series.push_back(series);
    for (double v : xs) {
      std::vector<double> ys;
      for (const std::string& s : chart.series) {
        const auto& pts = lines[net][s];
        ys.push_back(pts.count(v) ? pts.at(v) : NAN);
      }
      chart.values.push_back(ys);
    }
    rendered &= write_line_chart(chart, (dir / fmt::format("regret-over-{}-{}", x, net)).string());
    ++written;
  }
  return written;
}

// Per setting and network: the largest regret of each model, over the factors.
Table worst_regret(const RegretData& d) {
  Table t;
  t.caption = "Largest regret of trusting each model's partition point, over the fog efficiency factors, in % of the "
              "best simulated energy per inference (per inference and all-in).";
  t.id = "regret";
  for (const std::string& c : d.settings) t.columns.push_back(setting_column(c));
  t.columns.push_back(labelled_column(columns::kArchitecture));
  for (const char* r : kRegrets) t.columns.push_back(labelled_column(r, 2));
  std::vector<std::vector<std::string>> order;
  std::map<std::vector<std::string>, std::vector<double>> worst;
  for (const CsvRow& r : d.rows.rows) {
    std::vector<std::string> key;
    for (const std::string& c : d.settings) key.push_back(d.rows.cell(r, c));
    key.push_back(d.rows.cell(r, columns::kArchitecture));
    auto [it, fresh] = worst.try_emplace(key, std::vector<double>(std::size(kRegrets), 0.0));
    if (fresh) order.push_back(key);
    for (size_t i = 0; i < std::size(kRegrets); ++i)
      it->second[i] = std::max(it->second[i], csv_number(d.rows.cell(r, kRegrets[i])).value_or(0));
  }
  for (const auto& key : order) {
    std::vector<Cell> row(key.begin(), key.end());
    for (double v : worst[key]) row.push_back(v);
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace

ReportFiles write_regret_report(const fs::path& sweep_dir, const nlohmann::json& sweep, const fs::path& tables_dir,
                                const fs::path& figures_dir, const ReportOptions& options) {
  RegretData d;
  const std::string csv = (sweep_dir / "points.csv").string();
  d.rows = read_csv(csv);
  for (const char* c : {columns::kArchitecture, columns::kFactor, kRegrets[0], kRegrets[1]})
    if (d.rows.column(c) < 0) throw InputError(csv, fmt::format("has no column '{}'", c));
  std::vector<std::string> numeric;
  for (const auto& axis : sweep.at("axes")) {
    const std::string path = axis.at("path"), column = axis.at("column");
    if (path == "seed" || path == "factors") continue;
    d.settings.push_back(column);
    bool all_numbers = true;
    for (const CsvRow& r : d.rows.rows) all_numbers = all_numbers && csv_number(d.rows.cell(r, column)).has_value();
    if (all_numbers) numeric.push_back(column);
  }
  ReportFiles files;
  write_table_files(worst_regret(d), (tables_dir / "regret").string());
  ++files.tables;
  numeric.insert(numeric.begin(), columns::kFactor);
  for (const std::string& x : numeric) files.figures += regret_charts(d, x, figures_dir, options, files.rendered);
  return files;
}

}  // namespace fognas::study
