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

}  // namespace fognas
