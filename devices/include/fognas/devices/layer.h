#pragma once
// One layer of a 1-D CNN as the device model sees it: its shape and operation.
// Parameter and MAC counts live here so the cost model, the surrogate and the
// LibTorch network all count the same way (DESIGN section 2).
#include <string>
#include <vector>

namespace fognas {

enum class LayerKind {
  Conv,       // Conv1d, kernel = stride = l_in / l_out (downsampling)
  ConvSame,   // Conv1d, kernel 3, padding 1 (same length)
  TConv,      // ConvTranspose1d, kernel = stride = l_out / l_in (upsampling)
  Dense,      // fully connected classifier: flatten(l_in * c_in) -> classes
};

// Surrogate families: the MCU executes Conv and ConvSame with the same kernel code.
enum class SurrogateKind { Conv, TConv, Fc };
constexpr int kSurrogateKinds = 3;

struct Layer {
  LayerKind kind = LayerKind::Conv;
  int l_in = 0, c_in = 0;
  int l_out = 0, c_out = 0;
  int kernel = 0;  // 0 for Dense

  long input_elems() const { return static_cast<long>(l_in) * c_in; }
  long output_elems() const { return static_cast<long>(l_out) * c_out; }
  // Inline: the solver evaluates these for every layer of every candidate.
  long parameters() const {
    if (kind == LayerKind::Dense) return input_elems() * l_out + l_out;
    return static_cast<long>(kernel) * c_in * c_out + c_out;
  }
  // A transposed convolution runs as zero insertion plus a convolution, so it
  // costs l_out * c_out * c_in * k multiply-accumulates just like a convolution.
  long effective_macs() const {
    if (kind == LayerKind::Dense) return input_elems() * l_out;
    return static_cast<long>(l_out) * c_out * c_in * kernel;
  }
  SurrogateKind surrogate_kind() const {
    return kind == LayerKind::TConv ? SurrogateKind::TConv
                                    : kind == LayerKind::Dense ? SurrogateKind::Fc : SurrogateKind::Conv;
  }
};

std::string to_string(LayerKind kind);
std::string to_string(SurrogateKind kind);
// "conv" | "tconv" | "fc"; throws std::invalid_argument otherwise.
SurrogateKind surrogate_kind_from_string(const std::string& name);

constexpr long kBytesPerValue = 4;  // float32 weights and activations
constexpr double kBytesPerKb = 1024.0;


// Layers of the network with these per-layer lengths and channels (input first,
// class scores last), following DESIGN section 2. Throws std::invalid_argument
// naming the problem: different counts, a length ratio that is not a power of
// two, non-positive sizes, fewer than two entries.
std::vector<Layer> build_layers(const std::vector<int>& lengths, const std::vector<int>& channels);

}  // namespace fognas
