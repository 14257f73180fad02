#include "fognas/cost/cost.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace fognas {

Network Network::from_shape(std::vector<int> lengths, std::vector<int> channels) {
  Network n;
  n.layers = build_layers(lengths, channels);
  n.lengths = std::move(lengths);
  n.channels = std::move(channels);
  return n;
}

long Network::parameters() const {
  long p = 0;
  for (const auto& l : layers) p = checked_add(p, l.parameters());
  return p;
}

long Network::effective_macs() const {
  long m = 0;
  for (const auto& l : layers) m = checked_add(m, l.effective_macs());
  return m;
}

std::string Network::describe() const {
  return fmt::format("[{}] x [{}]", fmt::join(lengths, ","), fmt::join(channels, ","));
}

}  // namespace fognas
