#include "fognas/study/report.h"

#include "fognas/study/sweep_output.h"
#include "fognas/study/sweep_tables.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "fognas/common/atomic_file.h"
#include "fognas/common/csv.h"
#include "fognas/common/error.h"
#include "fognas/common/plot.h"
#include "fognas/common/result_dir.h"
#include "fognas/common/table.h"
#include "fognas/cost/cost.h"
#include "fognas/scenario/column_labels.h"
#include "fognas/scenario/result_columns.h"
#include "fognas/scenario/scenario.h"
#include "fognas/study/sweep_commands.h"
#include "report_regret.h"

namespace fognas::study {
namespace {

namespace fs = std::filesystem;

// The report layout of a sweep's command (sweep.json's "command").
ReportLayout layout_for(const std::string& command, const fs::path& sweep_json) {
  const std::optional<SweepCommand> c = sweep_command_named(command);
  if (!c) throw InputError(sweep_json.string(), fmt::format("'{}' is not a sweep command", command));
  const std::optional<ReportLayout>& layout = sweep_command_info(*c).report;
  if (!layout)
    throw InputError(sweep_json.string(), fmt::format("no report for sweeps of '{}' (evaluate and simulate sweeps have "
                                                      "one; validate-splits sweeps are their splits tables)", command));
  return *layout;
}

// The sweep as the report needs it: its rows and which columns are settings.
struct SweepData {
  CsvTable rows;
  ReportLayout layout;
  std::vector<std::string> settings;  // swept columns other than seeds and factors
  std::vector<std::string> numeric_settings;
  std::vector<std::string> radio_notes;  // whether each radio profile used was calibrated
  fs::path simulate_dir;                  // one simulate run's folder (per-wearable tables); empty for a sweep
};

std::optional<double> number_in(const CsvTable& t, const CsvRow& r, const std::string& column) {
  const int c = t.column(column);
  if (c < 0 || static_cast<size_t>(c) >= r.cells.size()) return std::nullopt;
  return csv_number(r.cells[static_cast<size_t>(c)]);
}

// A single run's main table as the rows of one point (index 0), no axes.
CsvTable as_one_point(const fs::path& csv_file) {
  const std::string text = read_file(csv_file);
  std::string out;
  size_t start = 0;
  for (size_t line = 0; start < text.size(); ++line) {
    size_t eol = text.find('\n', start);
    if (eol == std::string::npos) eol = text.size();
    out += (line == 0 ? "point," : "0,") + text.substr(start, eol - start) + "\n";
    start = eol + 1;
  }
  return parse_csv(out, csv_file.string());
}

void find_settings(SweepData& d, const nlohmann::json& sweep) {
  for (const auto& axis : sweep.at("axes")) {
    const std::string path = axis.at("path"), column = axis.at("column");
    if (path == "seed" || path == "data.seed" || path == "factors") continue;
    d.settings.push_back(column);
    bool numeric = true;
    for (const CsvRow& r : d.rows.rows) numeric = numeric && number_in(d.rows, r, column).has_value();
    if (numeric) d.numeric_settings.push_back(column);
  }
}

// The radio note a simulate run's report.json carries (none in an older report).
std::vector<std::string> simulate_radio_notes(const fs::path& report_json) {
  if (!path_is_file(report_json)) return {};
  try {
    const nlohmann::json j = nlohmann::json::parse(read_file(report_json, 1 << 26));
    if (j.contains("radio") && j["radio"].contains("note")) return {j["radio"]["note"].get<std::string>()};
  } catch (const nlohmann::json::exception& e) {
    throw InputError(report_json.string(), fmt::format("not a simulation report: {}", e.what()));
  }
  return {};
}

// fognas's own points.csv read as strictly as a user's file: every point of
// sweep.json present (and no other), every factor a number, every energy
// cell a number or empty (no figure).
void check_points(const CsvTable& rows, const nlohmann::json& sweep, const std::vector<std::string>& numeric) {
  std::set<long> expected, seen;
  try {
    if (sweep.contains("indices"))
      for (const auto& i : sweep.at("indices")) expected.insert(i.get<long>());
    else
      for (long i = 0; i < sweep.at("points").get<long>(); ++i) expected.insert(i);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(rows.file, fmt::format("its sweep.json has no valid 'indices' or 'points': {}", e.what()));
  }
  for (const CsvRow& r : rows.rows) {
    const long point = static_cast<long>(rows.number(r, "point"));
    if (!expected.count(point))
      throw InputError(location(rows.file, r.line), fmt::format("point {} is not one of sweep.json's", point));
    seen.insert(point);
    for (const std::string& c : numeric)
      if (rows.column(c) >= 0 && (c == columns::kFactor || !rows.cell(r, c).empty())) rows.number(r, c);
  }
  for (long point : expected)
    if (!seen.count(point))
      throw InputError(rows.file, fmt::format("has no rows of point {} (sweep.json lists {} points): a cut or "
                                              "unfinished table; run the sweep again or merge its shards",
                                              point, expected.size()));
}

// A sweep folder (sweep.json, points.csv), a study folder (simulate/), or the
// folder of one simulate or evaluate run.
SweepData read_sweep(const fs::path& dir) {
  SweepData d;
  std::string csv_file;
  if (path_is_file(dir / "sweep.json") && path_is_file(dir / "points.csv")) {
    const nlohmann::json sweep = read_sweep_json(dir);
    csv_file = (dir / "points.csv").string();
    d.rows = read_csv(csv_file);
    d.layout = layout_for(sweep.value("command", ""), dir / "sweep.json");
    check_points(d.rows, sweep,
                 {columns::kFactor, columns::kPartitionPoint, d.layout.predicted, d.layout.simulated, d.layout.paper});
    find_settings(d, sweep);
    d.radio_notes = sweep.value("radio_notes", std::vector<std::string>{});
  } else if (path_is_file(dir / "simulate" / "summary.csv")) {
    return read_sweep(dir / "simulate");
  } else if (path_is_file(dir / "summary.csv") || path_is_file(dir / "factor-sweep.csv")) {
    const bool simulated = path_is_file(dir / "summary.csv");
    csv_file = (dir / (simulated ? "summary.csv" : "factor-sweep.csv")).string();
    d.rows = as_one_point(csv_file);
    d.layout = *sweep_command_info(simulated ? SweepCommand::Simulate : SweepCommand::Evaluate).report;
    if (simulated) d.radio_notes = simulate_radio_notes(dir / "report.json");
    if (simulated) d.simulate_dir = dir;
  } else {
    throw InputError(dir.string(), "not a finished sweep, study, simulate or evaluate folder "
                                   "(no points.csv, simulate/summary.csv, summary.csv or factor-sweep.csv)");
  }
  for (const std::string& c : {d.layout.network, std::string(columns::kFactor), d.layout.predicted})
    if (d.rows.column(c) < 0) throw InputError(csv_file, fmt::format("has no column '{}'", c));
  for (const CsvRow& r : d.rows.rows) d.rows.number(r, columns::kFactor);  // file:line: column 'factor' if not a number
  return d;
}

// A figure over the rows that share a key (replications over seeds): its
// mean and the half-width of its 95% confidence interval (Student's t).
class Means {
 public:
  void add(const std::vector<std::string>& key, std::optional<double> v) {
    if (v) values_[key].push_back(*v);
  }
  std::optional<double> at(const std::vector<std::string>& key) const {
    auto it = values_.find(key);
    if (it == values_.end()) return std::nullopt;
    double sum = 0;
    for (double x : it->second) sum += x;
    return sum / static_cast<double>(it->second.size());
  }
  // 0 for one value (no interval to give).
  double half_width(const std::vector<std::string>& key) const {
    auto it = values_.find(key);
    return it == values_.end() ? 0 : half_width_95(it->second);
  }
  double mode(const std::vector<std::string>& key) const { return mode_of(values_.at(key)); }
  // The most values any key holds: the number of seeds.
  size_t replications() const {
    size_t most = 1;
    for (const auto& [key, xs] : values_) most = std::max(most, xs.size());
    return most;
  }

