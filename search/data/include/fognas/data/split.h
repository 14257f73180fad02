#pragma once
// The paper's protocol on any Dataset: balance, stratify, split.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fognas/data/dataset.h"

namespace fognas {

// Undersamples every class to the smallest one (an empty class is an
// InputError naming it), then splits each class 70/15/15 into train,
// validation and test, and halves the validation part at random into V1 and
// V2. Each part is shuffled; the same seed gives the same split.
DatasetSplit split_dataset(const Dataset& data, uint64_t seed);

// The fewest examples per class (after balancing) for which every part of the
// split (train, V1, V2 and test) holds at least one example of every class.
size_t min_examples_per_class_for_split();

// Which reader defines the classes `class_names` stand for, and how to get
// examples of every class (one sentence, for error messages and warnings).
std::string class_origin_hint(const std::vector<std::string>& class_names);

// What train and search check before splitting: throws InputError naming the
// data and the first class that is empty or smaller than
// min_examples_per_class_for_split(), with class_origin_hint().
void require_splittable(const Dataset& data);

// One line per problem the split would have with these class counts: a class
// without examples, or the smallest class below min_examples_per_class_for_split().
// Empty when the data can be split.
std::vector<std::string> split_warnings(const std::vector<std::string>& class_names,
                                        const std::vector<size_t>& counts);

}  // namespace fognas
