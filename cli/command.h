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

// Thrown when a command ran but its answer is "no": exit with this code, after
// printing the message (e.g. limits that no partition point can meet).
struct CommandFailed : std::runtime_error {
  CommandFailed(const std::string& what, int code = 3) : std::runtime_error(what), exit_code(code) {}
  int exit_code;
};

}  // namespace fognas::cli
