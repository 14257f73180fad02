#pragma once
// A hand-written forward and backward pass for the candidate networks (strided
// convolution, same-length convolution, transposed convolution, each with bias
// and ReLU, then dropout and the dense classifier with softmax cross-entropy),
// in Eigen, for float (training) and double (the tests' comparison with
// LibTorch). Every buffer is sized once for the largest batch, so a step
// allocates nothing.
//
// Activations are stored example after example, position after position,
// channel innermost ([batch][length][channel]). In that layout a convolution
// whose kernel equals its stride reads, for each output position, k * c_in
// consecutive values: the whole batch is one matrix of k * c_in rows and one
// column per output position, and the layer is one matrix product (its
// transpose likewise). A same-length convolution (kernel 3, padding 1) reads
// 3 * c_in consecutive values of a zero-padded copy: a matrix whose columns
// overlap, read in place through a stride of c_in.
#include <Eigen/Core>
#include <vector>

#include "fognas/cost/cost.h"

namespace fognas::fast {

template <class S>
class FastNet {
 public:
  using Mat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;
  using MapM = Eigen::Map<Mat>;
  using CMapM = Eigen::Map<const Mat>;

  FastNet(const Network& net, int max_batch);

  // Parameters in the flat LibTorch layout (initial_parameters.h) in and out.
  void set_parameters(const double* canonical);
  void parameters_to(double* canonical) const;
  void gradient_to(double* canonical) const;

  // Parameters and their gradient in the internal layout: the same slices as
  // the LibTorch layout, weights permuted to suit the matrix products.
  std::vector<S>& parameters() { return params_; }
  const std::vector<S>& gradient() const { return grads_; }

  // Mean cross-entropy of the batch (examples of kInputLength values) and its
  // gradient. `dropout_scale`, when given, holds batch x classifier-inputs
  // factors in LibTorch's flattening order (channel after channel).
  S loss_and_gradient(const S* x, const int* labels, int batch, const S* dropout_scale);

  // Class scores [classes x batch] of a forward pass without dropout.
  const MapM& logits(const S* x, int batch);

  // How many of the batch's examples get their label as the highest score.
  long correct(const S* x, const int* labels, int batch);

  int max_batch() const { return max_batch_; }

 private:
  struct LayerState {
    Layer shape;
    long w = 0, b = 0;           // offsets into params_/grads_
    std::vector<S> out;          // post-ReLU output (the logits for the classifier)
    std::vector<S> padded;       // same-length convolution: the zero-padded input
  };
  void forward(const S* x, int batch, const S* dropout_scale);
  void forward_layer(LayerState& L, const S* in, int batch);
  void backward_layer(LayerState& L, const S* in, S* d_out, S* d_in, int batch);
  void classifier_forward(LayerState& L, const S* in, int batch, const S* dropout_scale);
  void classifier_backward(LayerState& L, const S* in, S* d_out, S* d_in, int batch);
  // Weights and biases between LibTorch's layout and the internal one.
  void to_internal(const double* canonical, S* internal) const;
  void to_canonical(const S* internal, double* canonical) const;

  std::vector<LayerState> layers_;
  std::vector<S> params_, grads_;
  std::vector<S> dropped_;          // classifier input after dropout
  std::vector<S> mask_;             // dropout factors in the internal order
  std::vector<S> grad_a_, grad_b_;  // gradients of activations, ping-pong
  std::vector<S> scratch_out_, scratch_grad_;  // same-length convolution products
  MapM logits_{nullptr, 0, 0};
  int max_batch_ = 0;
  bool dropout_on_ = false;
};

extern template class FastNet<float>;
extern template class FastNet<double>;

// Adam (LibTorch's defaults: betas 0.9 and 0.999, eps 1e-8, no weight decay)
// over one flat buffer in one pass.
template <class S>
class FlatAdam {
 public:
  FlatAdam(size_t size, double learning_rate) : m_(size, S(0)), v_(size, S(0)), lr_(learning_rate) {}
  void step(std::vector<S>& params, const std::vector<S>& grads);

 private:
  std::vector<S> m_, v_;
  double lr_;
  long t_ = 0;
};

extern template class FlatAdam<float>;
extern template class FlatAdam<double>;

}  // namespace fognas::fast
