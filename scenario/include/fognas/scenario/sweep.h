#pragma once
// A scenario's `sweep:` section: which command each point runs, how the axes
// combine, and the axes themselves (scenario keys as dotted paths, each with a
// list of values or a range). Expanding it gives the points; each point is the
// scenario with one value per axis set, exactly as `--set PATH=VALUE` would.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace fognas {

struct SweepAxis {
  std::string path;                 // a scenario key, e.g. "radio.ble.conn_interval_ms"
  std::vector<std::string> values;  // each as --set would take it ("30", "[1, 2]")
  std::string where;                // "file:line: key 'sweep.axes.<path>'" for messages
};

enum class SweepMode { Product, Zip };

// The command every point of a sweep runs. What each one needs (how a point is
// checked and run, its main table, its report) is in study/sweep_commands.h.
enum class SweepCommand { Evaluate, Simulate, Search, ValidateSplits };

// The command's name as a scenario and the command line spell it ("validate-splits").
const char* sweep_command_name(SweepCommand command);
// Every sweep command, in the order the scenario documentation lists them.
const std::vector<SweepCommand>& sweep_commands();
// The command named `name`; nullopt for any other text.
std::optional<SweepCommand> sweep_command_named(const std::string& name);

struct SweepSpec {
  SweepCommand command = SweepCommand::Evaluate;
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

// Most points a sweep may expand to (checked before anything runs).
constexpr size_t kMaxSweepPoints = 100000;

}  // namespace fognas
