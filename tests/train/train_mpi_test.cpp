// The search across MPI ranks: `mpirun -n 3 fognas search` gives the same
// best.json as one process, and more ranks than candidates is refused. The
// search halves (rungs of 1, 2 and 3 epochs, the last ones with fewer
// candidates than ranks), so each task carries its epochs; full training is
// the same task with training.epochs.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "fognas/common/atomic_file.h"
#include "fognas/testing/run_fognas.h"

namespace fognas {
namespace {

namespace fs = std::filesystem;

const char* kScenario =
    "name: mpi\nseed: 3\ndata: {dataset: synthetic-eeg, examples_per_class: 20}\n"
    "search: {population: 4, generations: 2, genes: 4, successive_halving: {enabled: true, eta: 2}}\n"
    "training: {epochs: 3, batch_size: 8}\n"
    "limits: {energy_mj: 100}\nenergy: {scenario: edge}\nfactors: [10]\n";

int mpirun(int ranks, const std::string& args, const fs::path& err) {
  const std::string cmd = "OMPI_MCA_btl_vader_single_copy_mechanism=none mpirun --allow-run-as-root --oversubscribe -n " +
                          std::to_string(ranks) + " " + FOGNAS_BINARY + " " + args + " >/dev/null 2>" + err.string();
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

TEST(SearchMpi, ThreeRanksGiveTheSameBestAsOneProcess) {
  if (std::system("command -v mpirun >/dev/null 2>&1") != 0) GTEST_SKIP() << "mpirun not installed";
  const fs::path d = fs::temp_directory_path() / ("fognas-search-mpi-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  write_file_atomically(d / "s.yaml", kScenario);
  const auto one = testing::run_fognas("search " + (d / "s.yaml").string() + " --jobs 1 --out " + (d / "one").string());
  ASSERT_EQ(one.exit_code, 0) << one.err;
  const int status = mpirun(3, "search " + (d / "s.yaml").string() + " --out " + (d / "mpi").string(), d / "err");
  if (status != 0 && read_file(d / "err").find("fognas") == std::string::npos)
    GTEST_SKIP() << "mpirun cannot start here: " << read_file(d / "err");
  ASSERT_EQ(status, 0) << read_file(d / "err");
  EXPECT_EQ(read_file(d / "mpi/best.json"), read_file(d / "one/best.json"));
  EXPECT_EQ(read_file(d / "mpi/candidates.jsonl"), read_file(d / "one/candidates.jsonl"));
  EXPECT_NE(read_file(d / "one/candidates.jsonl").find("\"epochs\":1"), std::string::npos);
  // Five ranks for four candidates: refused before any training, by rank 0 alone.
  EXPECT_NE(mpirun(5, "search " + (d / "s.yaml").string() + " --out " + (d / "five").string(), d / "err5"), 0);
  EXPECT_NE(read_file(d / "err5").find("5 ranks for a population of 4"), std::string::npos) << read_file(d / "err5");
  EXPECT_FALSE(fs::exists(d / "five"));
  fs::remove_all(d);
}

}  // namespace
}  // namespace fognas
