// Nothing the user owns is lost: a folder fognas did not write is refused, a
// user's files in a result folder survive a rerun, a name cannot make results/
// the output folder, a run that delivered nothing replaces nothing, and an
// interrupted run or a full disk leaves the earlier results byte-identical.
//
// Each case runs the built binary and asserts its exit status, one or two
// lines on stderr naming what is wrong, nothing on stdout and the earlier
// folder (with the user's file) unchanged. The interrupted runs synchronise on
// the test-only hold (FOGNAS_TEST_HOLD, common/interrupt.h): the run stops at a
// known point and the signal is sent only then, so no case races the run.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "fognas/testing/run_fognas.h"

namespace fognas {
namespace {
namespace fs = std::filesystem;
using testing::line_count;
using testing::slurp;

struct Outcome {
  int exit_code = -1;
  std::string out, err;
};

fs::path fresh_dir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("fognas-outputs-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

void put(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

// Every file below `dir` with its bytes: "byte-identical" compares these.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files[fs::relative(e.path(), dir).string()] = slurp(e.path());
  return files;
}

std::vector<std::string> words(const std::string& args) {
  std::istringstream in(args);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// Runs fognas ARGS (split at spaces) with `env` added. With a hold point, it
// waits until the run holds there, then sends `sig`; `prefix` runs the binary
// under another program (prlimit). Never races the run: the signal goes only
// once the run has said it holds.
Outcome run(const std::string& args, const std::vector<std::string>& prefix = {}, const char* hold_point = nullptr,
            int sig = 0) {
  const fs::path io = fresh_dir("io");
  const fs::path hold = io / "hold";
  fs::create_directory(hold);
  std::vector<std::string> argv_text = prefix;
  argv_text.push_back(FOGNAS_BINARY);
  for (const std::string& w : words(args)) argv_text.push_back(w);
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (hold_point) {
      ::setenv("FOGNAS_TEST_HOLD", hold_point, 1);
      ::setenv("FOGNAS_TEST_HOLD_DIR", hold.c_str(), 1);
    }
    const int out = ::open((io / "out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open((io / "err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(err, STDERR_FILENO);
    std::vector<char*> argv;
    for (std::string& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execvp(argv[0], argv.data());
    ::_exit(127);
  }
  int status = 0;
  if (hold_point) {
    bool exited = false;
    while (!fs::exists(hold / "held") && !exited) {
      exited = ::waitpid(pid, &status, WNOHANG) == pid;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_FALSE(exited) << "the run ended before it reached the hold point " << hold_point;
    if (!exited) ::kill(pid, sig);
  }
  if (!hold_point || fs::exists(hold / "held")) ::waitpid(pid, &status, 0);
  Outcome o;
  o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  o.out = slurp(io / "out");
  o.err = slurp(io / "err");
  fs::remove_all(io);
  return o;
}

const std::string kArchitecture = R"(architectures:
  - name: sd1
    lengths: [2048, 128, 8, 64, 2]
    channels: [1, 1, 4, 2, 1]
)";

class OutputFolders : public ::testing::Test {
 protected:
  void SetUp() override {
    d_ = fresh_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    put(d_ / "evaluate.yaml", "name: keep-evaluate\nfactors: [10]\n" + kArchitecture);
    put(d_ / "simulate.yaml", "name: keep-simulate\nfactors: [10]\nwindow_s: 4\nduration_s: 40\n" + kArchitecture);
    put(d_ / "far.yaml", "name: far\nfactors: [10]\nwindow_s: 4\nduration_s: 8\ndistance_m: 1000\n" + kArchitecture);
    put(d_ / "sweep.yaml", "name: keep-sweep\nfactors: [10]\n" + kArchitecture +
                               "sweep:\n  command: evaluate\n  axes:\n    factors: [[1], [2], [5]]\n");
    put(d_ / "study.yaml", "name: keep-study\nfactors: [10]\nwindow_s: 4\nduration_s: 8\n" + kArchitecture);
    put(d_ / "search.yaml", R"(name: keep-search
factors: [10]
data: {dataset: synthetic-eeg, examples_per_class: 20}
limits: {energy_mj: 10}
search: {population: 2, generations: 3, genes: 2}
training: {epochs: 1}
)");
  }
  void TearDown() override { fs::remove_all(d_); }

  // A finished earlier run of `args` into d_/out with the user's notes in it.
  std::map<std::string, std::string> earlier_results(const std::string& args) {
    const Outcome first = run(args + " --out " + (d_ / "out").string());
    EXPECT_EQ(first.exit_code, 0) << first.err;
    put(d_ / "out" / "notes.txt", "my notes\n");
    return snapshot(d_ / "out");
  }

  // One or two lines on stderr holding `needle`, nothing on stdout.
  static void expect_message(const Outcome& o, int exit_code, const std::string& needle) {
    EXPECT_EQ(o.exit_code, exit_code) << o.err;
    EXPECT_GE(line_count(o.err), 1) << o.err;
    EXPECT_LE(line_count(o.err), 2) << o.err;
    EXPECT_NE(o.err.find(needle), std::string::npos) << "expected '" << needle << "' in: " << o.err;
    EXPECT_EQ(o.out, "") << o.err;
  }

  fs::path d_;
};

TEST_F(OutputFolders, AFolderHoldingAUsersFileIsRefused) {
  put(d_ / "thesis" / "thesis.tex", "\\documentclass{IEEEtran}\n");
  const auto before = snapshot(d_ / "thesis");
  const Outcome o = run("evaluate " + (d_ / "evaluate.yaml").string() + " --out " + (d_ / "thesis").string());
  expect_message(o, 1, "thesis.tex");
  EXPECT_NE(o.err.find((d_ / "thesis").string()), std::string::npos) << o.err;
  EXPECT_EQ(snapshot(d_ / "thesis"), before);
}

TEST_F(OutputFolders, ARerunKeepsTheUsersNotesAndRestyledScript) {
  const std::string sweep = "sweep " + (d_ / "sweep.yaml").string() + " --quiet";
  earlier_results(sweep);
  ASSERT_EQ(run("report " + (d_ / "out").string()).exit_code, 0);
  fs::path script;
  for (const auto& e : fs::directory_iterator(d_ / "out" / "figures"))
    if (e.path().extension() == ".gp") script = e.path();
  ASSERT_FALSE(script.empty());
  put(script, "set terminal pdfcairo size 3.5in,2.2in\n");  // restyled by the user
  put(d_ / "out" / "figures" / "caption.txt", "my caption\n");
  const Outcome again = run(sweep + " --out " + (d_ / "out").string());
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(slurp(d_ / "out" / "notes.txt"), "my notes\n");
  EXPECT_EQ(slurp(d_ / "out" / "figures" / "caption.txt"), "my caption\n");
  EXPECT_EQ(slurp(script), "set terminal pdfcairo size 3.5in,2.2in\n");  // the sweep writes no figure
  EXPECT_NE(again.err.find("notes.txt"), std::string::npos) << again.err;
  // The report writes the script again: the user's version stays beside it.
  ASSERT_EQ(run("report " + (d_ / "out").string()).exit_code, 0);
  EXPECT_NE(slurp(script), "set terminal pdfcairo size 3.5in,2.2in\n");
  EXPECT_EQ(slurp(script.string() + ".kept"), "set terminal pdfcairo size 3.5in,2.2in\n");
  EXPECT_EQ(slurp(d_ / "out" / "figures" / "caption.txt"), "my caption\n");
}

TEST_F(OutputFolders, ANameThatIsNoFolderNameIsAnInputError) {
  // Run where results/ would be, with a results/ holding another study.
  put(d_ / "results" / "other" / "table.csv", "a\n");
  const auto before = snapshot(d_ / "results");
  for (const std::string& name : std::vector<std::string>{"''", "..", "../x", "a/b", ".hidden", std::string(101, 'n')}) {
    put(d_ / "named.yaml", "name: " + name + "\nfactors: [10]\n" + kArchitecture);
    const Outcome o = run("evaluate " + (d_ / "named.yaml").string() + " --set out=" + (d_ / "results").string());
    expect_message(o, 1, "named.yaml:1: key 'name'");
  }
  const Outcome set = run("evaluate " + (d_ / "evaluate.yaml").string() + " --set name=");
  expect_message(set, 1, "name");
  EXPECT_EQ(snapshot(d_ / "results"), before);
}

TEST_F(OutputFolders, ARunThatDeliveredNothingReplacesNothing) {
  const std::string near = (d_ / "simulate.yaml").string(), far = (d_ / "far.yaml").string();
  const auto before = earlier_results("simulate " + near + " --quiet --duration-s 8");
  expect_message(run("simulate " + far + " --quiet --out " + (d_ / "out").string()), 3, "delivered");
  EXPECT_EQ(snapshot(d_ / "out"), before);
  expect_message(run("validate-splits " + far + " --quiet --out " + (d_ / "out").string()), 3, "delivered");
  EXPECT_EQ(snapshot(d_ / "out"), before);
}

TEST_F(OutputFolders, AnInterruptedSimulationLeavesTheEarlierFolder) {
  const std::string args = "simulate " + (d_ / "simulate.yaml").string() + " --quiet";
  const auto before = earlier_results(args + " --duration-s 8");
  const Outcome o = run(args + " --out " + (d_ / "out").string(), {}, "simulate-progress", SIGINT);
  expect_message(o, 130, "interrupted by SIGINT");
  EXPECT_EQ(snapshot(d_ / "out"), before);
  const Outcome t = run(args + " --out " + (d_ / "out").string(), {}, "simulate-progress", SIGTERM);
  expect_message(t, 143, "SIGTERM");
  EXPECT_EQ(snapshot(d_ / "out"), before);
}

TEST_F(OutputFolders, AnInterruptedSearchResumes) {
  const std::string args = "search " + (d_ / "search.yaml").string() + " --jobs 1";
  const auto before = earlier_results(args);
  const std::string out = " --out " + (d_ / "out").string();
  expect_message(run(args + out, {}, "search-checkpoint", SIGINT), 130, "--resume");
  EXPECT_EQ(snapshot(d_ / "out"), before);
  const Outcome resumed = run(args + out + " --resume");
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("resumed after generation 1"), std::string::npos) << resumed.err;
  EXPECT_EQ(slurp(d_ / "out" / "best.json"), before.at("best.json"));  // the same search, finished
  EXPECT_EQ(slurp(d_ / "out" / "notes.txt"), "my notes\n");
}

TEST_F(OutputFolders, AnInterruptedSweepResumesWithTheRestOfItsPoints) {
  const std::string args = "sweep " + (d_ / "sweep.yaml").string() + " --jobs 1";
  const auto before = earlier_results(args + " --quiet");
  const std::string out = " --out " + (d_ / "out").string();
  const Outcome o = run(args + " --quiet" + out, {}, "sweep-point-done", SIGTERM);
  expect_message(o, 143, "SIGTERM");
  EXPECT_EQ(snapshot(d_ / "out"), before);
  const Outcome resumed = run(args + out + " --resume");
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("2 to run after resuming"), std::string::npos) << resumed.err;
  EXPECT_EQ(slurp(d_ / "out" / "points.csv"), before.at("points.csv"));
}

// --resume never mixes a sweep into another command's results, and a sweep
// whose profile changed (same scenario text, another profile beside it)
// does not resume the points that used the old one.
TEST_F(OutputFolders, ASweepResumesOnlyItsOwnFolderWithTheSameInputs) {
  const auto before = earlier_results("evaluate " + (d_ / "evaluate.yaml").string());
  const std::string out = " --out " + (d_ / "out").string();
  const Outcome into = run("sweep " + (d_ / "sweep.yaml").string() + " --quiet --resume" + out);
  expect_message(into, 1, "holds no sweep");
  EXPECT_EQ(snapshot(d_ / "out"), before);
  // The same scenario text beside an edited fog profile.
  const fs::path other = d_ / "other";
  fs::create_directories(other);
  std::string fog = slurp(fs::path(FOGNAS_SOURCE_DIR) / "devices/fog-paper/profile.yaml");
  put(other / "fog.yaml", fog);
  const std::string text = "name: keep-sweep\nfactors: [10]\ndevices: {fog: fog.yaml}\n" + kArchitecture +
                           "sweep:\n  command: evaluate\n  axes:\n    factors: [[1], [2], [5]]\n";
  put(other / "sweep.yaml", text);
  const std::string sweep_out = " --out " + (d_ / "swept").string();
  ASSERT_EQ(run("sweep " + (other / "sweep.yaml").string() + " --quiet" + sweep_out).exit_code, 0);
  fog.replace(fog.find("idle_power_mw"), 13, "idle_power_mw: 0.5\n# was");
  put(other / "fog.yaml", fog);
  const Outcome resumed = run("sweep " + (other / "sweep.yaml").string() + " --quiet --resume" + sweep_out);
  expect_message(resumed, 1, "another sweep");
}

TEST_F(OutputFolders, AnInterruptedStudyLeavesTheEarlierFolder) {
  const std::string args = "study " + (d_ / "study.yaml").string() + " --quiet";
  const auto before = earlier_results(args);
  expect_message(run(args + " --out " + (d_ / "out").string(), {}, "study-stage-done", SIGTERM), 143, "SIGTERM");
  EXPECT_EQ(snapshot(d_ / "out"), before);
}

TEST_F(OutputFolders, AFullDiskNamesTheFileAndLeavesTheEarlierFolder) {
  const std::string args = "simulate " + (d_ / "simulate.yaml").string() + " --quiet --duration-s 8";
  const auto before = earlier_results(args);
  // Files of at most 2 KB: the first larger report fails with EFBIG (fognas
  // ignores SIGXFSZ, so the write returns the error instead of killing it).
  const Outcome o = run(args + " --out " + (d_ / "out").string(), {"prlimit", "--fsize=2048"});
  expect_message(o, 1, (d_ / "out.partial").string());
  EXPECT_NE(o.err.find("File too large"), std::string::npos) << o.err;
  EXPECT_EQ(snapshot(d_ / "out"), before);
}

TEST_F(OutputFolders, SingleFilesReplaceOnlyWhatFognasWrote) {
  // fit-device --out: a profile an earlier fit wrote is replaced, a user's file is not.
  const std::string fit = "fit-device devices/stm32l476rg/calibration.csv --base stm32l476rg --out ";
  ASSERT_EQ(run(fit + (d_ / "fitted.yaml").string()).exit_code, 0);
  const Outcome again = run(fit + (d_ / "fitted.yaml").string());
  EXPECT_EQ(again.exit_code, 0) << again.err;
  put(d_ / "mine.yaml", "kind: mcu\nname: my-board\n");
  expect_message(run(fit + (d_ / "mine.yaml").string()), 1, "mine.yaml");
  EXPECT_EQ(slurp(d_ / "mine.yaml"), "kind: mcu\nname: my-board\n");
  // partition --plot STEM: likewise for a chart's files.
  const std::string plot = "partition --lengths 2048,128,8,64,2 --channels 1,1,4,2,1 --factor 10 --plot ";
  ASSERT_EQ(run(plot + (d_ / "chart").string()).exit_code, 0);
  EXPECT_EQ(run(plot + (d_ / "chart").string()).exit_code, 0);
  put(d_ / "figure.svg", "<svg/>\n");
  expect_message(run(plot + (d_ / "figure").string()), 1, "figure.svg");
  EXPECT_EQ(slurp(d_ / "figure.svg"), "<svg/>\n");
}

TEST_F(OutputFolders, AnUnwritableFolderIsNamed) {
  if (::geteuid() == 0) GTEST_SKIP() << "as root, chmod does not block writes";
  fs::create_directory(d_ / "locked");
  fs::permissions(d_ / "locked", fs::perms::owner_read | fs::perms::owner_exec);
  const Outcome o = run("evaluate " + (d_ / "evaluate.yaml").string() + " --out " + (d_ / "locked" / "out").string());
  fs::permissions(d_ / "locked", fs::perms::owner_all);
  expect_message(o, 1, (d_ / "locked").string());
}

}  // namespace
}  // namespace fognas
