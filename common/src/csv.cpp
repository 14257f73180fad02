#include "fognas/common/csv.h"

#include <fmt/format.h>

#include <sstream>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/common/parse.h"

namespace fognas {
namespace {

std::vector<std::string> split_line(const std::string& line, const std::string& where) {
  std::vector<std::string> cells;
  std::string cur;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char ch = line[i];
    if (quoted) {
      if (ch == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cur += '"';
        ++i;
      } else if (ch == '"') {
        quoted = false;
      } else {
        cur += ch;
      }
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      cells.push_back(trim(cur));
      cur.clear();
    } else {
      cur += ch;
    }
  }
  if (quoted) throw InputError(where, "unterminated quoted cell");
  cells.push_back(trim(cur));
  return cells;
}

}  // namespace

int CsvTable::column(const std::string& name) const {
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

const std::string& CsvTable::cell(const CsvRow& row, const std::string& name) const {
  int c = column(name);
  if (c < 0) throw InputError(location(file, 1), fmt::format("missing column '{}'", name));
  if (static_cast<size_t>(c) >= row.cells.size())
    throw InputError(location(file, row.line), fmt::format("missing value for column '{}'", name));
  return row.cells[static_cast<size_t>(c)];
}

double CsvTable::number(const CsvRow& row, const std::string& name) const {
  return parse_double(cell(row, name), location(file, row.line) + ": column '" + name + "'");
}

CsvTable parse_csv(const std::string& text, const std::string& file_name) {
  CsvTable table;
  table.file = file_name;
  std::istringstream in(text);
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    auto cells = split_line(line, location(file_name, line_no));
    if (table.header.empty()) {
      table.header = cells;
      continue;
    }
    if (cells.size() != table.header.size())
      throw InputError(location(file_name, line_no),
                       fmt::format("{} cells, header has {}", cells.size(), table.header.size()));
    table.rows.push_back({line_no, std::move(cells)});
  }
  if (table.header.empty()) throw InputError(file_name, "empty CSV file (no header)");
  return table;
}

// Calibration tables are small; 64 MiB bounds what a mistaken path can cost.
CsvTable read_csv(const std::string& path) { return parse_csv(read_file(path, 64u << 20), path); }

std::string csv_escape(const std::string& cell) {
  if (cell.find_first_of(",\"\n") == std::string::npos) return cell;
  std::string out = "\"";
  for (char ch : cell) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

}  // namespace fognas
