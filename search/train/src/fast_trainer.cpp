// The fast trainer: the shared epoch loop (training_loop.h) around FastNet in
// float and a fused Adam over its flat parameter buffer. The training examples
// are gathered once per epoch in the shuffled order, so a batch is a pointer
// into that copy and a step allocates nothing.
#include <algorithm>
#include <chrono>

#include "fast_net.h"
#include "fognas/search/genome.h"
#include "fognas/train/initial_parameters.h"
#include "fognas/train/torch_trainer.h"
#include "fognas/train/trainer.h"
#include "training_loop.h"

namespace fognas {
namespace {

// Examples per forward pass when reading accuracies: large enough to amortise
// the per-product cost, small enough that the activations stay a few MB.
constexpr int64_t kEvalBatch = 64;

struct Part {
  std::vector<float> x;
  std::vector<int> y;
  int64_t size() const { return static_cast<int64_t>(y.size()); }
};

Part to_part(const Dataset& d) { return {d.samples, d.labels}; }

struct Parts {
  Part train, v1, v2, test;
};

class FastEpochModel : public EpochModel {
 public:
  FastEpochModel(const Network& net, const Parts& data, const TrainSettings& s, uint64_t seed)
      : data_(data), net_(net, max_batch(data, s)), adam_(static_cast<size_t>(net.parameters()), s.learning_rate) {
    const std::vector<double> p = initial_parameters(net, seed);
    net_.set_parameters(p.data());
    epoch_x_.resize(data.train.x.size());
    epoch_y_.resize(data.train.y.size());
    scale_.resize(static_cast<size_t>(net_.max_batch() * net.layers.back().input_elems()));
  }

  void prepare_epoch(const std::vector<int64_t>& order) override {
    for (size_t i = 0; i < order.size(); ++i) {
      const auto from = static_cast<size_t>(order[i]);
      std::copy_n(data_.train.x.data() + from * kInputLength, kInputLength, epoch_x_.data() + i * kInputLength);
      epoch_y_[i] = data_.train.y[from];
    }
  }

  void step(int64_t start, int64_t end, DropoutMasks* masks, double keep) override {
    const int batch = static_cast<int>(end - start);
    const float* scale = nullptr;
    if (masks) {
      masks->fill(scale_.data(), static_cast<long>(batch) * static_cast<long>(scale_.size() / net_.max_batch()), keep);
      scale = scale_.data();
    }
    net_.loss_and_gradient(epoch_x_.data() + start * kInputLength, epoch_y_.data() + start, batch, scale);
    adam_.step(net_.parameters(), net_.gradient());
  }

  double accuracy(EvalPart which) override {
    const Part& p = which == EvalPart::V1 ? data_.v1 : which == EvalPart::V2 ? data_.v2 : data_.test;
    long hits = 0;
    for (int64_t start = 0; start < p.size(); start += net_.max_batch()) {
      const int n = static_cast<int>(std::min<int64_t>(net_.max_batch(), p.size() - start));
      hits += net_.correct(p.x.data() + start * kInputLength, p.y.data() + start, n);
    }
    return static_cast<double>(hits) / static_cast<double>(p.size());
  }

  void keep_weights() override { best_ = net_.parameters(); }
  void restore_weights() override { net_.parameters() = best_; }

 private:
  static int max_batch(const Parts& d, const TrainSettings& s) {
    const int64_t eval = std::min(kEvalBatch, std::max({d.v1.size(), d.v2.size(), d.test.size()}));
    return static_cast<int>(std::max(std::min<int64_t>(s.batch_size, d.train.size()), eval));
  }

  const Parts& data_;
  fast::FastNet<float> net_;
  fast::FlatAdam<float> adam_;
  std::vector<float> epoch_x_, scale_, best_;
  std::vector<int> epoch_y_;
};

class FastTrainer : public CandidateTrainer {
 public:
  FastTrainer(const DatasetSplit& split, const TrainSettings& settings)
      : settings_(settings), classes_(split.train.classes()) {
    check_split(split, kInputLength);
    data_ = {to_part(split.train), to_part(split.v1), to_part(split.v2), to_part(split.test)};
  }

  using CandidateTrainer::train;
  int classes() const override { return classes_; }
  int epochs() const override { return settings_.epochs; }

  TrainOutcome train(const Network& net, uint64_t seed, int epochs) const override {
    const auto t0 = std::chrono::steady_clock::now();
    FastEpochModel model(net, data_, settings_, seed);
    TrainOutcome out = run_epochs(model, with_epochs(settings_, epochs), data_.train.size(), seed);
    out.parameters = net.parameters();
    out.train_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
  }

 private:
  TrainSettings settings_;
  int classes_ = 0;
  Parts data_;
};

}  // namespace

std::unique_ptr<CandidateTrainer> make_fast_trainer(const DatasetSplit& split, const TrainSettings& settings) {
  return std::make_unique<FastTrainer>(split, settings);
}

LossAndGradient fast_loss_and_gradient(const Network& net, const StepInput& in) {
  const int batch = static_cast<int>(in.labels.size());
  fast::FastNet<double> model(net, batch);
  model.set_parameters(in.parameters.data());
  LossAndGradient out;
  out.loss = model.loss_and_gradient(in.x.data(), in.labels.data(), batch,
                                     in.dropout_scale.empty() ? nullptr : in.dropout_scale.data());
  out.gradient.resize(in.parameters.size());
  model.gradient_to(out.gradient.data());
  const auto& logits = model.logits(in.x.data(), batch);
  out.logits.assign(logits.data(), logits.data() + logits.size());
  return out;
}

std::vector<double> fast_adam(const std::vector<double>& parameters, const std::vector<std::vector<double>>& gradients,
                              double learning_rate) {
  // Adam works element by element, so the flat layout serves as it is.
  std::vector<double> p = parameters;
  fast::FlatAdam<double> adam(p.size(), learning_rate);
  for (const auto& g : gradients) adam.step(p, g);
  return p;
}

}  // namespace fognas
