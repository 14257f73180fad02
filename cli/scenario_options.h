#pragma once
// Options every command that reads a scenario file shares: the file and
// --set KEY=VALUE overrides, checked by the scenario reader like the file's
// own values (fognas/scenario/scenario.h).
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "checked_options.h"

namespace fognas::cli {

struct ScenarioOptions {
  std::string file;
  std::vector<std::string> overrides;

  void add_to(CLI::App* cmd, const std::string& example) {
    add_text(cmd, "scenario", file, "scenario YAML, e.g. " + example)->required();
    add_texts(cmd, "--set", overrides,
              "override a scenario key, e.g. --set training.epochs=1 --set factors=[1,2] (repeatable)")
        ->allow_extra_args(false);
  }
};

}  // namespace fognas::cli
