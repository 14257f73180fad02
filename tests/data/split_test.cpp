// The split: balanced by undersampling, stratified 70/15/15, validation
// halved into V1 and V2, parts disjoint, deterministic in the seed.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "fognas/common/error.h"
#include "fognas/data/random.h"
#include "fognas/data/split.h"

namespace fognas {
namespace {

// Every example's first sample is its id, so parts can be traced back.
Dataset numbered(const std::vector<size_t>& per_class, int length = 4) {
  Dataset d;
  d.name = "numbered";
  d.length = length;
  for (size_t c = 0; c < per_class.size(); ++c) d.class_names.push_back("c" + std::to_string(c));
  size_t id = 0;
  // Interleave classes so order does not give the labels away.
  size_t most = 0;
  for (size_t n : per_class) most = std::max(most, n);
  for (size_t k = 0; k < most; ++k)
    for (size_t c = 0; c < per_class.size(); ++c) {
      if (k >= per_class[c]) continue;
      d.labels.push_back(static_cast<int>(c));
      for (int j = 0; j < length; ++j) d.samples.push_back(j == 0 ? static_cast<float>(id) : static_cast<float>(c));
      ++id;
    }
  return d;
}

void check_split(const Dataset& d, const DatasetSplit& s) {
  std::map<size_t, int> label_of;
  for (size_t i = 0; i < d.size(); ++i) label_of[static_cast<size_t>(d.example(i)[0])] = d.labels[i];
  size_t smallest = d.size();
  for (size_t n : d.class_counts()) smallest = std::min(smallest, n);

  std::set<size_t> seen;
  const Dataset* parts[] = {&s.train, &s.v1, &s.v2, &s.test};
  for (const Dataset* p : parts) {
    EXPECT_EQ(p->class_names, d.class_names);
    EXPECT_EQ(p->length, d.length);
    ASSERT_EQ(p->samples.size(), p->size() * static_cast<size_t>(p->length));
    for (size_t i = 0; i < p->size(); ++i) {
      size_t id = static_cast<size_t>(p->example(i)[0]);
      EXPECT_TRUE(seen.insert(id).second) << "example " << id << " in two parts";
      ASSERT_TRUE(label_of.count(id));
      EXPECT_EQ(label_of[id], p->labels[i]);
      EXPECT_EQ(p->example(i)[1], static_cast<float>(p->labels[i]));  // rows stay whole
    }
  }
  // Balanced and stratified: every class the same count in every part.
  auto train = s.train.class_counts(), test = s.test.class_counts();
  auto v1 = s.v1.class_counts(), v2 = s.v2.class_counts();
  for (size_t c = 0; c < train.size(); ++c) {
    EXPECT_EQ(train[c], train[0]);
    EXPECT_EQ(test[c], test[0]);
    EXPECT_EQ(v1[c] + v2[c], v1[0] + v2[0]);
    EXPECT_LE(std::abs(static_cast<double>(v1[c]) - static_cast<double>(v2[c])), 1.0);
    EXPECT_EQ(train[c] + v1[c] + v2[c] + test[c], smallest);
    const double n = static_cast<double>(smallest);
    EXPECT_LE(std::abs(static_cast<double>(train[c]) - 0.70 * n), 1.0);
    EXPECT_LE(std::abs(static_cast<double>(v1[c] + v2[c]) - 0.15 * n), 1.0);
    EXPECT_LE(std::abs(static_cast<double>(test[c]) - 0.15 * n), 1.0);
  }
  EXPECT_LE(std::abs(static_cast<double>(s.v1.size()) - static_cast<double>(s.v2.size())), 1.0);
}

TEST(Split, StratifiedBalancedDisjoint) {
  Dataset d = numbered({50, 37, 80});
  DatasetSplit s = split_dataset(d, 3);
  check_split(d, s);
  EXPECT_EQ(s.train.class_counts(), (std::vector<size_t>{26, 26, 26}));  // round(0.7 * 37)
  EXPECT_EQ(s.test.size(), 15u);
}

TEST(Split, PropertiesHoldForRandomSizes) {
  Rng rng(11);
  for (int trial = 0; trial < 40; ++trial) {
    std::vector<size_t> counts(2 + rng.index(4));
    for (auto& n : counts) n = 1 + rng.index(120);
    Dataset d = numbered(counts, 2);
    check_split(d, split_dataset(d, static_cast<uint64_t>(trial)));
  }
}

TEST(Split, SameSeedSameSplitOtherSeedOther) {
  Dataset d = numbered({40, 40});
  DatasetSplit a = split_dataset(d, 5), b = split_dataset(d, 5), c = split_dataset(d, 6);
  EXPECT_EQ(a.train.samples, b.train.samples);
  EXPECT_EQ(a.v1.samples, b.v1.samples);
  EXPECT_EQ(a.test.labels, b.test.labels);
  EXPECT_NE(a.train.samples, c.train.samples);
}

TEST(Split, EmptyClassIsAnErrorNamingIt) {
  Dataset d = numbered({10, 0, 5});
  try {
    split_dataset(d, 1);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("class 'c1' has no examples"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace fognas
