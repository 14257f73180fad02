#include "fognas/data/filter.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <stdexcept>

namespace fognas {
namespace {

constexpr double kPi = 3.14159265358979323846;

void check_design(int order, double cutoff_hz, double sampling_hz) {
  if (order < 2 || order % 2 != 0) throw std::invalid_argument("Butterworth order must be even and >= 2");
  if (!(cutoff_hz > 0) || !(cutoff_hz < sampling_hz / 2))
    throw std::invalid_argument("cutoff must lie between 0 and the Nyquist frequency");
}

// Q of the k-th pole pair of an order-n Butterworth polynomial.
double butterworth_q(int order, int k) {
  double theta = kPi * (2.0 * k + 1.0) / (2.0 * order);
  return 1.0 / (2.0 * std::cos(theta));
}

std::vector<Biquad> design(int order, double cutoff_hz, double sampling_hz, bool highpass) {
  check_design(order, cutoff_hz, sampling_hz);
  std::vector<Biquad> out;
  double w0 = 2.0 * kPi * cutoff_hz / sampling_hz;
  double cw = std::cos(w0);
  for (int k = 0; k < order / 2; ++k) {
    double alpha = std::sin(w0) / (2.0 * butterworth_q(order, k));
    double a0 = 1.0 + alpha;
    Biquad s;
    if (highpass) {
      s.b0 = (1.0 + cw) / 2.0 / a0;
      s.b1 = -(1.0 + cw) / a0;
    } else {
      s.b0 = (1.0 - cw) / 2.0 / a0;
      s.b1 = (1.0 - cw) / a0;
    }
    s.b2 = s.b0;
    s.a1 = -2.0 * cw / a0;
    s.a2 = (1.0 - alpha) / a0;
    out.push_back(s);
  }
  return out;
}

}  // namespace

double Biquad::magnitude(double frequency_hz, double sampling_hz) const {
  std::complex<double> z1 = std::polar(1.0, -2.0 * kPi * frequency_hz / sampling_hz);  // z^-1
  std::complex<double> num = b0 + b1 * z1 + b2 * z1 * z1;
  std::complex<double> den = 1.0 + a1 * z1 + a2 * z1 * z1;
  return std::abs(num / den);
}

std::vector<Biquad> butterworth_lowpass(int order, double cutoff_hz, double sampling_hz) {
  return design(order, cutoff_hz, sampling_hz, false);
}

std::vector<Biquad> butterworth_highpass(int order, double cutoff_hz, double sampling_hz) {
  return design(order, cutoff_hz, sampling_hz, true);
}

std::vector<Biquad> butterworth_bandpass(int order, double low_hz, double high_hz, double sampling_hz) {
  if (!(low_hz < high_hz)) throw std::invalid_argument("band-pass needs low < high");
  auto out = butterworth_highpass(order, low_hz, sampling_hz);
  auto lp = butterworth_lowpass(order, high_hz, sampling_hz);
  out.insert(out.end(), lp.begin(), lp.end());
  return out;
}

void filter_in_place(const std::vector<Biquad>& cascade, std::vector<double>& x) {
  for (const Biquad& s : cascade) {
    double z1 = 0, z2 = 0;
    for (double& v : x) {
      double in = v;
      double out = s.b0 * in + z1;
      z1 = s.b1 * in - s.a1 * out + z2;
      z2 = s.b2 * in - s.a2 * out;
      v = out;
    }
  }
}

std::vector<double> filtfilt(const std::vector<Biquad>& cascade, const std::vector<double>& x, int pad) {
  const long n = static_cast<long>(x.size());
  if (n == 0) return {};
  long p = std::clamp<long>(pad, 0, n - 1);
  // Odd extension: 2*x[0] - x[p..1] before, 2*x[n-1] - x[n-2..n-1-p] after,
  // which keeps the value and slope continuous at both ends.
  std::vector<double> y;
  y.reserve(static_cast<size_t>(n + 2 * p));
  for (long i = p; i >= 1; --i) y.push_back(2.0 * x[0] - x[static_cast<size_t>(i)]);
  y.insert(y.end(), x.begin(), x.end());
  for (long i = 1; i <= p; ++i) y.push_back(2.0 * x[static_cast<size_t>(n - 1)] - x[static_cast<size_t>(n - 1 - i)]);
  filter_in_place(cascade, y);
  std::reverse(y.begin(), y.end());
  filter_in_place(cascade, y);
  std::reverse(y.begin(), y.end());
  return std::vector<double>(y.begin() + p, y.begin() + p + n);
}

std::vector<double> eeg_bandpass(const std::vector<double>& x, double sampling_hz) {
  constexpr double kLowHz = 1.0, kHighHz = 30.0;
  auto cascade = butterworth_bandpass(4, kLowHz, kHighHz, sampling_hz);
  return filtfilt(cascade, x, static_cast<int>(std::lround(3.0 * sampling_hz / kLowHz)));
}

}  // namespace fognas
