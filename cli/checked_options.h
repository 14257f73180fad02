#pragma once
// Command-line values checked as they are parsed: numbers must be finite and in
// range, integers must be written as integers (2048.9 is not truncated, 2^32+2
// does not wrap, -1 never becomes a huge unsigned value), text must not be
// empty. Every problem is an InputError naming the option, e.g.
//   --factor: must be finite and >= 1e-06 and <= 1e+06, got inf
// and main prints it as one line and exits with status 1.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "fognas/common/error.h"
#include "fognas/common/parse.h"
#include "fognas/common/plot.h"

namespace fognas::cli {

// The range a real option must lie in.
struct RealRange {
  double lo, hi;
  bool lo_open = false;  // lo itself excluded
  bool hi_open = false;  // hi itself excluded

  bool contains(double v) const {
    return (lo_open ? v > lo : v >= lo) && (hi_open ? v < hi : v <= hi);
  }
  std::string describe() const {
    return fmt::format("{} {:g} and {} {:g}", lo_open ? ">" : ">=", lo, hi_open ? "<" : "<=", hi);
  }
};

inline RealRange positive_up_to(double hi) { return {0, hi, true, false}; }
// The fog efficiency factor, as the scenario key `factors` allows it.
inline const RealRange kFactorRange{1e-6, 1e6};

inline double parse_real_option(const std::string& option, const std::string& text, const RealRange& r) {
  const std::string t = trim(text);
  if (t.empty()) throw InputError(option, "expected a number, got nothing");
  errno = 0;
  char* end = nullptr;
  const double v = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size()) throw InputError(option, fmt::format("expected a number, got '{}'", t));
  if (errno == ERANGE || !std::isfinite(v) || !r.contains(v))
    throw InputError(option, fmt::format("must be finite and {}, got {}", r.describe(), t));
  return v;
}

inline int64_t parse_integer_option(const std::string& option, const std::string& text, int64_t lo, int64_t hi) {
  const std::string t = trim(text);
  if (t.empty()) throw InputError(option, "expected an integer, got nothing");
  errno = 0;
  char* end = nullptr;
  const long long v = std::strtoll(t.c_str(), &end, 10);
  if (end != t.c_str() + t.size()) throw InputError(option, fmt::format("expected an integer, got '{}'", t));
  if (errno == ERANGE || v < lo || v > hi)
    throw InputError(option, fmt::format("must be an integer between {} and {}, got {}", lo, hi, t));
  return static_cast<int64_t>(v);
}

inline const std::string& nonempty_option(const std::string& option, const std::string& text) {
  if (text.empty()) throw InputError(option, "must not be empty");
  return text;
}

// The name an option is reported by: its longest name ("--factor"), or the
// positional's name.
inline std::string option_label(const std::string& names) {
  std::string best;
  size_t start = 0;
  while (start <= names.size()) {
    size_t comma = names.find(',', start);
    if (comma == std::string::npos) comma = names.size();
    std::string n = trim(names.substr(start, comma - start));
    if (n.size() > best.size()) best = n;
    start = comma + 1;
  }
  return best;
}

inline CLI::Option* add_real(CLI::App* cmd, const std::string& name, double& target, const std::string& help,
                             RealRange range) {
  const std::string label = option_label(name);
  auto* o = cmd->add_option_function<std::string>(
      name, [&target, label, range](const std::string& s) { target = parse_real_option(label, s, range); }, help);
  o->default_str(fmt::format("{:g}", target))->type_name("FLOAT");
  return o;
}

inline CLI::Option* add_real(CLI::App* cmd, const std::string& name, std::optional<double>& target,
                             const std::string& help, RealRange range) {
  const std::string label = option_label(name);
  return cmd
      ->add_option_function<std::string>(
          name, [&target, label, range](const std::string& s) { target = parse_real_option(label, s, range); }, help)
      ->type_name("FLOAT");
}

// T: a signed or unsigned integer type, or std::optional of one.
template <class T>
CLI::Option* add_integer(CLI::App* cmd, const std::string& name, T& target, const std::string& help, int64_t lo,
                         int64_t hi) {
  const std::string label = option_label(name);
  auto* o = cmd->add_option_function<std::string>(
      name,
      [&target, label, lo, hi](const std::string& s) {
        const int64_t v = parse_integer_option(label, s, lo, hi);
        if constexpr (std::is_integral_v<T>) {
          target = static_cast<T>(v);
        } else {
          target = static_cast<typename T::value_type>(v);
        }
      },
      help);
  if constexpr (std::is_integral_v<T>) o->default_str(std::to_string(target));
  return o->type_name("INT");
}

inline CLI::Option* add_text(CLI::App* cmd, const std::string& name, std::string& target, const std::string& help) {
  const std::string label = option_label(name);
  auto* o = cmd->add_option_function<std::string>(
      name, [&target, label](const std::string& s) { target = nonempty_option(label, s); }, help);
  if (!target.empty()) o->default_str(target);
  return o->type_name("TEXT");
}

inline CLI::Option* add_text(CLI::App* cmd, const std::string& name, std::optional<std::string>& target,
                             const std::string& help) {
  const std::string label = option_label(name);
  return cmd
      ->add_option_function<std::string>(
          name, [&target, label](const std::string& s) { target = nonempty_option(label, s); }, help)
      ->type_name("TEXT");
}

// A repeatable option or a list: every item must be non-empty.
inline CLI::Option* add_texts(CLI::App* cmd, const std::string& name, std::vector<std::string>& target,
                              const std::string& help) {
  const std::string label = option_label(name);
  return cmd
      ->add_option_function<std::vector<std::string>>(
          name,
          [&target, label](const std::vector<std::string>& items) {
            if (items.empty()) throw InputError(label, "must not be empty");
            for (const auto& s : items) nonempty_option(label, s);
            target = items;
          },
          help)
      ->type_name("TEXT");
}

// --figure-width column|page (report and study): figures drawn for one IEEE
// column (3.5 in) or the whole page (7.16 in); `name` keeps the word given.
inline CLI::Option* add_figure_width(CLI::App* cmd, std::string& name) {
  return cmd->add_option("--figure-width", name, "figures for one IEEE column (3.5 in) or the page (7.16 in)")
      ->check(CLI::IsMember({"column", "page"}));
}
inline FigureWidth figure_width_named(const std::string& name) {
  return name == "page" ? FigureWidth::Page : FigureWidth::Column;
}

}  // namespace fognas::cli
