#include "fognas/train/initial_parameters.h"

#include <cmath>

namespace fognas {
namespace {

uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

void seed_xoshiro(uint64_t state[4], uint64_t seed) {
  for (int i = 0; i < 4; ++i) state[i] = splitmix64(seed);
}

// xoshiro256** (Blackman and Vigna): 64 random bits per call.
uint64_t xoshiro_next(uint64_t s[4]) {
  const uint64_t result = rotl(s[1] * 5, 7) * 9;
  const uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}

// Uniform in [0, 1) with 53 random bits.
double xoshiro_uniform(uint64_t s[4]) { return static_cast<double>(xoshiro_next(s) >> 11) * 0x1.0p-53; }

long weight_count(const Layer& l) { return l.parameters() - (l.kind == LayerKind::Dense ? l.l_out : l.c_out); }

// The number of inputs one output of the layer sums (see the header).
long fan_in(const Layer& l) {
  switch (l.kind) {
    case LayerKind::Conv: return static_cast<long>(l.c_in) * l.kernel;
    case LayerKind::ConvSame: return 3L * l.c_in;
    case LayerKind::TConv: return l.c_in;
    case LayerKind::Dense: return l.input_elems();
  }
  return 1;
}

// Seeds of the separate streams a training draws from; the data order has its
// own (std::mt19937_64 in the training loop).
constexpr uint64_t kInitStream = 0x1a17ULL;
constexpr uint64_t kDropoutStream = 0xd50bULL;

}  // namespace

std::vector<ParameterSlice> parameter_layout(const Network& net) {
  std::vector<ParameterSlice> out;
  long at = 0;
  for (const Layer& l : net.layers) {
    ParameterSlice s;
    s.weight = at;
    s.bias = at + weight_count(l);
    s.end = at + l.parameters();
    at = s.end;
    out.push_back(s);
  }
  return out;
}

DropoutMasks::DropoutMasks(uint64_t training_seed) { seed_xoshiro(state_, training_seed ^ kDropoutStream); }

template <class Scalar>
void DropoutMasks::fill(Scalar* scale, long n, double keep) {
  // Two 32-bit draws per 64-bit number; an element is kept when its draw falls
  // below keep * 2^32.
  const uint64_t threshold = static_cast<uint64_t>(keep * 4294967296.0);
  const Scalar kept = static_cast<Scalar>(1.0 / keep);
  for (long i = 0; i < n; i += 2) {
    const uint64_t r = xoshiro_next(state_);
    scale[i] = (r & 0xffffffffULL) < threshold ? kept : Scalar(0);
    if (i + 1 < n) scale[i + 1] = (r >> 32) < threshold ? kept : Scalar(0);
  }
}
template void DropoutMasks::fill<float>(float*, long, double);
template void DropoutMasks::fill<double>(double*, long, double);

// Inputs that are all non-negative with a common mean m add m x (sum of the
// weights) to every pre-activation of an output, so a random sum leans the
// output to one sign for every example: negative, and the ReLU after it is
// zero nearly everywhere from the first step, passes no gradient and never
// recovers. Centring each output's weights to sum to zero takes that lean
// away; scaling by sqrt(n / (n - 1)) gives back the variance the centring
// removes (the mean of n draws carries 1 / n of it). An output with a single
// input cannot be centred: its weight is made positive, since a negative one
// times a non-negative input is never above zero.
void centre_each_output(const Layer& l, double* w) {
  const long n = fan_in(l);
  // Transposed convolution [c_in, c_out, k]: output (o, j) sums w[c][o][j] over
  // c, c_out * k apart. The others ([c_out, c_in, k], [classes, f]) keep each
  // output's weights together.
  const bool transposed = l.kind == LayerKind::TConv;
  const long outputs = transposed ? static_cast<long>(l.c_out) * l.kernel : weight_count(l) / n;
  const long stride = transposed ? outputs : 1;
  for (long g = 0; g < outputs; ++g) {
    double* first = w + (transposed ? g : g * n);
    if (n == 1) {
      *first = std::abs(*first);
      continue;
    }
    double sum = 0;
    for (long c = 0; c < n; ++c) sum += first[c * stride];
    const double mean = sum / static_cast<double>(n);
    const double scale = std::sqrt(static_cast<double>(n) / static_cast<double>(n - 1));
    for (long c = 0; c < n; ++c) first[c * stride] = (first[c * stride] - mean) * scale;
  }
}

std::vector<double> initial_parameters(const Network& net, uint64_t seed) {
  std::vector<double> p(static_cast<size_t>(net.parameters()), 0.0);
  uint64_t rng[4];
  seed_xoshiro(rng, seed ^ kInitStream);
  const auto layout = parameter_layout(net);
  for (size_t i = 0; i < net.layers.size(); ++i) {
    const Layer& l = net.layers[i];
    // bound^2 = 3 x variance: 6 / fan_in for ReLU layers, 1 / fan_in for the classifier.
    const double gain = l.kind == LayerKind::Dense ? 1.0 : 6.0;
    const double bound = std::sqrt(gain / static_cast<double>(fan_in(l)));
    for (long k = layout[i].weight; k < layout[i].bias; ++k) p[static_cast<size_t>(k)] =
        bound * (2.0 * xoshiro_uniform(rng) - 1.0);
    // Every layer after the first reads ReLU outputs; the classifier has no
    // ReLU after it, so it cannot die, and keeps its draws.
    if (i > 0 && l.kind != LayerKind::Dense) centre_each_output(l, p.data() + layout[i].weight);
  }
  return p;
}

}  // namespace fognas
