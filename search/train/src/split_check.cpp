#include <fmt/format.h>

#include "fognas/common/error.h"
#include "fognas/train/torch_trainer.h"

namespace fognas {

namespace {

void check_part(const Dataset& part, const char* part_name, const std::vector<std::string>& class_names,
                int input_length) {
  const std::string where = fmt::format("data set '{}'", part.name);
  if (part.size() == 0) throw InputError(where, fmt::format("the {} split is empty", part_name));
  if (part.length != input_length)
    throw InputError(where, fmt::format("examples have {} samples; the networks take {}", part.length, input_length));
  if (part.samples.size() != part.size() * static_cast<size_t>(part.length))
    throw InputError(where, fmt::format("the {} split holds {} samples for {} examples of {}", part_name,
                                        part.samples.size(), part.size(), part.length));
  std::vector<size_t> counts(class_names.size(), 0);
  for (int label : part.labels) {
    if (label < 0 || label >= static_cast<int>(class_names.size()))
      throw InputError(where, fmt::format("label {} in the {} split is not a class index", label, part_name));
    ++counts[static_cast<size_t>(label)];
  }
  for (size_t c = 0; c < counts.size(); ++c)
    if (counts[c] == 0)
      throw InputError(where, fmt::format("class '{}' has no examples in the {} split", class_names[c], part_name));
}

}  // namespace

void check_split(const DatasetSplit& split, int input_length) {
  const auto& names = split.train.class_names;
  if (names.size() < 2)
    throw InputError(fmt::format("data set '{}'", split.train.name),
                     fmt::format("{} classes; at least 2 are needed", names.size()));
  check_part(split.train, "train", names, input_length);
  check_part(split.v1, "V1", names, input_length);
  check_part(split.v2, "V2", names, input_length);
  check_part(split.test, "test", names, input_length);
}

}  // namespace fognas