 private:
  std::map<std::vector<std::string>, std::vector<double>> values_;
};

// "0.1140 ± 0.0012" where seeds were swept, else the mean alone.
Cell mean_cell(const Means& m, const std::vector<std::string>& key, int digits) {
  const std::optional<double> mean = m.at(key);
  if (!mean || m.replications() < 2) return mean;
  return fmt::format("{:.{}f} ± {:.{}f}", *mean, digits, m.half_width(key), digits);
}

// "0.1140 (3)": the energy and, in brackets, the partition point chosen
// (its mode over seeds, marked * where the seeds disagree).
Cell energy_and_point(const Means& energy, const Means& point, const std::vector<std::string>& key) {
  const Cell e = mean_cell(energy, key, 4);
  const std::optional<double> p = point.at(key);
  if (e.missing() || !p) return e;
  const bool agree = point.half_width(key) == 0;
  return fmt::format("{} ({}{})", e.display(4), point.mode(key), agree ? "" : "*");
}

// The radio profiles a sweep used, by name, for captions (a radio note
// starts "Radio profile NAME (").
std::string radio_names(const SweepData& d) {
  std::string names;
  for (const std::string& note : d.radio_notes) {
    const std::string lead = "Radio profile ";
    if (note.rfind(lead, 0) != 0) continue;
    names += (names.empty() ? "" : ", ") + note.substr(lead.size(), note.find_first_of(" :(", lead.size()) - lead.size());
  }
  return names.empty() ? "" : " Radio: " + names + ".";
}

std::vector<std::string> setting_of(const SweepData& d, const CsvRow& r, const std::string& leave_out = "") {
  std::vector<std::string> key;
  for (const std::string& c : d.settings)
    if (c != leave_out) key.push_back(d.rows.cell(r, c));
  return key;
}

std::string setting_label(const std::vector<std::string>& columns, const std::vector<std::string>& values) {
  std::string out;
  for (size_t i = 0; i < columns.size(); ++i) out += (out.empty() ? "" : ", ") + setting_text(columns[i], values[i]);
  return out;
}

std::vector<double> sorted_numbers(const SweepData& d, const std::string& column) {
  std::set<double> xs;
  for (const CsvRow& r : d.rows.rows)
    if (auto v = number_in(d.rows, r, column)) xs.insert(*v);
  return {xs.begin(), xs.end()};
}

// ------------------------------------------------------------------ tables

// The paper's Table III layout: one row per setting and network, per factor
// the partition point and the energy (predicted, and simulated when run).
// The full table (CSV) holds both energies; Markdown and LaTeX show the
// partition point and the simulated energy (the prediction without a
// simulation), as mean ± 95% half-width where seeds were swept.
struct EnergyByFactor {
  Table full, shown;
};

EnergyByFactor energy_by_factor(const SweepData& d) {
  const std::vector<double> factors = sorted_numbers(d, "factor");
  const bool simulated = !d.layout.simulated.empty();
  Means point, predicted, energy;
  std::vector<std::vector<std::string>> order;
  std::set<std::vector<std::string>> seen;
  for (const CsvRow& r : d.rows.rows) {
    std::vector<std::string> key = setting_of(d, r);
    key.push_back(d.rows.cell(r, d.layout.network));
    if (seen.insert(key).second) order.push_back(key);
    key.push_back(fmt::format("{}", *number_in(d.rows, r, columns::kFactor)));
    point.add(key, number_in(d.rows, r, columns::kPartitionPoint));
    predicted.add(key, number_in(d.rows, r, d.layout.predicted));
    if (simulated) energy.add(key, number_in(d.rows, r, d.layout.simulated));
  }
  const Means& shown_energy = simulated ? energy : predicted;
  const size_t seeds = shown_energy.replications();
  EnergyByFactor t;
  const std::string what = simulated ? "simulated in ns-3 (E_sim)" : "the protocol-aware prediction (E_pred)";
  t.full.caption = t.shown.caption =
      fmt::format("Energy per inference E and partition point P per fog efficiency factor f: E is {}, in mJ{}.{}", what,
                  seeds > 1 ? fmt::format(", mean ± 95% half-width over {} seeds", seeds) : "", radio_names(d));
  t.full.id = t.shown.id = "energy-by-factor";
  for (const std::string& c : d.settings) t.full.columns.push_back(setting_column(c));
  t.full.columns.push_back(labelled_column("network"));
  t.shown.columns = t.full.columns;
  t.shown.key_columns = t.shown.columns.size();  // the settings and the network
  for (double f : factors) {
    const std::string tag = fmt::format("{}", f);
    t.full.columns.push_back(labelled_column("p_f" + tag));
    t.full.columns.push_back(labelled_column("e_pred_f" + tag + "_mj", 4));
    if (simulated) t.full.columns.push_back(labelled_column("e_sim_f" + tag + "_mj", 4));
    Column e = labelled_column((simulated ? "e_sim_f" : "e_pred_f") + tag + "_mj", 4);
    e.label = fmt::format("{} (P), f={}", simulated ? "E_sim" : "E_pred", tag);
    e.latex = fmt::format("${}$ ($P$), $f{{=}}{}$", simulated ? "E_{\\mathrm{sim}}" : "E_{\\mathrm{pred}}", tag);
    t.shown.columns.push_back(e);
  }
  for (const auto& key : order) {
    std::vector<Cell> full(key.begin(), key.end()), shown(key.begin(), key.end());
    for (double f : factors) {
      std::vector<std::string> k = key;
      k.push_back(fmt::format("{}", f));
      // A partition point is chosen, not measured: the seeds' most frequent one.
      full.push_back(point.at(k) ? Cell(point.mode(k)) : Cell());
      full.push_back(predicted.at(k));
      if (simulated) full.push_back(energy.at(k));
      shown.push_back(energy_and_point(shown_energy, point, k));
    }
    t.full.rows.push_back(std::move(full));
    t.shown.rows.push_back(std::move(shown));
  }
  return t;
}

// How far each energy model is from the simulation, per setting.
Table model_error(const SweepData& d) {
  std::map<std::vector<std::string>, std::vector<std::pair<double, double>>> errors;  // (paper, protocol) %
  std::vector<std::vector<std::string>> order;
  for (const CsvRow& r : d.rows.rows) {
    const auto sim = number_in(d.rows, r, d.layout.simulated);
    const auto pred = number_in(d.rows, r, d.layout.predicted), paper = number_in(d.rows, r, d.layout.paper);
    if (!sim || !pred || !paper || *sim <= 0) continue;
    const auto key = setting_of(d, r);
    if (!errors.count(key)) order.push_back(key);
    errors[key].push_back({100 * (*paper - *sim) / *sim, 100 * (*pred - *sim) / *sim});
  }
  Table t;
  t.caption = "Error of the energy models against the simulation, in % of the simulated energy per inference, over "
              "networks and factors: paper, the per-bit model; prot, the protocol-aware prediction." +
              radio_names(d);
  t.id = "model-error";
  for (const std::string& c : d.settings) t.columns.push_back(setting_column(c));
  for (const char* key : {"cases"}) t.columns.push_back(labelled_column(key));
  for (const char* key :
       {"paper_mean_abs_err_pct", "paper_max_abs_err_pct", "protocol_mean_abs_err_pct", "protocol_max_abs_err_pct"})
    t.columns.push_back(labelled_column(key, 2));
  for (const auto& key : order) {
    const auto& e = errors[key];
    double pm = 0, px = 0, qm = 0, qx = 0;
    for (const auto& [p, q] : e) {
      pm += std::abs(p) / static_cast<double>(e.size());
      qm += std::abs(q) / static_cast<double>(e.size());
      px = std::max(px, std::abs(p));
      qx = std::max(qx, std::abs(q));
    }
    std::vector<Cell> row(key.begin(), key.end());
    row.insert(row.end(), {Cell(e.size()), Cell(pm), Cell(px), Cell(qm), Cell(qx)});
    t.rows.push_back(std::move(row));
  }
  return t;
}

// ------------------------------------------------------------------ figures

std::string file_name_part(const std::string& text) {
  std::string out;
  for (char c : text) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
  return out;
}

// `figure` over numeric column `x`, one chart per network, one line per
// combination of the other settings (and of the factor, when x is not it).
// The swept quantity as an axis names it: "fog efficiency factor f", "T_conn (ms)".
std::string axis_label(const std::string& x) {
  return x == columns::kFactor ? "fog energy-efficiency factor f" : setting_column(x).heading();
}

int charts_over(const SweepData& d, const std::string& x, const std::string& figure, const std::string& y_label,
                const fs::path& dir, const ReportOptions& options, bool& rendered) {
  const std::vector<double> xs = sorted_numbers(d, x);
  if (xs.size() < 2 || d.rows.column(figure) < 0) return 0;
  std::vector<std::string> series_columns;
  for (const std::string& c : d.settings)
    if (c != x) series_columns.push_back(c);
  if (x != "factor") series_columns.push_back("factor");
  std::map<std::string, std::pair<std::vector<std::string>, Means>> by_network;
  std::vector<std::string> networks;
  for (const CsvRow& r : d.rows.rows) {
    const std::string net = d.rows.cell(r, d.layout.network);
    if (!by_network.count(net)) networks.push_back(net);
    auto& [series, means] = by_network[net];
    std::vector<std::string> values;
    for (const std::string& c : series_columns) values.push_back(d.rows.cell(r, c));
    const std::string label = setting_label(series_columns, values);
    if (std::find(series.begin(), series.end(), label) == series.end()) series.push_back(label);
    means.add({label, fmt::format("{}", *number_in(d.rows, r, x))}, number_in(d.rows, r, figure));
  }
  int written = 0;
  for (const std::string& net : networks) {
    const auto& [series, means] = by_network[net];
    LineChart chart;
    chart.title = fmt::format("{}: {} over {}", net, setting_column(figure).label, setting_column(x).label);
    chart.x_label = axis_label(x);
    chart.y_label = y_label;
    chart.width = options.figure_width;
    chart.x = xs;
    chart.series = series.empty() ? std::vector<std::string>{net} : series;
    chart.log_x = x == "factor";
    for (double v : xs) {
      std::vector<double> ys, half_widths;
      for (const std::string& s : chart.series) {
        ys.push_back(means.at({s, fmt::format("{}", v)}).value_or(NAN));
        half_widths.push_back(means.half_width({s, fmt::format("{}", v)}));
      }
      chart.values.push_back(ys);
      if (means.replications() > 1) chart.errors.push_back(half_widths);  // error bars over the seeds
    }
    rendered &= write_line_chart(chart, (dir / fmt::format("{}-over-{}-{}", figure, x, file_name_part(net))).string());
    ++written;
  }
  return written;
}

bool scatter_predicted_vs_simulated(const SweepData& d, const fs::path& dir, const ReportOptions& options) {
  ScatterChart chart;
  chart.title = "Predicted against simulated energy per inference";
  chart.width = options.figure_width;
  chart.x_label = "simulated energy per inference (mJ)";
  chart.y_label = "predicted energy per inference (mJ)";
  chart.series = {"protocol-aware model", "paper model (energy per bit)"};
  chart.points.resize(2);
  chart.log_axes = true;
  for (const CsvRow& r : d.rows.rows) {
    const auto sim = number_in(d.rows, r, d.layout.simulated);
    if (!sim || *sim <= 0) continue;
    if (auto v = number_in(d.rows, r, d.layout.predicted)) chart.points[0].push_back({*sim, *v});
    if (auto v = number_in(d.rows, r, d.layout.paper)) chart.points[1].push_back({*sim, *v});
  }
  return write_scatter_chart(chart, (dir / "predicted-vs-simulated").string());
}

// The first point's rows in the order a reader expects: networks as listed,
// factors in numeric order within each (not as text, where 10 comes before 2).
std::vector<const CsvRow*> first_point_rows(const SweepData& d) {
  const std::string first_point = d.rows.rows.front().cells.front();
  std::vector<std::string> networks;
  std::vector<const CsvRow*> rows;
  for (const CsvRow& r : d.rows.rows) {
    if (r.cells.front() != first_point) continue;
    const std::string net = d.rows.cell(r, d.layout.network);
    if (std::find(networks.begin(), networks.end(), net) == networks.end()) networks.push_back(net);
    rows.push_back(&r);
  }
  auto rank = [&](const CsvRow* r) {
    const long net = std::find(networks.begin(), networks.end(), d.rows.cell(*r, d.layout.network)) - networks.begin();
    return std::pair{net, number_in(d.rows, *r, columns::kFactor).value_or(0)};
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const CsvRow* a, const CsvRow* b) { return rank(a) < rank(b); });
  return rows;
}

bool energy_breakdown(const SweepData& d, const fs::path& dir, const ReportOptions& options) {
  BarChart chart;
  chart.width = options.figure_width;
  chart.y_label = "energy per inference (mJ)";
  chart.x_label = "network and fog energy-efficiency factor f";
  for (const auto& part : d.layout.parts) chart.series.push_back(part.second);
  const std::string setting = setting_label(d.settings, setting_of(d, d.rows.rows.front()));
  chart.title = "Energy per inference by part" + (setting.empty() ? "" : " (" + setting + ")");
  for (const CsvRow* r : first_point_rows(d)) {
    chart.categories.push_back(d.rows.cell(*r, d.layout.network) + " f=" + d.rows.cell(*r, "factor"));
    std::vector<double> values;
    for (const auto& part : d.layout.parts) values.push_back(number_in(d.rows, *r, part.first).value_or(NAN));
    chart.values.push_back(values);
  }
  return write_bar_chart(chart, (dir / "energy-breakdown").string());
}

// How the wearables of one simulate run spread: per network, the
// distribution over the wearables of `column` in `csv` (energy.csv: energy
// per inference; wearables.csv: lifetime), one step line per factor.
int wearable_distributions(const SweepData& d, const std::string& csv, const std::string& column,
                           const std::string& x_label, const fs::path& dir, const ReportOptions& options,
                           bool& rendered) {
  const fs::path file = d.simulate_dir / csv;
  if (d.simulate_dir.empty() || !path_is_file(file)) return 0;
  const CsvTable t = read_csv(file.string());
  if (t.column(column) < 0 || t.column(columns::kArchitecture) < 0) return 0;
  std::vector<std::string> networks;
  std::map<std::string, std::map<double, std::vector<double>>> samples;  // network -> factor -> values
  for (const CsvRow& r : t.rows) {
    const std::string net = t.cell(r, columns::kArchitecture);
    const auto v = number_in(t, r, column), f = number_in(t, r, columns::kFactor);
    if (!v || !f) continue;
    if (!samples.count(net)) networks.push_back(net);
    samples[net][*f].push_back(*v);
  }
  int written = 0;
  for (const std::string& net : networks) {
    CdfChart chart;
    chart.width = options.figure_width;
    chart.title = fmt::format("{}: {} over the wearables", net, setting_column(column).label);
    chart.x_label = x_label;
    for (const auto& [f, values] : samples[net]) {
      chart.series.push_back(setting_text(columns::kFactor, fmt::format("{}", f)));
      chart.samples.push_back(values);
    }
    if (chart.samples.empty() || chart.samples.front().size() < 2) continue;  // one wearable: nothing spreads
    rendered &= write_cdf_chart(chart, (dir / fmt::format("{}-cdf-{}", column, file_name_part(net))).string());
    ++written;
  }
  return written;
}

// The search's progress (the paper's Fig. 8): best and mean fitness per generation.
bool search_progress(const fs::path& generations_csv, const fs::path& dir, const ReportOptions& options) {
  const CsvTable t = read_csv(generations_csv.string());
  LineChart chart;
  chart.width = options.figure_width;
  chart.title = "Search progress";
  chart.x_label = "generation";
  chart.y_label = "fitness (V1 accuracy; over-budget candidates scaled below chance)";
  chart.series = {"best", "mean"};
  for (const CsvRow& r : t.rows) {
    chart.x.push_back(t.number(r, columns::kGeneration));
    chart.values.push_back({t.number(r, columns::kBestFitness), t.number(r, columns::kMeanFitness)});
  }
  return write_line_chart(chart, (dir / "search-progress").string());
}

// A study's partition stage (fognas evaluate) wrote the paper's Tables II-IV;
// the report keeps them beside its own tables.
int copy_paper_tables(const fs::path& partition_dir, const fs::path& tables_dir) {
  const std::pair<const char*, const char*> tables[] = {{"edge-scenario", "table2-edge-scenario"},
                                                        {"factor-sweep", "table3-factor-sweep"},
                                                        {"partition-saving", "table4-partition-saving"}};
  int copied = 0;
  for (const auto& [from, to] : tables) {
    if (!path_is_file(partition_dir / (std::string(from) + ".csv"))) continue;
    for (const char* ext : {".csv", ".md", ".tex"})
      write_file_atomically(tables_dir / (std::string(to) + ext),
                            read_file(partition_dir / (std::string(from) + ext)));
    ++copied;
  }
  return copied;
}

// The paper's Fig. 7: what each partition point costs the wearable (Flash and
// RAM for the edge layers) and the energy it leads to, for every network of a
// study (its study.yaml), from the cost model at the first listed factor.
int resources_over_points(const fs::path& study_yaml, const fs::path& dir, const ReportOptions& options,
                          bool& rendered) {
  const Scenario sc = load_scenario_file(study_yaml.string());
  PartitionOptions partition;
  partition.scenario = sc.energy_scenario;
  partition.efficiency_factor = sc.factors.front();
  partition.flash_limit_kb = sc.limits.flash_kb;
  partition.ram_limit_kb = sc.limits.ram_kb;
  int written = 0;
  for (const ArchitectureSpec& a : sc.architectures) {
    const PartitionPlan plan = solve_partition(Network::from_shape(a.lengths, a.channels), sc.devices, partition);
    LineChart memory, energy;
    memory.width = energy.width = options.figure_width;
    memory.title = a.name + ": wearable memory per partition point";
    energy.title = fmt::format("{}: energy per inference per partition point (factor {})", a.name, sc.factors.front());
    memory.x_label = energy.x_label = "partition point P (layers 1..P-1 on the wearable)";
    memory.y_label = "memory (KB)";
    energy.y_label = "energy per inference (mJ)";
    memory.series = {"Flash (weights)", "RAM (activations)"};
    energy.series = {"wearable (compute + radio)", "total (with the fog)"};
    for (const PartitionCost& p : plan.points) {
      memory.x.push_back(p.point);
      energy.x.push_back(p.point);
      memory.values.push_back({p.flash_kb(), p.ram_kb()});
      energy.values.push_back({p.e_edge_mj(), p.e_total_mj()});
    }
    rendered &= write_line_chart(memory, (dir / ("memory-over-points-" + file_name_part(a.name))).string());
    rendered &= write_line_chart(energy, (dir / ("energy-over-points-" + file_name_part(a.name))).string());
    written += 2;
  }
  return written;
}

}  // namespace

