#pragma once
// A typed result table rendered by one writer as Markdown (rounded, for the
// terminal), tidy CSV (full precision, snake_case keys with units, for analysis)
// and booktabs LaTeX (rounded, escaped, for papers). Cells keep their values,
// so rounding happens only when a human-facing format is rendered.
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace fognas {

// Rounding of a double in Markdown and LaTeX: kShortest prints the shortest
// form that reads back exactly (as in CSV); kGeneral prints six significant
// digits; a value >= 0 prints that many decimals.
inline constexpr int kShortest = -1;
inline constexpr int kGeneral = -2;

struct Column {
  std::string key;    // CSV header: snake_case, unit as suffix (e_total_mj, latency_p95_ms)
  std::string label;  // Markdown/LaTeX header, e.g. "E_total"
  std::string unit;   // shown after the label, e.g. "mJ"; empty when dimensionless
  int digits = kShortest;
  std::string latex = {};       // LaTeX header (math in $...$); empty: the label, escaped
  std::string unit_latex = {};  // the unit in LaTeX; empty: the unit, escaped

  std::string heading() const;        // "label (unit)"
  std::string latex_heading() const;  // the LaTeX form, unit on a second line
};

// Text, integer, double, boolean or missing. A missing cell (no figure exists)
// is empty in CSV and "-" in Markdown/LaTeX; a non-finite double is missing.
class Cell {
 public:
  Cell() = default;
  Cell(std::nullopt_t) {}
  Cell(std::string text) : value_(std::move(text)) {}
  Cell(const char* text) : value_(std::string(text)) {}
  Cell(bool flag) : value_(flag) {}
  template <typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  Cell(T v) : value_(static_cast<long long>(v)) {}
  Cell(double v);
  Cell(std::optional<double> v) : Cell(v ? Cell(*v) : Cell()) {}

  // A double shown with its own rounding (rows of mixed quantities).
  static Cell rounded(double v, int digits);

  bool missing() const { return std::holds_alternative<std::monostate>(value_); }
  bool numeric() const;
  std::optional<double> number() const;  // integers and doubles
  std::string csv() const;
  std::string display(int column_digits) const;  // Markdown and LaTeX, before escaping

 private:
  std::variant<std::monostate, std::string, long long, double, bool> value_;
  std::optional<int> digits_;  // unset: the column's rounding
};

struct Table {
  std::string caption;
  std::string id;  // LaTeX \label{tab:<id>}; write_table_files uses the file name when empty
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  // How many leading columns say what a row is (repeated in every part of a
  // table too wide for one float); unset: the leading columns of text.
  std::optional<size_t> key_columns = std::nullopt;

  std::string to_markdown() const;
  std::string to_csv() const;
  std::string to_latex() const;
  // Index of the column with this key; throws std::out_of_range when there is none.
  size_t column(const std::string& key) const;
};

// Columns of plain text, for tables that only ever reach the terminal.
std::vector<Column> text_columns(const std::vector<std::string>& labels);

// Escapes every LaTeX special character: # $ % & ~ _ ^ \ { }.
std::string latex_escape(const std::string& text);

// One row per group (rows equal in `group_keys`) and numeric column outside
// `group_keys` and `skip_keys`: n, mean, p50, p95, p99, min and max over the
// group's rows (linear-interpolated percentiles; missing cells left out).
Table describe(const Table& rows, const std::vector<std::string>& group_keys,
               const std::vector<std::string>& skip_keys = {});

// Writes <stem>.csv, <stem>.md and <stem>.tex atomically.
void write_table_files(const Table& table, const std::string& stem);
// The CSV holds every row of `full`; Markdown and LaTeX show `shown` (a summary of it).
void write_table_files(const Table& full, const Table& shown, const std::string& stem);

}  // namespace fognas
