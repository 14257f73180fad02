#pragma once
// Minimal CSV reading for the project's own small tables (calibration data,
// measurements): comma separated, optional double quotes, '#' comment lines.
#include <map>
#include <string>
#include <vector>

namespace fognas {

struct CsvRow {
  int line = 0;  // 1-based line number in the file, for error messages
  std::vector<std::string> cells;
};

struct CsvTable {
  std::string file;
  std::vector<std::string> header;
  std::vector<CsvRow> rows;

  // Index of a header column, or -1.
  int column(const std::string& name) const;
  // Cell of a row by column name; throws InputError naming file and line if absent.
  const std::string& cell(const CsvRow& row, const std::string& name) const;
  double number(const CsvRow& row, const std::string& name) const;
};

CsvTable read_csv(const std::string& path);
CsvTable parse_csv(const std::string& text, const std::string& file_name);

// Quotes a cell when it holds a comma, quote or newline.
std::string csv_escape(const std::string& cell);

}  // namespace fognas
