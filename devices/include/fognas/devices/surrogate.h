#pragma once
// Per-layer-type latency surrogate of an MCU (the paper's offline phase): for
// each layer type, latency is linear in a few features of the layer shape.
#include <array>
#include <string>
#include <vector>

#include "fognas/devices/layer.h"

namespace fognas {

enum class SurrogateFeature {
  Macs,     // effective multiply-accumulates
  Outputs,  // l_out * c_out (activation writes)
  Inputs,   // l_in * c_in (activation reads)
  Layer,    // constant per layer (call and loop set-up overhead)
};

std::string to_string(SurrogateFeature f);
SurrogateFeature surrogate_feature_from_string(const std::string& name);
double feature_value(SurrogateFeature f, const Layer& layer);

struct Surrogate {
  std::vector<SurrogateFeature> features;
  // latency_ms_per_unit[kind][i] multiplies features[i] for layers of that kind.
  std::array<std::vector<double>, kSurrogateKinds> latency_ms_per_unit;
  double r2 = 0.0;  // of the fit that produced the coefficients
  std::string source;  // the profile file, for messages

  // Throws InputError naming `source` for a layer type without coefficients.
  double latency_ms(const Layer& layer) const;
};

}  // namespace fognas
