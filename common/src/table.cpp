#include "fognas/common/table.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <stdexcept>

#include "fognas/common/atomic_file.h"
#include "fognas/common/csv.h"

namespace fognas {
namespace {

std::string format_double(double v, int digits) {
  if (digits == kShortest) return fmt::format("{}", v);
  if (digits == kGeneral) return fmt::format("{:g}", v);
  std::string text = fmt::format("{:.{}f}", v, digits);
  // A tiny negative rounded to zero reads as 0, not -0.0.
  if (text[0] == '-' && text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
  return text;
}

bool numeric_column(const Table& t, size_t c) {
  for (const auto& r : t.rows)
    if (c < r.size() && r[c].numeric()) return true;
  return false;
}

const Cell& cell_at(const std::vector<Cell>& row, size_t c) {
  static const Cell missing;
  return c < row.size() ? row[c] : missing;
}

// LaTeX labels allow letters, digits and a few marks; anything else becomes '-'.
std::string label_id(const std::string& id) {
  std::string out;
  for (char ch : id) out += std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == ':' || ch == '.' ? ch : '-';
  return out.empty() ? "table" : out;
}

// A leading minus sign typeset as one (not a hyphen) in LaTeX.
std::string latex_cell(const Cell& cell, int digits) {
  if (cell.missing()) return "--";
  std::string text = cell.display(digits);
  if (cell.numeric() && !text.empty() && text[0] == '-') return "$-$" + latex_escape(text.substr(1));
  return latex_escape(text);
}

double percentile(const std::vector<double>& sorted, double p) {
  const double pos = p * static_cast<double>(sorted.size() - 1);
  const size_t lo = static_cast<size_t>(std::floor(pos));
  const size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (pos - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace

std::string Column::heading() const { return unit.empty() ? label : label + " (" + unit + ")"; }

Cell::Cell(double v) {
  if (std::isfinite(v)) value_ = v;
}

Cell Cell::rounded(double v, int digits) {
  Cell c(v);
  c.digits_ = digits;
  return c;
}

bool Cell::numeric() const {
  return std::holds_alternative<long long>(value_) || std::holds_alternative<double>(value_);
}

std::optional<double> Cell::number() const {
  if (const auto* i = std::get_if<long long>(&value_)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&value_)) return *d;
  return std::nullopt;
}

std::string Cell::csv() const {
  if (const auto* s = std::get_if<std::string>(&value_)) return *s;
  if (const auto* i = std::get_if<long long>(&value_)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&value_)) return fmt::format("{}", *d);  // shortest round-trip
  if (const auto* b = std::get_if<bool>(&value_)) return *b ? "true" : "false";
  return "";
}

std::string Cell::display(int column_digits) const {
  if (missing()) return "-";
  if (const auto* d = std::get_if<double>(&value_)) return format_double(*d, digits_ ? *digits_ : column_digits);
  if (const auto* b = std::get_if<bool>(&value_)) return *b ? "yes" : "no";
  return csv();
}

size_t Table::column(const std::string& key) const {
  for (size_t c = 0; c < columns.size(); ++c)
    if (columns[c].key == key) return c;
  throw std::out_of_range("no column '" + key + "'");
}

std::string Table::to_markdown() const {
  std::vector<std::string> head;
  std::vector<std::vector<std::string>> body(rows.size());
  for (const auto& col : columns) head.push_back(col.heading());
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t c = 0; c < columns.size(); ++c) body[r].push_back(cell_at(rows[r], c).display(columns[c].digits));
  std::vector<size_t> width(columns.size(), 3);
  std::vector<bool> right(columns.size());
  for (size_t c = 0; c < columns.size(); ++c) {
    right[c] = numeric_column(*this, c);
    width[c] = std::max(width[c], head[c].size());
    for (const auto& r : body) width[c] = std::max(width[c], r[c].size());
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string s = "|";
    for (size_t c = 0; c < cells.size(); ++c)
      s += right[c] ? fmt::format(" {:>{}} |", cells[c], width[c]) : fmt::format(" {:<{}} |", cells[c], width[c]);
    return s + "\n";
  };
  std::string out = caption.empty() ? "" : caption + "\n\n";
  out += line(head) + "|";
  for (size_t c = 0; c < columns.size(); ++c) out += std::string(width[c] + 1, '-') + (right[c] ? ":|" : "-|");
  out += "\n";
  for (const auto& r : body) out += line(r);
  return out;
}

std::string Table::to_csv() const {
  std::string out;
  for (size_t c = 0; c < columns.size(); ++c) out += (c ? "," : "") + csv_escape(columns[c].key);
  out += "\n";
  for (const auto& r : rows) {
    for (size_t c = 0; c < columns.size(); ++c) out += (c ? "," : "") + csv_escape(cell_at(r, c).csv());
    out += "\n";
  }
  return out;
}

std::string Table::to_latex() const {
  std::string align;
  for (size_t c = 0; c < columns.size(); ++c) align += numeric_column(*this, c) ? 'r' : 'l';
  std::string out = "% needs \\usepackage{booktabs}\n\\begin{table}[t]\n\\centering\n";
  out += "\\caption{" + latex_escape(caption) + "}\n\\label{tab:" + label_id(id) + "}\n";
  out += "\\begin{tabular}{" + align + "}\n\\toprule\n";
  for (size_t c = 0; c < columns.size(); ++c) out += (c ? " & " : "") + latex_escape(columns[c].heading());
  out += " \\\\\n\\midrule\n";
  for (const auto& r : rows) {
    for (size_t c = 0; c < columns.size(); ++c) out += (c ? " & " : "") + latex_cell(cell_at(r, c), columns[c].digits);
    out += " \\\\\n";
  }
  return out + "\\bottomrule\n\\end{tabular}\n\\end{table}\n";
}

std::vector<Column> text_columns(const std::vector<std::string>& labels) {
  std::vector<Column> cols;
  for (const auto& l : labels) cols.push_back({l, l, "", kShortest});
  return cols;
}

std::string latex_escape(const std::string& text) {
  std::string out;
  for (char ch : text) {
    switch (ch) {
      case '~': out += "\\textasciitilde{}"; break;
      case '^': out += "\\textasciicircum{}"; break;
      case '\\': out += "\\textbackslash{}"; break;
      case '#': case '$': case '%': case '&': case '_': case '{': case '}':
        out += '\\';
        out += ch;
        break;
      default: out += ch;
    }
  }
  return out;
}

namespace {

// Row indices per group of equal `group` cells, groups in order of first appearance.
std::vector<std::vector<size_t>> group_rows(const Table& t, const std::vector<size_t>& group) {
  std::vector<std::vector<size_t>> members;
  std::map<std::vector<std::string>, size_t> index;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    std::vector<std::string> key;
    for (size_t g : group) key.push_back(cell_at(t.rows[r], g).csv());
    auto [it, fresh] = index.emplace(key, members.size());
    if (fresh) members.emplace_back();
    members[it->second].push_back(r);
  }
  return members;
}

// n, mean, p50, p95, p99, min, max of column `f` over `rows`, rounded like the column.
std::vector<Cell> statistics(const Table& t, const std::vector<size_t>& rows, size_t f) {
  std::vector<double> v;
  for (size_t r : rows)
    if (auto x = cell_at(t.rows[r], f).number()) v.push_back(*x);
  std::vector<Cell> out{static_cast<long long>(v.size())};
  if (v.empty()) {
    out.resize(7);  // no figure to summarise: the statistics do not exist
    return out;
  }
  std::sort(v.begin(), v.end());
  double sum = 0;
  for (double x : v) sum += x;
  const int d = t.columns[f].digits == kShortest ? kGeneral : t.columns[f].digits;
  for (double s : {sum / static_cast<double>(v.size()), percentile(v, 0.5), percentile(v, 0.95), percentile(v, 0.99),
                   v.front(), v.back()})
    out.push_back(Cell::rounded(s, d));
  return out;
}

}  // namespace

Table describe(const Table& t, const std::vector<std::string>& group_keys, const std::vector<std::string>& skip_keys) {
  std::vector<size_t> group, figures;
  for (const auto& k : group_keys) group.push_back(t.column(k));
  for (size_t c = 0; c < t.columns.size(); ++c) {
    const auto& k = t.columns[c].key;
    const bool listed = std::count(group_keys.begin(), group_keys.end(), k) + std::count(skip_keys.begin(), skip_keys.end(), k);
    if (!listed && numeric_column(t, c)) figures.push_back(c);
  }
  Table out;
  out.caption = t.caption;
  out.id = t.id;
  for (size_t g : group) out.columns.push_back(t.columns[g]);
  for (const char* k : {"quantity", "unit", "n"}) out.columns.push_back({k, k, "", kShortest});
  for (const char* k : {"mean", "p50", "p95", "p99", "min", "max"}) out.columns.push_back({k, k, "", kGeneral});
  for (const auto& rows : group_rows(t, group))
    for (size_t f : figures) {
      std::vector<Cell> row;
      for (size_t g : group) row.push_back(cell_at(t.rows[rows.front()], g));
      row.insert(row.end(), {t.columns[f].label, t.columns[f].unit});
      for (Cell& c : statistics(t, rows, f)) row.push_back(std::move(c));
      out.rows.push_back(std::move(row));
    }
  return out;
}

void write_table_files(const Table& table, const std::string& stem) { write_table_files(table, table, stem); }

void write_table_files(const Table& full, const Table& shown, const std::string& stem) {
  Table labelled = shown;
  if (labelled.id.empty()) labelled.id = std::filesystem::path(stem).filename().string();
  write_file_atomically(stem + ".csv", full.to_csv());
  write_file_atomically(stem + ".md", shown.to_markdown());
  write_file_atomically(stem + ".tex", labelled.to_latex());
}

}  // namespace fognas