ReportFiles write_report(const fs::path& sweep_dir, const fs::path& tables_dir, const fs::path& figures_dir,
                         const ReportOptions& options) {
  if (path_is_file(sweep_dir / "sweep.json") && path_is_file(sweep_dir / "points.csv")) {
    const nlohmann::json sweep = read_sweep_json(sweep_dir);
    if (sweep.value("command", "") == "validate-splits")
      return write_regret_report(sweep_dir, sweep, tables_dir, figures_dir, options);
  }
  const SweepData d = read_sweep(sweep_dir);
  if (d.rows.rows.empty()) throw InputError((sweep_dir / "points.csv").string(), "has no rows");
  ReportFiles files;
  const EnergyByFactor by_factor = energy_by_factor(d);
  write_table_files(by_factor.full, by_factor.shown, (tables_dir / "energy-by-factor").string());
  ++files.tables;
  const std::string energy = d.layout.simulated.empty() ? d.layout.predicted : d.layout.simulated;
  std::vector<std::string> xs = d.numeric_settings;
  xs.insert(xs.begin(), "factor");
  for (const std::string& x : xs) {
    files.figures += charts_over(d, x, energy, "energy per inference (mJ)", figures_dir, options, files.rendered);
    if (d.layout.simulated.empty()) continue;
    // What the battery sees: the link's upkeep included, which the paper's
    // total leaves out (the connection interval shows only here).
    files.figures += charts_over(d, x, columns::kWearableAllinSim, "wearable all-in energy per window (mJ)",
                                 figures_dir, options, files.rendered);
    files.figures +=
        charts_over(d, x, columns::kLifetime, "battery lifetime (days)", figures_dir, options, files.rendered);
  }
  files.rendered &= energy_breakdown(d, figures_dir, options);
  files.figures += wearable_distributions(d, "energy.csv", columns::kPaperTotalSim, "energy per inference (mJ)",
                                          figures_dir, options, files.rendered);
  files.figures += wearable_distributions(d, "wearables.csv", columns::kLifetime, "battery lifetime (days)",
                                          figures_dir, options, files.rendered);
  ++files.figures;
  if (!d.layout.simulated.empty()) {
    write_table_files(model_error(d), (tables_dir / "model-error").string());
    ++files.tables;
    files.rendered &= scatter_predicted_vs_simulated(d, figures_dir, options);
    ++files.figures;
  }
  files.tables += copy_paper_tables(sweep_dir / "partition", tables_dir);
  if (path_is_file(sweep_dir / "study.yaml"))
    files.figures += resources_over_points(sweep_dir / "study.yaml", figures_dir, options, files.rendered);
  if (path_is_file(sweep_dir / "search" / "generations.csv")) {
    files.rendered &= search_progress(sweep_dir / "search" / "generations.csv", figures_dir, options);
    ++files.figures;
  }
  return files;
}

ReportFiles report_folder(const std::string& dir, const ReportOptions& options) {
  if (!path_is_folder(dir)) throw InputError(dir, "no such folder (give a finished sweep's folder)");
  ResultDir tables(std::filesystem::path(dir) / "tables", "DIR", "fognas report", ResultDir::OnFailure::Discard);
  ResultDir figures(std::filesystem::path(dir) / "figures", "DIR", "fognas report", ResultDir::OnFailure::Discard);
  const ReportFiles files = write_report(dir, tables.work(), figures.work(), options);
  tables.commit();
  figures.commit();
  return files;
}

}  // namespace fognas::study
