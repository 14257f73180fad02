// WFDB: records written here from the format description are read back
// exactly; corrupt files name themselves; the real MIT-BIH record 100 gives
// its published figures.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <map>

#include "fognas/common/error.h"
#include "fognas/data/random.h"
#include "fognas/data/wfdb.h"
#include "writers.h"
#include "fognas/testing/shared_data.h"
#include "fognas/testing/support.h"

namespace fognas {
namespace {
using fognas::testing::input_error_of;
using namespace fognas::testing;

struct SmallRecord {
  std::vector<std::vector<int>> signals;  // two in rec.dat (212), one in rec_b.dat (16)
  std::vector<TestAnnotation> annotations;
};

// 3 signals, `n` samples, random values over the full 12-bit range including
// the extremes; annotations with long gaps (SKIP), subtypes, channels, nums and aux text.
SmallRecord write_record(const fs::path& dir, long n, uint64_t seed) {
  Rng rng(seed);
  SmallRecord r;
  r.signals.assign(3, std::vector<int>(static_cast<size_t>(n)));
  for (size_t s = 0; s < 2; ++s)
    for (auto& v : r.signals[s]) v = static_cast<int>(rng.index(4096)) - 2048;
  for (auto& v : r.signals[2]) v = static_cast<int>(rng.index(65536)) - 32768;
  r.signals[0][0] = -2048;
  r.signals[1][0] = 2047;
  write_bytes(dir / "rec.dat", encode_212({r.signals[0], r.signals[1]}));
  write_bytes(dir / "rec_b.dat", encode_16({r.signals[2]}));
  write_text(dir / "rec.hea",
             fmt::format("# a comment before the record line\n"
                         "rec 3 360 {n}\n"
                         "rec.dat 212 200(10)/mV 12 0 {i0} {c0} 0 MLII\n"
                         "rec.dat 212 100/mV 11 1024 {i1} {c1} 0 V5\n"
                         "rec_b.dat 16 0 16 0 {i2} {c2} 0 some other lead\n"
                         "# trailing comment\n",
                         fmt::arg("n", n), fmt::arg("i0", r.signals[0][0]), fmt::arg("c0", checksum16(r.signals[0])),
                         fmt::arg("i1", r.signals[1][0]), fmt::arg("c1", checksum16(r.signals[1])),
                         fmt::arg("i2", r.signals[2][0]), fmt::arg("c2", checksum16(r.signals[2]))));
  long t = 0;
  const int codes[] = {1, 5, 8, 28, 12, 6, 13, 14, 38};
  for (int k = 0; k < 60; ++k) {
    t += static_cast<long>(rng.chance(0.15) ? rng.index(200000) + 1024 : rng.index(900) + 1);
    TestAnnotation a{t, codes[rng.index(9)]};
    if (rng.chance(0.2)) a.subtype = static_cast<int>(rng.index(5)) + 1;
    if (rng.chance(0.1)) a.channel = static_cast<int>(rng.index(3));
    if (rng.chance(0.1)) a.num = static_cast<int>(rng.index(400)) - 200;
    if (a.code == 28) a.aux = rng.chance(0.5) ? "(N" : "(AFL";
    r.annotations.push_back(a);
  }
  write_bytes(dir / "rec.atr", encode_atr(r.annotations));
  return r;
}

TEST(Wfdb, HeaderFieldsAreParsed) {
  TempDir tmp("wfdb-header");
  write_record(tmp.path, 101, 1);
  WfdbHeader h = read_wfdb_header(tmp.path / "rec");
  EXPECT_EQ(h.record, "rec");
  EXPECT_EQ(h.sampling_hz, 360);
  EXPECT_EQ(h.samples, 101);
  ASSERT_EQ(h.signals.size(), 3u);
  EXPECT_EQ(h.signals[0].gain, 200);
  EXPECT_EQ(h.signals[0].baseline, 10);  // given in parentheses
  EXPECT_EQ(h.signals[1].baseline, 1024);  // defaults to the ADC zero
  EXPECT_EQ(h.signals[2].gain, 200);  // 0 means WFDB's default
  EXPECT_EQ(h.signals[2].format, 16);
  EXPECT_EQ(h.signals[0].description, "MLII");
  EXPECT_EQ(h.signals[2].description, "some other lead");
  EXPECT_EQ(h.comments.size(), 2u);
}

TEST(Wfdb, WrittenRecordsReadBackExactly) {
  for (long n : {1L, 2L, 101L, 1000L}) {  // odd counts leave a half-filled 212 triple
    TempDir tmp("wfdb-roundtrip");
    SmallRecord r = write_record(tmp.path, n, static_cast<uint64_t>(n));
    WfdbRecord rec = read_wfdb_record(tmp.path / "rec.hea");
    ASSERT_EQ(rec.digital.size(), 3u);
    for (size_t s = 0; s < 3; ++s) EXPECT_EQ(rec.digital[s], r.signals[s]) << "signal " << s << " n " << n;
    auto mv = rec.physical(0);
    EXPECT_DOUBLE_EQ(mv[0], (-2048 - 10) / 200.0);
    auto v5 = rec.physical(1);
    EXPECT_DOUBLE_EQ(v5[0], (2047 - 1024) / 100.0);
  }
}

TEST(Wfdb, WrittenAnnotationsReadBackExactly) {
  TempDir tmp("wfdb-atr");
  SmallRecord r = write_record(tmp.path, 10, 3);
  auto anns = read_wfdb_annotations(tmp.path / "rec.atr");
  ASSERT_EQ(anns.size(), r.annotations.size());
  for (size_t i = 0; i < anns.size(); ++i) {
    const auto& want = r.annotations[i];
    EXPECT_EQ(anns[i].sample, want.sample) << i;
    EXPECT_EQ(anns[i].code, want.code) << i;
    EXPECT_EQ(anns[i].subtype, want.subtype) << i;
    EXPECT_EQ(anns[i].channel, want.channel) << i;
    EXPECT_EQ(anns[i].num, want.num) << i;
    EXPECT_EQ(anns[i].aux, want.aux) << i;
  }
  EXPECT_EQ(annotation_symbol(1), "N");
  EXPECT_EQ(annotation_symbol(8), "A");
  EXPECT_EQ(annotation_symbol(12), "/");
  EXPECT_EQ(annotation_symbol(38), "f");
  EXPECT_EQ(annotation_symbol(45), "[45]");
  for (int c = 1; c <= 41; ++c)
    if (annotation_symbol(c)[0] != '[') {
      EXPECT_EQ(annotation_code(annotation_symbol(c)), c);
    }
}

TEST(Wfdb, CorruptFilesNameThemselves) {
  TempDir tmp("wfdb-corrupt");
  write_record(tmp.path, 1000, 5);
  const fs::path dat = tmp.path / "rec.dat", atr = tmp.path / "rec.atr", hea = tmp.path / "rec.hea";
  auto dat_bytes = read_bytes(dat);
  auto atr_bytes = read_bytes(atr);

  // Truncated signal file.
  write_bytes(dat, std::vector<uint8_t>(dat_bytes.begin(), dat_bytes.end() - 7));
  std::string e = input_error_of([&] { read_wfdb_record(hea); });
  EXPECT_NE(e.find(dat.string()), std::string::npos) << e;
  EXPECT_NE(e.find("truncated"), std::string::npos) << e;

  // One flipped byte: the header's checksum catches it.
  auto flipped = dat_bytes;
  flipped[300] ^= 0x5A;
  write_bytes(dat, flipped);
  e = input_error_of([&] { read_wfdb_record(hea); });
  EXPECT_NE(e.find("checksum"), std::string::npos) << e;
  write_bytes(dat, dat_bytes);

  // Annotation file cut mid-word, and cut at a word boundary (no end word).
  write_bytes(atr, std::vector<uint8_t>(atr_bytes.begin(), atr_bytes.end() - 3));
  e = input_error_of([&] { read_wfdb_annotations(atr); });
  EXPECT_NE(e.find(atr.string()), std::string::npos) << e;
  EXPECT_NE(e.find("truncated"), std::string::npos) << e;
  write_bytes(atr, std::vector<uint8_t>(atr_bytes.begin(), atr_bytes.end() - 2));
  e = input_error_of([&] { read_wfdb_annotations(atr); });
  EXPECT_NE(e.find("truncated"), std::string::npos) << e;
  // A SKIP whose 32-bit value is cut off.
  write_bytes(atr, {0x00, 0xEC, 0x01});  // odd
  EXPECT_NE(input_error_of([&] { read_wfdb_annotations(atr); }).find("truncated"), std::string::npos);
  write_bytes(atr, {0x00, 0xEC, 0x00, 0x00});
  EXPECT_NE(input_error_of([&] { read_wfdb_annotations(atr); }).find("SKIP"), std::string::npos);
  // An AUX longer than the file.
  write_bytes(atr, {0x05, 0x04, 0x20, 0xFC, 'a', 'b', 0x00, 0x00});
  EXPECT_NE(input_error_of([&] { read_wfdb_annotations(atr); }).find("AUX"), std::string::npos);
  // An unassigned code.
  write_bytes(atr, {0x05, 0xD0, 0x00, 0x00});
  EXPECT_NE(input_error_of([&] { read_wfdb_annotations(atr); }).find("unknown annotation code 52 at byte 0"),
            std::string::npos);

  // Header lines that do not parse name file and line.
  write_text(hea, "rec 1 360 1000\nrec.dat 212 abc 12 0 0 0 0 MLII\n");
  e = input_error_of([&] { read_wfdb_header(hea); });
  EXPECT_NE(e.find(hea.string() + ":2"), std::string::npos) << e;
  write_text(hea, "rec 2 360 1000\nrec.dat 212 200 12 0 0 0 0 MLII\n");
  EXPECT_NE(input_error_of([&] { read_wfdb_header(hea); }).find("declares 2 signals but describes 1"), std::string::npos);
  write_text(hea, "rec 1 x360 1000\nrec.dat 212\n");
  EXPECT_NE(input_error_of([&] { read_wfdb_header(hea); }).find(hea.string() + ":1"), std::string::npos);
  write_text(hea, "rec 1 360 1000\nrec.dat 311 200\n");
  EXPECT_NE(input_error_of([&] { read_wfdb_header(hea); }).find("format 311"), std::string::npos);
  write_text(hea, "");
  EXPECT_NE(input_error_of([&] { read_wfdb_header(hea); }).find("empty"), std::string::npos);
  fs::remove(hea);
  EXPECT_NE(input_error_of([&] { read_wfdb_header(hea); }).find(hea.string()), std::string::npos);
}

const fs::path kRecord100 = shared_data_dir() / "mitdb" / "100";

TEST(Wfdb, MitBihRecord100) {
  if (!fs::exists(kRecord100.string() + ".hea")) GTEST_SKIP() << "MIT-BIH record 100 not present in " << kRecord100.parent_path().string();
  WfdbRecord rec = read_wfdb_record(kRecord100);
  EXPECT_EQ(rec.header.sampling_hz, 360);
  ASSERT_EQ(rec.digital.size(), 2u);
  EXPECT_EQ(rec.digital[0].size(), 650000u);
  EXPECT_EQ(rec.digital[1].size(), 650000u);
  EXPECT_EQ(rec.header.signals[0].description, "MLII");
  // The header's initial values are the first samples.
  EXPECT_EQ(rec.digital[0][0], rec.header.signals[0].initial_value);
  EXPECT_EQ(rec.digital[1][0], rec.header.signals[1].initial_value);
  std::map<std::string, int> count;
  auto anns = read_wfdb_annotations(kRecord100.string() + ".atr");
  for (const auto& a : anns) ++count[annotation_symbol(a.code)];
  EXPECT_EQ(count["N"], 2239);
  EXPECT_EQ(count["A"], 33);
  EXPECT_EQ(count["V"], 1);
  for (size_t i = 1; i < anns.size(); ++i) EXPECT_GE(anns[i].sample, anns[i - 1].sample);
  EXPECT_LT(anns.back().sample, 650000);
}

}  // namespace
}  // namespace fognas
