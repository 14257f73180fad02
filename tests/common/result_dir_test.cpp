// Result folders are replaced whole or not at all.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "fognas/common/error.h"
#include "fognas/common/result_dir.h"
#include "fognas/common/atomic_file.h"
#include "fognas/common/output_list.h"

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

// One run of a command that writes `files` (name -> contents) into `out`.
void run_writing(const fs::path& out, const std::vector<std::pair<std::string, std::string>>& files) {
  ResultDir dir(out, "--out", "fognas test", ResultDir::OnFailure::Discard);
  for (const auto& [name, text] : files) write_file_atomically(dir.work() / name, text);
  dir.commit();
}

TEST(ResultDir, ASuccessfulRunReplacesTheEarlierFolderWhole) {
  const fs::path root = fresh("fognas-resultdir-commit");
  run_writing(root / "out", {{"stale.csv", "old\n"}});
  {
    ResultDir dir(root / "out", "--out", "fognas test", ResultDir::OnFailure::Discard);
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
  run_writing(root / "out", {{"table.csv", "kept\n"}});
  try {
    ResultDir dir(root / "out", "--out", "fognas test", ResultDir::OnFailure::Discard);
    std::ofstream(dir.work() / "table.csv") << "half\n";
    throw std::runtime_error("the run failed");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(slurp(root / "out" / "table.csv"), "kept\n");
  EXPECT_FALSE(fs::exists(root / "out.partial"));
  {
    ResultDir keep(root / "out", "--out", "fognas test", ResultDir::OnFailure::Keep);  // a search keeps its checkpoint
  }
  EXPECT_TRUE(fs::exists(root / "out.partial"));
  fs::remove_all(root);
}

TEST(ResultDir, OnlyTheLastLevelIsCreated) {
  const fs::path root = fresh("fognas-resultdir-levels");
  EXPECT_THROW(ResultDir(root / "a" / "b", "--out", "fognas test", ResultDir::OnFailure::Discard), InputError);
  EXPECT_FALSE(fs::exists(root / "a"));
  EXPECT_THROW(ResultDir(root / "..", "--out", "fognas test", ResultDir::OnFailure::Discard), InputError);
  std::ofstream(root / "file") << "x";
  EXPECT_THROW(ResultDir(root / "file", "--out", "fognas test", ResultDir::OnFailure::Discard), InputError);
  EXPECT_NO_THROW(ResultDir(root / "c/", "--out", "fognas test", ResultDir::OnFailure::Discard));
  fs::remove_all(root);
}

TEST(ResultDir, AFolderFognasDidNotWriteIsRefusedUntouched) {
  const fs::path root = fresh("fognas-resultdir-refuse");
  fs::create_directory(root / "out");
  std::ofstream(root / "out" / "thesis.tex") << "mine\n";
  try {
    ResultDir dir(root / "out", "--out", "fognas test", ResultDir::OnFailure::Discard);
    ADD_FAILURE() << "a folder holding a user's file was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("thesis.tex"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find((root / "out").string()), std::string::npos) << e.what();
  }
  EXPECT_EQ(slurp(root / "out" / "thesis.tex"), "mine\n");
  EXPECT_FALSE(fs::exists(root / "out.partial"));
  // Nor is a DIR.partial that fognas did not mark cleared.
  fs::create_directory(root / "new.partial");
  std::ofstream(root / "new.partial" / "draft.txt") << "mine\n";
  EXPECT_THROW(ResultDir(root / "new", "--out", "fognas test", ResultDir::OnFailure::Discard), InputError);
  EXPECT_EQ(slurp(root / "new.partial" / "draft.txt"), "mine\n");
  // An empty folder is anybody's to fill.
  fs::create_directory(root / "empty");
  EXPECT_NO_THROW(run_writing(root / "empty", {{"a.csv", "a\n"}}));
  fs::remove_all(root);
}

TEST(ResultDir, TheUsersFilesAreCarriedIntoTheNewFolder) {
  const fs::path root = fresh("fognas-resultdir-carry");
  const fs::path out = root / "out";
  run_writing(out, {{"a.csv", "1\n"}, {"fig/b.gp", "plot 1\n"}, {"timing.json", "{\"wall_s\": 1}\n"}});
  std::ofstream(out / "notes.txt") << "my notes\n";
  std::ofstream(out / "fig" / "b.gp") << "plot 1 with lines lw 3\n";  // restyled by the user
  std::ofstream(out / "timing.json") << "{\"wall_s\": 2}\n";          // differs by design: still fognas's
  EXPECT_EQ(user_files(out), (std::vector<fs::path>{"fig/b.gp", "notes.txt"}));
  run_writing(out, {{"a.csv", "2\n"}, {"fig/b.gp", "plot 2\n"}});
  EXPECT_EQ(slurp(out / "a.csv"), "2\n");
  EXPECT_EQ(slurp(out / "notes.txt"), "my notes\n");
  EXPECT_EQ(slurp(out / "fig" / "b.gp"), "plot 2\n");
  EXPECT_EQ(slurp(out / "fig" / "b.gp.kept"), "plot 1 with lines lw 3\n");
  EXPECT_FALSE(fs::exists(out / "timing.json"));
  // The carried files stay the user's through any number of reruns.
  EXPECT_EQ(user_files(out), (std::vector<fs::path>{"fig/b.gp.kept", "notes.txt"}));
  run_writing(out, {{"a.csv", "3\n"}});
  EXPECT_EQ(slurp(out / "notes.txt"), "my notes\n");
  EXPECT_EQ(slurp(out / "fig" / "b.gp.kept"), "plot 1 with lines lw 3\n");
  for (const fs::path& p : fs::directory_iterator(root)) EXPECT_EQ(p.filename(), "out") << p;  // no folder aside
  fs::remove_all(root);
}

TEST(ResultDir, AFolderAnotherCommandWroteInsideIsFognasToo) {
  const fs::path root = fresh("fognas-resultdir-nested");
  const fs::path out = root / "out";
  run_writing(out, {{"points.csv", "p\n"}});
  run_writing(out / "tables", {{"t.tex", "t\n"}});  // as `fognas report` writes beside a sweep's files
  std::ofstream(out / "tables" / "mine.tex") << "my table\n";
  EXPECT_EQ(user_files(out), std::vector<fs::path>{"tables/mine.tex"});
  run_writing(out, {{"points.csv", "q\n"}});
  EXPECT_FALSE(fs::exists(out / "tables" / "t.tex"));  // the earlier report's table went with its results
  EXPECT_EQ(slurp(out / "tables" / "mine.tex"), "my table\n");
  // The report may write into tables/ again, and keeps the user's table.
  run_writing(out / "tables", {{"t.tex", "u\n"}});
  EXPECT_EQ(slurp(out / "tables" / "mine.tex"), "my table\n");
  EXPECT_EQ(slurp(out / "tables" / "t.tex"), "u\n");
  fs::remove_all(root);
}

TEST(ResultDir, AUsersLinkIsCarriedAsALinkAndWhatItPointsAtIsLeftAlone) {
  const fs::path root = fresh("fognas-resultdir-link");
  const fs::path out = root / "out";
  run_writing(out, {{"a.csv", "1\n"}});
  std::ofstream(root / "data.csv") << "mine\n";
  fs::create_symlink(root / "data.csv", out / "data-link.csv");  // pointing out of the folder
  fs::create_directory_symlink(root, out / "up");                  // and at a folder above it
  EXPECT_EQ(user_files(out), (std::vector<fs::path>{"data-link.csv", "up"}));
  run_writing(out, {{"a.csv", "2\n"}});
  EXPECT_TRUE(fs::is_symlink(out / "data-link.csv"));
  EXPECT_TRUE(fs::is_symlink(out / "up"));
  EXPECT_EQ(slurp(root / "data.csv"), "mine\n");
  EXPECT_FALSE(fs::exists(root / "data.csv.kept"));
  EXPECT_EQ(slurp(out / "a.csv"), "2\n");
  fs::remove_all(root);
}

TEST(ResultDir, TheListIsTheSameForTheSameRun) {
  const fs::path root = fresh("fognas-resultdir-list");
  run_writing(root / "out", {{"a.csv", "1\n"}, {"timing.json", "{\"wall_s\": 1}\n"}});
  const std::string first = slurp(root / "out" / kOutputListName);
  run_writing(root / "out", {{"a.csv", "1\n"}, {"timing.json", "{\"wall_s\": 7}\n"}});
  EXPECT_EQ(slurp(root / "out" / kOutputListName), first);
  EXPECT_NE(first.find("\"timing.json\": null"), std::string::npos) << first;
  EXPECT_EQ(output_list_command(root / "out"), "fognas test");
  fs::remove_all(root);
}

}  // namespace
}  // namespace fognas
