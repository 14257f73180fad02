// The training loop of the search's candidates (Adam, mini-batches, dropout in
// training only, model selection on V1).
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <numeric>
#include <random>

#include "fognas/search/genome.h"
#include "fognas/train/torch_trainer.h"
#include "torch_model.h"

namespace fognas {

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
