#include "fognas/devices/surrogate.h"

#include <fmt/format.h>

#include <stdexcept>

#include "fognas/common/error.h"

namespace fognas {

std::string to_string(SurrogateFeature f) {
  switch (f) {
    case SurrogateFeature::Macs: return "macs";
    case SurrogateFeature::Outputs: return "outputs";
    case SurrogateFeature::Inputs: return "inputs";
    case SurrogateFeature::Layer: return "layer";
  }
  return "?";
}

SurrogateFeature surrogate_feature_from_string(const std::string& name) {
  if (name == "macs") return SurrogateFeature::Macs;
  if (name == "outputs") return SurrogateFeature::Outputs;
  if (name == "inputs") return SurrogateFeature::Inputs;
  if (name == "layer") return SurrogateFeature::Layer;
  throw std::invalid_argument("unknown surrogate feature '" + name + "' (expected macs, outputs, inputs or layer)");
}

double feature_value(SurrogateFeature f, const Layer& layer) {
  switch (f) {
    case SurrogateFeature::Macs: return static_cast<double>(layer.effective_macs());
    case SurrogateFeature::Outputs: return static_cast<double>(layer.output_elems());
    case SurrogateFeature::Inputs: return static_cast<double>(layer.input_elems());
    case SurrogateFeature::Layer: return 1.0;
  }
  return 0.0;
}

double Surrogate::latency_ms(const Layer& layer) const {
  const auto& coef = latency_ms_per_unit[static_cast<size_t>(layer.surrogate_kind())];
  if (coef.empty())
    throw InputError(source.empty() ? "surrogate" : source,
                     fmt::format("no surrogate coefficients for {} layers (latency_ms_per_unit.{}); calibrate them "
                                 "with measurements that include such layers",
                                 to_string(layer.surrogate_kind()), to_string(layer.surrogate_kind())));
  double ms = 0.0;
  for (size_t i = 0; i < features.size() && i < coef.size(); ++i) ms += coef[i] * feature_value(features[i], layer);
  return ms;
}

}  // namespace fognas
