#pragma once
// Least-squares calibration of the latency surrogate from measured latencies
// (or energies) of layers or whole sub-networks.
#include <string>
#include <vector>

#include "fognas/devices/surrogate.h"

namespace fognas {

struct LatencyMeasurement {
  std::string label;
  int line = 0;               // source line, for messages
  std::vector<Layer> layers;  // executed one after the other
  double latency_ms = 0;
};

struct SurrogateFit {
  Surrogate surrogate;
  std::vector<double> predicted_ms;  // per measurement
  std::vector<double> residual_ms;   // measured - predicted
};

// Fits one coefficient per (layer type, feature) present in the measurements,
// minimising relative residuals (measured values must be > 0).
// Throws InputError when a layer type is absent or the system is rank deficient.
SurrogateFit fit_surrogate(const std::vector<LatencyMeasurement>& data, const std::vector<SurrogateFeature>& features,
                           const std::string& source);

// Reads a calibration CSV with columns name, lengths, channels, optional
// partition_point (P: the first P-1 layers were measured; absent = all), and
// either latency_ms or energy_mj (converted with active_power_mw).
std::vector<LatencyMeasurement> read_measurements(const std::string& path, double active_power_mw);

}  // namespace fognas
