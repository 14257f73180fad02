// Headers that lie about sizes, numbers outside their physical range, folders
// given as files: each reader answers with one InputError naming the file
// (and line or field), never bad_alloc, a wrapped number or silent zeros.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "fognas/common/error.h"
#include "fognas/data/bonn.h"
#include "fognas/data/chbmit.h"
#include "fognas/data/edf.h"
#include "fognas/data/wfdb.h"
#include "fognas/testing/support.h"
#include "writers.h"

namespace fognas {
namespace {
using fognas::testing::input_error_of;
using namespace fognas::testing;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string bytes_of(const std::vector<uint8_t>& b) { return std::string(b.begin(), b.end()); }

TEST(HostileInput, WfdbSampleCountBeyondTheFileIsTruncationNotAllocation) {
  TempDir tmp("hostile-wfdb");
  write_bytes(tmp.path / "r.dat", encode_212({{1, 2, 3, 4}}));
  for (const std::string count : {"99999999999", "9223372036854775807", "4611686018427387904"}) {
    write_text(tmp.path / "r.hea", "r 1 360 " + count + "\nr.dat 212 200 12 0 1 0 0 x\n");
    const std::string e = input_error_of([&] { read_wfdb_record(tmp.path / "r"); });
    EXPECT_TRUE(has(e, (tmp.path / "r.dat").string() + ": truncated")) << e;
  }
  // Many signals in one file: samples x signals must not wrap either.
  std::string hea = "r 4 360 2305843009213693952\n";
  for (int i = 0; i < 4; ++i) hea += "r.dat 16\n";
  const std::string e = input_error_of([&] {
    decode_wfdb_record(parse_wfdb_header(hea, "r.hea"), "r.hea", [](const std::string&) { return std::string(64, 'x'); });
  });
  EXPECT_TRUE(has(e, "r.dat: truncated")) << e;
}

TEST(HostileInput, WfdbNumbersMustBeInTheirPhysicalRange) {
  const auto err = [](const std::string& text) { return input_error_of([&] { parse_wfdb_header(text, "h.hea"); }); };
  EXPECT_TRUE(has(err("r 1 1e-9\nr.dat 212\n"), "h.hea:1: sampling frequency 1e-09 Hz is outside 1..100000 Hz"));
  EXPECT_TRUE(has(err("r 1 1e300\nr.dat 212\n"), "sampling frequency"));
  EXPECT_TRUE(has(err("r 1 nan\nr.dat 212\n"), "h.hea:1: sampling frequency 'nan' is not a number"));
  EXPECT_TRUE(has(err("r 1 360\nr.dat 212 200(99999999999)\n"), "h.hea:2: baseline"));
  EXPECT_TRUE(has(err("r 1 360\nr.dat 212 200(4294967296)\n"), "h.hea:2: baseline 4294967296 is outside"));
  EXPECT_TRUE(has(err("r 1 360\nr.dat 212 200 12 2147483648\n"), "h.hea:2: ADC zero 2147483648 is outside"));
  EXPECT_TRUE(has(err("r 1 360\nr.dat 212 200 99\n"), "h.hea:2: ADC resolution 99 is outside 0..32"));
  EXPECT_TRUE(has(err("r 1 360\nr.dat 212 200 12 0 0 70000\n"), "h.hea:2: checksum 70000"));
  EXPECT_TRUE(has(err("r 1 360\nr.dat 4294967508\n"), "h.hea:2: signal format 4294967508 is outside"));
  EXPECT_TRUE(has(err("r 1 360\nr.dat 212 1e300\n"), "h.hea:2: gain 1e+300 is outside"));
  EXPECT_EQ(parse_wfdb_header("r 1 360 10\nr.dat 212 200(-1024) 12 1024\n", "h.hea").signals[0].baseline, -1024);
  // Found by fuzzing: a line of form feeds is blank, not a record line without tokens.
  EXPECT_EQ(parse_wfdb_header("\f\f\v\nr 1 360 10\n\f\nr.dat 212\n", "h.hea").signals.size(), 1u);
}

TEST(HostileInput, WfdbAnnotationBeforeTheRecordStartIsRefused) {
  TestAnnotation a;
  a.sample = -5;
  a.code = 1;
  const std::string e = input_error_of([&] { parse_wfdb_annotations(bytes_of(encode_atr({a})), "x.atr"); });
  EXPECT_TRUE(has(e, "x.atr: annotation at byte 6 lies at sample -5, before the record starts")) << e;
}

TEST(HostileInput, WfdbFolderGivenAsAFile) {
  TempDir tmp("hostile-wfdb-folder");
  fs::create_directories(tmp.path / "r.hea");
  fs::create_directories(tmp.path / "r.atr");
  EXPECT_TRUE(has(input_error_of([&] { read_wfdb_header(tmp.path / "r"); }), "r.hea: is a folder"));
  EXPECT_TRUE(has(input_error_of([&] { read_wfdb_annotations(tmp.path / "r.atr"); }), "r.atr: is a folder"));
  fs::remove(tmp.path / "r.hea");
  write_text(tmp.path / "r.hea", "r 1 360 2\nd 212\n");
  fs::create_directories(tmp.path / "d");
  EXPECT_TRUE(has(input_error_of([&] { read_wfdb_record(tmp.path / "r"); }), "d: is a folder"));
}

std::vector<TestEdfSignal> one_signal() { return {{"F7-T7", -100, 100, -2048, 2047, 4, {1, 2, 3, 4, 5, 6, 7, 8}}}; }

EdfHeader edf_header_of(const std::string& bytes) {
  std::istringstream in(bytes);
  return parse_edf_header(in, bytes.size(), "e.edf");
}

TEST(HostileInput, EdfRecordsTimesRecordBytesIsCheckedAgainstTheFileWithoutOverflow) {
  std::string b = bytes_of(encode_edf(one_signal(), 2, 1));
  ASSERT_EQ(edf_header_of(b).records, 2);
  b.replace(236, 8, "99999999");
  EXPECT_TRUE(has(input_error_of([&] { edf_header_of(b); }), "e.edf: truncated in data record 3 of 99999999"));
  // 99999999 records x 4096 signals x 99999999 samples x 2 bytes does not fit 64 bits.
  std::vector<TestEdfSignal> wide(4096, one_signal()[0]);
  for (auto& s : wide) s.samples_per_record = 1, s.digital = {0};
  std::string w = bytes_of(encode_edf(wide, 1, 1000));
  w.replace(236, 8, "99999999");
  const size_t spr = 256 + 4096 * (16 + 80 + 8 + 8 + 8 + 8 + 8 + 80);
  for (size_t i = 0; i < 4096; ++i) w.replace(spr + 8 * i, 8, "99999999");
  EXPECT_TRUE(has(input_error_of([&] { edf_header_of(w); }), "e.edf: truncated in data record 1 of 99999999"));
}

TEST(HostileInput, EdfNumbersMustBeFiniteAndPhysical) {
  std::string b = bytes_of(encode_edf(one_signal(), 2, 1));
  const size_t pmin = 256 + 16 + 80 + 8, pmax = pmin + 8, spr = 256 + 16 + 80 + 8 * 5 + 80;
  std::string c = b;
  c.replace(pmin, 8, "-1e+308 ").replace(pmax, 8, "1e+308  ");
  EXPECT_TRUE(has(input_error_of([&] { edf_header_of(c); }), "physical range -1e+308..1e+308, too wide"));
  c = b;
  c.replace(244, 8, "1e-300  ");
  const std::string fast = input_error_of([&] { edf_header_of(c); });
  EXPECT_TRUE(has(fast, "e.edf: signal 0 ('F7-T7') is sampled at 3.9999999999999996e+300 Hz, more than 1000000 Hz")) << fast;
  c = b;
  c.replace(244, 8, "inf     ");
  EXPECT_TRUE(has(input_error_of([&] { edf_header_of(c); }), "record duration at byte 244 is 'inf', not a number"));
  c = b;
  c.replace(spr, 8, "-5      ");
  EXPECT_TRUE(has(input_error_of([&] { edf_header_of(c); }), "has -5 samples per record"));
  c = b;
  c.replace(184, 8, "99999999");
  EXPECT_TRUE(has(input_error_of([&] { edf_header_of(c); }), "header size 99999999 does not match"));
  // A header taken from another, longer file is checked against these bytes.
  EdfHeader h = edf_header_of(b);
  h.records = 1000;
  std::istringstream in(b);
  EXPECT_TRUE(has(input_error_of([&] { read_edf_signals(in, "e.edf", h, {0}); }), "e.edf: truncated"));
}

TEST(HostileInput, EdfFolderGivenAsAFile) {
  TempDir tmp("hostile-edf");
  fs::create_directories(tmp.path / "x.edf");
  EXPECT_TRUE(has(input_error_of([&] { read_edf_header(tmp.path / "x.edf"); }), "x.edf: is a folder"));
}

TEST(HostileInput, BonnSamplesDoNotWrap) {
  std::string e = input_error_of([&] { parse_bonn_segment("12\n99999999999\n", "Z001.txt"); });
  EXPECT_TRUE(has(e, "Z001.txt:2: sample 99999999999 is outside -32768..32768")) << e;
  e = input_error_of([&] { parse_bonn_segment("4294967296\n", "Z001.txt"); });
  EXPECT_TRUE(has(e, "Z001.txt:1: sample 4294967296 is outside")) << e;
  std::string many;
  for (int i = 0; i < 5000; ++i) many += "1\n";
  e = input_error_of([&] { parse_bonn_segment(many, "Z001.txt"); });
  EXPECT_TRUE(has(e, "Z001.txt:4098: more than the 4097 samples")) << e;
  TempDir tmp("hostile-bonn");
  fs::create_directories(tmp.path / "Z001.txt");
  EXPECT_TRUE(has(input_error_of([&] { read_bonn_segment(tmp.path / "Z001.txt"); }), "Z001.txt: is a folder"));
}

TEST(HostileInput, ChbMitSamplingRateGivingAnEmptyWindowIsRefused) {
  TempDir tmp("hostile-chb");
  const fs::path dir = tmp.path / "chb01";
  fs::create_directories(dir);
  // 1 sample per 100 s record: a 4 s window would hold no sample at all.
  std::vector<TestEdfSignal> sigs = {{"F7-T7", -1, 1, -100, 100, 1, {1, 2}}, {"F8-T8", -1, 1, -100, 100, 1, {1, 2}}};
  write_bytes(dir / "chb01_01.edf", encode_edf(sigs, 2, 100));
  write_text(dir / "chb01-summary.txt", "File Name: chb01_01.edf\nNumber of Seizures in File: 0\n");
  const std::string e = input_error_of([&] { chbmit_dataset(find_chb_cases(tmp.path), "chb", 0, 1); });
  EXPECT_TRUE(has(e, "chb01_01.edf: F7-T7 is sampled at 0.01 Hz, outside 1..100000 Hz")) << e;
  EXPECT_TRUE(has(input_error_of([&] { parse_chb_summary("File Name: a\nNumber of Seizures in File: 99999999999\n",
                                                         "s.txt"); }),
                  "s.txt:2: seizure count 99999999999 is out of range"));
}

}  // namespace
}  // namespace fognas
