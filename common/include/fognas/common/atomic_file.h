#pragma once
// Results are written to a temporary file beside the target and renamed into
// place, so a crash or a kill never leaves a half-written result behind.
#include <cstdint>
#include <filesystem>
#include <string>

namespace fognas {

void write_file_atomically(const std::filesystem::path& path, const std::string& contents);

// The whole file. A folder, a missing file or one larger than `max_bytes`
// throws InputError naming the path.
// File-system probes for paths given by users: a path that cannot be probed
// (too long, no permission) counts as absent instead of throwing.
bool path_is_file(const std::filesystem::path& path);
bool path_is_folder(const std::filesystem::path& path);
bool path_exists(const std::filesystem::path& path);

std::string read_file(const std::filesystem::path& path, std::uintmax_t max_bytes = UINTMAX_MAX);

// Throws InputError naming `path` unless it is a readable regular file (a
// folder is reported as such); `what` says what was expected ("EDF file").
void require_regular_file(const std::filesystem::path& path, const std::string& what);

}  // namespace fognas
