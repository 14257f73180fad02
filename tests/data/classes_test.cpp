// Class choice (data.classes) and splitting by record (data.split: record).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "fognas/data/bonn.h"
#include "fognas/data/load.h"
#include "fognas/data/mitbih.h"
#include "fognas/data/random.h"
#include "fognas/data/split.h"
#include "writers.h"
#include "fognas/testing/shared_data.h"
#include "fognas/testing/support.h"

namespace fognas {
namespace {
using namespace fognas::testing;

void write_segments(const fs::path& dir, char prefix, int count, uint64_t seed) {
  Rng rng(seed);
  for (int s = 1; s <= count; ++s) {
    std::string text;
    for (int i = 0; i < kBonnSegmentSamples; ++i) text += std::to_string(static_cast<int>(rng.index(201)) - 100) + "\n";
    char name[16];
    std::snprintf(name, sizeof name, "%c%03d.txt", prefix, s);
    write_text(dir / name, text);
  }
}

TEST(Classes, BonnSetsAreGatheredAsAsked) {
  TempDir tmp("bonn-classes");
  write_segments(tmp.path, 'Z', 3, 1);  // A
  write_segments(tmp.path, 'O', 2, 2);  // B
  write_segments(tmp.path, 'S', 4, 3);  // E
  DataOptions o;
  EXPECT_EQ(load_dataset(tmp.path.string(), o).class_counts(), (std::vector<size_t>{10, 8}));  // A+B, E
  o.classes = {{"ictal", {"E"}}, {"healthy", {"A"}}};  // B dropped; the order given is the label order
  const Dataset d = load_dataset(tmp.path.string(), o);
  EXPECT_EQ(d.class_names, (std::vector<std::string>{"ictal", "healthy"}));
  EXPECT_EQ(d.class_counts(), (std::vector<size_t>{8, 6}));
}

TEST(Classes, NamesTheDataLacksAreRefusedWhereGiven) {
  TempDir tmp("bonn-classes-bad");
  write_segments(tmp.path, 'Z', 1, 1);
  DataOptions o;
  o.classes = {{"seizure", {"E"}}, {"other", {"F"}}};
  o.classes_where = "s.yaml:7: key 'data.classes'";
  const std::string e = input_error_of([&] { load_dataset(tmp.path.string(), o); });
  EXPECT_NE(e.find("s.yaml:7: key 'data.classes'"), std::string::npos) << e;
  EXPECT_NE(e.find("'F' is not a class"), std::string::npos) << e;
  o.classes = {{"a", {"A"}}, {"b", {"A"}}};
  EXPECT_NE(input_error_of([&] { load_dataset(tmp.path.string(), o); }).find("more than one class"),
            std::string::npos);
  o.classes = {{"N", {"N"}}};  // an AAMI class is not a Bonn class
  EXPECT_NE(input_error_of([&] { load_dataset(tmp.path.string(), o); }).find("its classes: A, B, C, D, E"),
            std::string::npos);
}

TEST(Classes, AnEmptyClassIsNamedWithHowToDropIt) {
  TempDir tmp("bonn-classes-empty");
  write_segments(tmp.path, 'Z', 10, 1);
  DataOptions o;
  o.classes = {{"healthy", {"A"}}, {"seizure", {"E"}}};  // no set E here
  const Dataset d = load_dataset(tmp.path.string(), o);
  const std::string e = input_error_of([&] { require_splittable(d); });
  EXPECT_NE(e.find("class 'seizure' has no examples"), std::string::npos) << e;
  EXPECT_NE(e.find("data.classes"), std::string::npos) << e;
}

TEST(Classes, SyntheticEcgKeepsTheChosenAamiClasses) {
  DataOptions o{1, 12};
  o.classes = {{"N", {"N"}}, {"V", {"V"}}};
  const Dataset d = load_dataset("synthetic-ecg", o);
  EXPECT_EQ(d.class_names, (std::vector<std::string>{"N", "V"}));
  EXPECT_EQ(d.class_counts(), (std::vector<size_t>{12, 12}));
}

TEST(Classes, MitBihRecord100WithoutItsEmptyClasses) {
  const std::string rec = (shared_data_dir() / "mitdb" / "100").string();
  if (!fs::exists(rec + ".hea")) GTEST_SKIP() << "MIT-BIH record 100 not present in " << (shared_data_dir() / "mitdb").string();
  DataOptions o{1, 20};
  o.classes = {{"N", {"N"}}, {"S", {"S"}}};
  const Dataset d = load_dataset(rec, o);
  EXPECT_EQ(d.class_counts(), (std::vector<size_t>{20, 20}));
  EXPECT_EQ(d.normalisation, Normalisation::Recording);  // MIT-BIH's default
}

// 30 recordings of 8 windows, each recording of one class.
Dataset recorded(int recordings) {
  Dataset d;
  d.name = "recorded";
  d.class_names = {"a", "b"};
  d.length = 2;
  Rng rng(4);
  for (int r = 0; r < recordings; ++r)
    for (int w = 0; w < 8; ++w) {
      d.samples.push_back(static_cast<float>(r));  // marks the recording
      d.samples.push_back(static_cast<float>(rng.uniform()));
      d.labels.push_back(r % 2);
      d.recordings.push_back(r);
    }
  return d;
}

TEST(SplitByRecord, NoRecordingIsInTwoParts) {
  const Dataset d = recorded(30);
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const DatasetSplit s = split_dataset(d, seed, SplitUnit::Record);
    std::map<int, int> part_of;
    int p = 0;
    for (const Dataset* part : {&s.train, &s.v1, &s.v2, &s.test}) {
      ASSERT_EQ(part->recordings.size(), part->size());
      for (size_t i = 0; i < part->size(); ++i) {
        EXPECT_EQ(static_cast<int>(part->example(i)[0]), part->recordings[i]);
        const auto [it, fresh] = part_of.emplace(part->recordings[i], p);
        EXPECT_EQ(it->second, p) << "recording " << part->recordings[i] << " in two parts, seed " << seed;
      }
      const auto counts = part->class_counts();
      EXPECT_EQ(counts[0], counts[1]) << "part " << p << " is not balanced";
      EXPECT_GT(counts[0], 0u);
      ++p;
    }
    EXPECT_GT(s.train.size(), s.test.size());
  }
  // By window the same data mixes a recording's windows across parts.
  const DatasetSplit w = split_dataset(d, 1, SplitUnit::Window);
  std::set<int> train(w.train.recordings.begin(), w.train.recordings.end());
  bool shared = false;
  for (int r : w.test.recordings) shared = shared || train.count(r) > 0;
  EXPECT_TRUE(shared);
}

// A folder of twelve MIT-BIH-format records, record k with 2 x (12 + k) beats
// (N and V in turn): the reader numbers each record's windows as one
// recording, and a split by record keeps every record in one part.
TEST(SplitByRecord, AFolderOfRecordsIsSplitRecordByRecord) {
  TempDir tmp("records-folder");
  const long n = 360 * 30;
  for (int k = 0; k < 12; ++k) {
    std::vector<int> sig(static_cast<size_t>(n), 0);
    std::vector<TestAnnotation> anns;
    long t = 1200;
    for (int b = 0; b < 2 * (12 + k); ++b, t += 200) {
      anns.push_back({t, b % 2 == 0 ? 1 : 5});  // N, V
      for (long i = t - 5; i <= t + 5; ++i) sig[static_cast<size_t>(i)] = 400 + 100 * k;
    }
    const std::string r = std::to_string(101 + k);
    write_bytes(tmp.path / (r + ".dat"), encode_16({sig}));
    write_text(tmp.path / (r + ".hea"), r + " 1 360 " + std::to_string(n) + "\n" + r + ".dat 16 200 16 0 0 " +
                                            std::to_string(checksum16(sig)) + " 0 MLII\n");
    write_bytes(tmp.path / (r + ".atr"), encode_atr(anns));
  }
  DataOptions o;
  o.classes = {{"N", {"N"}}, {"V", {"V"}}};
  const Dataset d = load_dataset(tmp.path.string(), o);
  ASSERT_EQ(d.recordings.size(), d.size());
  std::map<int, size_t> windows_of;
  for (int r : d.recordings) ++windows_of[r];
  std::multiset<size_t> counts;
  for (const auto& [r, c] : windows_of) counts.insert(c);
  EXPECT_EQ(counts, (std::multiset<size_t>{24, 26, 28, 30, 32, 34, 36, 38, 40, 42, 44, 46}));
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    const DatasetSplit s = split_dataset(d, seed, SplitUnit::Record);
    std::map<int, int> part_of;
    int p = 0;
    for (const Dataset* part : {&s.train, &s.v1, &s.v2, &s.test}) {
      for (int r : part->recordings)
        EXPECT_EQ(part_of.emplace(r, p).first->second, p) << "record " << r << " in two parts, seed " << seed;
      EXPECT_GT(part->size(), 0u);
      ++p;
    }
  }
}

TEST(SplitByRecord, TooFewRecordingsAreRefused) {
  const std::string e = input_error_of([] { split_dataset(recorded(4), 1, SplitUnit::Record); });
  EXPECT_NE(e.find("split by record leaves"), std::string::npos) << e;
  EXPECT_NE(e.find("data.split: window"), std::string::npos) << e;
}

}  // namespace
}  // namespace fognas
