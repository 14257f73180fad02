#include "fognas/common/table.h"

#include <fmt/format.h>

#include <algorithm>

#include "fognas/common/atomic_file.h"
#include "fognas/common/csv.h"

namespace fognas {
namespace {

std::string latex_escape(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '_' || ch == '%' || ch == '&' || ch == '#' || ch == '$') out += '\\';
    out += ch;
  }
  return out;
}

}  // namespace

std::string Table::to_markdown() const {
  std::vector<size_t> width(header.size(), 3);
  for (size_t c = 0; c < header.size(); ++c) width[c] = std::max(width[c], header[c].size());
  for (const auto& r : rows)
    for (size_t c = 0; c < r.size() && c < width.size(); ++c) width[c] = std::max(width[c], r[c].size());
  auto line = [&](const std::vector<std::string>& cells) {
    std::string s = "|";
    for (size_t c = 0; c < width.size(); ++c)
      s += fmt::format(" {:<{}} |", c < cells.size() ? cells[c] : "", width[c]);
    return s + "\n";
  };
  std::string out;
  if (!caption.empty()) out += caption + "\n\n";
  out += line(header);
  std::string sep = "|";
  for (size_t w : width) sep += std::string(w + 2, '-') + "|";
  out += sep + "\n";
  for (const auto& r : rows) out += line(r);
  return out;
}

std::string Table::to_csv() const {
  auto line = [](const std::vector<std::string>& cells) {
    std::string s;
    for (size_t c = 0; c < cells.size(); ++c) s += (c ? "," : "") + csv_escape(cells[c]);
    return s + "\n";
  };
  std::string out = line(header);
  for (const auto& r : rows) out += line(r);
  return out;
}

std::string Table::to_latex() const {
  std::string out = "\\begin{table}[t]\n\\centering\n";
  if (!caption.empty()) out += "\\caption{" + latex_escape(caption) + "}\n";
  out += "\\begin{tabular}{" + std::string(header.size(), 'l') + "}\n\\hline\n";
  auto line = [](const std::vector<std::string>& cells) {
    std::string s;
    for (size_t c = 0; c < cells.size(); ++c) s += (c ? " & " : "") + latex_escape(cells[c]);
    return s + " \\\\\n";
  };
  out += line(header) + "\\hline\n";
  for (const auto& r : rows) out += line(r);
  out += "\\hline\n\\end{tabular}\n\\end{table}\n";
  return out;
}

void write_table_files(const Table& table, const std::string& stem) {
  write_file_atomically(stem + ".csv", table.to_csv());
  write_file_atomically(stem + ".md", table.to_markdown());
  write_file_atomically(stem + ".tex", table.to_latex());
}

}  // namespace fognas
