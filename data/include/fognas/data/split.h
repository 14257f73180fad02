#pragma once
// The paper's protocol on any Dataset: balance, stratify, split.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fognas/data/dataset.h"

namespace fognas {

// What the split keeps together: single windows, or whole recordings (every
// window of a record, segment or patient lands in one part, so no part learns
// a recording another part is scored on).
enum class SplitUnit { Window, Record };
std::string to_string(SplitUnit u);
std::optional<SplitUnit> split_unit_from_string(const std::string& s);  // "window" | "record"

// By window: undersamples every class to the smallest one (an empty class is
// an InputError naming it), then splits each class 70/15/15 into train,
// validation and test, and halves the validation part at random into V1 and V2.
// By record: recordings (Dataset::recordings) are dealt at random to train, V1,
// V2 and test so that each part gets close to 70/7.5/7.5/15% of every class,
// then each part is balanced by undersampling; a part left without a class is
// an InputError. Each part is shuffled; the same seed gives the same split.
// Data with TrainingSet normalisation is then scaled, every part, with the mean
// and deviation of the training part's samples alone.
DatasetSplit split_dataset(const Dataset& data, uint64_t seed, SplitUnit unit = SplitUnit::Window);

// The fewest examples per class (after balancing) for which every part of the
// split (train, V1, V2 and test) holds at least one example of every class.
size_t min_examples_per_class_for_split();

// Which reader defines the classes `class_names` stand for, and how to get
// examples of every class (one sentence, for error messages and warnings).
std::string class_origin_hint(const std::vector<std::string>& class_names);

// What train and search check before splitting: throws InputError naming the
// data and every class that is empty or smaller than
// min_examples_per_class_for_split(), with class_origin_hint() and, for beat
// classes, the data.classes list that keeps only the classes with enough.
void require_splittable(const Dataset& data);

// One line per problem the split would have with these class counts: a class
// without examples, or the smallest class below min_examples_per_class_for_split().
// Empty when the data can be split.
std::vector<std::string> split_warnings(const std::vector<std::string>& class_names,
                                        const std::vector<size_t>& counts);

}  // namespace fognas
