// The LibTorch side of the search: the network built from a decoded Network and
// the training loop of the candidates (Adam, mini-batches, dropout in training
// only, model selection on V1). The only translation unit that includes
// torch/torch.h, so the rest of the project never parses it.
//
// The model is the architecture family the cost model counts (devices/layer.h),
// layer for layer: Conv1d with kernel =
// stride, ConvTranspose1d with kernel = stride, Conv1d k3 p1, each with bias and
// ReLU, then flatten and Linear to the class scores.
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>
#include <numeric>
#include <random>
#include <vector>

#include "fognas/search/genome.h"
#include "fognas/train/torch_trainer.h"

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

namespace {

struct TensorSet {
  torch::Tensor x;  // [N, 1, length]
  torch::Tensor y;  // [N], int64
};

TensorSet to_tensors(const Dataset& d) {
  TensorSet t;
  const auto n = static_cast<int64_t>(d.size());
  t.x = torch::from_blob(const_cast<float*>(d.samples.data()), {n, 1, d.length}, torch::kFloat32).clone();
  std::vector<int64_t> labels(d.labels.begin(), d.labels.end());
  t.y = torch::from_blob(labels.data(), {n}, torch::kInt64).clone();
  return t;
}

double accuracy(CnnModel& model, const TensorSet& set) {
  torch::NoGradGuard no_grad;
  constexpr int64_t kEvalBatch = 256;
  const int64_t n = set.x.size(0);
  int64_t correct = 0;
  for (int64_t start = 0; start < n; start += kEvalBatch) {
    const int64_t end = std::min(n, start + kEvalBatch);
    torch::Tensor pred = model->forward(set.x.slice(0, start, end)).argmax(1);
    correct += pred.eq(set.y.slice(0, start, end)).sum().item<int64_t>();
  }
  return static_cast<double>(correct) / static_cast<double>(n);
}

// One intra-op thread per training: parallelism comes from training several
// candidates at once, which scales better for networks this small. The inter-op
// pool can only be sized before first use, hence once per process.
void use_one_thread() {
  static std::once_flag interop_once;
  std::call_once(interop_once, [] {
    try {
      at::set_num_interop_threads(1);
    } catch (const std::exception&) {
      // Already started by an earlier use of LibTorch in this process; harmless.
    }
  });
  torch::set_num_threads(1);
}

class TorchTrainer : public CandidateTrainer {
 public:
  TorchTrainer(const DatasetSplit& split, const TrainSettings& settings)
      : settings_(settings), classes_(split.train.classes()) {
    check_split(split, kInputLength);
    use_one_thread();
    train_ = to_tensors(split.train);
    v1_ = to_tensors(split.v1);
    v2_ = to_tensors(split.v2);
    test_ = to_tensors(split.test);
  }

  int classes() const override { return classes_; }

  TrainOutcome train(const Network& net, uint64_t seed) const override {
    use_one_thread();
    const auto t0 = std::chrono::steady_clock::now();
    at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    std::mt19937_64 shuffle_rng(seed ^ 0x5eedf00dULL);

    CnnModel model(net, settings_.dropout);
    model->initialise(gen);
    torch::optim::Adam optimiser(model->parameters(), torch::optim::AdamOptions(settings_.learning_rate));

    TrainOutcome out;
    out.parameters = 0;
    for (const auto& p : model->parameters()) out.parameters += p.numel();
    out.v1_accuracy = -1;

    const int64_t n = train_.x.size(0);
    std::vector<int64_t> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    for (int epoch = 1; epoch <= settings_.epochs; ++epoch) {
      std::shuffle(order.begin(), order.end(), shuffle_rng);
      model->train();
      const auto epoch_start = std::chrono::steady_clock::now();
      for (int64_t start = 0; start < n; start += settings_.batch_size) {
        const int64_t end = std::min<int64_t>(n, start + settings_.batch_size);
        torch::Tensor idx = torch::from_blob(order.data() + start, {end - start}, torch::kInt64);
        torch::Tensor xb = train_.x.index_select(0, idx);
        torch::Tensor yb = train_.y.index_select(0, idx);
        optimiser.zero_grad();
        torch::Tensor loss = torch::nn::functional::cross_entropy(model->forward(xb, &gen), yb);
        loss.backward();
        optimiser.step();
        ++out.optimiser_steps;
      }
      out.step_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - epoch_start).count();
      model->eval();
      // Model selection on V1 (the fitness); V2 and test are read from the same
      // weights so the extraction and the report refer to the chosen epoch.
      const double v1 = accuracy(model, v1_);
      if (v1 > out.v1_accuracy) {
        out.v1_accuracy = v1;
        out.best_epoch = epoch;
        out.v2_accuracy = accuracy(model, v2_);
        out.test_accuracy = accuracy(model, test_);
      }
    }
    out.train_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
  }

 private:
  TrainSettings settings_;
  int classes_ = 0;
  TensorSet train_, v1_, v2_, test_;
};

}  // namespace

std::unique_ptr<CandidateTrainer> make_torch_trainer(const DatasetSplit& split, const TrainSettings& settings) {
  return std::make_unique<TorchTrainer>(split, settings);
}

}  // namespace fognas
