// fognas: energy-aware NAS and DNN partitioning for wearables with fog offload.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>

#include "command.h"
#include "fognas/common/error.h"
#include "fognas/common/interrupt.h"
#include "fognas/common/mpi_workers.h"

namespace fognas::cli {

std::vector<RegisteredCommand>& registered_commands() {
  static std::vector<RegisteredCommand> commands;
  return commands;
}

namespace {
std::string& command_line_text() {
  static std::string text;
  return text;
}
}  // namespace

const std::string& command_line() { return command_line_text(); }

void set_command_line(int argc, char** argv) {
  std::string& text = command_line_text();
  text = "fognas";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool plain = !arg.empty() && arg.find_first_of(" \t\n'\"\\$`*?;&|<>()") == std::string::npos;
    text += " ";
    if (plain) {
      text += arg;
    } else {
      text += "'";
      for (char c : arg) text += c == '\'' ? std::string("'\\''") : std::string(1, c);
      text += "'";
    }
  }
}

Command::Command(std::string name, CommandSetup setup) {
  registered_commands().push_back({std::move(name), std::move(setup)});
}

}  // namespace fognas::cli

namespace {

// Under mpirun only rank 0 speaks: the other ranks run the same command to
// serve its tasks, and rank 0 reports their failures.
void silence_other_ranks() {
  if (fognas::mpi::rank() == 0) return;
  // Best effort: a rank whose output cannot be redirected still works.
  if (std::freopen("/dev/null", "w", stdout) != nullptr) (void)std::freopen("/dev/null", "w", stderr);
}

int run_command(CLI::App& app, int argc, char** argv);

}  // namespace

int main(int argc, char** argv) {
  using namespace fognas;
  install_interrupt_handlers();
  if (!mpi::start(&argc, &argv)) return 2;
  silence_other_ranks();
  cli::set_command_line(argc, argv);
  CLI::App app{"fognas: energy-aware neural-architecture search and DNN partitioning for wearables with fog offload"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "fognas 0.1.0");
  auto& commands = cli::registered_commands();
  std::sort(commands.begin(), commands.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  for (const auto& c : commands) c.setup(app);
  const int status = run_command(app, argc, argv);
  mpi::finish();
  return status;
}

namespace {

// "fognas frobnicate": the parser would only say that a subcommand is
// required; name the word and the commands there are.
bool unknown_command(int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return false;
  const auto& commands = fognas::cli::registered_commands();
  if (std::any_of(commands.begin(), commands.end(), [&](const auto& c) { return c.name == argv[1]; })) return false;
  std::string names;
  for (const auto& c : commands) names += (names.empty() ? "" : ", ") + c.name;
  std::fprintf(stderr, "fognas: error: unknown command '%s'; the commands are: %s\n", argv[1], names.c_str());
  return true;
}

int run_command(CLI::App& app, int argc, char** argv) {
  using namespace fognas;
  if (unknown_command(argc, argv)) return 2;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() != 0) {
      std::fprintf(stderr, "fognas: error: %s\n", e.what());
      return 2;
    }
    return app.exit(e);
  } catch (const CommandFailed& e) {
    std::fprintf(stderr, "fognas: %s\n", e.what());
    return e.exit_code;
  } catch (const InfeasibleError& e) {
    std::fprintf(stderr, "fognas: %s\n", e.what());
    return 3;
  } catch (const InputError& e) {
    std::fprintf(stderr, "fognas: error: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fognas: error: %s\n", e.what());
    return 1;
  }
  return 0;
}

}  // namespace
