#pragma once
// A result table as plain strings, rendered as Markdown, CSV or LaTeX, so every
// report (partition points, paper tables, simulation summaries) shares one writer.
#include <string>
#include <vector>

namespace fognas {

struct Table {
  std::string caption;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  std::string to_markdown() const;
  std::string to_csv() const;
  std::string to_latex() const;
};

// Writes <stem>.csv, <stem>.md and <stem>.tex atomically.
void write_table_files(const Table& table, const std::string& stem);

}  // namespace fognas
