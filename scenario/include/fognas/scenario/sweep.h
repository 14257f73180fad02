#pragma once
// A scenario's `sweep:` section: which command each point runs, how the axes
// combine, and the axes themselves (scenario keys as dotted paths, each with a
// list of values or a range). Expanding it gives the points; each point is the
// scenario with one value per axis set, exactly as `--set PATH=VALUE` would.
#include <cstddef>
#include <string>
#include <vector>

namespace fognas {

struct SweepAxis {
  std::string path;                 // a scenario key, e.g. "radio.ble.conn_interval_ms"
  std::vector<std::string> values;  // each as --set would take it ("30", "[1, 2]")
  std::string where;                // "file:line: key 'sweep.axes.<path>'" for messages
};

enum class SweepMode { Product, Zip };

struct SweepSpec {
  std::string command = "evaluate";  // evaluate | simulate | search
  SweepMode mode = SweepMode::Product;
  std::vector<SweepAxis> axes;
  std::string where;  // the section, for messages

  // Number of points: the product of the axis sizes, or the common size (zip).
  size_t point_count() const;
  // The assignments of point `index` (0-based), one per axis in axis order.
  // Product: the last axis changes fastest.
  std::vector<std::pair<std::string, std::string>> point(size_t index) const;
};

// The CSV column of a swept path: dots (and brackets) become underscores.
std::string sweep_column(const std::string& path);

// The commands a sweep point may run.
const std::vector<std::string>& sweep_commands();

// Most points a sweep may expand to (checked before anything runs).
constexpr size_t kMaxSweepPoints = 100000;

}  // namespace fognas
