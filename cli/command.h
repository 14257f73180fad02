#pragma once
// Subcommand registration: each cmd_*.cpp defines a static Command that adds its
// subcommand to the app. Errors are thrown (InputError) and reported by main.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <functional>
#include <thread>
#include <string>
#include <vector>

namespace fognas::cli {

using CommandSetup = std::function<void(CLI::App& app)>;

struct Command {
  Command(std::string name, CommandSetup setup);
};

struct RegisteredCommand {
  std::string name;
  CommandSetup setup;
};
std::vector<RegisteredCommand>& registered_commands();

// The machine's cores (at least 1): the default and bound of --jobs.
inline int hardware_cores() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

// The command line as run ("fognas evaluate scenarios/x.yaml"), for manifest.json.
const std::string& command_line();
void set_command_line(int argc, char** argv);

}  // namespace fognas::cli
