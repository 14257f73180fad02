// The search across MPI ranks: `mpirun -n 3 fognas search` gives the same
// best.json as one process and prints what one process prints, once; more
// ranks than candidates is refused; the fognas executable itself does not need
// MPI's libraries, only the module it opens under mpirun does. The
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

int mpirun(int ranks, const std::string& args, const fs::path& err, const std::string& out = "/dev/null") {
  const std::string cmd = "OMPI_MCA_btl_vader_single_copy_mechanism=none mpirun --allow-run-as-root --oversubscribe -n " +
                          std::to_string(ranks) + " " + FOGNAS_BINARY + " " + args + " >" + out + " 2>" + err.string();
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

// The shared libraries the dynamic loader would load for `file`, as ldd lists them.
std::string needed_libraries(const std::string& file) {
  const fs::path listing = fs::temp_directory_path() / ("fognas-ldd-" + std::to_string(::getpid()));
  const int status = std::system(("ldd " + file + " >" + listing.string() + " 2>&1").c_str());
  std::string text = read_file(listing);
  fs::remove(listing);
  return status == 0 ? text : std::string();
}

size_t occurrences(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(SearchMpi, TheExecutableDoesNotNeedMpiOnlyItsModuleDoes) {
  if (std::system("command -v ldd >/dev/null 2>&1") != 0) GTEST_SKIP() << "ldd not installed";
  const std::string fognas = needed_libraries(FOGNAS_BINARY);
  ASSERT_NE(fognas.find("libc.so"), std::string::npos) << fognas;  // the listing is real
  EXPECT_EQ(fognas.find("libmpi"), std::string::npos) << fognas;
  EXPECT_EQ(fognas.find("libopen-"), std::string::npos) << fognas;  // Open MPI's runtime (open-rte, open-pal)
#ifdef FOGNAS_MPI_MODULE
  // The same check finds MPI where it is meant to be.
  const std::string module = needed_libraries(FOGNAS_MPI_MODULE);
  EXPECT_NE(module.find("libmpi"), std::string::npos) << module;
#endif
}

TEST(SearchMpi, ThreeRanksGiveTheSameBestAsOneProcess) {
  if (std::system("command -v mpirun >/dev/null 2>&1") != 0) GTEST_SKIP() << "mpirun not installed";
  const fs::path d = fs::temp_directory_path() / ("fognas-search-mpi-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  write_file_atomically(d / "s.yaml", kScenario);
  const auto one = testing::run_fognas("search " + (d / "s.yaml").string() + " --jobs 1 --out " + (d / "one").string());
  ASSERT_EQ(one.exit_code, 0) << one.err;
  const int status =
      mpirun(3, "search " + (d / "s.yaml").string() + " --out " + (d / "mpi").string(), d / "err", (d / "out").string());
  if (status != 0 && read_file(d / "err").find("fognas") == std::string::npos)
    GTEST_SKIP() << "mpirun cannot start here: " << read_file(d / "err");
  ASSERT_EQ(status, 0) << read_file(d / "err");
  EXPECT_EQ(read_file(d / "mpi/best.json"), read_file(d / "one/best.json"));
  EXPECT_EQ(read_file(d / "mpi/candidates.jsonl"), read_file(d / "one/candidates.jsonl"));
  EXPECT_NE(read_file(d / "one/candidates.jsonl").find("\"epochs\":1"), std::string::npos);
  // Only rank 0 prints: the result on stdout is one process's, with its own
  // folder named, and each progress line on stderr appears once.
  std::string expected_out = one.out;
  expected_out.replace(expected_out.find((d / "one").string()), (d / "one").string().size(), (d / "mpi").string());
  EXPECT_EQ(read_file(d / "out"), expected_out);
  const std::string err = read_file(d / "err");
  EXPECT_EQ(occurrences(err, "search: mpi, joint mode"), 1u) << err;
  EXPECT_EQ(occurrences(err, "search: generation 1/2 "), 1u) << err;
  EXPECT_EQ(occurrences(err, "search: generation 2/2 "), 1u) << err;
  EXPECT_EQ(occurrences(err, "search: done in"), 1u) << err;
  EXPECT_EQ(testing::line_count(err), 4) << err;
  // Five ranks for four candidates: refused before any training, by rank 0 alone.
  EXPECT_NE(mpirun(5, "search " + (d / "s.yaml").string() + " --out " + (d / "five").string(), d / "err5"), 0);
  const std::string err5 = read_file(d / "err5");
  EXPECT_NE(err5.find("5 ranks for a population of 4 (search.population in " + (d / "s.yaml").string()),
            std::string::npos) << err5;
  EXPECT_FALSE(fs::exists(d / "five"));
  fs::remove_all(d);
}

}  // namespace
}  // namespace fognas
