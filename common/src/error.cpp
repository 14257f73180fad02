#include "fognas/common/error.h"

#include <fmt/format.h>

namespace fognas {

InputError::InputError(std::string where, const std::string& what)
    : std::runtime_error(where.empty() ? what : where + ": " + what), where_(std::move(where)) {}

std::string location(const std::string& file, int line) {
  return line > 0 ? fmt::format("{}:{}", file, line) : file;
}

}  // namespace fognas
