// The fast trainer against LibTorch: the same loss, gradient and Adam update,
// computed in double by both on random networks; and the shared initialisation.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "fognas/search/genome.h"
#include "fognas/train/initial_parameters.h"
#include "fognas/train/trainer.h"

namespace fognas {
namespace {

double norm(const std::vector<double>& v, long from = 0, long to = -1) {
  if (to < 0) to = static_cast<long>(v.size());
  double s = 0;
  for (long i = from; i < to; ++i) s += v[static_cast<size_t>(i)] * v[static_cast<size_t>(i)];
  return std::sqrt(s);
}

double distance(const std::vector<double>& a, const std::vector<double>& b, long from = 0, long to = -1) {
  if (to < 0) to = static_cast<long>(a.size());
  double s = 0;
  for (long i = from; i < to; ++i) {
    const double d = a[static_cast<size_t>(i)] - b[static_cast<size_t>(i)];
    s += d * d;
  }
  return std::sqrt(s);
}

// A batch of Gaussian inputs, random labels, He weights with random biases (the
// initialisation's zero biases would leave the bias paths untested), each
// weight scaled by a random factor near 1 (weights that sum to zero make some
// bias gradients cancel to rounding noise, where a relative comparison says
// nothing) and, when asked, random dropout factors.
StepInput random_step(const Network& net, int batch, uint64_t seed, bool dropout) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> gauss(0, 1);
  StepInput in;
  in.parameters = initial_parameters(net, seed);
  for (const ParameterSlice& s : parameter_layout(net)) {
    for (long i = s.weight; i < s.bias; ++i) in.parameters[static_cast<size_t>(i)] *= 1 + 0.2 * gauss(rng);
    for (long i = s.bias; i < s.end; ++i) in.parameters[static_cast<size_t>(i)] = 0.1 * gauss(rng);
  }
  for (int i = 0; i < batch * kInputLength; ++i) in.x.push_back(gauss(rng));
  std::uniform_int_distribution<int> label(0, net.classes() - 1);
  for (int b = 0; b < batch; ++b) in.labels.push_back(label(rng));
  if (dropout) {
    in.dropout_scale.resize(static_cast<size_t>(batch * net.layers.back().input_elems()));
    DropoutMasks masks(seed);
    masks.fill(in.dropout_scale.data(), static_cast<long>(in.dropout_scale.size()), 0.7);
  }
  return in;
}

void expect_same_step(const Network& net, int batch, uint64_t seed, bool dropout) {
  const StepInput in = random_step(net, batch, seed, dropout);
  const LossAndGradient t = libtorch_loss_and_gradient(net, in);
  const LossAndGradient f = fast_loss_and_gradient(net, in);
  const std::string what = net.describe() + " batch " + std::to_string(batch) + " seed " + std::to_string(seed);
  EXPECT_LE(std::abs(f.loss - t.loss), 1e-6 * std::abs(t.loss)) << what;
  ASSERT_EQ(f.logits.size(), t.logits.size()) << what;
  EXPECT_LE(distance(f.logits, t.logits), 1e-6 * norm(t.logits)) << what;
  ASSERT_EQ(f.gradient.size(), t.gradient.size()) << what;
  ASSERT_GT(norm(t.gradient), 0) << what;
  EXPECT_LE(distance(f.gradient, t.gradient), 1e-6 * norm(t.gradient)) << what;
  // Layer by layer too, so that a small layer's error cannot hide behind the
  // classifier's larger gradient; a slice LibTorch finds exactly zero (a layer
  // whose ReLUs are all off) must be zero here as well.
  const auto layout = parameter_layout(net);
  for (size_t l = 0; l < layout.size(); ++l)
    for (auto [from, to] : {std::pair{layout[l].weight, layout[l].bias}, std::pair{layout[l].bias, layout[l].end}})
      EXPECT_LE(distance(f.gradient, t.gradient, from, to), 1e-6 * norm(t.gradient, from, to))
          << what << " layer " << l + 1 << (from == layout[l].weight ? " weight" : " bias");
}

TEST(FastTrainer, LossAndGradientMatchLibTorchOnRandomGenomes) {
  std::mt19937_64 rng(77);
  int kinds_seen[4] = {0, 0, 0, 0};
  for (int i = 0; i < 24; ++i) {
    const Network net = Genome::random(rng).decode(i % 3 == 0 ? 5 : 2);
    for (const Layer& l : net.layers) ++kinds_seen[static_cast<int>(l.kind)];
    const int batch = std::array<int, 3>{1, 3, 8}[static_cast<size_t>(i % 3)];
    expect_same_step(net, batch, 1000 + static_cast<uint64_t>(i), i % 2 == 0);
  }
  for (int k = 0; k < 4; ++k) EXPECT_GT(kinds_seen[k], 0) << "layer kind " << to_string(static_cast<LayerKind>(k));
}

TEST(FastTrainer, LossAndGradientMatchLibTorchOnChosenShapes) {
  const std::vector<std::pair<std::vector<int>, std::vector<int>>> shapes = {
      {{2048, 128, 4, 128, 2}, {1, 3, 3, 2, 1}},          // SD-2 of the paper
      {{2048, 64, 64, 64, 5}, {1, 4, 3, 2, 1}},           // same-length convolutions in a row
      {{2048, 1024, 1024, 32, 512, 2}, {1, 2, 4, 1, 3, 1}},  // kernel 2 and a long transposed one
      {{2048, 4, 2}, {1, 1, 1}}};                          // one 512-wide kernel
  for (const auto& [lengths, channels] : shapes)
    for (int batch : {1, 2, 16}) expect_same_step(Network::from_shape(lengths, channels), batch, 5 + batch, batch != 2);
}

TEST(FastTrainer, AdamUpdatesMatchLibTorch) {
  std::mt19937_64 rng(9);
  std::normal_distribution<double> gauss(0, 1);
  for (int trial = 0; trial < 5; ++trial) {
    std::vector<double> p(300);
    for (double& v : p) v = gauss(rng);
    std::vector<std::vector<double>> grads(6, std::vector<double>(p.size()));
    for (auto& g : grads)
      for (double& v : g) v = gauss(rng) * std::pow(10.0, trial - 3);  // gradients of several scales
    const std::vector<double> t = libtorch_adam(p, grads, 2e-3);
    const std::vector<double> f = fast_adam(p, grads, 2e-3);
    std::vector<double> moved(p.size());
    for (size_t i = 0; i < p.size(); ++i) moved[i] = t[i] - p[i];
    ASSERT_GT(norm(moved), 0);
    EXPECT_LE(distance(f, t), 1e-6 * norm(moved)) << "trial " << trial;
  }
}

TEST(InitialParameters, SameSeedSameWeightsOtherSeedOtherWeights) {
  const Network net = Network::from_shape({2048, 128, 4, 128, 2}, {1, 3, 3, 2, 1});
  const auto a = initial_parameters(net, 3), b = initial_parameters(net, 3), c = initial_parameters(net, 4);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_EQ(static_cast<long>(a.size()), net.parameters());
  EXPECT_EQ(parameter_layout(net).back().end, net.parameters());
}

TEST(InitialParameters, HeVarianceWithinStandardErrorAndZeroBiases) {
  // A strided convolution 4 -> 4 with kernel 64 (fan-in 256, 1024 weights), a
  // transposed one with kernel 64 (fan-in 4; centred, variance kept), the
  // classifier (fan-in 4096).
  const Network net = Network::from_shape({2048, 32, 2048, 2}, {1, 4, 2, 1});
  const auto p = initial_parameters(net, 11);
  const auto layout = parameter_layout(net);
  const double fan_in[3] = {64.0, 4.0, 4096.0}, gain[3] = {2.0, 2.0, 1.0 / 3.0};
  for (size_t l = 0; l < 3; ++l) {
    const long n = layout[l].bias - layout[l].weight;
    double second = 0;
    for (long i = layout[l].weight; i < layout[l].bias; ++i) second += p[static_cast<size_t>(i)] * p[static_cast<size_t>(i)];
    second /= static_cast<double>(n);
    const double expected = gain[l] / fan_in[l];
    // w uniform on [-a, a]: E w^2 = a^2 / 3, Var w^2 = 4 a^4 / 45.
    const double a2 = 3 * expected, se = std::sqrt(4.0 / 45.0) * a2 / std::sqrt(static_cast<double>(n));
    EXPECT_NEAR(second, expected, 4 * se) << "layer " << l + 1;
    for (long i = layout[l].bias; i < layout[l].end; ++i) EXPECT_EQ(p[static_cast<size_t>(i)], 0.0);
  }
}

// The positions in the flat layout of the weights each output of a layer sums,
// worked out here from LibTorch's weight shapes: Conv1d [c_out, c_in, k] gives
// output o the c_in * k weights from o * c_in * k on; ConvTranspose1d
// [c_in, c_out, k] gives output (o, j) the weight (c, o, j) of every c.
std::vector<std::vector<long>> weights_of_each_output(const Layer& l, long first) {
  std::vector<std::vector<long>> out;
  const long k = l.kernel;
  if (l.kind == LayerKind::TConv) {
    for (long o = 0; o < l.c_out; ++o)
      for (long j = 0; j < k; ++j) {
        out.emplace_back();
        for (long c = 0; c < l.c_in; ++c) out.back().push_back(first + (c * l.c_out + o) * k + j);
      }
    return out;
  }
  for (long o = 0; o < l.c_out; ++o) {
    out.emplace_back();
    for (long i = 0; i < l.c_in * k; ++i) out.back().push_back(first + o * l.c_in * k + i);
  }
  return out;
}

TEST(InitialParameters, ReluFedOutputsSumToZeroAndKeepTheHeVariance) {
  // Over random genomes, every output of a layer after the first (the
  // classifier aside) has weights summing to zero, or one positive weight when
  // it has a single input; and an output's squared weights sum to 2 (fan_in x
  // the He variance 2 / fan_in) on average, within 4 standard errors of the
  // mean over all outputs (independent draws).
  std::mt19937_64 rng(7);
  std::vector<double> ratio;
  long single_inputs = 0;
  for (int g = 1; g <= 60; ++g) {
    const Network net = Genome::random(rng).decode(2);
    const auto p = initial_parameters(net, static_cast<uint64_t>(g));
    const auto layout = parameter_layout(net);
    for (size_t l = 1; l + 1 < net.layers.size(); ++l)
      for (const auto& output : weights_of_each_output(net.layers[l], layout[l].weight)) {
        double sum = 0, squares = 0;
        for (long i : output) sum += p[static_cast<size_t>(i)], squares += p[static_cast<size_t>(i)] * p[static_cast<size_t>(i)];
        if (output.size() == 1) {
          ++single_inputs;
          EXPECT_GT(sum, 0) << net.describe() << " layer " << l + 1;
        } else {
          ASSERT_LE(std::abs(sum), 1e-12) << net.describe() << " layer " << l + 1;
        }
        ratio.push_back(squares / 2.0);
      }
  }
  ASSERT_GT(single_inputs, 0);
  ASSERT_GT(ratio.size(), 1000u);
  double mean = 0, var = 0;
  for (double r : ratio) mean += r / static_cast<double>(ratio.size());
  for (double r : ratio) var += (r - mean) * (r - mean) / static_cast<double>(ratio.size() - 1);
  EXPECT_NEAR(mean, 1.0, 4 * std::sqrt(var / static_cast<double>(ratio.size())));
}

TEST(InitialParameters, CentringRevivesALayerThatReluOutputsLeaveDead) {
  // Two one-channel convolutions of kernel 4, then the classifier. The input is
  // 1 plus a little noise and the first layer's weights are all 0.5, so the
  // second layer reads ReLU outputs near 2: with weights drawn as He allows
  // (sum -0.4) every pre-activation is near -0.8, its ReLU passes nothing and
  // no gradient reaches either convolution. The same weights centred sum to
  // zero, about half the outputs are positive and both convolutions learn.
  const Network net = Network::from_shape({2048, 512, 128, 2}, {1, 1, 1, 1});
  const auto layout = parameter_layout(net);
  std::mt19937_64 rng(5);
  std::normal_distribution<double> gauss(0, 1);
  StepInput in;
  in.parameters.assign(static_cast<size_t>(net.parameters()), 0.0);
  for (long i = 0; i < 4; ++i) in.parameters[static_cast<size_t>(layout[0].weight + i)] = 0.5;
  const double drawn[4] = {0.7, -0.9, 0.4, -0.6};
  for (long i = 0; i < 4; ++i) in.parameters[static_cast<size_t>(layout[1].weight + i)] = drawn[i];
  for (long i = layout[2].weight; i < layout[2].bias; ++i) in.parameters[static_cast<size_t>(i)] = 0.1 * gauss(rng);
  for (int i = 0; i < 4 * kInputLength; ++i) in.x.push_back(1 + 0.05 * gauss(rng));
  in.labels = {0, 1, 0, 1};
  const long convs_end = layout[1].end;
  EXPECT_EQ(norm(fast_loss_and_gradient(net, in).gradient, 0, convs_end), 0.0);
  centre_each_output(net.layers[1], in.parameters.data() + layout[1].weight);
  double sum = 0;
  for (long i = 0; i < 4; ++i) sum += in.parameters[static_cast<size_t>(layout[1].weight + i)];
  EXPECT_LE(std::abs(sum), 1e-12);
  const LossAndGradient alive = fast_loss_and_gradient(net, in);
  EXPECT_GT(norm(alive.gradient, layout[0].weight, layout[0].bias), 0.0);
  EXPECT_GT(norm(alive.gradient, layout[1].weight, layout[1].bias), 0.0);
}

// How much the class scores of a batch vary from example to example (the root
// of the summed squared differences from the first example's scores): 0 when
// the input never reaches the classifier.
double input_dependence(const std::vector<double>& logits, int classes) {
  double s = 0;
  for (size_t i = 0; i < logits.size(); ++i) {
    const double d = logits[i] - logits[i % static_cast<size_t>(classes)];
    s += d * d;
  }
  return std::sqrt(s);
}

// PyTorch's default initialisation, the one the trainers used before: weights
// and biases uniform in +-1 / sqrt(fan_in), fan_in from the weight's shape.
std::vector<double> pytorch_default_parameters(const Network& net, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(-1, 1);
  std::vector<double> p(static_cast<size_t>(net.parameters()));
  const auto layout = parameter_layout(net);
  for (size_t l = 0; l < layout.size(); ++l) {
    const Layer& L = net.layers[l];
    const double fan = L.kind == LayerKind::Dense      ? L.input_elems()
                       : L.kind == LayerKind::TConv    ? L.c_out * L.kernel
                       : L.kind == LayerKind::ConvSame ? 3 * L.c_in
                                                       : L.c_in * L.kernel;
    for (long i = layout[l].weight; i < layout[l].end; ++i) p[static_cast<size_t>(i)] = u(rng) / std::sqrt(fan);
  }
  return p;
}

TEST(InitialParameters, DeepReluChainsPassTheInputToTheClassifier) {
  // With variance 2 / fan_in the second moment of the activations stays about
  // that of the input through every ReLU layer, so the class scores of a deep
  // random network depend on its input at the start of training. PyTorch's
  // default bound (variance 1 / (3 fan_in)) divides it by about 6 per layer: the
  // scores of nearly every network of 6 or more layers came out constant, and
  // such a candidate learns nothing but the class balance. (Before the weights
  // of ReLU-fed layers were centred, a one-channel layer whose weights were all
  // negative started dead with either.)
  std::mt19937_64 rng(4);
  int tried = 0, he_alive = 0, default_alive = 0;
  while (tried < 40) {
    const Network net = Genome::random(rng).decode(2);
    if (net.layer_count() < 6) continue;
    const auto seed = static_cast<uint64_t>(++tried);
    StepInput in = random_step(net, 16, seed, false);
    in.parameters = initial_parameters(net, seed);
    he_alive += input_dependence(fast_loss_and_gradient(net, in).logits, 2) > 0.01;
    in.parameters = pytorch_default_parameters(net, seed);
    default_alive += input_dependence(fast_loss_and_gradient(net, in).logits, 2) > 0.01;
  }
  EXPECT_GE(he_alive, 30);
  EXPECT_LE(default_alive, 5);
}

}  // namespace
}  // namespace fognas
