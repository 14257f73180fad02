#include "fognas/data/split.h"

#include <fmt/format.h>

#include <algorithm>
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

std::string class_origin_hint(const std::vector<std::string>& class_names) {
  if (class_names == aami_class_names())
    return "the classes are the AAMI beat classes N, S, V, F, Q, defined by the MIT-BIH reader (and synthetic-ecg) "
           "from the beat annotations; they cannot be picked, so choose records that hold beats of every class "
           "(a folder of several MIT-BIH records) and check them with `fognas data inspect`";
  if (class_names == std::vector<std::string>{"non-seizure", "seizure"})
    return "the classes are non-seizure and seizure, defined by the Bonn reader (sets A-D vs E), the CHB-MIT reader "
           "(the seizure times in chbNN-summary.txt) and synthetic-eeg; choose data that holds both (Bonn: all five "
           "sets; CHB-MIT: cases with seizures) and check it with `fognas data inspect`";
  return "the classes are defined by the data set's reader (search/data/); choose data that holds every class and "
         "check it with `fognas data inspect`";
}

std::vector<std::string> split_warnings(const std::vector<std::string>& class_names,
                                        const std::vector<size_t>& counts) {
  std::vector<std::string> out;
  const size_t need = min_examples_per_class_for_split();
  for (size_t c = 0; c < counts.size(); ++c) {
    if (counts[c] == 0)
      out.push_back(fmt::format("class '{}' has no examples: train and search will refuse this data ({})",
                                class_names[c], class_origin_hint(class_names)));
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
  for (size_t c = 0; c < counts.size(); ++c)
    if (counts[c] == 0)
      throw InputError(where, fmt::format("class '{}' has no examples; {}", data.class_names[c],
                                          class_origin_hint(data.class_names)));
  const size_t need = min_examples_per_class_for_split();
  for (size_t c = 0; c < counts.size(); ++c)
    if (counts[c] < need)
      throw InputError(where, fmt::format("class '{}' has {} example{}, fewer than the {} per class the balanced "
                                          "70/15/15 split with V1/V2 needs (every part holds one of each class); {}",
                                          data.class_names[c], counts[c], counts[c] == 1 ? "" : "s", need,
                                          class_origin_hint(data.class_names)));
}

DatasetSplit split_dataset(const Dataset& data, uint64_t seed) {
  const std::string where = data.name.empty() ? "data set" : data.name;
  if (data.classes() == 0) throw InputError(where, "has no classes");
  if (data.samples.size() != data.size() * static_cast<size_t>(data.length))
    throw InputError(where, "sample count does not match labels x length");
  std::vector<std::vector<size_t>> by_class(static_cast<size_t>(data.classes()));
  for (size_t i = 0; i < data.size(); ++i) {
    int label = data.labels[i];
    if (label < 0 || label >= data.classes())
      throw InputError(where, fmt::format("example {} has label {} outside 0..{}", i, label, data.classes() - 1));
    by_class[static_cast<size_t>(label)].push_back(i);
  }
  size_t smallest = by_class[0].size();
  for (size_t c = 0; c < by_class.size(); ++c) {
    if (by_class[c].empty())
      throw InputError(where, fmt::format("class '{}' has no examples; {}", data.class_names[c],
                                          class_origin_hint(data.class_names)));
    smallest = std::min(smallest, by_class[c].size());
  }

  Rng rng(mix_seed(seed, 0x5e7));
  // Every class gets the same counts: train and validation rounded to the
  // nearest example, test takes the rest (so it is within one of 15%).
  const size_t n_train = static_cast<size_t>(std::llround(0.70 * static_cast<double>(smallest)));
  const size_t n_val = static_cast<size_t>(std::llround(0.15 * static_cast<double>(smallest)));
  std::vector<size_t> train, v1, v2, test;
  for (size_t c = 0; c < by_class.size(); ++c) {
    std::vector<size_t> idx = by_class[c];
    rng.shuffle(idx);
    idx.resize(smallest);  // undersample to the smallest class
    size_t k = 0;
    for (; k < n_train; ++k) train.push_back(idx[k]);
    // An odd validation part gives its extra example to V1 and V2 in turn, so
    // the halves stay within one example of each other overall.
    size_t half = n_val / 2 + ((n_val % 2 == 1 && c % 2 == 0) ? 1 : 0);
    for (size_t j = 0; j < n_val; ++j, ++k) (j < half ? v1 : v2).push_back(idx[k]);
    for (; k < smallest; ++k) test.push_back(idx[k]);
  }
  DatasetSplit s{empty_like(data, "train"), empty_like(data, "v1"), empty_like(data, "v2"), empty_like(data, "test")};
  fill(s.train, data, train, rng);
  fill(s.v1, data, v1, rng);
  fill(s.v2, data, v2, rng);
  fill(s.test, data, test, rng);
  return s;
}

}  // namespace fognas
