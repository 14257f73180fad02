#include "fognas/data/dataset.h"

namespace fognas {

std::vector<size_t> Dataset::class_counts() const {
  std::vector<size_t> counts(class_names.size(), 0);
  for (int label : labels)
    if (label >= 0 && label < classes()) ++counts[static_cast<size_t>(label)];
  return counts;
}

}  // namespace fognas
