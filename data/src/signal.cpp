#include "fognas/data/signal.h"

#include <cmath>

#include "fognas/data/dataset.h"

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

MeanSd mean_sd(const double* x, size_t n) {
  MeanSd m;
  if (n == 0) return m;
  double sum = 0;
  for (size_t i = 0; i < n; ++i) sum += x[i];
  m.mean = sum / static_cast<double>(n);
  double var = 0;
  for (size_t i = 0; i < n; ++i) var += (x[i] - m.mean) * (x[i] - m.mean);
  m.sd = std::sqrt(var / static_cast<double>(n));
  return m;
}

void normalise_to(const double* x, size_t n, Normalisation norm, MeanSd recording, float* out) {
  switch (norm) {
    case Normalisation::Window:
      zscore_to(x, n, out);
      return;
    case Normalisation::Recording:
      for (size_t i = 0; i < n; ++i)
        out[i] = recording.sd > 1e-12 ? static_cast<float>((x[i] - recording.mean) / recording.sd) : 0.0f;
      return;
    case Normalisation::TrainingSet:
      for (size_t i = 0; i < n; ++i) out[i] = static_cast<float>(x[i]);
      return;
  }
}

}  // namespace fognas
