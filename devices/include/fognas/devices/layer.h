#pragma once
// One layer of a 1-D CNN as the device model sees it: its shape and operation.
// Parameter and MAC counts live here so the cost model, the surrogate and the
// LibTorch network all count the same way: a downsampling convolution has
// kernel = stride = l_in / l_out, a transposed one kernel = stride = l_out / l_in,
// a same-length one kernel 3, and the classifier is a dense layer.
#include <stdexcept>
#include <string>
#include <vector>

namespace fognas {

// Counts multiplied and summed without wrapping: a result that does not fit in
// a long throws std::overflow_error (build_layers bounds shapes so that no
// network it accepts gets there; these guard every product anyway).
inline long checked_mul(long a, long b) {
  long r = 0;
  if (__builtin_mul_overflow(a, b, &r)) throw std::overflow_error("a layer count overflows 64 bits");
  return r;
}
inline long checked_add(long a, long b) {
  long r = 0;
  if (__builtin_add_overflow(a, b, &r)) throw std::overflow_error("a layer count overflows 64 bits");
  return r;
}

// Physical ranges of a layer shape, checked by build_layers: far above any
// wearable network, and small enough that every count below fits in a long
// (and in a double exactly) with a wide margin.
constexpr int kMaxLayerLength = 1 << 20;
constexpr int kMaxChannels = 4096;
constexpr int kMaxLayers = 1024;
constexpr long kMaxLayerMacs = 1L << 50;  // about 1.1e15 MACs in one layer

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

  long input_elems() const { return checked_mul(l_in, c_in); }
  long output_elems() const { return checked_mul(l_out, c_out); }
  // Inline: the solver evaluates these for every layer of every candidate.
  long parameters() const {
    if (kind == LayerKind::Dense) return checked_add(checked_mul(input_elems(), l_out), l_out);
    return checked_add(checked_mul(checked_mul(kernel, c_in), c_out), c_out);
  }
  // A transposed convolution runs as zero insertion plus a convolution, so it
  // costs l_out * c_out * c_in * k multiply-accumulates just like a convolution.
  long effective_macs() const {
    if (kind == LayerKind::Dense) return checked_mul(input_elems(), l_out);
    return checked_mul(checked_mul(output_elems(), c_in), kernel);
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
// class scores last): a shorter next length is a downsampling convolution, a
// longer one a transposed convolution, an equal one a kernel-3 convolution, and
// the last layer the dense classifier. Throws std::invalid_argument
// naming the problem: different counts, a length ratio that is not a power of
// two, non-positive sizes, fewer than two entries, lengths above
// kMaxLayerLength, channels above kMaxChannels, more than kMaxLayers layers, a
// layer of more than kMaxLayerMacs MACs or parameters.
std::vector<Layer> build_layers(const std::vector<int>& lengths, const std::vector<int>& channels);

}  // namespace fognas
