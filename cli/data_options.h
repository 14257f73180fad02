#pragma once
// The data options `train` shares with the scenario keys data.normalise,
// data.classes and data.split, checked the same way: a name that does not
// exist is an InputError naming the option.
#include <fmt/format.h>

#include <string>

#include "fognas/common/error.h"
#include "fognas/common/yaml.h"
#include "fognas/data/baselines.h"
#include "fognas/data/load.h"
#include "fognas/data/split.h"
#include "fognas/scenario/scenario.h"

namespace fognas::cli {

inline std::optional<Normalisation> normalisation_option(const std::string& text) {
  if (text.empty()) return std::nullopt;
  if (auto n = normalisation_from_string(text)) return n;
  throw InputError("--normalise", fmt::format("'{}' is not one of: window, recording, training-set", text));
}

inline SplitUnit split_option(const std::string& text) {
  if (auto u = split_unit_from_string(text)) return *u;
  throw InputError("--split", fmt::format("'{}' is not one of: window, record", text));
}

// --classes in the scenario's own syntax: [N, S, V] or {seizure: [E], non-seizure: [A, B]}.
inline std::vector<ClassGroup> classes_option(const std::string& text) {
  if (text.empty()) return {};
  YamlMap m(load_yaml_string("classes: " + text, "--classes"), "--classes");
  std::vector<ClassGroup> out;
  for (auto& [name, sources] : read_class_choice(m, "classes")) out.push_back({name, sources});
  return out;
}

// The baselines beside the network's test accuracy, one line each.
inline std::string baselines_text(const std::vector<Baseline>& baselines, const std::vector<std::string>& classes) {
  std::string s = "baselines on the same split (fitted on train, scored on test):\n";
  for (const Baseline& b : baselines) {
    if (b.name == "majority")
      s += fmt::format("  {:<13} test {:.3f}  (always {})\n", b.name, b.test_accuracy,
                       classes.at(static_cast<size_t>(b.below_label)));
    else
      s += fmt::format("  {:<13} test {:.3f}  (<= {:.4g}: {}, above: {})\n", b.name, b.test_accuracy, b.threshold,
                       classes.at(static_cast<size_t>(b.below_label)), classes.at(static_cast<size_t>(b.above_label)));
  }
  return s;
}

}  // namespace fognas::cli
