#include "fognas/data/mitbih.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "fognas/common/error.h"
#include "fognas/data/random.h"
#include "fognas/data/signal.h"
#include "fognas/data/wfdb.h"

namespace fognas {
namespace fs = std::filesystem;
namespace {

constexpr size_t kLength = 2048;

struct Beat {
  size_t record;
  long sample;
  int label;
};

size_t ecg_signal(const WfdbHeader& h) {
  for (size_t i = 0; i < h.signals.size(); ++i)
    if (h.signals[i].description == "MLII") return i;
  return 0;
}

}  // namespace

const std::vector<std::string>& aami_class_names() {
  static const std::vector<std::string> names = {"N", "S", "V", "F", "Q"};
  return names;
}

int aami_class(const std::string& s) {
  if (s == "N" || s == "L" || s == "R" || s == "e" || s == "j") return 0;
  if (s == "A" || s == "a" || s == "J" || s == "S") return 1;
  if (s == "V" || s == "E") return 2;
  if (s == "F") return 3;
  if (s == "/" || s == "f" || s == "Q") return 4;
  return -1;
}

std::vector<fs::path> find_wfdb_records(const fs::path& path) {
  std::vector<fs::path> out;
  if (fs::is_directory(path)) {
    for (const auto& e : fs::directory_iterator(path)) {
      fs::path p = e.path();
      if (e.is_regular_file() && p.extension() == ".hea" && fs::exists(fs::path(p).replace_extension(".atr")))
        out.push_back(p);
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  fs::path hea = wfdb_header_path(path);
  if (fs::is_regular_file(hea)) out.push_back(hea);
  return out;
}

Dataset mitbih_dataset(const std::vector<fs::path>& headers, const std::string& name, size_t examples_per_class,
                       uint64_t seed, const ReaderSettings& settings) {
  const ClassMap map = resolve_classes(aami_class_names(), settings.classes, identity_groups(aami_class_names()),
                                       settings.classes_where);
  Dataset d;
  d.name = name;
  d.class_names = map.names;
  d.length = static_cast<int>(kLength);
  d.normalisation = settings.normalisation;

  // Pass 1: headers and annotations, so only the chosen beats' records are read.
  std::vector<WfdbHeader> records;
  std::vector<std::vector<Beat>> by_class(d.class_names.size());
  for (const auto& hea : headers) {
    WfdbHeader h = read_wfdb_header(hea);
    fs::path atr = fs::path(hea).replace_extension(".atr");
    if (!fs::exists(atr)) throw InputError(hea.string(), "has no .atr annotation file beside it");
    const long before = std::lround(kBeatBefore_s * h.sampling_hz);
    const long after = std::lround(kBeatAfter_s * h.sampling_hz);
    for (const auto& a : read_wfdb_annotations(atr)) {
      const int aami = aami_class(annotation_symbol(a.code));
      const int c = aami < 0 ? -1 : map.label_of_source[static_cast<size_t>(aami)];
      if (c < 0 || a.sample - before < 0 || (h.samples > 0 && a.sample + after > h.samples)) continue;
      by_class[static_cast<size_t>(c)].push_back({records.size(), a.sample, c});
    }
    records.push_back(std::move(h));
  }
  Rng rng(mix_seed(seed, 0xEC6));
  std::vector<Beat> chosen;
  for (auto& v : by_class) {
    if (examples_per_class > 0 && v.size() > examples_per_class) {
      rng.shuffle(v);
      v.resize(examples_per_class);
    }
    chosen.insert(chosen.end(), v.begin(), v.end());
  }
  std::sort(chosen.begin(), chosen.end(), [](const Beat& a, const Beat& b) {
    return a.record != b.record ? a.record < b.record : a.sample < b.sample;
  });

  // Pass 2: read each record with chosen beats once and cut the windows.
  d.samples.resize(chosen.size() * kLength);
  size_t next = 0;
  for (size_t r = 0; r < records.size() && next < chosen.size(); ++r) {
    if (chosen[next].record != r) continue;
    if (headers.size() > 1) std::fprintf(stderr, "mit-bih: reading %s\n", headers[r].string().c_str());
    WfdbRecord rec = read_wfdb_record(headers[r]);
    const size_t sig = ecg_signal(rec.header);
    std::vector<double> x = rec.physical(sig);
    const MeanSd stats = mean_sd(x.data(), x.size());
    const long before = std::lround(kBeatBefore_s * rec.header.sampling_hz);
    const long after = std::lround(kBeatAfter_s * rec.header.sampling_hz);
    for (; next < chosen.size() && chosen[next].record == r; ++next) {
      const Beat& b = chosen[next];
      if (b.sample + after > static_cast<long>(x.size()))
        throw InputError(headers[r].string(), fmt::format("beat at sample {} lies beyond the signal", b.sample));
      auto w = resample_linear(x.data() + (b.sample - before), static_cast<size_t>(before + after), kLength);
      normalise_to(w.data(), kLength, settings.normalisation, stats, d.samples.data() + next * kLength);
      d.labels.push_back(b.label);
      d.recordings.push_back(static_cast<int>(r));
    }
  }
  return d;
}

}  // namespace fognas
