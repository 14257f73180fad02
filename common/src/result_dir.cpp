#include "fognas/common/result_dir.h"

#include <fmt/format.h>

#include <system_error>

#include <unistd.h>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"

namespace fognas {

namespace fs = std::filesystem;

namespace {

fs::path checked_folder(const fs::path& dir, const char* option) {
  // "out/" names "out"; ".", ".." and "/" name no folder of their own.
  const fs::path folder = dir.has_filename() ? dir : dir.parent_path();
  const fs::path name = folder.filename();
  if (name.empty() || name == "." || name == "..")
    throw InputError(option, fmt::format("'{}' does not name a folder", dir.string()));
  const fs::path parent = folder.has_parent_path() ? folder.parent_path() : fs::path(".");
  if (!path_is_folder(parent))
    throw InputError(option, fmt::format("'{}': its parent folder '{}' does not exist (only the last level is "
                                         "created)", dir.string(), parent.string()));
  if (path_exists(folder) && !path_is_folder(folder))
    throw InputError(option, fmt::format("'{}' exists and is not a folder", dir.string()));
  return folder;
}

}  // namespace

void prepare_output_file(const fs::path& file, const char* option) {
  if (!file.has_filename() || file.filename() == "." || file.filename() == "..")
    throw InputError(option, fmt::format("'{}' does not name a file", file.string()));
  if (!file.has_parent_path() || path_is_folder(file.parent_path())) return;
  const fs::path folder = checked_folder(file.parent_path(), option);
  std::error_code ec;
  fs::create_directory(folder, ec);
  if (ec) throw InputError(option, fmt::format("cannot create '{}': {}", folder.string(), ec.message()));
}

ResultDir::ResultDir(const fs::path& dir, const char* option, OnFailure on_failure, bool resume)
    : final_(checked_folder(dir, option)), on_failure_(on_failure) {
  work_ = final_;
  work_ += ".partial";
  std::error_code ec;
  if (!resume) fs::remove_all(work_, ec);
  // Resuming a run that finished: continue from its folder's checkpoint.
  if (resume && !path_exists(work_) && path_is_folder(final_)) fs::copy(final_, work_, fs::copy_options::recursive, ec);
  if (ec) throw InputError(work_.string(), "cannot copy the finished run to resume it: " + ec.message());
  fs::create_directory(work_, ec);
  if (ec) throw InputError(work_.string(), "cannot create the working folder: " + ec.message());
}

ResultDir::~ResultDir() {
  if (committed_ || on_failure_ == OnFailure::Keep) return;
  std::error_code ec;
  fs::remove_all(work_, ec);  // nothing to report from a destructor; the earlier DIR is untouched
}

void ResultDir::commit() {
  fs::path aside = final_;
  aside += ".old." + std::to_string(::getpid());
  std::error_code ec;
  const bool had_earlier = path_exists(final_);
  if (had_earlier) {
    fs::rename(final_, aside, ec);
    if (ec) throw InputError(final_.string(), "cannot move the earlier results aside: " + ec.message());
  }
  fs::rename(work_, final_, ec);
  if (ec) {
    if (had_earlier) fs::rename(aside, final_, ec);
    throw InputError(final_.string(), "cannot move the new results into place");
  }
  committed_ = true;
  if (had_earlier) fs::remove_all(aside, ec);
}

}  // namespace fognas
