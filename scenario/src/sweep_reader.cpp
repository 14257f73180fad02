// Reading a scenario's `sweep:` section. Every path and value is checked here
// before anything runs; each point is checked again by the scenario reader
// itself when the runner sets its values (see cli/sweep_points.cpp).
#include <cmath>
#include <set>

#include "readers.h"

namespace fognas {
namespace {

// Keys whose value is a list: a scalar swept there means a one-item list.
bool list_valued(const std::string& path) { return path == "factors"; }

bool is_profile_field(const std::string& path) {
  for (const char* prefix : {"mcu.", "radio.", "fog."})
    if (path.rfind(prefix, 0) == 0 && path.size() > std::string(prefix).size()) return true;
  return false;
}

void check_path(const YamlMap& axes, const std::string& path, const std::vector<std::string>& keys) {
  if (path.find("[]") != std::string::npos || path.rfind("architectures", 0) == 0)
    throw InputError(axes.where(path), "architectures cannot be swept by path: list them in the scenario");
  if (path == "sweep" || path.rfind("sweep.", 0) == 0 || path == "devices")
    throw InputError(axes.where(path), "not a key a sweep can set");
  if (is_profile_field(path)) return;
  for (const std::string& k : keys)
    if (k == path && k.find('*') == std::string::npos) return;
  throw InputError(axes.where(path), "not a scenario key (see scenarios/README.md; profile fields as mcu.*, radio.*, fog.*)");
}

std::string scalar_value(const YAML::Node& n, const std::string& path) {
  return list_valued(path) ? "[" + n.Scalar() + "]" : n.Scalar();
}

std::string list_value(const YamlMap& axes, const std::string& path, const YAML::Node& item) {
  if (item.IsScalar()) return scalar_value(item, path);
  if (!item.IsSequence() || item.size() == 0)
    throw InputError(axes.where(path), "each value must be a scalar or a non-empty list of scalars");
  std::string text = "[";
  for (size_t i = 0; i < item.size(); ++i) {
    if (!item[i].IsScalar()) throw InputError(axes.where(path), "a list value may hold scalars only");
    text += (i ? ", " : "") + item[i].Scalar();
  }
  return text + "]";
}

// A number rounded to 12 significant digits, so that 0.1 + 2 * 0.1 reads 0.3.
std::string range_number(double v) {
  return fmt::format("{}", std::stod(fmt::format("{:.12g}", v)));
}

std::vector<std::string> range_values(const YamlMap& range, const std::string& path) {
  range.allow_only({"from", "to", "step", "count", "log"});
  const double from = range.number("from"), to = range.number("to");
  if (to < from) throw InputError(range.where("to"), fmt::format("must be >= from ({}), got {}", from, to));
  if (range.has("step") == range.has("count")) throw InputError(range.where("from"), "give exactly one of step and count");
  const bool log = range.flag("log", false);
  std::vector<std::string> values;
  if (range.has("step")) {
    if (log) throw InputError(range.where("log"), "a log range takes count, not step");
    const double step = range.number("step");
    if (!(step > 0)) throw InputError(range.where("step"), fmt::format("must be > 0, got {}", step));
    const double n = std::floor((to - from) / step + 1e-9) + 1;
    if (!(n <= static_cast<double>(kMaxSweepPoints)))
      throw InputError(range.where("step"), fmt::format("gives more than {} values", kMaxSweepPoints));
    for (long i = 0; i < static_cast<long>(n); ++i) values.push_back(range_number(from + static_cast<double>(i) * step));
  } else {
    const long count = range.integer("count");
    if (count < 1 || count > static_cast<long>(kMaxSweepPoints))
      throw InputError(range.where("count"), fmt::format("must be between 1 and {}, got {}", kMaxSweepPoints, count));
    if (log && !(from > 0)) throw InputError(range.where("from"), "a log range needs from > 0");
    for (long i = 0; i < count; ++i) {
      const double t = count == 1 ? 0.0 : static_cast<double>(i) / static_cast<double>(count - 1);
      values.push_back(range_number(log ? from * std::pow(to / from, t) : from + t * (to - from)));
    }
  }
  range.reject_unknown_keys();
  if (list_valued(path))
    for (std::string& v : values) v = "[" + v + "]";
  return values;
}

SweepAxis read_axis(const YamlMap& axes, const std::string& path, const std::vector<std::string>& keys) {
  check_path(axes, path, keys);
  SweepAxis axis;
  axis.path = path;
  axis.where = axes.where(path);
  const YAML::Node node = axes.raw(path);
  if (node.IsSequence()) {
    if (node.size() == 0) throw InputError(axis.where, "give at least one value");
    if (node.size() > kMaxSweepPoints) throw InputError(axis.where, fmt::format("more than {} values", kMaxSweepPoints));
    for (const YAML::Node& item : node) axis.values.push_back(list_value(axes, path, item));
  } else if (node.IsMap()) {
    axis.values = range_values(axes.map(path), path);
  } else {
    throw InputError(axis.where, "give a list of values or a range {from, to, step} / {from, to, count, log}");
  }
  return axis;
}

void check_sizes(const SweepSpec& spec) {
  size_t n = 1;
  for (const SweepAxis& a : spec.axes) {
    if (spec.mode == SweepMode::Zip && a.values.size() != spec.axes.front().values.size())
      throw InputError(a.where, fmt::format("zip needs axes of one length: {} values here, {} in '{}'", a.values.size(),
                                            spec.axes.front().values.size(), spec.axes.front().path));
    if (spec.mode == SweepMode::Product && a.values.size() > kMaxSweepPoints / n)
      throw InputError(a.where, fmt::format("the sweep would have more than {} points", kMaxSweepPoints));
    n *= a.values.size();
  }
}

}  // namespace

SweepSpec read_sweep(const YamlMap& root, const std::vector<std::string>& keys) {
  YamlMap w = root.map("sweep");
  w.allow_only({"command", "mode", "axes"});
  SweepSpec spec;
  spec.where = root.where("sweep");
  const std::string command = w.text("command", sweep_command_name(spec.command));
  const std::optional<SweepCommand> named = sweep_command_named(command);
  if (!named) {
    std::vector<std::string> names;
    for (SweepCommand c : sweep_commands()) names.push_back(sweep_command_name(c));
    throw InputError(w.where("command"), fmt::format("'{}' is not one of: {}", command, fmt::join(names, ", ")));
  }
  spec.command = *named;
  const std::string mode = w.text("mode", "product");
  if (mode != "product" && mode != "zip")
    throw InputError(w.where("mode"), fmt::format("'{}' is not one of: product, zip", mode));
  spec.mode = mode == "zip" ? SweepMode::Zip : SweepMode::Product;
  const YamlMap axes = w.map("axes");
  std::set<std::string> seen;
  for (const std::string& path : axes.keys()) {
    if (!seen.insert(path).second) throw InputError(axes.where(path), "swept twice");
    spec.axes.push_back(read_axis(axes, path, keys));
  }
  if (spec.axes.empty()) throw InputError(w.where("axes"), "give at least one axis");
  check_sizes(spec);
  w.reject_unknown_keys();
  return spec;
}

}  // namespace fognas
