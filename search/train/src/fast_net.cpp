#include "fast_net.h"

#include <algorithm>
#include <cmath>

#include "fognas/search/genome.h"
#include "fognas/train/initial_parameters.h"

namespace fognas::fast {
namespace {

long weight_count(const Layer& l) { return l.parameters() - (l.kind == LayerKind::Dense ? l.l_out : l.c_out); }

// Position in the internal layout of the weight at `i` in LibTorch's layout.
// Convolutions: [c_out, c_in, k] -> a c_out x (k * c_in) matrix (tap outer,
// channel inner, matching the activations); transposed: [c_in, c_out, k] ->
// (k * c_out) x c_in; classifier: [classes, c * l] -> classes x (l * c).
// Matrices are column-major.
long internal_index(const Layer& s, long i) {
  switch (s.kind) {
    case LayerKind::Conv:
    case LayerKind::ConvSame: {
      const long k = s.kind == LayerKind::Conv ? s.kernel : 3;
      const long j = i % k, c = (i / k) % s.c_in, o = i / (k * s.c_in);
      return (j * s.c_in + c) * s.c_out + o;
    }
    case LayerKind::TConv: {
      const long k = s.kernel;
      const long j = i % k, o = (i / k) % s.c_out, c = i / (k * s.c_out);
      return c * k * s.c_out + j * s.c_out + o;
    }
    case LayerKind::Dense: {
      const long f = s.input_elems();
      const long o = i / f, c = (i % f) / s.l_in, l = (i % f) % s.l_in;
      return (l * s.c_in + c) * s.l_out + o;
    }
  }
  return i;
}

template <class S>
using Vec = Eigen::Matrix<S, Eigen::Dynamic, 1>;
template <class S>
using StridedMap = Eigen::Map<const Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>, 0, Eigen::OuterStride<>>;

}  // namespace

template <class S>
FastNet<S>::FastNet(const Network& net, int max_batch) : max_batch_(max_batch) {
  const auto layout = parameter_layout(net);
  params_.assign(static_cast<size_t>(net.parameters()), S(0));
  grads_.assign(params_.size(), S(0));
  size_t grad_size = 0, out_scratch = 0, grad_scratch = 0;
  const size_t B = static_cast<size_t>(max_batch);
  layers_.resize(net.layers.size());
  for (size_t i = 0; i < net.layers.size(); ++i) {
    LayerState& L = layers_[i];
    const Layer& s = net.layers[i];
    L.shape = s;
    L.w = layout[i].weight;
    L.b = layout[i].bias;
    L.out.assign(B * static_cast<size_t>(s.output_elems()), S(0));
    grad_size = std::max(grad_size, L.out.size());
    if (i > 0) grad_size = std::max(grad_size, B * static_cast<size_t>(s.input_elems()));
    if (s.kind == LayerKind::ConvSame) {
      const size_t cols = B * static_cast<size_t>(s.l_in + 2);
      L.padded.assign(static_cast<size_t>(s.c_in) * cols, S(0));
      out_scratch = std::max(out_scratch, static_cast<size_t>(s.c_out) * cols);
      grad_scratch = std::max(grad_scratch, 3 * static_cast<size_t>(s.c_in) * (cols + 2));
    }
    if (s.kind == LayerKind::Dense) {
      dropped_.assign(B * static_cast<size_t>(s.input_elems()), S(0));
      mask_.assign(dropped_.size(), S(0));
    }
  }
  grad_a_.assign(grad_size, S(0));
  grad_b_.assign(grad_size, S(0));
  scratch_out_.assign(out_scratch, S(0));
  scratch_grad_.assign(grad_scratch, S(0));
}

template <class S>
void FastNet<S>::to_internal(const double* canonical, S* internal) const {
  for (const LayerState& L : layers_) {
    const long n = weight_count(L.shape);
    for (long i = 0; i < n; ++i) internal[L.w + internal_index(L.shape, i)] = static_cast<S>(canonical[L.w + i]);
    const long end = L.b + (L.shape.kind == LayerKind::Dense ? L.shape.l_out : L.shape.c_out);
    for (long i = L.b; i < end; ++i) internal[i] = static_cast<S>(canonical[i]);
  }
}

template <class S>
void FastNet<S>::to_canonical(const S* internal, double* canonical) const {
  for (const LayerState& L : layers_) {
    const long n = weight_count(L.shape);
    for (long i = 0; i < n; ++i) canonical[L.w + i] = static_cast<double>(internal[L.w + internal_index(L.shape, i)]);
    const long end = L.b + (L.shape.kind == LayerKind::Dense ? L.shape.l_out : L.shape.c_out);
    for (long i = L.b; i < end; ++i) canonical[i] = static_cast<double>(internal[i]);
  }
}

template <class S>
void FastNet<S>::set_parameters(const double* canonical) { to_internal(canonical, params_.data()); }

template <class S>
void FastNet<S>::parameters_to(double* canonical) const { to_canonical(params_.data(), canonical); }

template <class S>
void FastNet<S>::gradient_to(double* canonical) const { to_canonical(grads_.data(), canonical); }

template <class S>
void FastNet<S>::forward_layer(LayerState& L, const S* in, int batch) {
  const Layer& s = L.shape;
  const S* W = params_.data() + L.w;
  Eigen::Map<const Vec<S>> bias(params_.data() + L.b, s.c_out);
  if (s.kind == LayerKind::Conv) {
    const long k = s.kernel, cols = static_cast<long>(batch) * s.l_out;
    MapM Y(L.out.data(), s.c_out, cols);
    Y.noalias() = CMapM(W, s.c_out, k * s.c_in) * CMapM(in, k * s.c_in, cols);
    Y = (Y.colwise() + bias).cwiseMax(S(0));
  } else if (s.kind == LayerKind::TConv) {
    const long k = s.kernel, cols = static_cast<long>(batch) * s.l_in;
    MapM Y(L.out.data(), k * s.c_out, cols);
    Y.noalias() = CMapM(W, k * s.c_out, s.c_in) * CMapM(in, s.c_in, cols);
    for (long j = 0; j < k; ++j) {
      auto rows = Y.middleRows(j * s.c_out, s.c_out);
      rows = (rows.colwise() + bias).cwiseMax(S(0));
    }
  } else {  // ConvSame: padded copy, one product over overlapping columns, valid columns out
    const long len = s.l_in, padded_len = len + 2, cols = static_cast<long>(batch) * padded_len - 2;
    MapM Xp(L.padded.data(), s.c_in, static_cast<long>(batch) * padded_len);
    CMapM X(in, s.c_in, static_cast<long>(batch) * len);
    for (long b = 0; b < batch; ++b) Xp.middleCols(b * padded_len + 1, len) = X.middleCols(b * len, len);
    StridedMap<S> P(L.padded.data(), 3 * s.c_in, cols, Eigen::OuterStride<>(s.c_in));
    MapM Yp(scratch_out_.data(), s.c_out, cols);
    Yp.noalias() = CMapM(W, s.c_out, 3 * s.c_in) * P;
    MapM Y(L.out.data(), s.c_out, static_cast<long>(batch) * len);
    for (long b = 0; b < batch; ++b)
      Y.middleCols(b * len, len) = (Yp.middleCols(b * padded_len, len).colwise() + bias).cwiseMax(S(0));
  }
}

template <class S>
void FastNet<S>::classifier_forward(LayerState& L, const S* in, int batch, const S* dropout_scale) {
  const Layer& s = L.shape;
  const long f = s.input_elems();
  dropout_on_ = dropout_scale != nullptr;
  if (dropout_on_) {
    // The factors come in LibTorch's flattening (channel, then position); the
    // activations here are position, then channel.
    for (long b = 0; b < batch; ++b)
      for (long c = 0; c < s.c_in; ++c)
        for (long l = 0; l < s.l_in; ++l) mask_[b * f + l * s.c_in + c] = dropout_scale[b * f + c * s.l_in + l];
    MapM(dropped_.data(), f, batch) = CMapM(in, f, batch).cwiseProduct(CMapM(mask_.data(), f, batch));
    in = dropped_.data();
  }
  new (&logits_) MapM(L.out.data(), s.l_out, batch);
  logits_.noalias() = CMapM(params_.data() + L.w, s.l_out, f) * CMapM(in, f, batch);
  logits_.colwise() += Eigen::Map<const Vec<S>>(params_.data() + L.b, s.l_out);
}

template <class S>
void FastNet<S>::forward(const S* x, int batch, const S* dropout_scale) {
  const S* in = x;
  for (LayerState& L : layers_) {
    if (L.shape.kind == LayerKind::Dense)
      classifier_forward(L, in, batch, dropout_scale);
    else
      forward_layer(L, in, batch);
    in = L.out.data();
  }
}

template <class S>
void FastNet<S>::classifier_backward(LayerState& L, const S* in, S* d_out, S* d_in, int batch) {
  const Layer& s = L.shape;
  const long f = s.input_elems();
  CMapM dY(d_out, s.l_out, batch);
  CMapM X(dropout_on_ ? dropped_.data() : in, f, batch);
  MapM(grads_.data() + L.w, s.l_out, f).noalias() = dY * X.transpose();
  Eigen::Map<Vec<S>>(grads_.data() + L.b, s.l_out) = dY.rowwise().sum();
  if (!d_in) return;
  MapM dX(d_in, f, batch);
  dX.noalias() = CMapM(params_.data() + L.w, s.l_out, f).transpose() * dY;
  if (dropout_on_) dX = dX.cwiseProduct(CMapM(mask_.data(), f, batch));
}

template <class S>
void FastNet<S>::backward_layer(LayerState& L, const S* in, S* d_out, S* d_in, int batch) {
  const Layer& s = L.shape;
  const long n_out = static_cast<long>(batch) * s.output_elems();
  {  // through the ReLU: no gradient where the output was clipped to 0
    Eigen::Map<Eigen::Array<S, Eigen::Dynamic, 1>> d(d_out, n_out);
    d = (Eigen::Map<const Eigen::Array<S, Eigen::Dynamic, 1>>(L.out.data(), n_out) > S(0)).select(d, S(0));
  }
  const S* W = params_.data() + L.w;
  S* gW = grads_.data() + L.w;
  Eigen::Map<Vec<S>> gb(grads_.data() + L.b, s.c_out);
  if (s.kind == LayerKind::Conv) {
    const long k = s.kernel, cols = static_cast<long>(batch) * s.l_out;
    CMapM dZ(d_out, s.c_out, cols);
    CMapM P(in, k * s.c_in, cols);
    MapM(gW, s.c_out, k * s.c_in).noalias() = dZ * P.transpose();
    gb = dZ.rowwise().sum();
    if (d_in) MapM(d_in, k * s.c_in, cols).noalias() = CMapM(W, s.c_out, k * s.c_in).transpose() * dZ;
  } else if (s.kind == LayerKind::TConv) {
    const long k = s.kernel, cols = static_cast<long>(batch) * s.l_in;
    CMapM dZ(d_out, k * s.c_out, cols);
    MapM(gW, k * s.c_out, s.c_in).noalias() = dZ * CMapM(in, s.c_in, cols).transpose();
    gb.setZero();
    for (long j = 0; j < k; ++j) gb += dZ.middleRows(j * s.c_out, s.c_out).rowwise().sum();
    if (d_in) MapM(d_in, s.c_in, cols).noalias() = CMapM(W, k * s.c_out, s.c_in).transpose() * dZ;
  } else {
    const long len = s.l_in, padded_len = len + 2, cols = static_cast<long>(batch) * padded_len - 2;
    CMapM dZ(d_out, s.c_out, static_cast<long>(batch) * len);
    MapM dZp(scratch_out_.data(), s.c_out, cols);
    for (long b = 0; b < batch; ++b) {
      dZp.middleCols(b * padded_len, len) = dZ.middleCols(b * len, len);
      if (b + 1 < batch) dZp.middleCols(b * padded_len + len, 2).setZero();  // columns that straddle two examples
    }
    StridedMap<S> P(L.padded.data(), 3 * s.c_in, cols, Eigen::OuterStride<>(s.c_in));
    MapM(gW, s.c_out, 3 * s.c_in).noalias() = dZp * P.transpose();
    gb = dZ.rowwise().sum();
    if (!d_in) return;
    // Gradient of the overlapping columns, one zero column either side, then
    // summed back onto the positions each of the three taps read.
    MapM dP(scratch_grad_.data(), 3 * s.c_in, cols + 2);
    dP.col(0).setZero();
    dP.col(cols + 1).setZero();
    dP.middleCols(1, cols).noalias() = CMapM(W, s.c_out, 3 * s.c_in).transpose() * dZp;
    MapM dX(d_in, s.c_in, static_cast<long>(batch) * len);
    for (long b = 0; b < batch; ++b) {
      const long base = b * padded_len + 1;
      dX.middleCols(b * len, len) = dP.block(0, base + 1, s.c_in, len) + dP.block(s.c_in, base, s.c_in, len) +
                                    dP.block(2 * s.c_in, base - 1, s.c_in, len);
    }
  }
}

template <class S>
S FastNet<S>::loss_and_gradient(const S* x, const int* labels, int batch, const S* dropout_scale) {
  forward(x, batch, dropout_scale);
  const long classes = logits_.rows();
  MapM d(grad_a_.data(), classes, batch);
  double loss = 0;
  for (long b = 0; b < batch; ++b) {
    const S top = logits_.col(b).maxCoeff();
    d.col(b) = (logits_.col(b).array() - top).exp().matrix();
    const S sum = d.col(b).sum();
    loss += static_cast<double>(std::log(sum) + top - logits_(labels[b], b));
    d.col(b) /= sum * static_cast<S>(batch);
    d(labels[b], b) -= S(1) / static_cast<S>(batch);
  }
  S* cur = grad_a_.data();
  S* other = grad_b_.data();
  for (size_t i = layers_.size(); i-- > 0;) {
    const S* in = i == 0 ? x : layers_[i - 1].out.data();
    S* d_in = i == 0 ? nullptr : other;
    if (layers_[i].shape.kind == LayerKind::Dense)
      classifier_backward(layers_[i], in, cur, d_in, batch);
    else
      backward_layer(layers_[i], in, cur, d_in, batch);
    std::swap(cur, other);
  }
  return static_cast<S>(loss / batch);
}

template <class S>
const typename FastNet<S>::MapM& FastNet<S>::logits(const S* x, int batch) {
  forward(x, batch, nullptr);
  return logits_;
}

template <class S>
long FastNet<S>::correct(const S* x, const int* labels, int batch) {
  forward(x, batch, nullptr);
  long hits = 0;
  for (long b = 0; b < batch; ++b) {
    Eigen::Index best = 0;
    logits_.col(b).maxCoeff(&best);  // the first of equal maxima, as LibTorch's argmax
    hits += best == labels[b];
  }
  return hits;
}

template <class S>
void FlatAdam<S>::step(std::vector<S>& params, const std::vector<S>& grads) {
  constexpr double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
  ++t_;
  const S step_size = static_cast<S>(lr_ / (1.0 - std::pow(beta1, static_cast<double>(t_))));
  const S inv_sqrt_bc2 = static_cast<S>(1.0 / std::sqrt(1.0 - std::pow(beta2, static_cast<double>(t_))));
  const S b1 = S(beta1), b2 = S(beta2), one_b1 = S(1 - beta1), one_b2 = S(1 - beta2), e = S(eps);
  S* p = params.data();
  const S* g = grads.data();
  S* m = m_.data();
  S* v = v_.data();
  const size_t n = params.size();
  for (size_t i = 0; i < n; ++i) {
    m[i] = m[i] * b1 + g[i] * one_b1;
    v[i] = v[i] * b2 + g[i] * g[i] * one_b2;
    p[i] -= step_size * m[i] / (std::sqrt(v[i]) * inv_sqrt_bc2 + e);
  }
}

template class FastNet<float>;
template class FastNet<double>;
template class FlatAdam<float>;
template class FlatAdam<double>;

}  // namespace fognas::fast
