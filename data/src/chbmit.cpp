#include "fognas/data/chbmit.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/common/parse.h"
#include "fognas/data/edf.h"
#include "fognas/data/filter.h"
#include "fognas/data/random.h"
#include "fognas/data/signal.h"

namespace fognas {
namespace fs = std::filesystem;
namespace {

constexpr double kWindow_s = 4.0;
constexpr size_t kChannelSamples = 1024;  // 4 s at 256 Hz
const char* const kChannels[2] = {"F7-T7", "F8-T8"};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

// "chb01" -> 1, anything else -> 0
int case_number(const std::string& folder) {
  std::string n = lower(folder);
  if (!starts_with(n, "chb") || n.size() < 4) return 0;
  std::string digits = n.substr(3);
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    return 0;
  return std::atoi(digits.c_str());
}

fs::path summary_in(const fs::path& dir) {
  if (!fs::is_directory(dir)) return {};
  for (const auto& e : fs::directory_iterator(dir)) {
    std::string n = lower(e.path().filename().string());
    if (e.is_regular_file() && n.size() > 12 && n.substr(n.size() - 12) == "-summary.txt") return e.path();
  }
  return {};
}

// "2996 seconds" -> 2996
double seconds(const std::string& text, const std::string& where) {
  std::string t = trim(text);
  auto sp = t.find(' ');
  double v = parse_double(t.substr(0, sp), where);
  if (v < 0) throw InputError(where, "seizure time must not be negative");
  if (v > 1e8) throw InputError(where, fmt::format("seizure time {} s is beyond any recording", v));
  return v;
}

struct Candidate {
  size_t file;  // index into the flat file list
  long start;   // first sample of the window, per channel
  int label;
};

struct FileRef {
  fs::path path;
  const ChbFileSummary* summary;
  EdfHeader header;
  int channel[2];
  double sampling_hz;
  int case_index;
};

}  // namespace

bool chb_case_excluded(int number) { return number == 6 || number == 14 || number == 16; }

std::vector<ChbFileSummary> read_chb_summary(const fs::path& path) {
  require_regular_file(path, "CHB-MIT summary");
  return parse_chb_summary(read_file(path, 16 << 20), path.string());
}

std::vector<ChbFileSummary> parse_chb_summary(const std::string& text, const std::string& name) {
  const fs::path path = name;
  std::istringstream in(text);
  std::vector<ChbFileSummary> files;
  std::vector<int> declared;
  std::string line;
  int line_no = 0;
  bool pending_start = false;
  auto check_count = [&](const std::string& where) {
    if (!files.empty() && declared.back() >= 0 && static_cast<int>(files.back().seizures.size()) != declared.back())
      throw InputError(where, fmt::format("{} lists {} seizures but declares {}", files.back().file,
                                          files.back().seizures.size(), declared.back()));
  };
  while (std::getline(in, line)) {
    ++line_no;
    const std::string where = location(path.string(), line_no);
    std::string t = trim(line);
    auto colon = t.find(':');
    if (colon == std::string::npos) continue;
    std::string key = lower(trim(t.substr(0, colon)));
    std::string value = trim(t.substr(colon + 1));
    if (key == "file name") {
      if (pending_start) throw InputError(where, "seizure start without an end");
      check_count(where);
      files.push_back({value, {}});
      declared.push_back(-1);
    } else if (starts_with(key, "number of seizures")) {
      if (files.empty()) throw InputError(where, "seizure count before any file name");
      long n = parse_long(value, where);
      if (n < 0 || n > 100000) throw InputError(where, fmt::format("seizure count {} is out of range", n));
      declared.back() = static_cast<int>(n);
    } else if (starts_with(key, "seizure") && key.find("start time") != std::string::npos) {
      if (files.empty()) throw InputError(where, "seizure before any file name");
      if (pending_start) throw InputError(where, "seizure start without an end");
      files.back().seizures.push_back({seconds(value, where), 0});
      pending_start = true;
    } else if (starts_with(key, "seizure") && key.find("end time") != std::string::npos) {
      if (!pending_start) throw InputError(where, "seizure end without a start");
      Seizure& s = files.back().seizures.back();
      s.end_s = seconds(value, where);
      if (!(s.end_s > s.start_s)) throw InputError(where, "seizure ends before it starts");
      pending_start = false;
    }
  }
  const std::string end = location(path.string(), line_no);
  if (pending_start) throw InputError(end, "seizure start without an end");
  check_count(end);
  return files;
}

std::vector<ChbCase> find_chb_cases(const fs::path& dir) {
  std::vector<fs::path> folders;
  if (!summary_in(dir).empty()) {
    folders.push_back(dir);
  } else if (fs::is_directory(dir)) {
    for (const auto& e : fs::directory_iterator(dir))
      if (e.is_directory() && case_number(e.path().filename().string()) > 0 && !summary_in(e.path()).empty())
        folders.push_back(e.path());
  }
  std::sort(folders.begin(), folders.end());
  std::vector<ChbCase> cases;
  for (const auto& f : folders) {
    ChbCase c;
    c.dir = f;
    c.number = case_number(f.filename().string());
    if (c.number == 0) c.number = case_number(summary_in(f).filename().string().substr(0, 5));
    if (chb_case_excluded(c.number)) continue;
    c.files = read_chb_summary(summary_in(f));
    cases.push_back(std::move(c));
  }
  return cases;
}

Dataset chbmit_dataset(const std::vector<ChbCase>& cases, const std::string& name, size_t examples_per_class,
                       uint64_t seed, const ReaderSettings& settings) {
  const std::vector<std::string> sources = {"non-seizure", "seizure"};
  const ClassMap map = resolve_classes(sources, settings.classes, identity_groups(sources), settings.classes_where);
  Dataset d;
  d.name = name;
  d.class_names = map.names;
  d.length = static_cast<int>(2 * kChannelSamples);
  d.normalisation = settings.normalisation;

  // Pass 1: headers only, to list every candidate window without reading data.
  std::vector<FileRef> files;
  std::vector<std::vector<Candidate>> by_class(2);
  for (size_t ci = 0; ci < cases.size(); ++ci) {
    const ChbCase& c = cases[ci];
    for (const auto& s : c.files) {
      fs::path p = c.dir / s.file;
      if (!fs::exists(p)) {
        std::fprintf(stderr, "chb-mit: %s is listed in the summary but missing, skipped\n", p.string().c_str());
        continue;
      }
      FileRef f{p, &s, read_edf_header(p), {-1, -1}, 0, static_cast<int>(ci)};
      for (int k = 0; k < 2; ++k) f.channel[k] = f.header.find_signal(kChannels[k]);
      if (f.channel[0] < 0 || f.channel[1] < 0) {
        std::fprintf(stderr, "chb-mit: %s lacks F7-T7 or F8-T8, skipped\n", p.string().c_str());
        continue;
      }
      const auto& s0 = f.header.signals[static_cast<size_t>(f.channel[0])];
      const auto& s1 = f.header.signals[static_cast<size_t>(f.channel[1])];
      if (s0.samples_per_record != s1.samples_per_record)
        throw InputError(p.string(), "F7-T7 and F8-T8 have different sampling rates");
      f.sampling_hz = s0.sampling_hz(f.header.record_duration_s);
      if (!(f.sampling_hz >= kChbMinSamplingHz && f.sampling_hz <= kChbMaxSamplingHz))
        throw InputError(p.string(), fmt::format("F7-T7 is sampled at {} Hz, outside {}..{} Hz", f.sampling_hz,
                                                 kChbMinSamplingHz, kChbMaxSamplingHz));
      const long window = std::lround(kWindow_s * f.sampling_hz);  // at least 4 samples
      const long total = f.header.records * s0.samples_per_record;
      for (long start = 0; start + window <= total; start += window) {
        double t0 = start / f.sampling_hz, t1 = (start + window) / f.sampling_hz;
        int label = 0;
        for (const Seizure& z : s.seizures) {
          if (t0 >= z.start_s && t1 <= z.end_s) label = 1;
          else if (t1 > z.start_s && t0 < z.end_s) label = -1;  // touches a seizure edge: neither class
        }
        if (label >= 0) by_class[static_cast<size_t>(label)].push_back({files.size(), start, label});
      }
      files.push_back(std::move(f));
    }
  }
  // The background is ~1000 hours; keep as many non-seizure windows as there
  // are seizure windows unless a size was asked for.
  Rng rng(mix_seed(seed, 0xC8B));
  size_t cap[2] = {examples_per_class, examples_per_class};
  if (examples_per_class == 0) cap[0] = by_class[1].size();
  std::vector<Candidate> chosen;
  for (int c = 0; c < 2; ++c) {
    auto& v = by_class[static_cast<size_t>(c)];
    if (map.label_of_source[static_cast<size_t>(c)] < 0) continue;  // not chosen
    if (cap[c] > 0 && v.size() > cap[c]) {
      rng.shuffle(v);
      v.resize(cap[c]);
    }
    chosen.insert(chosen.end(), v.begin(), v.end());
  }
  std::sort(chosen.begin(), chosen.end(), [](const Candidate& a, const Candidate& b) {
    return a.file != b.file ? a.file < b.file : a.start < b.start;
  });

  // Pass 2: read, filter and cut only the files that have chosen windows.
  d.samples.resize(chosen.size() * 2 * kChannelSamples);
  size_t next = 0;
  for (size_t fi = 0; fi < files.size() && next < chosen.size(); ++fi) {
    if (chosen[next].file != fi) continue;
    const FileRef& f = files[fi];
    std::fprintf(stderr, "chb-mit: reading %s\n", f.path.string().c_str());
    auto raw = read_edf_signals(f.path, f.header, {f.channel[0], f.channel[1]});
    std::vector<double> ch[2] = {eeg_bandpass(raw[0], f.sampling_hz), eeg_bandpass(raw[1], f.sampling_hz)};
    const MeanSd stats[2] = {mean_sd(ch[0].data(), ch[0].size()), mean_sd(ch[1].data(), ch[1].size())};
    const size_t window = static_cast<size_t>(std::lround(kWindow_s * f.sampling_hz));
    for (; next < chosen.size() && chosen[next].file == fi; ++next) {
      float* out = d.samples.data() + next * 2 * kChannelSamples;
      for (int k = 0; k < 2; ++k) {
        const double* x = ch[k].data() + chosen[next].start;
        if (window == kChannelSamples) {
          normalise_to(x, kChannelSamples, settings.normalisation, stats[k], out + k * kChannelSamples);
        } else {  // other sampling rates: bring the 4 s to 1024 samples
          auto r = resample_linear(x, window, kChannelSamples);
          normalise_to(r.data(), kChannelSamples, settings.normalisation, stats[k], out + k * kChannelSamples);
        }
      }
      d.labels.push_back(map.label_of_source[static_cast<size_t>(chosen[next].label)]);
      d.recordings.push_back(f.case_index);
    }
  }
  return d;
}

}  // namespace fognas
