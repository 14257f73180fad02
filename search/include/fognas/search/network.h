#pragma once
// A decoded architecture: the per-layer lengths and channels (input first,
// class scores last) and the layers they imply.
#include <string>
#include <vector>

#include "fognas/devices/layer.h"

namespace fognas {

struct Network {
  std::vector<int> lengths;
  std::vector<int> channels;
  std::vector<Layer> layers;

  // Validates and builds; throws std::invalid_argument with the reason.
  static Network from_shape(std::vector<int> lengths, std::vector<int> channels);

  int classes() const { return lengths.back(); }
  int layer_count() const { return static_cast<int>(layers.size()); }
  long parameters() const;
  long effective_macs() const;
  std::string describe() const;  // "[2048,128,8,64,2] x [1,1,4,2,1]"
};

}  // namespace fognas
