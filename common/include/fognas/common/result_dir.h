#pragma once
// A result folder written as a unit. A run works in DIR.partial beside DIR and
// swaps it into place only when it succeeds, so rerunning a scenario replaces
// its earlier results whole, and a failed or interrupted run leaves them
// byte-identical. Only the last level of DIR is ever created: its parent must
// exist, so a mistyped --out cannot scatter folders over the file system.
//
// fognas never deletes what it did not write. DIR must be absent, empty, or a
// folder a fognas command wrote (it holds the list of output_list.h); any
// other folder is refused before the run starts. When DIR is replaced, the
// files in it that are not fognas's (a user's notes, a restyled plot script)
// are carried into the new DIR and named on stderr; a changed file the new run
// writes again is kept beside it as NAME.kept. DIR.partial is likewise only
// cleared when fognas marked it as its own.
#include <filesystem>
#include <string>

namespace fognas {

// The file that marks DIR.partial as fognas's while a run works in it.
inline constexpr char kPartialMarkFile[] = ".fognas-partial";

class ResultDir {
 public:
  enum class OnFailure {
    Discard,  // the partial folder is removed unless commit() ran
    Keep,     // it stays (a search keeps its checkpoint there for --resume)
  };

  // Throws InputError (naming `option`) when DIR's parent does not exist, DIR
  // is not a folder name, or DIR or DIR.partial holds files fognas did not
  // write. Starts DIR.partial afresh unless `resume`, which keeps it (or,
  // after a finished run, starts it with a copy of DIR's fognas files).
  // `command` ("fognas simulate") goes into the folder's list of files.
  ResultDir(const std::filesystem::path& dir, const char* option, std::string command, OnFailure on_failure,
            bool resume = false);
  ~ResultDir();
  ResultDir(const ResultDir&) = delete;
  ResultDir& operator=(const ResultDir&) = delete;

  const std::filesystem::path& work() const { return work_; }    // DIR.partial: write here
  const std::filesystem::path& final() const { return final_; }  // DIR
  // Lists the files of DIR.partial as fognas's, replaces DIR by it and carries
  // the user's files of the earlier DIR over.
  void commit();

 private:
  std::filesystem::path aside_name() const;
  std::filesystem::path final_, work_;
  std::string command_;
  OnFailure on_failure_;
  bool committed_ = false;
};

// For a single output file (or a chart's stem) named by `option`: its folder
// may be created, but only that last level; its parent must exist.
void prepare_output_file(const std::filesystem::path& file, const char* option);

}  // namespace fognas
