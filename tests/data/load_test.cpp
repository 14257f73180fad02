// load_dataset picks the reader from what a path holds and names bad paths.
#include <gtest/gtest.h>

#include "fognas/common/error.h"
#include "fognas/data/load.h"
#include "fognas/data/mitbih.h"
#include "fognas/data/random.h"
#include "writers.h"
#include "fognas/testing/shared_data.h"

namespace fognas {
namespace {
using namespace fognas::testing;

TEST(Load, MissingOrEmptyPathsAreNamed) {
  TempDir tmp("load-empty");
  for (const std::string& spec : {(tmp.path / "nothing").string(), tmp.path.string(), std::string("synthetic-eg")}) {
    try {
      load_dataset(spec, DataOptions{});
      FAIL() << spec;
    } catch (const InputError& e) {
      EXPECT_EQ(e.where(), spec);
    }
  }
}

TEST(Load, AamiMapping) {
  const char* n[] = {"N", "L", "R", "e", "j"};
  const char* s[] = {"A", "a", "J", "S"};
  for (auto x : n) EXPECT_EQ(aami_class(x), 0) << x;
  for (auto x : s) EXPECT_EQ(aami_class(x), 1) << x;
  EXPECT_EQ(aami_class("V"), 2);
  EXPECT_EQ(aami_class("E"), 2);
  EXPECT_EQ(aami_class("F"), 3);
  EXPECT_EQ(aami_class("/"), 4);
  EXPECT_EQ(aami_class("f"), 4);
  EXPECT_EQ(aami_class("Q"), 4);
  for (auto x : {"+", "~", "|", "x", "\""}) EXPECT_EQ(aami_class(x), -1) << x;
}

// A written record whose beats are boxes of known height: the windows must
// come out centred on them, labelled by the AAMI class of each symbol.
TEST(Load, WfdbRecordGivesLabelledBeatWindows) {
  TempDir tmp("load-wfdb");
  const long n = 360 * 30;
  std::vector<int> sig(static_cast<size_t>(n), 0);
  std::vector<TestAnnotation> anns = {{100, 1}};  // too close to the start: dropped
  const int codes[] = {1, 8, 5, 6, 12, 2, 9, 10, 38, 13};  // N A V F / L S E f Q
  long t = 400;
  for (int k = 0; k < 40; ++k, t += 250) {
    anns.push_back({t, codes[k % 10]});
    for (long i = t - 5; i <= t + 5; ++i) sig[static_cast<size_t>(i)] = 1000;
    if (k % 7 == 0) anns.push_back({t + 3, 28, 0, 0, 0, "(N"});  // rhythm: not a beat
  }
  anns.push_back({n - 100, 1});  // too close to the end: dropped
  write_bytes(tmp.path / "r.dat", encode_16({sig}));
  write_text(tmp.path / "r.hea", "r 1 360 " + std::to_string(n) + "\nr.dat 16 200 16 0 0 " +
                                     std::to_string(checksum16(sig)) + " 0 MLII\n");
  write_bytes(tmp.path / "r.atr", encode_atr(anns));
  for (const std::string& spec : {(tmp.path / "r").string(), tmp.path.string()}) {
    Dataset d = load_dataset(spec, DataOptions{});
    EXPECT_EQ(d.class_names, aami_class_names());
    EXPECT_EQ(d.class_counts(), (std::vector<size_t>{8, 8, 8, 4, 12}));
    for (size_t i = 0; i < d.size(); ++i) {
      // The peak sits in the middle of the 2048 samples.
      const float* x = d.example(i);
      EXPECT_GT(x[1023], 2.0f);
      EXPECT_LT(x[0], 0.0f);
    }
  }
  Dataset capped = load_dataset(tmp.path.string(), DataOptions{1, 5});
  EXPECT_EQ(capped.class_counts(), (std::vector<size_t>{5, 5, 5, 4, 5}));
}

TEST(Load, MitBihRecord100Beats) {
  const std::string rec = (shared_data_dir() / "mitdb" / "100").string();
  if (!fs::exists(rec + ".hea")) GTEST_SKIP() << "MIT-BIH record 100 not present in " << (shared_data_dir() / "mitdb").string();
  Dataset d = load_dataset(rec, DataOptions{1, 20});
  EXPECT_EQ(d.class_counts(), (std::vector<size_t>{20, 20, 1, 0, 0}));
  EXPECT_EQ(d.length, 2048);
}

}  // namespace
}  // namespace fognas
