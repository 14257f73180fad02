#include "fognas/common/output_list.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <system_error>

#include <nlohmann/json.hpp>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/common/manifest.h"

namespace fognas {

namespace fs = std::filesystem;

namespace {

// Files whose bytes differ between two runs of the same command by design:
// listed without a hash, so they count as fognas's whatever they hold.
bool varies_by_design(const fs::path& file) {
  const std::string name = file.filename().string();
  return name == "timing.json" || name == "manifest.json" || file.extension() == ".pdf";
}

// A regular file that is not a link to one: only those are fognas's outputs.
bool regular_not_link(const fs::path& p) {
  std::error_code ec;
  return fs::symlink_status(p, ec).type() == fs::file_type::regular;
}

}  // namespace

std::vector<fs::path> files_below(const fs::path& folder) {
  std::vector<fs::path> out;
  std::error_code ec;
  // Relative to `folder` as written (links are not followed, nor resolved:
  // a link is listed under its own name).
  const fs::path base = folder.has_filename() ? folder : folder.parent_path();  // "out/" is "out"
  for (fs::recursive_directory_iterator it(base, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_directory(ec) && !it->is_symlink(ec)) continue;
    out.push_back(it->path().lexically_relative(base));
  }
  if (ec) throw InputError(folder.string(), "cannot list the folder: " + ec.message());
  std::sort(out.begin(), out.end());
  return out;
}

namespace {

// A folder's list as file -> hash (nullopt: listed without a hash).
using Listing = std::map<std::string, std::optional<std::string>>;

Listing read_listing(const fs::path& folder) {
  const fs::path file = folder / kOutputListName;
  Listing listing;
  try {
    const nlohmann::json j = nlohmann::json::parse(read_file(file, 64u << 20));
    for (const auto& [name, hash] : j.at("files").items())
      listing[name] = hash.is_null() ? std::nullopt : std::optional<std::string>(hash.get<std::string>());
  } catch (const nlohmann::json::exception& e) {
    throw InputError(file.string(), fmt::format("unreadable list of fognas's files ({}); move the folder away "
                                                "or remove this file to have fognas treat every file as yours",
                                                e.what()));
  }
  return listing;
}

}  // namespace

void write_output_list(const fs::path& folder, const std::string& command) {
  nlohmann::json files = nlohmann::json::object();
  for (const fs::path& rel : files_below(folder)) {
    if (rel.filename() == kOutputListName && rel.parent_path().empty()) continue;
    if (!regular_not_link(folder / rel)) continue;  // a link or a socket is nobody's output
    files[rel.generic_string()] = varies_by_design(rel) ? nlohmann::json(nullptr)
                                                        : nlohmann::json(sha256_file(folder / rel));
  }
  const nlohmann::json list = {{"written_by", command}, {"files", files}};
  write_file_atomically(folder / kOutputListName, list.dump(1) + "\n");
}

bool has_output_list(const fs::path& folder) { return path_is_file(folder / kOutputListName); }

std::string output_list_command(const fs::path& folder) {
  const fs::path file = folder / kOutputListName;
  try {
    return nlohmann::json::parse(read_file(file, 64u << 20)).at("written_by").get<std::string>();
  } catch (const nlohmann::json::exception& e) {
    throw InputError(file.string(), fmt::format("unreadable list of fognas's files ({})", e.what()));
  }
}

namespace {

bool listed_unchanged_in(const Listing& list, const std::string& key, const fs::path& file) {
  const auto entry = list.find(key);
  return entry != list.end() && regular_not_link(file) && (!entry->second || *entry->second == sha256_file(file));
}

fs::path parent_of(const fs::path& folder) { return folder.has_parent_path() ? folder.parent_path() : fs::path("."); }

// The list of the folder holding `folder`, when that is a fognas folder too.
std::optional<Listing> parent_listing(const fs::path& folder) {
  if (!has_output_list(parent_of(folder))) return std::nullopt;
  return read_listing(parent_of(folder));
}

}  // namespace

std::vector<fs::path> user_files(const fs::path& folder) {
  std::map<fs::path, Listing> lists;  // by the listing folder, relative to `folder`
  const std::vector<fs::path> entries = files_below(folder);
  for (const fs::path& rel : entries)
    if (rel.filename() == kOutputListName) lists[rel.parent_path()] = read_listing(folder / rel.parent_path());
  const std::optional<Listing> above = parent_listing(folder);
  auto listed_unchanged = [&](const fs::path& rel) {
    for (fs::path at = rel.parent_path();; at = at.parent_path()) {
      const auto list = lists.find(at);
      if (list != lists.end() &&
          listed_unchanged_in(list->second, (at.empty() ? rel : rel.lexically_relative(at)).generic_string(),
                              folder / rel))
        return true;
      if (at.empty()) break;
    }
    return above && listed_unchanged_in(*above, (folder.filename() / rel).generic_string(), folder / rel);
  };
  std::vector<fs::path> out;
  for (const fs::path& rel : entries)
    if (rel.filename() != kOutputListName && !listed_unchanged(rel)) out.push_back(rel);
  return out;
}

bool written_by_fognas(const fs::path& folder) {
  if (has_output_list(folder)) return true;
  const std::optional<Listing> above = parent_listing(folder);
  if (!above) return false;
  const std::string prefix = folder.filename().generic_string() + "/";
  return std::any_of(above->begin(), above->end(), [&](const auto& entry) { return entry.first.rfind(prefix, 0) == 0; });
}

fs::path first_entry(const fs::path& folder) {
  fs::path first;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
    if (first.empty() || it->path().filename() < first) first = it->path().filename();
  return first;
}

}  // namespace fognas
