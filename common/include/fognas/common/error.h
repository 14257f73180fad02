#pragma once
// One exception type for bad input. It carries where the problem is (a file and
// line, a YAML key, a command-line option) so `main` can print it as one line.
#include <stdexcept>
#include <string>

namespace fognas {

class InputError : public std::runtime_error {
 public:
  InputError(std::string where, const std::string& what);
  const std::string& where() const { return where_; }

 private:
  std::string where_;
};

// Valid input that no partition point can satisfy (Flash, RAM): the command
// ran, and the answer is "infeasible". main exits with status 3 for it.
class InfeasibleError : public InputError {
 public:
  using InputError::InputError;
};

// A command ran but its answer is "no" (a stage or a point failed, nothing was
// delivered): main prints the message and exits with `exit_code`.
class CommandFailed : public std::runtime_error {
 public:
  explicit CommandFailed(const std::string& what, int code = 3) : std::runtime_error(what), exit_code(code) {}
  int exit_code;
};

// "file:line" in the usual compiler style; line 0 means "the whole file".
std::string location(const std::string& file, int line = 0);

}  // namespace fognas
