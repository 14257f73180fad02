#include "torch_model.h"

#include <cmath>

#include "fognas/train/torch_trainer.h"

namespace fognas {

CnnModelImpl::CnnModelImpl(const Network& net, double dropout) : layers_(net.layers), dropout_(dropout) {
  const size_t n = layers_.size();
  convs_.resize(n, nullptr);
  tconvs_.resize(n, nullptr);
  dense_.resize(n, nullptr);
  for (size_t i = 0; i < n; ++i) {
    const Layer& l = layers_[i];
    const std::string name = "layer" + std::to_string(i + 1);
    switch (l.kind) {
      case LayerKind::Conv:
        convs_[i] = register_module(name, torch::nn::Conv1d(torch::nn::Conv1dOptions(l.c_in, l.c_out, l.kernel)
                                                                 .stride(l.kernel)
                                                                 .bias(true)));
        break;
      case LayerKind::ConvSame:
        convs_[i] = register_module(name, torch::nn::Conv1d(torch::nn::Conv1dOptions(l.c_in, l.c_out, 3)
                                                                 .stride(1)
                                                                 .padding(1)
                                                                 .bias(true)));
        break;
      case LayerKind::TConv:
        tconvs_[i] = register_module(
            name, torch::nn::ConvTranspose1d(
                      torch::nn::ConvTranspose1dOptions(l.c_in, l.c_out, l.kernel).stride(l.kernel).bias(true)));
        break;
      case LayerKind::Dense:
        dense_[i] = register_module(name, torch::nn::Linear(torch::nn::LinearOptions(l.input_elems(), l.l_out)));
        break;
    }
  }
}

void CnnModelImpl::initialise(at::Generator& gen) {
  torch::NoGradGuard no_grad;
  auto fill = [&](torch::Tensor& weight, torch::Tensor& bias, long fan_in) {
    const double bound = 1.0 / std::sqrt(static_cast<double>(fan_in));
    weight.uniform_(-bound, bound, gen);
    bias.uniform_(-bound, bound, gen);
  };
  for (size_t i = 0; i < layers_.size(); ++i) {
    const Layer& l = layers_[i];
    if (convs_[i]) fill(convs_[i]->weight, convs_[i]->bias, static_cast<long>(l.c_in) * l.kernel);
    // PyTorch takes a transposed convolution's fan-in from its weight's second dimension (c_out).
    if (tconvs_[i]) fill(tconvs_[i]->weight, tconvs_[i]->bias, static_cast<long>(l.c_out) * l.kernel);
    if (dense_[i]) fill(dense_[i]->weight, dense_[i]->bias, l.input_elems());
  }
}

torch::Tensor CnnModelImpl::forward(torch::Tensor x, at::Generator* training_gen) {
  for (size_t i = 0; i < layers_.size(); ++i) {
    if (convs_[i]) {
      x = torch::relu(convs_[i]->forward(x));
    } else if (tconvs_[i]) {
      x = torch::relu(tconvs_[i]->forward(x));
    } else {
      x = x.flatten(1);
      if (training_gen && dropout_ > 0) {
        const double keep = 1.0 - dropout_;
        x = x * torch::empty_like(x).bernoulli_(keep, *training_gen) / keep;
      }
      x = dense_[i]->forward(x);
    }
  }
  return x;
}

long torch_parameter_count(const Network& net) {
  CnnModel model(net, 0.0);
  long count = 0;
  for (const auto& p : model->parameters()) count += p.numel();
  return count;
}

}  // namespace fognas
