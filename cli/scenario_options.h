#pragma once
// Options every command that reads a scenario file shares: the file and
// --set KEY=VALUE overrides, checked by the scenario reader like the file's
// own values (fognas/scenario/scenario.h).
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace fognas::cli {

struct ScenarioOptions {
  std::string file;
  std::vector<std::string> overrides;

  void add_to(CLI::App* cmd, const std::string& example) {
    cmd->add_option("scenario", file, "scenario YAML, e.g. " + example)->required();
    cmd->add_option("--set", overrides,
                    "override a scenario key, e.g. --set training.epochs=1 --set factors=[1,2] (repeatable)")
        ->allow_extra_args(false);
  }
};

}  // namespace fognas::cli
