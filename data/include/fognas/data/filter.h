#pragma once
// Zero-phase Butterworth filtering built from biquads (RBJ bilinear-transform
// sections, pre-warped at the cutoff, with the Q values of a Butterworth
// polynomial), run forward and backward like filtfilt.
#include <vector>

namespace fognas {

struct Biquad {
  double b0 = 1, b1 = 0, b2 = 0, a1 = 0, a2 = 0;  // a0 normalised to 1
  // |H(e^{jw})| at frequency_hz for sampling_hz.
  double magnitude(double frequency_hz, double sampling_hz) const;
};

// Even `order` (2, 4, 6, ...): order/2 second-order sections.
std::vector<Biquad> butterworth_lowpass(int order, double cutoff_hz, double sampling_hz);
std::vector<Biquad> butterworth_highpass(int order, double cutoff_hz, double sampling_hz);
// High-pass at low_hz followed by low-pass at high_hz, each of `order`.
std::vector<Biquad> butterworth_bandpass(int order, double low_hz, double high_hz, double sampling_hz);

// One causal pass through the cascade (direct form II transposed, zero state).
void filter_in_place(const std::vector<Biquad>& cascade, std::vector<double>& x);
// Forward then backward pass, after odd-symmetric extension of both ends by
// `pad` samples (clipped to the signal length) so the edges start near steady
// state. The magnitude response is the cascade's squared, the phase is zero.
std::vector<double> filtfilt(const std::vector<Biquad>& cascade, const std::vector<double>& x, int pad);

// The preprocessing every EEG source shares: 4th-order band-pass 1-30 Hz,
// zero-phase, padded by three periods of the low cutoff.
std::vector<double> eeg_bandpass(const std::vector<double>& x, double sampling_hz);

}  // namespace fognas
