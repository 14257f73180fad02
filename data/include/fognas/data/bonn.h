#pragma once
// The Bonn University epilepsy EEG sets A-E (Andrzejak et al., Phys. Rev. E
// 64, 061907, 2001): 100 single-channel segments per set, one integer per line,
// 4097 samples at 173.61 Hz. Set E (files S001..S100) holds seizure activity.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "fognas/data/dataset.h"

namespace fognas {

constexpr double kBonnSamplingHz = 173.61;
constexpr int kBonnSegmentSamples = 4097;

struct BonnSegment {
  std::filesystem::path path;
  std::vector<int> samples;
};

struct BonnSet {
  char letter = 'A';  // A..E
  std::vector<BonnSegment> segments;
  bool seizure() const { return letter == 'E'; }
};

// The file-name prefix of each set: A=Z, B=O, C=N, D=F, E=S.
char bonn_file_prefix(char set_letter);

// One segment file; anything but 4097 integers throws InputError naming the
// file and line.
BonnSegment read_bonn_segment(const std::filesystem::path& path);
// The same on the text of a segment file; `name` is used in messages.
BonnSegment parse_bonn_segment(const std::string& text, const std::filesystem::path& name);
// Samples are 12-bit A/D values; anything outside 16 bits is not a Bonn sample.
constexpr long kBonnMaxAbsSample = 32768;
// Finds the sets under `dir`: as folders ("A", "A_Z", "setA", "Z") or as files
// directly in it (Z001.txt ... S100.txt, any case). Empty when none is found.
std::vector<BonnSet> read_bonn_sets(const std::filesystem::path& dir);

// The reader's own classes are the set letters A-E; by default they are
// gathered into "non-seizure" (A-D) and "seizure" (E).
const std::vector<ClassGroup>& bonn_default_classes();

// Each segment band-passed 1-30 Hz and cut into two 2048-sample windows,
// normalised as `settings` asks (a segment is the recording), in the classes
// `settings` chooses. examples_per_class > 0 keeps at most that many windows
// per chosen class, at random with `seed`.
Dataset bonn_dataset(const std::vector<BonnSet>& sets, const std::string& name, size_t examples_per_class,
                     uint64_t seed, const ReaderSettings& settings = {});

}  // namespace fognas
