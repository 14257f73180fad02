#include "fognas/data/split.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "fognas/common/error.h"
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

}  // namespace

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
      throw InputError(where, fmt::format("class '{}' has no examples", data.class_names[c]));
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
