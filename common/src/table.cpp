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

namespace {

// An IEEE two-column page (IEEEtran): a float is one column (3.5 in, 252 pt)
// or the page (7.16 in, 516 pt) wide. Tables are set in \footnotesize (8 pt
// Times), whose digits are 4 pt wide and most letters narrower; the estimate
// takes 4.2 pt for every character a reader sees (report --paper checks that
// what it admits fits).
constexpr double kColumnWidthPt = 252;
constexpr double kPageWidthPt = 516;
constexpr double kCharPt = 4.2;
constexpr double kColumnSepPt = 12;  // 2 \tabcolsep
constexpr size_t kRowsPerFloat = 40;  // a page holds about 60 rows of 8 pt type

double text_width_pt(const std::string& text) {
  size_t glyphs = 0;
  for (unsigned char ch : text) glyphs += (ch & 0xC0) != 0x80;  // UTF-8 code points
  return static_cast<double>(glyphs) * kCharPt;
}

// The characters of a LaTeX heading a reader sees: commands, braces, $, _
// and ^ take no room.
std::string visible_text(const std::string& latex) {
  std::string out;
  for (size_t i = 0; i < latex.size(); ++i) {
    if (latex[i] == '\\') {
      while (i + 1 < latex.size() && std::isalpha(static_cast<unsigned char>(latex[i + 1]))) ++i;
      continue;
    }
    if (std::string("{}$_^").find(latex[i]) == std::string::npos) out += latex[i];
  }
  return out;
}

double column_width_pt(const Table& t, size_t c) {
  const Column& col = t.columns[c];
  const std::string label = col.latex.empty() ? col.label : visible_text(col.latex);
  double w = std::max(text_width_pt(label), text_width_pt(col.unit.empty() ? "" : "(" + col.unit + ")"));
  for (const auto& r : t.rows) w = std::max(w, text_width_pt(cell_at(r, c).display(col.digits)));
  return w + kColumnSepPt;
}

// One float of a table: some of its columns and some of its rows.
struct LatexPart {
  std::vector<size_t> columns;
  size_t first_row = 0, rows = 0;
  bool page_wide = false;
};

// The leading text columns (what a row is) repeat in every part; the others
// are dealt out so each part fits a column, or the page when one value
// column beside them cannot fit a column.
std::vector<std::vector<size_t>> column_groups(const Table& t, bool& page_wide) {
  std::vector<double> width;
  double total = 0;
  for (size_t c = 0; c < t.columns.size(); ++c) total += width.emplace_back(column_width_pt(t, c));
  std::vector<size_t> all(t.columns.size());
  for (size_t c = 0; c < all.size(); ++c) all[c] = c;
  page_wide = total > kColumnWidthPt;
  if (total <= kPageWidthPt) return {all};
  size_t lead = 0;
  while (lead < t.columns.size() && !numeric_column(t, lead)) ++lead;
  if (t.key_columns) lead = std::min(*t.key_columns, t.columns.size());
  if (lead == t.columns.size()) return {all};
  double lead_pt = 0;
  for (size_t c = 0; c < lead; ++c) lead_pt += width[c];
  double widest = 0;
  for (size_t c = lead; c < width.size(); ++c) widest = std::max(widest, width[c]);
  page_wide = lead_pt + widest > kColumnWidthPt;
  const double limit = page_wide ? kPageWidthPt : kColumnWidthPt;
  std::vector<std::vector<size_t>> groups;
  double used = limit;
  for (size_t c = lead; c < width.size(); ++c) {
    if (used + width[c] > limit) {
      groups.emplace_back(all.begin(), all.begin() + static_cast<long>(lead));
      used = lead_pt;
    }
    groups.back().push_back(c);
    used += width[c];
  }
  return groups;
}

std::vector<LatexPart> latex_parts(const Table& t) {
  bool page_wide = false;
  std::vector<LatexPart> parts;
  for (const auto& group : column_groups(t, page_wide))
    for (size_t first = 0; first == 0 || first < t.rows.size(); first += kRowsPerFloat)
      parts.push_back({group, first, std::min(kRowsPerFloat, t.rows.size() - std::min(first, t.rows.size())), page_wide});
  return parts;
}

std::string latex_part(const Table& t, const LatexPart& part, size_t index, size_t count) {
  const std::string env = part.page_wide ? "table*" : "table";
  std::string align;
  for (size_t c : part.columns) align += numeric_column(t, c) ? 'r' : 'l';
  std::string out = "\\begin{" + env + "}[t]\n\\centering\n\\footnotesize\n";
  std::string caption = latex_escape(t.caption);
  if (count > 1) caption += fmt::format(" (part {} of {})", index + 1, count);
  const std::string label = label_id(t.id) + (index > 0 ? fmt::format("-{}", index + 1) : "");
  out += "\\caption{" + caption + "}\n\\label{tab:" + label + "}\n";
  out += "\\begin{tabular}{" + align + "}\n\\toprule\n";
  for (size_t i = 0; i < part.columns.size(); ++i) out += (i ? " & " : "") + t.columns[part.columns[i]].latex_heading();
  out += " \\\\\n\\midrule\n";
  for (size_t r = part.first_row; r < part.first_row + part.rows; ++r) {
    for (size_t i = 0; i < part.columns.size(); ++i) {
      const size_t c = part.columns[i];
      out += (i ? " & " : "") + latex_cell(cell_at(t.rows[r], c), t.columns[c].digits);
    }
    out += " \\\\\n";
  }
  return out + "\\bottomrule\n\\end{tabular}\n\\end{" + env + "}\n";
}

}  // namespace

std::string Column::latex_heading() const {
  const std::string name = latex.empty() ? latex_escape(label) : latex;
  if (unit.empty()) return name;
  const std::string u = unit_latex.empty() ? latex_escape(unit) : unit_latex;
  // Label over unit: a narrower column than "label (unit)" on one line.
  return "\\begin{tabular}[b]{@{}c@{}}" + name + "\\\\(" + u + ")\\end{tabular}";
}

// Plain LaTeX with booktabs: one float per part, each no wider than an IEEE
// column (or, where that cannot be, the page).
std::string Table::to_latex() const {
  const std::vector<LatexPart> parts = latex_parts(*this);
  std::string out = "% needs \\usepackage{booktabs}\n";
  for (size_t i = 0; i < parts.size(); ++i) out += latex_part(*this, parts[i], i, parts.size());
  return out;
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
