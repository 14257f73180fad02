// EDF/EDF+: files written here are read back sample for sample with the
// header's digital-to-physical scaling; damaged files name themselves.
#include <gtest/gtest.h>

#include "fognas/common/error.h"
#include "fognas/data/edf.h"
#include "fognas/data/random.h"
#include "writers.h"
#include "fognas/testing/support.h"

namespace fognas {
namespace {
using fognas::testing::input_error_of;
using namespace fognas::testing;

std::vector<TestEdfSignal> three_signals(int records, uint64_t seed) {
  Rng rng(seed);
  std::vector<TestEdfSignal> s = {{"FP1-F7", -800, 800, -32768, 32767, 256, {}},
                                  {"F7-T7", -500.5, 499.5, -2048, 2047, 128, {}},
                                  {"EDF Annotations", -1, 1, -32768, 32767, 30, {}}};
  for (auto& sig : s) {
    sig.digital.resize(static_cast<size_t>(records * sig.samples_per_record));
    for (auto& v : sig.digital)
      v = sig.digital_min + static_cast<int>(rng.index(static_cast<size_t>(sig.digital_max - sig.digital_min + 1)));
  }
  return s;
}

TEST(Edf, WrittenFileReadsBackWithScaling) {
  TempDir tmp("edf");
  auto sigs = three_signals(5, 1);
  const fs::path p = tmp.path / "x.edf";
  write_bytes(p, encode_edf(sigs, 5, 1.0, "EDF+C"));
  EdfHeader h = read_edf_header(p);
  EXPECT_TRUE(h.is_edf_plus());
  EXPECT_EQ(h.records, 5);
  EXPECT_EQ(h.record_duration_s, 1.0);
  ASSERT_EQ(h.signals.size(), 3u);
  EXPECT_EQ(h.signals[1].label, "F7-T7");
  EXPECT_EQ(h.signals[0].sampling_hz(h.record_duration_s), 256);
  EXPECT_EQ(h.signals[1].sampling_hz(h.record_duration_s), 128);
  EXPECT_TRUE(h.signals[2].is_annotation());
  EXPECT_EQ(h.find_signal("f7-t7"), 1);
  EXPECT_EQ(h.find_signal("F8-T8"), -1);
  auto x = read_edf_signals(p, h, {1, 0});
  ASSERT_EQ(x[0].size(), 5u * 128);
  ASSERT_EQ(x[1].size(), 5u * 256);
  for (size_t i = 0; i < x[0].size(); ++i) {
    double want = -500.5 + (sigs[1].digital[i] + 2048) * 1000.0 / 4095.0;
    ASSERT_NEAR(x[0][i], want, 1e-9) << i;
  }
  for (size_t i = 0; i < x[1].size(); ++i) {
    double want = -800 + (sigs[0].digital[i] + 32768) * 1600.0 / 65535.0;
    ASSERT_NEAR(x[1][i], want, 1e-9) << i;
  }
  // The range ends map onto the physical range ends.
  EXPECT_DOUBLE_EQ(h.signals[1].to_physical(-2048), -500.5);
  EXPECT_DOUBLE_EQ(h.signals[1].to_physical(2047), 499.5);
}

// An annotation signal's samples are bytes, two to a sample (little-endian).
std::vector<int> as_samples(std::string bytes, int samples) {
  bytes.resize(2 * static_cast<size_t>(samples), '\0');
  std::vector<int> out;
  for (size_t i = 0; i < bytes.size(); i += 2)
    out.push_back(static_cast<int16_t>(static_cast<uint16_t>(static_cast<uint8_t>(bytes[i]) |
                                                             (static_cast<uint8_t>(bytes[i + 1]) << 8))));
  return out;
}

// EDF+ (section 2.2): a file of annotations alone may have records of
// duration 0; each record starts with its time-keeping TAL ("+0\x14\x14"),
// then any TALs "+onset[\x15duration]\x14text\x14", each ended by \0.
TEST(Edf, AnAnnotationsOnlyFileIsReadWithItsAnnotations) {
  TempDir tmp("edf-annotations");
  const std::string r1 = std::string("+0\x14\x14\0", 5) + std::string("+12.5\x15" "30\x14seizure\x14\0", 18);
  const std::string r2 = std::string("+1\x14\x14\0", 5) + std::string("+60\x14" "artefact\x14" "eyes open\x14\0", 24);
  TestEdfSignal annotations{"EDF Annotations", -1, 1, -32768, 32767, 30, {}};
  annotations.digital = as_samples(r1, 30);
  const std::vector<int> second = as_samples(r2, 30);
  annotations.digital.insert(annotations.digital.end(), second.begin(), second.end());
  const fs::path p = tmp.path / "events.edf";
  write_bytes(p, encode_edf({annotations}, 2, 0.0, "EDF+D"));
  const EdfHeader h = read_edf_header(p);
  EXPECT_EQ(h.records, 2);
  EXPECT_EQ(h.record_duration_s, 0.0);
  const std::vector<EdfAnnotation> a = read_edf_annotations(p, h);
  ASSERT_EQ(a.size(), 3u);
  EXPECT_DOUBLE_EQ(a[0].onset_s, 12.5);
  EXPECT_DOUBLE_EQ(a[0].duration_s, 30);
  EXPECT_EQ(a[0].text, "seizure");
  EXPECT_DOUBLE_EQ(a[1].onset_s, 60);
  EXPECT_EQ(a[1].text, "artefact");
  EXPECT_EQ(a[2].text, "eyes open");
  // A duration of 0 stays refused where a signal holds samples.
  auto sigs = three_signals(2, 3);
  write_bytes(tmp.path / "zero.edf", encode_edf(sigs, 2, 0.0, "EDF+C"));
  EXPECT_NE(input_error_of([&] { read_edf_header(tmp.path / "zero.edf"); }).find("must be positive"), std::string::npos);
  // A list that does not start with +onset names its record.
  annotations.digital = as_samples(std::string("12\x14x\x14\0", 6), 30);
  annotations.digital.resize(60, 0);
  write_bytes(tmp.path / "bad.edf", encode_edf({annotations}, 2, 0.0, "EDF+D"));
  EXPECT_NE(input_error_of([&] { read_edf_annotations(tmp.path / "bad.edf", read_edf_header(tmp.path / "bad.edf")); })
                .find("record 1"),
            std::string::npos);
}

TEST(Edf, UnknownRecordCountIsTakenFromTheSize) {
  TempDir tmp("edf-unknown");
  auto sigs = three_signals(3, 2);
  auto bytes = encode_edf(sigs, 3, 2.0);
  std::string minus_one = "-1      ";
  std::copy(minus_one.begin(), minus_one.end(), bytes.begin() + 236);  // the record-count field
  write_bytes(tmp.path / "u.edf", bytes);
  EXPECT_EQ(read_edf_header(tmp.path / "u.edf").records, 3);
}

TEST(Edf, DamagedFilesNameThemselves) {
  TempDir tmp("edf-bad");
  const fs::path p = tmp.path / "bad.edf";
  auto good = encode_edf(three_signals(4, 3), 4, 1.0);
  const size_t record_bytes = 2 * (256 + 128 + 30);

  write_bytes(p, std::vector<uint8_t>(good.begin(), good.end() - 10));
  std::string e = input_error_of([&] { read_edf_header(p); });
  EXPECT_NE(e.find(p.string()), std::string::npos) << e;
  EXPECT_NE(e.find("truncated in data record 4 of 4"), std::string::npos) << e;

  write_bytes(p, std::vector<uint8_t>(good.begin(), good.end() - 2 * record_bytes - 1));
  EXPECT_NE(input_error_of([&] { read_edf_header(p); }).find("data record 2 of 4"), std::string::npos);

  write_bytes(p, std::vector<uint8_t>(good.begin(), good.begin() + 300));
  EXPECT_NE(input_error_of([&] { read_edf_header(p); }).find("signal headers"), std::string::npos);

  write_bytes(p, std::vector<uint8_t>(good.begin(), good.begin() + 100));
  EXPECT_NE(input_error_of([&] { read_edf_header(p); }).find("truncated"), std::string::npos);

  auto bad = good;
  bad[236] = 'x';  // record count
  write_bytes(p, bad);
  e = input_error_of([&] { read_edf_header(p); });
  EXPECT_NE(e.find("record count at byte 236"), std::string::npos) << e;

  bad = good;
  bad[0] = '9';
  write_bytes(p, bad);
  EXPECT_NE(input_error_of([&] { read_edf_header(p); }).find("not an EDF file"), std::string::npos);

  // A signal with an empty digital or physical range fails when it is read,
  // not when another signal of the file is.
  auto sigs = three_signals(1, 4);
  sigs[1].digital_min = 100;
  sigs[1].digital_max = 100;
  for (auto& v : sigs[1].digital) v = 100;
  sigs[0].physical_max = sigs[0].physical_min;
  write_bytes(p, encode_edf(sigs, 1, 1.0));
  EdfHeader h = read_edf_header(p);
  EXPECT_EQ(read_edf_signals(p, h, {2}).at(0).size(), 30u);
  e = input_error_of([&] { read_edf_signals(p, h, {1}); });
  EXPECT_NE(e.find("signal 1 ('F7-T7') has digital range 100..100"), std::string::npos) << e;
  EXPECT_NE(input_error_of([&] { read_edf_signals(p, h, {0}); }).find("empty physical range"), std::string::npos);
  sigs[0].physical_max = 800;
  sigs[1].digital_min = -40000;
  write_bytes(p, encode_edf(sigs, 1, 1.0));
  EXPECT_NE(input_error_of([&] { read_edf_header(p); }).find("outside 16 bits"), std::string::npos);
}

}  // namespace
}  // namespace fognas
