// Bonn EEG sets: folders and loose files are found, segments are read
// exactly, damaged files name themselves; the real sets (when present) hold
// 100 segments of 4097 samples each.
#include <gtest/gtest.h>

#include "fognas/common/error.h"
#include "fognas/data/bonn.h"
#include "fognas/data/load.h"
#include "fognas/data/random.h"
#include "writers.h"
#include "fognas/testing/shared_data.h"
#include "fognas/testing/support.h"

namespace fognas {
namespace {
using fognas::testing::input_error_of;
using namespace fognas::testing;

std::vector<int> write_segment(const fs::path& p, uint64_t seed, int samples = kBonnSegmentSamples) {
  Rng rng(seed);
  std::vector<int> v(static_cast<size_t>(samples));
  std::string text;
  for (auto& x : v) {
    x = static_cast<int>(rng.index(2001)) - 1000;
    text += std::to_string(x) + "\n";
  }
  write_text(p, text);
  return v;
}

TEST(Bonn, FoldersAndLooseFilesAreFound) {
  TempDir tmp("bonn");
  fs::create_directories(tmp.path / "A_Z");
  fs::create_directories(tmp.path / "C_N");
  fs::create_directories(tmp.path / "setE");
  auto z1 = write_segment(tmp.path / "A_Z" / "Z001.txt", 1);
  write_segment(tmp.path / "A_Z" / "Z002.txt", 2);
  write_segment(tmp.path / "C_N" / "N001.TXT", 3);  // set C's files end in .TXT
  write_segment(tmp.path / "setE" / "S001.txt", 4);
  write_segment(tmp.path / "S002.txt", 5);  // loose file of set E
  write_segment(tmp.path / "F001.txt", 6);  // loose file of set D
  write_text(tmp.path / "README.txt", "not a segment\n");

  auto sets = read_bonn_sets(tmp.path);
  ASSERT_EQ(sets.size(), 4u);
  EXPECT_EQ(sets[0].letter, 'A');
  EXPECT_EQ(sets[0].segments.size(), 2u);
  EXPECT_EQ(sets[0].segments[0].samples, z1);
  EXPECT_EQ(sets[1].letter, 'C');
  EXPECT_EQ(sets[2].letter, 'D');
  EXPECT_EQ(sets[3].letter, 'E');
  EXPECT_EQ(sets[3].segments.size(), 2u);
  EXPECT_TRUE(sets[3].seizure());

  // Two 2048-sample windows per segment: A, C, D -> 8 non-seizure, E -> 4 seizure.
  Dataset d = load_dataset(tmp.path.string(), DataOptions{});
  EXPECT_EQ(d.length, 2048);
  EXPECT_EQ(d.class_counts(), (std::vector<size_t>{8, 4}));
  EXPECT_EQ(load_dataset(tmp.path.string(), DataOptions{1, 3}).class_counts(), (std::vector<size_t>{3, 3}));
}

TEST(Bonn, DamagedSegmentsNameFileAndLine) {
  TempDir tmp("bonn-bad");
  const fs::path p = tmp.path / "Z001.txt";
  write_segment(p, 1, 4000);
  std::string e = input_error_of([&] { read_bonn_segment(p); });
  EXPECT_NE(e.find(p.string()), std::string::npos) << e;
  EXPECT_NE(e.find("4000 samples"), std::string::npos) << e;
  std::string text;
  for (int i = 0; i < kBonnSegmentSamples; ++i) text += i == 41 ? "12x\n" : "7\n";
  write_text(p, text);
  EXPECT_NE(input_error_of([&] { read_bonn_segment(p); }).find(p.string() + ":42"), std::string::npos);
  EXPECT_NE(input_error_of([&] { load_dataset(tmp.path.string(), DataOptions{}); }).find(p.string() + ":42"),
            std::string::npos);
}

const fs::path kBonn = shared_data_dir() / "bonn-eeg";

TEST(Bonn, RealSetsHoldOneHundredSegmentsOf4097) {
  if (!fs::is_directory(kBonn)) GTEST_SKIP() << "Bonn EEG sets not present in " << kBonn.string();
  auto sets = read_bonn_sets(kBonn);
  ASSERT_EQ(sets.size(), 5u);
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(sets[i].letter, static_cast<char>('A' + i));
    ASSERT_EQ(sets[i].segments.size(), 100u) << sets[i].letter;
    for (const auto& s : sets[i].segments) EXPECT_EQ(s.samples.size(), 4097u) << s.path;
  }
}

}  // namespace
}  // namespace fognas
