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

// "file:line" in the usual compiler style; line 0 means "the whole file".
std::string location(const std::string& file, int line = 0);

}  // namespace fognas
