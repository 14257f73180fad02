// CHB-MIT: a small case folder written here (EDF files plus a summary) gives
// windows whose labels follow the summary's seizure times and whose content
// comes from the right channels; excluded cases are skipped.
#include <gtest/gtest.h>

#include <cmath>

#include "fognas/common/error.h"
#include "fognas/data/chbmit.h"
#include "fognas/data/load.h"
#include "writers.h"
#include "fognas/testing/support.h"

namespace fognas {
namespace {
using fognas::testing::input_error_of;
using namespace fognas::testing;

constexpr double kPi = 3.14159265358979323846;

// Each channel is a sine whose frequency says which channel it is and
// whether the moment lies inside a seizure, so the windows can be checked.
double channel_hz(int channel, bool seizure) {
  const double background[3] = {25, 12, 20};  // FP1-F7, F7-T7, F8-T8
  const double ictal[3] = {25, 4, 7};
  return seizure ? ictal[channel] : background[channel];
}

void write_case_file(const fs::path& p, int seconds, double seizure_start, double seizure_end) {
  std::vector<TestEdfSignal> sigs = {{"FP1-F7", -1000, 1000, -32768, 32767, 256, {}},
                                     {"F7-T7", -1000, 1000, -32768, 32767, 256, {}},
                                     {"F8-T8", -1000, 1000, -32768, 32767, 256, {}}};
  for (int c = 0; c < 3; ++c) {
    auto& d = sigs[static_cast<size_t>(c)].digital;
    for (int i = 0; i < seconds * 256; ++i) {
      double t = i / 256.0;
      bool in = t >= seizure_start && t < seizure_end;
      d.push_back(static_cast<int>(std::lround(10000 * std::sin(2 * kPi * channel_hz(c, in) * t))));
    }
  }
  write_bytes(p, encode_edf(sigs, seconds, 1.0, "EDF+C"));
}

void write_case(const fs::path& dir, const std::string& name) {
  fs::create_directories(dir);
  write_case_file(dir / (name + "_01.edf"), 20, 1e9, 1e9);
  write_case_file(dir / (name + "_02.edf"), 24, 8, 16);
  write_text(dir / (name + "-summary.txt"),
             "Data Sampling Rate: 256 Hz\n*************************\n\nChannels in EDF Files:\n"
             "**********************\nChannel 1: FP1-F7\nChannel 2: F7-T7\nChannel 3: F8-T8\n\n"
             "File Name: " + name + "_01.edf\nFile Start Time: 11:42:54\nFile End Time: 11:43:14\n"
             "Number of Seizures in File: 0\n\n"
             "File Name: " + name + "_02.edf\nFile Start Time: 11:43:14\nFile End Time: 11:43:38\n"
             "Number of Seizures in File: 1\nSeizure 1 Start Time: 8 seconds\nSeizure 1 End Time: 16 seconds\n");
}

// Zero crossings of a window of 1024 samples -> frequency over 4 s.
double crossings_hz(const float* x) {
  int n = 0;
  for (int i = 1; i < 1024; ++i)
    if ((x[i - 1] < 0) != (x[i] < 0)) ++n;
  return n / 8.0;
}

TEST(ChbMit, SummaryIsParsed) {
  TempDir tmp("chb-summary");
  write_case(tmp.path / "chb01", "chb01");
  auto files = read_chb_summary(tmp.path / "chb01" / "chb01-summary.txt");
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].file, "chb01_01.edf");
  EXPECT_TRUE(files[0].seizures.empty());
  ASSERT_EQ(files[1].seizures.size(), 1u);
  EXPECT_EQ(files[1].seizures[0].start_s, 8);
  EXPECT_EQ(files[1].seizures[0].end_s, 16);
}

TEST(ChbMit, WindowsFollowSeizureTimesAndChannels) {
  TempDir tmp("chb-windows");
  write_case(tmp.path / "chb01", "chb01");
  write_case(tmp.path / "chb06", "chb06");  // excluded: very short seizures
  auto cases = find_chb_cases(tmp.path);
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].number, 1);

  // File 1: five background windows. File 2: [0,4) [4,8) background,
  // [8,12) [12,16) seizure, [16,20) [20,24) background.
  Dataset all = chbmit_dataset(cases, "chb", 100, 1);
  EXPECT_EQ(all.class_counts(), (std::vector<size_t>{9, 2}));
  EXPECT_EQ(all.length, 2048);
  for (size_t i = 0; i < all.size(); ++i) {
    bool seizure = all.labels[i] == 1;
    EXPECT_NEAR(crossings_hz(all.example(i)), channel_hz(1, seizure), 0.5) << i;
    EXPECT_NEAR(crossings_hz(all.example(i) + 1024), channel_hz(2, seizure), 0.5) << i;
  }
  // Without a size: as many background windows as seizure windows.
  Dataset balanced = load_dataset(tmp.path.string(), DataOptions{});
  EXPECT_EQ(balanced.class_counts(), (std::vector<size_t>{2, 2}));
  // A single case folder works too.
  EXPECT_EQ(load_dataset((tmp.path / "chb01").string(), DataOptions{1, 100}).size(), 11u);
}

TEST(ChbMit, BadSummariesNameFileAndLine) {
  TempDir tmp("chb-bad");
  const fs::path s = tmp.path / "chb02-summary.txt";
  write_text(s, "File Name: a.edf\nNumber of Seizures in File: 2\nSeizure Start Time: 5 seconds\n"
                "Seizure End Time: 9 seconds\nFile Name: b.edf\n");
  std::string e = input_error_of([&] { read_chb_summary(s); });
  EXPECT_NE(e.find(s.string() + ":5"), std::string::npos) << e;
  EXPECT_NE(e.find("lists 1 seizures but declares 2"), std::string::npos) << e;
  write_text(s, "File Name: a.edf\nNumber of Seizures in File: 1\nSeizure Start Time: 5 seconds\n");
  EXPECT_NE(input_error_of([&] { read_chb_summary(s); }).find("start without an end"), std::string::npos);
  write_text(s, "File Name: a.edf\nNumber of Seizures in File: 1\nSeizure Start Time: 9 seconds\n"
                "Seizure End Time: 5 seconds\n");
  EXPECT_NE(input_error_of([&] { read_chb_summary(s); }).find(s.string() + ":4"), std::string::npos);
  write_text(s, "File Name: a.edf\nNumber of Seizures in File: one\n");
  EXPECT_NE(input_error_of([&] { read_chb_summary(s); }).find(s.string() + ":2"), std::string::npos);
}

}  // namespace
}  // namespace fognas
