#pragma once
// The label registry: every column key the commands write (snake_case, the
// unit as suffix), as a reader of a paper sees it: a plain label for
// Markdown, figure axes and legends, the unit, and a LaTeX form (E_{sim},
// f, T_{conn}). Report tables, figure titles, axes, legends and captions all
// take their words from here, and swept keys (a profile field such as
// radio_ble_conn_interval_ms) are labelled by the same rules.
#include <optional>
#include <string>

#include "fognas/common/table.h"

namespace fognas {

struct ColumnLabel {
  std::string label;  // plain text: "E_sim", "conn. interval"
  std::string unit;   // "mJ"; empty when dimensionless
  std::string latex;  // LaTeX, math in $...$: "$E_{\mathrm{sim}}$"
  std::string unit_latex;
};

// The registry's entry for `key`; none for a key it does not know.
std::optional<ColumnLabel> column_label(const std::string& key);

// A table column for `key` from the registry (throws std::out_of_range for
// an unknown key, so a writer cannot emit an unlabelled column).
Column labelled_column(const std::string& key, int digits = kShortest);

// A swept key's column: the registry's label where it has one, else the key
// read as words (any scenario key may be swept).
Column setting_column(const std::string& key);

// One swept setting as a legend or caption shows it: "T_conn = 7.5 ms",
// "radio = nrf52832-1m".
std::string setting_text(const std::string& key, const std::string& value);

}  // namespace fognas
