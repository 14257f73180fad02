#include "fognas/common/result_dir.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <system_error>
#include <vector>

#include <unistd.h>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/common/interrupt.h"
#include "fognas/common/output_list.h"

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

// fognas clears or replaces an empty folder, or one it wrote; any other is refused.
void refuse_unless_empty(const fs::path& folder, const char* option) {
  const fs::path first = first_entry(folder);
  if (first.empty()) return;
  throw InputError(option, fmt::format("'{}' holds files fognas did not write (e.g. '{}'); give an empty or new "
                                       "folder, or one a fognas command wrote", folder.string(), first.string()));
}

void copy_fognas_files(const fs::path& from, const fs::path& to) {
  const std::vector<fs::path> theirs = user_files(from);
  std::error_code ec;
  for (const fs::path& rel : files_below(from)) {
    if (std::binary_search(theirs.begin(), theirs.end(), rel)) continue;
    fs::create_directories((to / rel).parent_path(), ec);
    if (!ec) fs::copy_file(from / rel, to / rel, fs::copy_options::overwrite_existing, ec);
    if (ec) throw InputError((to / rel).string(), "cannot copy the finished run to resume it: " + ec.message());
  }
}

// Where a user's file goes in the new folder: its own place, or NAME.kept
// (NAME.kept2, ...) beside a file of the same name the new run wrote.
fs::path free_place(const fs::path& folder, const fs::path& rel) {
  if (!path_exists(folder / rel)) return rel;
  for (int n = 1;; ++n) {
    fs::path kept = rel;
    kept += n == 1 ? ".kept" : fmt::format(".kept{}", n);
    if (!path_exists(folder / kept)) return kept;
  }
}

// The lists of the folders between `rel` and the top, where the new folder
// has none, so that a report may again write into a folder holding user files.
void carry_enclosing_lists(const fs::path& from, const fs::path& to, const fs::path& rel) {
  std::error_code ec;
  for (fs::path at = rel.parent_path(); !at.empty(); at = at.parent_path())
    if (has_output_list(from / at) && !path_exists(to / at / kOutputListName))
      fs::copy_file(from / at / kOutputListName, to / at / kOutputListName, ec);
}

// Moves the user's files from the earlier folder (moved aside) into the new
// one. True when every one of them moved.
bool carry_user_files(const fs::path& aside, const fs::path& final, const std::vector<fs::path>& files) {
  bool all = true;
  for (const fs::path& rel : files) {
    const fs::path place = free_place(final, rel);
    std::error_code ec;
    fs::create_directories((final / place).parent_path(), ec);
    if (!ec) fs::rename(aside / rel, final / place, ec);
    if (ec) {
      all = false;
      std::fprintf(stderr, "fognas: could not carry '%s' into the new results (%s); it stays in '%s'\n",
                   rel.string().c_str(), ec.message().c_str(), aside.string().c_str());
      continue;
    }
    carry_enclosing_lists(aside, final, rel);
    if (place == rel)
      std::fprintf(stderr, "fognas: kept '%s' (not written by fognas) in the new results\n",
                   (final / rel).string().c_str());
    else
      std::fprintf(stderr, "fognas: kept your changed '%s' as '%s' beside the new one\n", rel.string().c_str(),
                   (final / place).string().c_str());
  }
  return all;
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

ResultDir::ResultDir(const fs::path& dir, const char* option, std::string command, OnFailure on_failure, bool resume)
    : final_(checked_folder(dir, option)), command_(std::move(command)), on_failure_(on_failure) {
  work_ = final_;
  work_ += ".partial";
  if (path_exists(work_) && !path_is_folder(work_))
    throw InputError(option, fmt::format("'{}' exists and is not a folder", work_.string()));
  if (path_is_folder(final_) && !written_by_fognas(final_)) refuse_unless_empty(final_, option);
  if (path_is_folder(work_) && !path_is_file(work_ / kPartialMarkFile)) refuse_unless_empty(work_, option);
  std::error_code ec;
  if (!resume) fs::remove_all(work_, ec);
  // Resuming a run that finished: continue from its folder's checkpoint.
  const bool copy_finished = resume && !path_exists(work_) && path_is_folder(final_);
  fs::create_directory(work_, ec);
  if (ec) throw InputError(work_.string(), "cannot create the working folder: " + ec.message());
  write_file_atomically(work_ / kPartialMarkFile, command_ + "\n");  // ours before anything goes in
  if (copy_finished) copy_fognas_files(final_, work_);
  set_interrupt_note(on_failure_ == OnFailure::Keep
                         ? fmt::format("'{}' is unchanged; the run so far is in '{}' (--resume continues it)",
                                       final_.string(), work_.string())
                         : fmt::format("'{}' is unchanged", final_.string()));
}

ResultDir::~ResultDir() {
  if (committed_ || on_failure_ == OnFailure::Keep) return;
  std::error_code ec;
  fs::remove_all(work_, ec);  // nothing to report from a destructor; the earlier DIR is untouched
}

// A name beside DIR that nothing holds yet, for the earlier DIR while the new
// one moves in.
fs::path ResultDir::aside_name() const {
  for (int n = 0;; ++n) {
    fs::path aside = final_;
    aside += fmt::format(".old.{}{}", ::getpid(), n == 0 ? std::string() : fmt::format(".{}", n));
    if (!path_exists(aside)) return aside;
  }
}

void ResultDir::commit() {
  InterruptsHeld held;  // DIR is never half replaced
  const bool had_earlier = path_exists(final_);
  // Everything that may fail before the swap, while DIR.partial is still marked.
  const std::vector<fs::path> theirs = had_earlier ? user_files(final_) : std::vector<fs::path>{};
  const fs::path aside = aside_name();
  std::error_code ec;
  fs::remove(work_ / kPartialMarkFile, ec);
  auto mark_again = [this] { write_file_atomically(work_ / kPartialMarkFile, command_ + "\n"); };  // ours, for --resume
  try {
    write_output_list(work_, command_);
  } catch (...) {
    mark_again();
    throw;
  }
  if (had_earlier) {
    fs::rename(final_, aside, ec);
    if (ec) {
      mark_again();
      throw InputError(final_.string(), "cannot move the earlier results aside: " + ec.message());
    }
  }
  fs::rename(work_, final_, ec);
  if (ec) {
    const std::string why = ec.message();
    if (had_earlier) fs::rename(aside, final_, ec);
    if (had_earlier && ec)
      throw InputError(final_.string(), fmt::format("cannot move the new results into place ({}); the earlier "
                                                    "results are in '{}'", why, aside.string()));
    mark_again();
    throw InputError(final_.string(), "cannot move the new results into place: " + why);
  }
  committed_ = true;
  set_interrupt_note("");
  if (had_earlier && carry_user_files(aside, final_, theirs)) fs::remove_all(aside, ec);
}

}  // namespace fognas
