#pragma once
// Which files of a result folder are fognas's. Every command that writes a
// folder leaves DIR/.fognas-output.json in it: the command that wrote it and
// each file it wrote, by path relative to DIR, with the SHA-256 of its bytes.
// No timestamps, and no hash for the files that differ from run to run by
// design (wall-clock times, provenance, PDF creation dates), so the same run
// writes the same list and committed result folders stay unchanged.
//
// A file below DIR is fognas's when a list in DIR, or in a folder between DIR
// and the file (a report's tables/ inside a sweep's folder, a sweep's points),
// names it with the bytes it still has. Anything else, a user's notes or a
// script the user restyled, is the user's, and a command replaces a folder
// only after carrying the user's files into the new one.
#include <filesystem>
#include <string>
#include <vector>

namespace fognas {

inline constexpr const char* kOutputListName = ".fognas-output.json";

// Lists every regular file below `folder` into folder/.fognas-output.json
// (written atomically), as written by `command` (e.g. "fognas simulate").
void write_output_list(const std::filesystem::path& folder, const std::string& command);

bool has_output_list(const std::filesystem::path& folder);

// The "written_by" of folder's list; throws InputError naming the list when it
// is missing or unreadable.
std::string output_list_command(const std::filesystem::path& folder);

// A folder a fognas command wrote: it holds a list, or the folder holding it
// has a list naming files in it (a study writes its tables/ itself, and a
// report may replace them).
bool written_by_fognas(const std::filesystem::path& folder);

// Files below `folder` that are not fognas's (see above, where the lists of
// folder's own parent count too), relative to it and sorted. Output lists
// themselves always count as fognas's.
std::vector<std::filesystem::path> user_files(const std::filesystem::path& folder);

// Every entry below `folder` that is not a folder (files, links), relative to
// it and sorted; links are not followed.
std::vector<std::filesystem::path> files_below(const std::filesystem::path& folder);

// The first entry (file or folder, by name) directly in `folder`; empty when
// it holds nothing.
std::filesystem::path first_entry(const std::filesystem::path& folder);

}  // namespace fognas
