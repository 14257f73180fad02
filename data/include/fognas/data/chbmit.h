#pragma once
// CHB-MIT scalp EEG (PhysioNet): one folder per case (chb01 ...) holding EDF
// files and chbNN-summary.txt with each file's seizure start and end times.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "fognas/data/dataset.h"

namespace fognas {

struct Seizure {
  double start_s = 0, end_s = 0;
};

struct ChbFileSummary {
  std::string file;  // "chb01_03.edf"
  std::vector<Seizure> seizures;
};

struct ChbCase {
  int number = 0;  // 1 for chb01
  std::filesystem::path dir;
  std::vector<ChbFileSummary> files;
};

// Parses chbNN-summary.txt; inconsistent seizure counts or times throw
// InputError naming the file and line.
std::vector<ChbFileSummary> read_chb_summary(const std::filesystem::path& path);
// The same on the summary's text; `name` is used in messages.
std::vector<ChbFileSummary> parse_chb_summary(const std::string& text, const std::string& name);
// Sampling rates the windowing accepts (CHB-MIT is recorded at 256 Hz).
constexpr double kChbMinSamplingHz = 1;
constexpr double kChbMaxSamplingHz = 100000;
// The cases under `dir` (itself a case folder, or a folder of them) that are
// not excluded (6, 14, 16: very short seizures). Empty when none is found.
std::vector<ChbCase> find_chb_cases(const std::filesystem::path& dir);
bool chb_case_excluded(int number);

// Channels F7-T7 and F8-T8, band-pass 1-30 Hz, 4 s windows (1024 samples per
// channel), normalised per channel as `settings` asks (an EDF file's channel
// is the recording), concatenated. A window is "seizure" when it lies inside a
// seizure, "non-seizure" when it touches none. Recordings for splitting by
// record are the cases (patients).
Dataset chbmit_dataset(const std::vector<ChbCase>& cases, const std::string& name, size_t examples_per_class,
                       uint64_t seed, const ReaderSettings& settings = {});

}  // namespace fognas
