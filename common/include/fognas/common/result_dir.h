#pragma once
// A result folder written as a unit. A run works in DIR.partial beside DIR and
// swaps it into place only when it succeeds, so rerunning a scenario replaces
// its earlier results whole, and a failed or interrupted run leaves them
// byte-identical. Only the last level of DIR is ever created: its parent must
// exist, so a mistyped --out cannot scatter folders over the file system.
#include <filesystem>

namespace fognas {

class ResultDir {
 public:
  enum class OnFailure {
    Discard,  // the partial folder is removed unless commit() ran
    Keep,     // it stays (a search keeps its checkpoint there for --resume)
  };

  // Throws InputError (naming `option`) when DIR's parent does not exist or
  // DIR is not a folder name. Starts DIR.partial afresh unless `resume`, which
  // keeps it (or, after a finished run, starts it as a copy of DIR).
  ResultDir(const std::filesystem::path& dir, const char* option, OnFailure on_failure, bool resume = false);
  ~ResultDir();
  ResultDir(const ResultDir&) = delete;
  ResultDir& operator=(const ResultDir&) = delete;

  const std::filesystem::path& work() const { return work_; }    // DIR.partial: write here
  const std::filesystem::path& final() const { return final_; }  // DIR
  // Replaces DIR by DIR.partial (an earlier DIR is moved aside, then removed).
  void commit();

 private:
  std::filesystem::path final_, work_;
  OnFailure on_failure_;
  bool committed_ = false;
};

// For a single output file (or a chart's stem) named by `option`: its folder
// may be created, but only that last level; its parent must exist.
void prepare_output_file(const std::filesystem::path& file, const char* option);

}  // namespace fognas
