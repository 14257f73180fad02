#pragma once
// The paper's protocol on any Dataset: balance, stratify, split.
#include <cstdint>

#include "fognas/data/dataset.h"

namespace fognas {

// Undersamples every class to the smallest one (an empty class is an
// InputError naming it), then splits each class 70/15/15 into train,
// validation and test, and halves the validation part at random into V1 and
// V2. Each part is shuffled; the same seed gives the same split.
DatasetSplit split_dataset(const Dataset& data, uint64_t seed);

}  // namespace fognas
