// Data the balanced 70/15/15 split with V1/V2 cannot use: `data inspect` warns
// (one stderr line per problem, exit 0); the split's minimum and messages.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fognas/common/error.h"
#include "fognas/data/mitbih.h"
#include "fognas/data/split.h"
#include "fognas/testing/run_fognas.h"
#include "fognas/testing/support.h"
#include "writers.h"

namespace fognas {
namespace {
using fognas::testing::input_error_of;
using fognas::testing::line_count;
using fognas::testing::TempDir;
using fognas::testing::write_bytes;
using fognas::testing::write_text;

TEST(SplitMinimum, TenPerClassIsTheFewestThatFillsEveryPart) {
  EXPECT_EQ(min_examples_per_class_for_split(), 10u);
  for (size_t n : {9u, 10u}) {
    Dataset d;
    d.name = "tiny";
    d.class_names = {"a", "b", "c"};
    d.length = 1;
    for (int c = 0; c < 3; ++c)
      for (size_t i = 0; i < n; ++i) d.labels.push_back(c), d.samples.push_back(static_cast<float>(i));
    const DatasetSplit s = split_dataset(d, 1);
    bool every_part_has_every_class = true;
    for (const Dataset* part : {&s.train, &s.v1, &s.v2, &s.test})
      for (size_t count : part->class_counts()) every_part_has_every_class &= count > 0;
    EXPECT_EQ(every_part_has_every_class, n == 10) << n;
    const std::string e = input_error_of([&] { require_splittable(d); });
    if (n == 9)
      EXPECT_NE(e.find("tiny: class 'a' has 9 examples, class 'b' has 9 examples, class 'c' has 9 examples, fewer "
                       "than the 10 per class"),
                std::string::npos)
          << e;
    else
      EXPECT_EQ(e, "");
  }
}

// Record 100's beats (2239 N, 33 S, 1 V, no F, no Q): one message names every
// class in the way and the data.classes list that leaves them out.
TEST(SplitMinimum, EveryClassInTheWayIsNamedWithTheClassesToKeep) {
  Dataset d;
  d.name = "100";
  d.class_names = aami_class_names();
  d.length = 1;
  const std::vector<size_t> counts{2239, 33, 1, 0, 0};
  for (size_t c = 0; c < counts.size(); ++c)
    for (size_t i = 0; i < counts[c]; ++i) d.labels.push_back(static_cast<int>(c)), d.samples.push_back(0.f);
  const std::string e = input_error_of([&] { require_splittable(d); });
  EXPECT_EQ(e.rfind("100: class 'F' has no examples, class 'Q' has no examples, class 'V' has 1 example, fewer than "
                    "the 10 per class", 0),
            0u)
      << e;
  EXPECT_NE(e.find("data.classes: [N, S] (train: --classes '[N, S]')"), std::string::npos) << e;
  // With only N left there is no list to offer.
  const std::vector<size_t> n_only{50, 3, 0, 0, 0};
  d.labels.clear();
  for (size_t c = 0; c < n_only.size(); ++c)
    for (size_t i = 0; i < n_only[c]; ++i) d.labels.push_back(static_cast<int>(c));
  d.samples.assign(d.labels.size(), 0.f);
  const std::string e2 = input_error_of([&] { require_splittable(d); });
  EXPECT_NE(e2.find("no two classes here have enough examples"), std::string::npos) << e2;
  // Groups named by data.classes are not beat classes: no list is offered.
  d.class_names = {"normal", "ectopic", "other", "f", "q"};
  EXPECT_EQ(input_error_of([&] { require_splittable(d); }).find("the classes with enough"), std::string::npos);
}

TEST(SplitMinimum, WarningsNameEmptyAndSmallClassesAndTheReader) {
  const auto w = split_warnings(aami_class_names(), {40, 3, 12, 0, 0});
  ASSERT_EQ(w.size(), 3u);
  EXPECT_NE(w[0].find("class 'F' has no examples"), std::string::npos) << w[0];
  EXPECT_NE(w[0].find("MIT-BIH reader"), std::string::npos) << w[0];
  EXPECT_NE(w[1].find("class 'Q' has no examples"), std::string::npos) << w[1];
  EXPECT_NE(w[2].find("class 'S' has 3 examples"), std::string::npos) << w[2];
  EXPECT_TRUE(split_warnings({"non-seizure", "seizure"}, {10, 10}).empty());
  EXPECT_NE(split_warnings({"non-seizure", "seizure"}, {10, 0})[0].find("Bonn reader"), std::string::npos);
}

// A record with N, S and V beats only.
std::string write_record_without_f_and_q(const TempDir& tmp) {
  const long n = 360 * 60;
  std::vector<int> sig(static_cast<size_t>(n), 0);
  std::vector<testing::TestAnnotation> anns;
  const int codes[] = {1, 8, 5};  // N, A (S), V
  long k = 0;
  for (long t = 800; t < n - 1200; t += 500, ++k) {
    anns.push_back({t, codes[k % 3]});
    for (long i = t - 5; i <= t + 5; ++i) sig[static_cast<size_t>(i)] = 1000;
  }
  write_bytes(tmp.path / "r.dat", testing::encode_16({sig}));
  write_text(tmp.path / "r.hea", "r 1 360 " + std::to_string(n) + "\nr.dat 16 200 16 0 0 " +
                                     std::to_string(testing::checksum16(sig)) + " 0 MLII\n");
  write_bytes(tmp.path / "r.atr", testing::encode_atr(anns));
  return (tmp.path / "r").string();
}

TEST(CliDataWarnings, RecordAndFolderWithEmptyClassesWarnButSucceed) {
  TempDir tmp("inspect-warn");
  const std::string record = write_record_without_f_and_q(tmp);
  for (const std::string& path : {record, tmp.path.string()}) {
    const auto r = testing::run_fognas("data inspect " + path + " --json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(nlohmann::json::accept(r.out)) << r.out;
    EXPECT_EQ(line_count(r.err), 2) << r.err;
    EXPECT_NE(r.err.find("warning: " + path + ": class 'F' has no examples"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("class 'Q' has no examples"), std::string::npos) << r.err;
  }
}

TEST(CliDataWarnings, TooFewWindowsPerClassWarnOnceEach) {
  const auto r = testing::run_fognas("data inspect synthetic-eeg --examples-per-class 4");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(line_count(r.err), 2) << r.err;
  EXPECT_NE(r.err.find("class 'non-seizure' has 4 examples"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("class 'seizure' has 4 examples"), std::string::npos) << r.err;
  EXPECT_EQ(testing::run_fognas("data inspect synthetic-eeg --examples-per-class 10").err, "");
}

}  // namespace
}  // namespace fognas
