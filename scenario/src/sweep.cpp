// Expansion of a sweep into points. Reading the section is in scenario.cpp
// (read_sweep), beside the other sections; here are the arithmetic and names.
#include "fognas/scenario/sweep.h"

#include <stdexcept>

namespace fognas {

size_t SweepSpec::point_count() const {
  if (axes.empty()) return 1;
  if (mode == SweepMode::Zip) return axes.front().values.size();
  size_t n = 1;
  for (const SweepAxis& a : axes) n *= a.values.size();  // bounded by the reader (kMaxSweepPoints)
  return n;
}

std::vector<std::pair<std::string, std::string>> SweepSpec::point(size_t index) const {
  if (index >= point_count()) throw std::out_of_range("sweep point index");
  std::vector<std::pair<std::string, std::string>> out(axes.size());
  if (mode == SweepMode::Zip) {
    for (size_t a = 0; a < axes.size(); ++a) out[a] = {axes[a].path, axes[a].values[index]};
    return out;
  }
  // Mixed radix, last axis least significant (fastest).
  for (size_t a = axes.size(); a-- > 0;) {
    const size_t n = axes[a].values.size();
    out[a] = {axes[a].path, axes[a].values[index % n]};
    index /= n;
  }
  return out;
}

std::string sweep_column(const std::string& path) {
  std::string out;
  for (char c : path) {
    if (c == '.' || c == '[' || c == '-') out += '_';
    else if (c != ']') out += c;
  }
  return out;
}

const char* sweep_command_name(SweepCommand command) {
  switch (command) {
    case SweepCommand::Evaluate: return "evaluate";
    case SweepCommand::Simulate: return "simulate";
    case SweepCommand::Search: return "search";
    case SweepCommand::ValidateSplits: return "validate-splits";
  }
  return "?";
}

const std::vector<SweepCommand>& sweep_commands() {
  static const std::vector<SweepCommand> commands = {SweepCommand::Evaluate, SweepCommand::Simulate,
                                                     SweepCommand::Search, SweepCommand::ValidateSplits};
  return commands;
}

std::optional<SweepCommand> sweep_command_named(const std::string& name) {
  for (SweepCommand c : sweep_commands())
    if (name == sweep_command_name(c)) return c;
  return std::nullopt;
}

}  // namespace fognas
