#pragma once
// What every command of study/ is given: the scenario with its overrides,
// where to write, whether to show progress, and the command line as run.
#include <string>
#include <vector>

namespace fognas::study {

struct RunOptions {
  std::string scenario_file;
  std::vector<std::string> overrides;  // --set KEY=VALUE
  std::string out;                     // "" for the scenario's out
  bool quiet = false;                  // no progress on stderr
  std::string command_line;            // as run, for manifest.json
};

}  // namespace fognas::study
