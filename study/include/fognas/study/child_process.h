#pragma once
// Runs this same executable as a child process. A sweep runs each point this
// way: the point's command is exactly what a user would run alone, and
// simulations (ns-3 keeps one simulator per process) can run side by side.
#include <string>
#include <vector>

namespace fognas::study {

// Runs `fognas ARGS...` with stdout and stderr appended to `log_file`; returns
// its exit status (128 + signal number when a signal ended it).
int run_fognas(const std::vector<std::string>& args, const std::string& log_file);

// The last `lines` lines of a text file (a failed point's log), indented.
std::string tail_of(const std::string& file, int lines);

}  // namespace fognas::study
