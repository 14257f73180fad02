#include "fognas/data/split.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <map>
#include <cmath>

#include "fognas/common/error.h"
#include "fognas/data/mitbih.h"
#include "fognas/data/random.h"

namespace fognas {
namespace {

Dataset empty_like(const Dataset& data, const std::string& part) {
  Dataset d;
  d.name = data.name + ":" + part;
  d.class_names = data.class_names;
  d.length = data.length;
  return d;
}

void fill(Dataset& out, const Dataset& data, std::vector<size_t> indices, Rng& rng) {
  rng.shuffle(indices);  // so training never sees the classes in blocks
  const size_t len = static_cast<size_t>(data.length);
  out.samples.reserve(indices.size() * len);
  out.labels.reserve(indices.size());
  for (size_t i : indices) {
    const float* x = data.example(i);
    out.samples.insert(out.samples.end(), x, x + len);
    out.labels.push_back(data.labels[i]);
    if (!data.recordings.empty()) out.recordings.push_back(data.recordings[i]);
  }
}

// Per-class counts of the split for a class of n examples (after balancing); the
// odd example of an odd validation part goes to V1 for even class indices.
struct PartCounts {
  size_t train, v1, v2, test;
};
PartCounts part_counts(size_t n, size_t class_index) {
  const size_t n_train = static_cast<size_t>(std::llround(0.70 * static_cast<double>(n)));
  const size_t n_val = static_cast<size_t>(std::llround(0.15 * static_cast<double>(n)));
  const size_t half = n_val / 2 + ((n_val % 2 == 1 && class_index % 2 == 0) ? 1 : 0);
  return {n_train, half, n_val - half, n - std::min(n, n_train + n_val)};
}

}  // namespace

size_t min_examples_per_class_for_split() {
  for (size_t n = 1;; ++n) {
    bool ok = true;
    for (size_t c = 0; c < 2; ++c) {
      const PartCounts p = part_counts(n, c);
      ok = ok && p.train > 0 && p.v1 > 0 && p.v2 > 0 && p.test > 0;
    }
    if (ok) return n;
  }
}

namespace {

// For beat classes (names the MIT-BIH reader defines, which data.classes takes
// as they are) the list of classes that have enough examples, as a value to
// put in data.classes; for other classes (Bonn sets, or groups data.classes
// named) class_origin_hint's general advice stands.
std::string classes_to_keep(const std::vector<std::string>& class_names, const std::vector<size_t>& counts,
                            size_t need) {
  const auto& aami = aami_class_names();
  std::vector<std::string> keep;
  for (size_t c = 0; c < counts.size(); ++c) {
    if (std::find(aami.begin(), aami.end(), class_names[c]) == aami.end()) return "";
    if (counts[c] >= need) keep.push_back(class_names[c]);
  }
  if (keep.size() < 2) return "; no two classes here have enough examples: choose other records";
  const std::string list = fmt::format("[{}]", fmt::join(keep, ", "));
  return fmt::format("; the classes with enough examples are data.classes: {} (train: --classes '{}')", list, list);
}

}  // namespace

std::string class_origin_hint(const std::vector<std::string>& class_names) {
  const std::string drop = "or drop the class with the scenario key data.classes (train: --classes)";
  if (class_names == aami_class_names())
    return "the AAMI beat classes N, S, V, F, Q are defined by the MIT-BIH reader (and synthetic-ecg) from the beat "
           "annotations; choose records that hold beats of every class (check them with `fognas data inspect`), " +
           drop;
  if (class_names == std::vector<std::string>{"non-seizure", "seizure"})
    return "non-seizure and seizure are defined by the Bonn reader (sets A-D vs E), the CHB-MIT reader (the seizure "
           "times in chbNN-summary.txt) and synthetic-eeg; choose data that holds both (Bonn: sets A-E; CHB-MIT: cases with "
           "seizures; check with `fognas data inspect`), " + drop;
  return "the classes are chosen by data.classes (train: --classes) from the reader's own classes (MIT-BIH: N, S, V, "
         "F, Q; Bonn: the sets A-E); choose data that holds every class (check with `fognas data inspect`), " + drop;
}

std::vector<std::string> split_warnings(const std::vector<std::string>& class_names,
                                        const std::vector<size_t>& counts) {
  std::vector<std::string> out;
  const size_t need = min_examples_per_class_for_split();
  for (size_t c = 0; c < counts.size(); ++c) {
    if (counts[c] == 0)
      out.push_back(fmt::format("class '{}' has no examples: train and search will refuse this data ({}{})",
                                class_names[c], class_origin_hint(class_names),
                                classes_to_keep(class_names, counts, need)));
  }
  for (size_t c = 0; c < counts.size(); ++c)
    if (counts[c] > 0 && counts[c] < need)
      out.push_back(fmt::format("class '{}' has {} example{}: the balanced 70/15/15 split with V1/V2 needs at least {} "
                                "per class so that every part holds one of each class",
                                class_names[c], counts[c], counts[c] == 1 ? "" : "s", need));
  return out;
}

void require_splittable(const Dataset& data) {
  const std::string where = data.name.empty() ? "data set" : data.name;
  const auto counts = data.class_counts();
  const size_t need = min_examples_per_class_for_split();
  // Every class that stands in the way at once, so one correction suffices.
  // Empty classes first, so that "fewer than" follows the small ones.
  std::vector<std::string> problems;
  for (size_t c = 0; c < counts.size(); ++c)
    if (counts[c] == 0) problems.push_back(fmt::format("class '{}' has no examples", data.class_names[c]));
  bool too_few = false;
  for (size_t c = 0; c < counts.size(); ++c) {
    if (counts[c] > 0 && counts[c] < need) {
      problems.push_back(fmt::format("class '{}' has {} example{}", data.class_names[c], counts[c],
                                     counts[c] == 1 ? "" : "s"));
      too_few = true;
    }
  }
  if (problems.empty()) return;
  std::string what = fmt::format("{}", fmt::join(problems, ", "));
  if (too_few)
    what += fmt::format(", fewer than the {} per class the balanced 70/15/15 split with V1/V2 needs (every part "
                        "holds one of each class)", need);
  throw InputError(where, what + "; " + class_origin_hint(data.class_names) +
                              classes_to_keep(data.class_names, counts, need));
}

std::string to_string(SplitUnit u) { return u == SplitUnit::Window ? "window" : "record"; }

std::optional<SplitUnit> split_unit_from_string(const std::string& s) {
  if (s == "window") return SplitUnit::Window;
  if (s == "record") return SplitUnit::Record;
  return std::nullopt;
}

namespace {

// Example indices of train, V1, V2 and test, before shuffling.
using Parts = std::array<std::vector<size_t>, 4>;

Parts parts_by_window(std::vector<std::vector<size_t>>& by_class, Rng& rng) {
  size_t smallest = by_class[0].size();
  for (const auto& c : by_class) smallest = std::min(smallest, c.size());
  // Every class gets the same counts: train and validation rounded to the
  // nearest example, test takes the rest (so it is within one of 15%).
  const size_t n_train = static_cast<size_t>(std::llround(0.70 * static_cast<double>(smallest)));
  const size_t n_val = static_cast<size_t>(std::llround(0.15 * static_cast<double>(smallest)));
  Parts parts;
  for (size_t c = 0; c < by_class.size(); ++c) {
    std::vector<size_t> idx = by_class[c];
    rng.shuffle(idx);
    idx.resize(smallest);  // undersample to the smallest class
    size_t k = 0;
    for (; k < n_train; ++k) parts[0].push_back(idx[k]);
    // An odd validation part gives its extra example to V1 and V2 in turn, so
    // the halves stay within one example of each other overall.
    size_t half = n_val / 2 + ((n_val % 2 == 1 && c % 2 == 0) ? 1 : 0);
    for (size_t j = 0; j < n_val; ++j, ++k) parts[j < half ? 1 : 2].push_back(idx[k]);
    for (; k < smallest; ++k) parts[3].push_back(idx[k]);
  }
  return parts;
}

// Deals whole recordings to the parts: each goes where it fills most of the
// per-class shortfall against 70/7.5/7.5/15%; then every part is balanced.
Parts parts_by_record(const Dataset& data, size_t classes, Rng& rng, const std::string& where) {
  static const char* const kPartNames[4] = {"train", "V1", "V2", "test"};
  const double kShare[4] = {0.70, 0.075, 0.075, 0.15};
  std::map<int, std::vector<size_t>> members;  // recording -> examples
  for (size_t i = 0; i < data.size(); ++i)
    members[data.recordings.empty() ? static_cast<int>(i) : data.recordings[i]].push_back(i);
  std::vector<int> order;
  for (const auto& [r, _] : members) order.push_back(r);
  rng.shuffle(order);
  const std::vector<size_t> total = data.class_counts();
  std::array<std::vector<double>, 4> have;
  for (auto& h : have) h.assign(classes, 0.0);
  std::array<std::vector<size_t>, 4> assigned;
  for (int r : order) {
    std::vector<double> count(classes, 0.0);
    for (size_t i : members[r]) count[static_cast<size_t>(data.labels[i])] += 1;
    size_t best = 0;
    double best_fill = -1, best_short = -1e300;
    for (size_t p = 0; p < 4; ++p) {
      double fill = 0, shortfall = 0;
      for (size_t c = 0; c < classes; ++c) {
        const double need = kShare[p] * static_cast<double>(total[c]) - have[p][c];
        fill += std::min(count[c], std::max(0.0, need));
        shortfall += need / std::max(1.0, kShare[p] * static_cast<double>(total[c]));
      }
      if (fill > best_fill || (fill == best_fill && shortfall > best_short)) {
        best = p;
        best_fill = fill;
        best_short = shortfall;
      }
    }
    for (size_t c = 0; c < classes; ++c) have[best][c] += count[c];
    assigned[best].insert(assigned[best].end(), members[r].begin(), members[r].end());
  }
  Parts parts;
  for (size_t p = 0; p < 4; ++p) {
    std::vector<std::vector<size_t>> by_class(classes);
    for (size_t i : assigned[p]) by_class[static_cast<size_t>(data.labels[i])].push_back(i);
    size_t smallest = by_class[0].size();
    for (size_t c = 0; c < classes; ++c) {
      if (by_class[c].empty())
        throw InputError(where, fmt::format("split by record leaves {} without examples of class '{}' ({} recordings "
                                            "in all); use more recordings or data.split: window",
                                            kPartNames[p], data.class_names[c], members.size()));
      smallest = std::min(smallest, by_class[c].size());
    }
    for (auto& idx : by_class) {
      rng.shuffle(idx);
      parts[p].insert(parts[p].end(), idx.begin(), idx.begin() + static_cast<long>(smallest));
    }
  }
  return parts;
}

// TrainingSet normalisation: one mean and deviation from the training part's
// samples only, applied to every part.
void scale_from_training(DatasetSplit& s) {
  double sum = 0, sq = 0;
  for (float v : s.train.samples) sum += v;
  const double n = static_cast<double>(std::max<size_t>(1, s.train.samples.size()));
  const double mean = sum / n;
  for (float v : s.train.samples) sq += (v - mean) * (v - mean);
  const double sd = std::sqrt(sq / n);
  s.normalise_mean = mean;
  s.normalise_sd = sd > 1e-12 ? sd : 1.0;
  for (Dataset* d : {&s.train, &s.v1, &s.v2, &s.test})
    for (float& v : d->samples) v = static_cast<float>((v - s.normalise_mean) / s.normalise_sd);
}

}  // namespace

DatasetSplit split_dataset(const Dataset& data, uint64_t seed, SplitUnit unit) {
  const std::string where = data.name.empty() ? "data set" : data.name;
  if (data.classes() == 0) throw InputError(where, "has no classes");
  if (data.samples.size() != data.size() * static_cast<size_t>(data.length))
    throw InputError(where, "sample count does not match labels x length");
  if (!data.recordings.empty() && data.recordings.size() != data.size())
    throw InputError(where, "recording count does not match labels");
  std::vector<std::vector<size_t>> by_class(static_cast<size_t>(data.classes()));
  for (size_t i = 0; i < data.size(); ++i) {
    int label = data.labels[i];
    if (label < 0 || label >= data.classes())
      throw InputError(where, fmt::format("example {} has label {} outside 0..{}", i, label, data.classes() - 1));
    by_class[static_cast<size_t>(label)].push_back(i);
  }
  for (size_t c = 0; c < by_class.size(); ++c)
    if (by_class[c].empty())
      throw InputError(where, fmt::format("class '{}' has no examples; {}", data.class_names[c],
                                          class_origin_hint(data.class_names)));

  Rng rng(mix_seed(seed, 0x5e7));
  const Parts parts = unit == SplitUnit::Window ? parts_by_window(by_class, rng)
                                                : parts_by_record(data, by_class.size(), rng, where);
  DatasetSplit s{empty_like(data, "train"), empty_like(data, "v1"), empty_like(data, "v2"), empty_like(data, "test")};
  fill(s.train, data, parts[0], rng);
  fill(s.v1, data, parts[1], rng);
  fill(s.v2, data, parts[2], rng);
  fill(s.test, data, parts[3], rng);
  if (data.normalisation == Normalisation::TrainingSet) scale_from_training(s);
  return s;
}

}  // namespace fognas
