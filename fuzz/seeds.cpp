// Writes small valid inputs of every format read by the fuzz targets, each
// into <out>/<target>/, using the same writers as the unit tests
// (tests/data/writers.h). scripts/fuzz.sh adds the shipped scenarios, device
// profiles and calibration CSV beside them.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "writers.h"

namespace {
using namespace fognas::testing;

std::string text_of(const std::vector<uint8_t>& b) { return std::string(b.begin(), b.end()); }

void put(const fs::path& dir, const std::string& name, const std::string& bytes) {
  fs::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << bytes;
}

std::vector<int> wave(size_t n, int amplitude, int period) {
  std::vector<int> v(n);
  for (size_t i = 0; i < n; ++i)
    v[i] = static_cast<int>(std::lround(amplitude * std::sin(6.283185307 * static_cast<double>(i) / period)));
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: fuzz_seeds OUT_DIR\n");
    return 2;
  }
  const fs::path out = argv[1];
  // WFDB: a two-signal format-212 record and a one-signal format-16 one.
  const auto a = wave(64, 2000, 16), b = wave(64, -900, 9), c = wave(48, 30000, 7);
  const std::string hea212 = "rec 2 360 64\nrec.dat 212 200(10)/mV 12 0 " + std::to_string(a[0]) + " " +
                             std::to_string(checksum16(a)) + " 0 MLII\nrec.dat 212 100/mV 11 1024 " +
                             std::to_string(b[0]) + " " + std::to_string(checksum16(b)) + " 0 V5\n";
  const std::string hea16 = "# comment\nrec16 1 250/1000(0) 48\nrec16.dat 16+4 0 16 0 " + std::to_string(c[0]) + " " +
                            std::to_string(checksum16(c)) + " 0 lead\n";
  const std::string hea_free = "free 1 128\nfree.dat 212x1:0 0\n";
  put(out / "wfdb_header", "212.hea", hea212);
  put(out / "wfdb_header", "16.hea", hea16);
  put(out / "wfdb_header", "free.hea", hea_free);
  put(out / "wfdb_signal", "212", hea212 + std::string(1, '\0') + text_of(encode_212({a, b})));
  put(out / "wfdb_signal", "16", hea16 + std::string(1, '\0') + std::string(4, 'x') + text_of(encode_16({c})));
  put(out / "wfdb_signal", "free", hea_free + std::string(1, '\0') + text_of(encode_212({a})));
  std::vector<TestAnnotation> anns;
  long t = 0;
  for (int i = 0; i < 12; ++i) {
    TestAnnotation x;
    t += i == 5 ? 70000 : 300 + 7 * i;
    x.sample = t;
    x.code = i % 3 == 0 ? 5 : 1;
    x.subtype = i == 2 ? 3 : 0;
    x.channel = i == 4 ? 1 : 0;
    x.num = i == 6 ? -2 : 0;
    x.aux = i == 7 ? "(AFIB" : "";
    anns.push_back(x);
  }
  put(out / "wfdb_annotations", "rec.atr", text_of(encode_atr(anns)));
  // EDF and EDF+ (with an annotation signal).
  TestEdfSignal f7{"F7-T7", -200, 200, -2048, 2047, 32, wave(3 * 32, 1500, 11)};
  TestEdfSignal f8{"F8-T8", -3200.5, 3200.5, -32768, 32767, 32, wave(3 * 32, -20000, 5)};
  TestEdfSignal ann{"EDF Annotations", -1, 1, -32768, 32767, 4, std::vector<int>(3 * 4, 0x2B)};
  put(out / "edf", "edf.edf", text_of(encode_edf({f7, f8}, 3, 0.125)));
  put(out / "edf", "edfplus.edf", text_of(encode_edf({f7, ann}, 3, 0.125, "EDF+C")));
  put(out / "edf", "unknown-records.edf", text_of(encode_edf({f8}, 3, 1)).replace(236, 8, "-1      "));
  // Bonn: 4097 integers.
  std::string seg;
  for (int v : wave(4097, 1800, 40)) seg += std::to_string(v) + "\n";
  put(out / "bonn", "Z001.txt", seg);
  // CHB-MIT summary.
  put(out / "chb_summary", "chb01-summary.txt",
      "Data Sampling Rate: 256 Hz\n*************************\n\nChannels in EDF Files:\n"
      "Channel 1: FP1-F7\nChannel 2: F7-T7\n\n"
      "File Name: chb01_01.edf\nFile Start Time: 11:42:54\nFile End Time: 11:43:14\n"
      "Number of Seizures in File: 0\n\n"
      "File Name: chb01_02.edf\nFile Start Time: 11:43:14\nFile End Time: 11:43:38\n"
      "Number of Seizures in File: 2\nSeizure 1 Start Time: 4 seconds\nSeizure 1 End Time: 10 seconds\n"
      "Seizure 2 Start Time: 12.5 seconds\nSeizure 2 End Time: 16 seconds\n");
  return 0;
}
