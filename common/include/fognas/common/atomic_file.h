#pragma once
// Results are written to a temporary file beside the target and renamed into
// place, so a crash or a kill never leaves a half-written result behind.
#include <filesystem>
#include <string>

namespace fognas {

void write_file_atomically(const std::filesystem::path& path, const std::string& contents);

std::string read_file(const std::filesystem::path& path);

}  // namespace fognas
