// The LibTorch side of the search: the network built from a decoded Network and
// its steps in the shared epoch loop (training_loop.h: Adam, mini-batches,
// dropout in training only, model selection on V1). The reference the fast
// trainer is tested against. The only translation unit that includes
// torch/torch.h, so the rest of the project never parses it; built as its own
// loadable module (libfognas_torch.so, see torch_module.h), so only a run that
// asks for the LibTorch trainer loads LibTorch and its hundreds of libraries.
//
// The model is the architecture family the cost model counts (devices/layer.h),
// layer for layer: Conv1d with kernel =
// stride, ConvTranspose1d with kernel = stride, Conv1d k3 p1, each with bias and
// ReLU, then flatten and Linear to the class scores.
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
#include "fognas/train/initial_parameters.h"
#include "fognas/train/torch_trainer.h"
#include "fognas/train/trainer.h"
#include "torch_module.h"
#include "training_loop.h"

namespace fognas::libtorch {

class CnnModelImpl : public torch::nn::Module {
 public:
  CnnModelImpl(const Network& net, double dropout);

  // Sets every parameter from the flat layout of initial_parameters.h (the
  // registration order: layer by layer, weight then bias).
  void load(const std::vector<double>& flat);
  std::vector<double> flat_gradient();

  // Dropout (before the classifier) only when `dropout_scale` is given: the
  // factors [batch, classifier inputs] the training drew.
  torch::Tensor forward(torch::Tensor x, const torch::Tensor* dropout_scale = nullptr);

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

void CnnModelImpl::load(const std::vector<double>& flat) {
  torch::NoGradGuard no_grad;
  size_t at = 0;
  for (auto& p : parameters()) {
    const auto n = static_cast<size_t>(p.numel());
    auto from = torch::from_blob(const_cast<double*>(flat.data() + at), {p.numel()}, torch::kFloat64);
    p.copy_(from.view(p.sizes()));
    at += n;
  }
}

std::vector<double> CnnModelImpl::flat_gradient() {
  std::vector<double> out;
  for (auto& p : parameters()) {
    auto g = p.grad().to(torch::kFloat64).contiguous();
    out.insert(out.end(), g.data_ptr<double>(), g.data_ptr<double>() + g.numel());
  }
  return out;
}

torch::Tensor CnnModelImpl::forward(torch::Tensor x, const torch::Tensor* dropout_scale) {
  for (size_t i = 0; i < layers_.size(); ++i) {
    if (convs_[i]) {
      x = torch::relu(convs_[i]->forward(x));
    } else if (tconvs_[i]) {
      x = torch::relu(tconvs_[i]->forward(x));
    } else {
      x = x.flatten(1);
      if (dropout_scale) x = x * *dropout_scale;
      x = dense_[i]->forward(x);
    }
  }
  return x;
}

long parameter_count(const Network& net) {
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

int64_t correct(CnnModel& model, const TensorSet& set) {
  torch::NoGradGuard no_grad;
  constexpr int64_t kEvalBatch = 256;
  const int64_t n = set.x.size(0);
  int64_t hits = 0;
  for (int64_t start = 0; start < n; start += kEvalBatch) {
    const int64_t end = std::min(n, start + kEvalBatch);
    torch::Tensor pred = model->forward(set.x.slice(0, start, end)).argmax(1);
    hits += pred.eq(set.y.slice(0, start, end)).sum().item<int64_t>();
  }
  return hits;
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

struct TensorParts {
  TensorSet train, v1, v2, test;
};

class TorchEpochModel : public EpochModel {
 public:
  TorchEpochModel(const Network& net, const TensorParts& data, const TrainSettings& s, uint64_t seed)
      : data_(data),
        model_(net, s.dropout),
        optimiser_(model_->parameters(), torch::optim::AdamOptions(s.learning_rate)),
        classifier_inputs_(net.layers.back().input_elems()) {
    model_->load(initial_parameters(net, seed));
  }

  void prepare_epoch(const std::vector<int64_t>& order) override {
    torch::Tensor idx =
        torch::from_blob(const_cast<int64_t*>(order.data()), {static_cast<int64_t>(order.size())}, torch::kInt64);
    epoch_x_ = data_.train.x.index_select(0, idx);
    epoch_y_ = data_.train.y.index_select(0, idx);
    model_->train();
  }

  void step(int64_t start, int64_t end, DropoutMasks* masks, double keep) override {
    torch::Tensor scale;
    if (masks) {
      scale = torch::empty({end - start, classifier_inputs_}, torch::kFloat32);
      masks->fill(scale.data_ptr<float>(), static_cast<long>(scale.numel()), keep);
    }
    optimiser_.zero_grad();
    torch::Tensor logits = model_->forward(epoch_x_.slice(0, start, end), masks ? &scale : nullptr);
    torch::nn::functional::cross_entropy(logits, epoch_y_.slice(0, start, end)).backward();
    optimiser_.step();
  }

  double accuracy(EvalPart which) override {
    model_->eval();
    const TensorSet& p = which == EvalPart::V1 ? data_.v1 : which == EvalPart::V2 ? data_.v2 : data_.test;
    return static_cast<double>(correct(model_, p)) / static_cast<double>(p.x.size(0));
  }

  void keep_weights() override {
    torch::NoGradGuard no_grad;
    best_.clear();
    for (const auto& p : model_->parameters()) best_.push_back(p.detach().clone());
  }

  void restore_weights() override {
    torch::NoGradGuard no_grad;
    auto params = model_->parameters();
    for (size_t i = 0; i < params.size(); ++i) params[i].copy_(best_[i]);
  }

  long parameter_count() {
    long count = 0;
    for (const auto& p : model_->parameters()) count += p.numel();
    return count;
  }

 private:
  const TensorParts& data_;
  CnnModel model_;
  torch::optim::Adam optimiser_;
  long classifier_inputs_;
  torch::Tensor epoch_x_, epoch_y_;
  std::vector<torch::Tensor> best_;
};

class TorchTrainer : public CandidateTrainer {
 public:
  TorchTrainer(const DatasetSplit& split, const TrainSettings& settings)
      : settings_(settings), classes_(split.train.classes()) {
    check_split(split, kInputLength);
    use_one_thread();
    data_ = {to_tensors(split.train), to_tensors(split.v1), to_tensors(split.v2), to_tensors(split.test)};
  }

  using CandidateTrainer::train;
  int classes() const override { return classes_; }
  int epochs() const override { return settings_.epochs; }

  TrainOutcome train(const Network& net, uint64_t seed, int epochs) const override {
    use_one_thread();
    const auto t0 = std::chrono::steady_clock::now();
    TorchEpochModel model(net, data_, settings_, seed);
    TrainOutcome out = run_epochs(model, with_epochs(settings_, epochs), data_.train.x.size(0), seed);
    out.parameters = model.parameter_count();
    out.train_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
  }

 private:
  TrainSettings settings_;
  int classes_ = 0;
  TensorParts data_;
};

}  // namespace

std::unique_ptr<CandidateTrainer> make_trainer(const DatasetSplit& split, const TrainSettings& settings) {
  return std::make_unique<TorchTrainer>(split, settings);
}

LossAndGradient loss_and_gradient(const Network& net, const StepInput& in) {
  use_one_thread();
  const auto batch = static_cast<int64_t>(in.labels.size());
  CnnModel model(net, 0.0);
  model->to(torch::kFloat64);
  model->load(in.parameters);
  torch::Tensor x = torch::from_blob(const_cast<double*>(in.x.data()), {batch, 1, kInputLength}, torch::kFloat64);
  std::vector<int64_t> labels(in.labels.begin(), in.labels.end());
  torch::Tensor y = torch::from_blob(labels.data(), {batch}, torch::kInt64);
  torch::Tensor scale;
  if (!in.dropout_scale.empty())
    scale = torch::from_blob(const_cast<double*>(in.dropout_scale.data()),
                             {batch, static_cast<int64_t>(in.dropout_scale.size()) / batch}, torch::kFloat64);
  torch::Tensor loss =
      torch::nn::functional::cross_entropy(model->forward(x, in.dropout_scale.empty() ? nullptr : &scale), y);
  loss.backward();
  LossAndGradient out;
  out.loss = loss.item<double>();
  out.gradient = model->flat_gradient();
  torch::NoGradGuard no_grad;
  torch::Tensor logits = model->forward(x).contiguous();  // [batch, classes]: example after example
  out.logits.assign(logits.data_ptr<double>(), logits.data_ptr<double>() + logits.numel());
  return out;
}

std::vector<double> adam(const std::vector<double>& parameters, const std::vector<std::vector<double>>& gradients,
                         double learning_rate) {
  use_one_thread();
  torch::Tensor p = torch::tensor(parameters, torch::kFloat64).requires_grad_(true);
  torch::optim::Adam adam({p}, torch::optim::AdamOptions(learning_rate));
  for (const auto& g : gradients) {
    p.mutable_grad() = torch::tensor(g, torch::kFloat64);
    adam.step();
  }
  return std::vector<double>(p.data_ptr<double>(), p.data_ptr<double>() + p.numel());
}

}  // namespace fognas::libtorch

extern "C" FOGNAS_TORCH_MODULE_EXPORT const fognas::TorchModule* fognas_torch_module() {
  static const fognas::TorchModule module{fognas::kTorchModuleVersion, &fognas::libtorch::make_trainer,
                                          &fognas::libtorch::parameter_count, &fognas::libtorch::loss_and_gradient,
                                          &fognas::libtorch::adam};
  return &module;
}
