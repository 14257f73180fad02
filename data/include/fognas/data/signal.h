#pragma once
// Small signal helpers shared by the readers and the generators.
#include <cstddef>
#include <vector>

namespace fognas {

// Linear interpolation onto n_out points spanning the same interval (first
// and last samples kept).
std::vector<double> resample_linear(const double* x, size_t n_in, size_t n_out);

// (x - mean) / standard deviation, written as float to `out`. A flat window
// (deviation below 1e-12) becomes all zeros instead of dividing by nothing.
void zscore_to(const double* x, size_t n, float* out);

struct MeanSd {
  double mean = 0, sd = 1;
};
// Mean and (population) standard deviation of x; sd 0 for a flat signal.
MeanSd mean_sd(const double* x, size_t n);

// One window as `norm` asks (Normalisation in dataset.h): Window z-scores it,
// Recording scales it with the recording's `recording` statistics, TrainingSet
// copies it unscaled (split_dataset scales it from the training part).
enum class Normalisation;
void normalise_to(const double* x, size_t n, Normalisation norm, MeanSd recording, float* out);

}  // namespace fognas
