#pragma once
// The LibTorch form of a decoded Network (private to fognas_train: the one
// header that carries torch types). Layer for layer as DESIGN section 2 says:
// Conv1d with kernel = stride, ConvTranspose1d with kernel = stride, Conv1d k3
// p1, each with bias and ReLU, then flatten and Linear to the class scores.
#include <torch/torch.h>

#include <vector>

#include "fognas/search/network.h"

namespace fognas {

class CnnModelImpl : public torch::nn::Module {
 public:
  CnnModelImpl(const Network& net, double dropout);

  // Parameters drawn from `gen` (PyTorch's default bounds, 1/sqrt(fan_in)), so a
  // seed fixes the initial weights whatever other threads do.
  void initialise(at::Generator& gen);

  // Dropout (before the classifier) only when `training_gen` is given: it draws
  // its masks from that generator rather than the global one, for repeatability.
  torch::Tensor forward(torch::Tensor x, at::Generator* training_gen = nullptr);

 private:
  std::vector<Layer> layers_;
  std::vector<torch::nn::Conv1d> convs_;  // per layer, empty unless Conv/ConvSame
  std::vector<torch::nn::ConvTranspose1d> tconvs_;
  std::vector<torch::nn::Linear> dense_;
  double dropout_ = 0;
};
TORCH_MODULE(CnnModel);

}  // namespace fognas
