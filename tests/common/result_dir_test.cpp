// Result folders are replaced whole or not at all.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "fognas/common/error.h"
#include "fognas/common/result_dir.h"
#include "fognas/common/atomic_file.h"

namespace fognas {
namespace {

namespace fs = std::filesystem;
std::string slurp(const fs::path& p) { return read_file(p); }

fs::path fresh(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

TEST(ResultDir, ASuccessfulRunReplacesTheEarlierFolderWhole) {
  const fs::path root = fresh("fognas-resultdir-commit");
  fs::create_directory(root / "out");
  std::ofstream(root / "out" / "stale.csv") << "old\n";
  {
    ResultDir dir(root / "out", "--out", ResultDir::OnFailure::Discard);
    EXPECT_EQ(dir.work(), root / "out.partial");
    std::ofstream(dir.work() / "new.csv") << "new\n";
    dir.commit();
  }
  EXPECT_FALSE(fs::exists(root / "out" / "stale.csv"));
  EXPECT_EQ(slurp(root / "out" / "new.csv"), "new\n");
  EXPECT_FALSE(fs::exists(root / "out.partial"));
  fs::remove_all(root);
}

TEST(ResultDir, AFailedRunLeavesTheEarlierFolderAsItWas) {
  const fs::path root = fresh("fognas-resultdir-fail");
  fs::create_directory(root / "out");
  std::ofstream(root / "out" / "table.csv") << "kept\n";
  try {
    ResultDir dir(root / "out", "--out", ResultDir::OnFailure::Discard);
    std::ofstream(dir.work() / "table.csv") << "half\n";
    throw std::runtime_error("the run failed");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(slurp(root / "out" / "table.csv"), "kept\n");
  EXPECT_FALSE(fs::exists(root / "out.partial"));
  {
    ResultDir keep(root / "out", "--out", ResultDir::OnFailure::Keep);  // a search keeps its checkpoint
  }
  EXPECT_TRUE(fs::exists(root / "out.partial"));
  fs::remove_all(root);
}

TEST(ResultDir, OnlyTheLastLevelIsCreated) {
  const fs::path root = fresh("fognas-resultdir-levels");
  EXPECT_THROW(ResultDir(root / "a" / "b", "--out", ResultDir::OnFailure::Discard), InputError);
  EXPECT_FALSE(fs::exists(root / "a"));
  EXPECT_THROW(ResultDir(root / "..", "--out", ResultDir::OnFailure::Discard), InputError);
  std::ofstream(root / "file") << "x";
  EXPECT_THROW(ResultDir(root / "file", "--out", ResultDir::OnFailure::Discard), InputError);
  EXPECT_NO_THROW(ResultDir(root / "c/", "--out", ResultDir::OnFailure::Discard));
  fs::remove_all(root);
}

}  // namespace
}  // namespace fognas
