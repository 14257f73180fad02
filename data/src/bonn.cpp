#include "fognas/data/bonn.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/common/parse.h"
#include "fognas/data/filter.h"
#include "fognas/data/random.h"
#include "fognas/data/signal.h"

namespace fognas {
namespace fs = std::filesystem;
namespace {

const std::string kPrefixes = "ZONFS";  // file prefixes of sets A..E

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Set letter of a folder name ("A", "A_Z", "setA", "Z", "set_E"), or 0.
char folder_set(const std::string& name) {
  std::string n = upper(name);
  if (n.rfind("SET", 0) == 0) n = n.substr(3);
  if (!n.empty() && (n[0] == '_' || n[0] == '-' || n[0] == ' ')) n = n.substr(1);
  if (n.size() == 1 && n[0] >= 'A' && n[0] <= 'E') return n[0];
  if (n.size() == 3 && n[0] >= 'A' && n[0] <= 'E' && n[1] == '_' && n[2] == kPrefixes[static_cast<size_t>(n[0] - 'A')])
    return n[0];
  if (n.size() == 1 && kPrefixes.find(n[0]) != std::string::npos)
    return static_cast<char>('A' + kPrefixes.find(n[0]));
  return 0;
}

// Set letter of a segment file name ("Z001.txt", "N042.TXT"), or 0.
char file_set(const fs::path& p) {
  std::string ext = upper(p.extension().string());
  std::string stem = upper(p.stem().string());
  if (ext != ".TXT" || stem.size() != 4) return 0;
  if (!std::all_of(stem.begin() + 1, stem.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    return 0;
  auto k = kPrefixes.find(stem[0]);
  return k == std::string::npos ? 0 : static_cast<char>('A' + k);
}

std::vector<fs::path> sorted_entries(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

void add_files(const fs::path& dir, char only_set, std::vector<BonnSet>& sets) {
  for (const auto& p : sorted_entries(dir)) {
    if (!fs::is_regular_file(p)) continue;
    char s = file_set(p);
    if (s == 0 || (only_set != 0 && s != only_set)) continue;
    auto it = std::find_if(sets.begin(), sets.end(), [&](const BonnSet& b) { return b.letter == s; });
    if (it == sets.end()) {
      sets.push_back(BonnSet{s, {}});
      it = sets.end() - 1;
    }
    it->segments.push_back(read_bonn_segment(p));
  }
}

}  // namespace

char bonn_file_prefix(char set_letter) { return kPrefixes.at(static_cast<size_t>(set_letter - 'A')); }

BonnSegment read_bonn_segment(const fs::path& path) {
  require_regular_file(path, "Bonn segment");
  // 4097 lines of at most a few characters; a much larger file is not a segment.
  return parse_bonn_segment(read_file(path, 1 << 20), path);
}

BonnSegment parse_bonn_segment(const std::string& text, const fs::path& path) {
  std::istringstream in(text);
  BonnSegment seg;
  seg.path = path;
  seg.samples.reserve(kBonnSegmentSamples);
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (trim(line).empty()) continue;
    const std::string where = location(path.string(), line_no);
    const long v = parse_long(line, where);
    if (v < -kBonnMaxAbsSample || v > kBonnMaxAbsSample)
      throw InputError(where, fmt::format("sample {} is outside -{}..{}", v, kBonnMaxAbsSample, kBonnMaxAbsSample));
    if (seg.samples.size() == static_cast<size_t>(kBonnSegmentSamples))
      throw InputError(where, fmt::format("more than the {} samples of a Bonn segment", kBonnSegmentSamples));
    seg.samples.push_back(static_cast<int>(v));
  }
  if (seg.samples.size() != static_cast<size_t>(kBonnSegmentSamples))
    throw InputError(path.string(), fmt::format("has {} samples, a Bonn segment has {}{}", seg.samples.size(),
                                                kBonnSegmentSamples,
                                                seg.samples.size() < kBonnSegmentSamples ? " (truncated)" : ""));
  return seg;
}

std::vector<BonnSet> read_bonn_sets(const fs::path& dir) {
  std::vector<BonnSet> sets;
  if (!fs::is_directory(dir)) return sets;
  for (const auto& p : sorted_entries(dir))
    if (fs::is_directory(p))
      if (char s = folder_set(p.filename().string())) add_files(p, s, sets);
  add_files(dir, 0, sets);
  sets.erase(std::remove_if(sets.begin(), sets.end(), [](const BonnSet& s) { return s.segments.empty(); }), sets.end());
  std::sort(sets.begin(), sets.end(), [](const BonnSet& a, const BonnSet& b) { return a.letter < b.letter; });
  return sets;
}

const std::vector<ClassGroup>& bonn_default_classes() {
  static const std::vector<ClassGroup> groups = {{"non-seizure", {"A", "B", "C", "D"}}, {"seizure", {"E"}}};
  return groups;
}

Dataset bonn_dataset(const std::vector<BonnSet>& sets, const std::string& name, size_t examples_per_class,
                     uint64_t seed, const ReaderSettings& settings) {
  constexpr size_t kWindow = 2048;  // two windows per 4097-sample segment (11.8 s each)
  const ClassMap map =
      resolve_classes({"A", "B", "C", "D", "E"}, settings.classes, bonn_default_classes(), settings.classes_where);
  Dataset d;
  d.name = name;
  d.class_names = map.names;
  d.length = static_cast<int>(kWindow);
  d.normalisation = settings.normalisation;
  struct Window {
    const BonnSegment* segment;
    int half;
    int label;
    int recording;
  };
  std::vector<std::vector<Window>> by_class(map.names.size());
  int recording = 0;
  for (const auto& set : sets)
    for (const auto& seg : set.segments) {
      const int label = map.label_of_source.at(static_cast<size_t>(set.letter - 'A'));
      for (int half = 0; half < 2 && label >= 0; ++half)
        by_class[static_cast<size_t>(label)].push_back({&seg, half, label, recording});
      ++recording;
    }
  Rng rng(mix_seed(seed, 0xB0));
  std::vector<Window> chosen;
  for (auto& windows : by_class) {
    if (examples_per_class > 0 && windows.size() > examples_per_class) {
      rng.shuffle(windows);
      windows.resize(examples_per_class);
      std::sort(windows.begin(), windows.end(), [](const Window& a, const Window& b) {
        return a.segment->path == b.segment->path ? a.half < b.half : a.segment->path < b.segment->path;
      });
    }
    chosen.insert(chosen.end(), windows.begin(), windows.end());
  }
  // Filter each segment once, then cut; filtering before cutting keeps the
  // windows free of edge transients.
  const BonnSegment* filtered_for = nullptr;
  std::vector<double> filtered;
  MeanSd stats;
  d.samples.resize(chosen.size() * kWindow);
  for (size_t i = 0; i < chosen.size(); ++i) {
    const Window& w = chosen[i];
    if (w.segment != filtered_for) {
      std::vector<double> x(w.segment->samples.begin(), w.segment->samples.end());
      filtered = eeg_bandpass(x, kBonnSamplingHz);
      stats = mean_sd(filtered.data(), filtered.size());
      filtered_for = w.segment;
    }
    normalise_to(filtered.data() + static_cast<size_t>(w.half) * kWindow, kWindow, settings.normalisation, stats,
                 d.samples.data() + i * kWindow);
    d.labels.push_back(w.label);
    d.recordings.push_back(w.recording);
  }
  return d;
}

}  // namespace fognas
