#pragma once
// What a seed fixes before training starts, shared by both trainers so that a
// candidate trained by either begins from the same weights and draws the same
// dropout masks: the flat parameter layout, the initial weights and the masks.
#include <cstdint>
#include <vector>

#include "fognas/cost/cost.h"

namespace fognas {

// Where a layer's weight and bias sit in the flat parameter vector: layer after
// layer, weight then bias, each in LibTorch's shape: Conv1d [c_out, c_in, k],
// ConvTranspose1d [c_in, c_out, k], Linear [classes, c * l] with the input
// flattened channel after channel.
struct ParameterSlice {
  long weight = 0;  // offset of the first weight
  long bias = 0;    // offset of the first bias (= weight + weight count)
  long end = 0;     // one past the last bias
};
std::vector<ParameterSlice> parameter_layout(const Network& net);

// He (Kaiming) initialisation: weights uniform in +-sqrt(6 / fan_in), i.e. of
// variance 2 / fan_in, which keeps the scale of the signal through a chain of
// ReLU layers (a ReLU halves the second moment, the factor 2 restores it);
// PyTorch's default bound 1 / sqrt(fan_in) shrinks it about 2.4 times per layer,
// so deep candidates started with near-constant outputs. fan_in counts the
// inputs one output sums: c_in * k for a strided convolution, 3 * c_in for a
// same-length one and c_in for a transposed one (its windows do not overlap).
// The classifier, with no ReLU after it, keeps PyTorch's bound 1 / sqrt(fan_in)
// (variance 1 / (3 fan_in)), so the first scores are small and the softmax
// starts near uniform. Biases start at 0.
//
// Every layer after the first reads ReLU outputs, all non-negative with a
// common mean, so the sum of an output's weights shifts its pre-activation the
// same way for every example; a negative sum left one-channel layers dead from
// the first step (no output above zero, no gradient), and the network at
// chance. In those layers, up to the classifier (which has no ReLU to die in),
// each output's weights are centred to sum to zero and scaled back to the
// variance above; an output with a single input gets a positive weight.
std::vector<double> initial_parameters(const Network& net, uint64_t seed);

// The centring above, applied in place to the weights of one layer (`weights`
// at the layer's first weight, in LibTorch's layout).
void centre_each_output(const Layer& l, double* weights);

// Dropout masks of one training (its seed as given to the trainer): each
// element is 1 / keep with probability keep, else 0, from a xoshiro256**
// generator, cheap enough to draw a fresh mask for every example of every step.
class DropoutMasks {
 public:
  explicit DropoutMasks(uint64_t training_seed);
  template <class Scalar>
  void fill(Scalar* scale, long n, double keep);

 private:
  uint64_t state_[4];
};

}  // namespace fognas
