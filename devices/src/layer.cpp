#include "fognas/devices/layer.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace fognas {

std::string to_string(LayerKind kind) {
  switch (kind) {
    case LayerKind::Conv: return "conv";
    case LayerKind::ConvSame: return "conv-same";
    case LayerKind::TConv: return "tconv";
    case LayerKind::Dense: return "fc";
  }
  return "?";
}

std::string to_string(SurrogateKind kind) {
  switch (kind) {
    case SurrogateKind::Conv: return "conv";
    case SurrogateKind::TConv: return "tconv";
    case SurrogateKind::Fc: return "fc";
  }
  return "?";
}

SurrogateKind surrogate_kind_from_string(const std::string& name) {
  if (name == "conv") return SurrogateKind::Conv;
  if (name == "tconv") return SurrogateKind::TConv;
  if (name == "fc") return SurrogateKind::Fc;
  throw std::invalid_argument("unknown layer type '" + name + "' (expected conv, tconv or fc)");
}

namespace {
bool power_of_two(int v) { return v > 0 && (v & (v - 1)) == 0; }
}  // namespace

std::vector<Layer> build_layers(const std::vector<int>& lengths, const std::vector<int>& channels) {
  if (lengths.size() != channels.size())
    throw std::invalid_argument(
        fmt::format("{} lengths but {} channels; give one channel count per length", lengths.size(), channels.size()));
  if (lengths.size() < 2) throw std::invalid_argument("a network needs at least an input and an output size");
  if (lengths.size() > static_cast<size_t>(kMaxLayers) + 1)
    throw std::invalid_argument(
        fmt::format("{} sizes give {} layers; at most {} layers are supported", lengths.size(), lengths.size() - 1, kMaxLayers));
  for (size_t i = 0; i < lengths.size(); ++i) {
    if (lengths[i] <= 0) throw std::invalid_argument(fmt::format("length {} at position {} must be > 0", lengths[i], i));
    if (channels[i] <= 0)
      throw std::invalid_argument(fmt::format("channel count {} at position {} must be > 0", channels[i], i));
    if (lengths[i] > kMaxLayerLength)
      throw std::invalid_argument(
          fmt::format("length {} at position {} is above the limit of {} (2^20)", lengths[i], i, kMaxLayerLength));
    if (channels[i] > kMaxChannels)
      throw std::invalid_argument(
          fmt::format("channel count {} at position {} is above the limit of {}", channels[i], i, kMaxChannels));
  }
  if (channels.back() != 1)
    throw std::invalid_argument(fmt::format("the output has {} channels; class scores have 1", channels.back()));
  std::vector<Layer> layers;
  const size_t n = lengths.size() - 1;
  for (size_t i = 0; i < n; ++i) {
    Layer L;
    L.l_in = lengths[i];
    L.c_in = channels[i];
    L.l_out = lengths[i + 1];
    L.c_out = channels[i + 1];
    if (i + 1 == n) {
      L.kind = LayerKind::Dense;
      L.kernel = 0;
    } else if (L.l_out == L.l_in) {
      L.kind = LayerKind::ConvSame;
      L.kernel = 3;
    } else {
      int big = std::max(L.l_in, L.l_out), small = std::min(L.l_in, L.l_out);
      if (big % small != 0 || !power_of_two(big / small))
        throw std::invalid_argument(fmt::format(
            "lengths {} -> {} (positions {} and {}): the ratio must be a power of two", L.l_in, L.l_out, i, i + 1));
      L.kind = L.l_out < L.l_in ? LayerKind::Conv : LayerKind::TConv;
      L.kernel = big / small;
    }
    // Bounded sizes keep these products far inside 64 bits; bound each layer's
    // work too, so that sums over kMaxLayers layers cannot overflow either.
    bool too_big = false;
    try {
      too_big = L.effective_macs() > kMaxLayerMacs || L.parameters() > kMaxLayerMacs;
    } catch (const std::overflow_error&) {
      too_big = true;
    }
    if (too_big)
      throw std::invalid_argument(
          fmt::format("layer {} ({}x{} -> {}x{}) needs more than {} (2^50) multiply-accumulates or parameters", i + 1,
                      L.l_in, L.c_in, L.l_out, L.c_out, kMaxLayerMacs));
    layers.push_back(L);
  }
  return layers;
}

}  // namespace fognas
