#pragma once
// Small helpers shared by the test programs.
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "fognas/common/error.h"

namespace fognas::testing {

// The message of the InputError `f` throws, or "" when it throws none.
inline std::string input_error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

// Writes `text` to a file of that name in the system temp folder; returns its path.
inline std::string write_temp_file(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path.string();
}

}  // namespace fognas::testing
