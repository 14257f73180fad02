#pragma once
// A profile a fit command writes starts with a header line of its own; a file
// that starts with it may be replaced by the next fit, any other is the user's.
#include <fmt/format.h>

#include <fstream>
#include <string>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"

namespace fognas::cli {

// InputError naming --out when `out` exists and does not start with `header`.
inline void require_fitted_or_absent(const std::string& out, const std::string& header, const char* command) {
  if (!path_exists(out)) return;
  std::string first;
  if (path_is_file(out) && std::getline(std::ifstream(out), first) && first + "\n" == header) return;
  throw InputError("--out", fmt::format("'{}' exists and was not written by {}; give a new file name", out, command));
}

}  // namespace fognas::cli
