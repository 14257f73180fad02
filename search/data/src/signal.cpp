#include "fognas/data/signal.h"

#include <cmath>

namespace fognas {

std::vector<double> resample_linear(const double* x, size_t n_in, size_t n_out) {
  std::vector<double> y(n_out, 0.0);
  if (n_in == 0 || n_out == 0) return y;
  if (n_in == 1 || n_out == 1) {
    for (auto& v : y) v = x[0];
    return y;
  }
  const double step = static_cast<double>(n_in - 1) / static_cast<double>(n_out - 1);
  for (size_t j = 0; j < n_out; ++j) {
    double pos = step * static_cast<double>(j);
    size_t i = static_cast<size_t>(pos);
    if (i >= n_in - 1) {
      y[j] = x[n_in - 1];
      continue;
    }
    double frac = pos - static_cast<double>(i);
    y[j] = x[i] + frac * (x[i + 1] - x[i]);
  }
  return y;
}

void zscore_to(const double* x, size_t n, float* out) {
  if (n == 0) return;
  double mean = 0;
  for (size_t i = 0; i < n; ++i) mean += x[i];
  mean /= static_cast<double>(n);
  double var = 0;
  for (size_t i = 0; i < n; ++i) var += (x[i] - mean) * (x[i] - mean);
  double sd = std::sqrt(var / static_cast<double>(n));
  for (size_t i = 0; i < n; ++i) out[i] = sd > 1e-12 ? static_cast<float>((x[i] - mean) / sd) : 0.0f;
}

}  // namespace fognas
