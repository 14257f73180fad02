#include "fognas/devices/surrogate_fit.h"

#include <Eigen/Dense>
#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "fognas/common/csv.h"
#include "fognas/common/error.h"
#include "fognas/common/parse.h"

namespace fognas {

SurrogateFit fit_surrogate(const std::vector<LatencyMeasurement>& data, const std::vector<SurrogateFeature>& features,
                           const std::string& source) {
  if (features.empty()) throw InputError(source, "no surrogate features chosen");
  if (data.empty()) throw InputError(source, "no measurements");

  // Columns: one per (kind, feature) for the kinds that occur in the data.
  std::array<bool, kSurrogateKinds> present{};
  for (const auto& m : data)
    for (const auto& layer : m.layers) present[static_cast<size_t>(layer.surrogate_kind())] = true;
  std::vector<std::pair<int, size_t>> columns;
  for (int k = 0; k < kSurrogateKinds; ++k)
    if (present[static_cast<size_t>(k)])
      for (size_t f = 0; f < features.size(); ++f) columns.emplace_back(k, f);

  const auto rows = static_cast<Eigen::Index>(data.size());
  const auto cols = static_cast<Eigen::Index>(columns.size());
  if (rows < cols)
    throw InputError(source, fmt::format("{} measurements cannot determine {} coefficients", rows, cols));
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(rows, cols);
  Eigen::VectorXd b(rows);
  for (Eigen::Index r = 0; r < rows; ++r) {
    const auto& m = data[static_cast<size_t>(r)];
    b(r) = m.latency_ms;
    for (const auto& layer : m.layers)
      for (Eigen::Index c = 0; c < cols; ++c) {
        auto [k, f] = columns[static_cast<size_t>(c)];
        if (static_cast<int>(layer.surrogate_kind()) == k) A(r, c) += feature_value(features[f], layer);
      }
  }
  // Scale columns so that features of very different magnitude (MACs vs a
  // per-layer constant) do not spoil the rank decision.
  // Relative least squares: each row is divided by its measured value, so a
  // 1 ms layer and a 70 ms network count alike (measurements span orders of
  // magnitude, and a relative error is what a user reads off a prediction).
  Eigen::VectorXd w = b.cwiseInverse();
  Eigen::MatrixXd Aw = w.asDiagonal() * A;
  Eigen::VectorXd bw = w.asDiagonal() * b;
  Eigen::VectorXd scale = Aw.colwise().norm().transpose();
  for (Eigen::Index c = 0; c < cols; ++c) if (scale(c) == 0) scale(c) = 1;
  Eigen::MatrixXd As = Aw * scale.cwiseInverse().asDiagonal();
  auto qr = As.colPivHouseholderQr();
  if (qr.rank() < cols)
    throw InputError(source, fmt::format("the measurements determine only {} of {} coefficients; add measurements "
                                         "that vary the layer types and shapes independently",
                                         qr.rank(), cols));
  Eigen::VectorXd x = qr.solve(bw).cwiseQuotient(scale);

  SurrogateFit fit;
  fit.surrogate.features = features;
  for (int k = 0; k < kSurrogateKinds; ++k)
    if (present[static_cast<size_t>(k)]) fit.surrogate.latency_ms_per_unit[static_cast<size_t>(k)].assign(features.size(), 0);
  for (Eigen::Index c = 0; c < cols; ++c) {
    auto [k, f] = columns[static_cast<size_t>(c)];
    fit.surrogate.latency_ms_per_unit[static_cast<size_t>(k)][f] = x(c);
  }
  // A negative coefficient makes some layers cost negative time and energy: no
  // profile may hold one, so the fit is refused rather than written.
  for (Eigen::Index c = 0; c < cols; ++c) {
    auto [k, f] = columns[static_cast<size_t>(c)];
    const std::string kind = to_string(static_cast<SurrogateKind>(k)), feature = to_string(features[f]);
    if (!std::isfinite(x(c)))
      throw InputError(source, fmt::format("the fit gives {} layers no finite coefficient for '{}'", kind, feature));
    if (x(c) < 0)
      throw InputError(source, fmt::format("the fit gives {} layers a negative coefficient for '{}' ({:.4g}), so some "
                                           "layers would cost negative energy; try other --features (e.g. macs alone)",
                                           kind, feature, x(c)));
  }
  Eigen::VectorXd pred = A * x;
  Eigen::VectorXd res = b - pred;
  double ss_res = res.squaredNorm();
  double ss_tot = (b.array() - b.mean()).matrix().squaredNorm();
  fit.surrogate.r2 = ss_tot > 0 ? 1.0 - ss_res / ss_tot : (ss_res == 0 ? 1.0 : 0.0);
  fit.predicted_ms.assign(pred.data(), pred.data() + pred.size());
  fit.residual_ms.assign(res.data(), res.data() + res.size());
  return fit;
}

std::vector<LatencyMeasurement> read_measurements(const std::string& path, double active_power_mw) {
  CsvTable t = read_csv(path);
  const bool has_latency = t.column("latency_ms") >= 0;
  const bool has_energy = t.column("energy_mj") >= 0;
  if (has_latency == has_energy)
    throw InputError(location(path, 1), "need exactly one of the columns latency_ms or energy_mj");
  if (has_energy && !(active_power_mw > 0))
    throw InputError(path, "energies need the MCU's active power (--active-power-mw) to become latencies");
  for (const char* col : {"name", "lengths", "channels"})
    if (t.column(col) < 0) throw InputError(location(path, 1), fmt::format("missing column '{}'", col));
  const bool has_p = t.column("partition_point") >= 0;

  std::vector<LatencyMeasurement> out;
  for (const auto& row : t.rows) {
    const std::string where = location(path, row.line);
    LatencyMeasurement m;
    m.label = t.cell(row, "name");
    m.line = row.line;
    std::vector<Layer> layers;
    try {
      layers = build_layers(parse_int_list(t.cell(row, "lengths"), where + ": column 'lengths'"),
                            parse_int_list(t.cell(row, "channels"), where + ": column 'channels'"));
    } catch (const std::invalid_argument& e) {
      throw InputError(where, e.what());
    }
    long p = has_p ? parse_long(t.cell(row, "partition_point"), where + ": column 'partition_point'")
                   : static_cast<long>(layers.size()) + 1;
    if (p < 2 || p > static_cast<long>(layers.size()) + 1)
      throw InputError(where, fmt::format("partition_point {} must be between 2 and {} (at least one layer measured)",
                                          p, layers.size() + 1));
    m.layers.assign(layers.begin(), layers.begin() + (p - 1));
    double v = has_latency ? t.number(row, "latency_ms") : t.number(row, "energy_mj") / (active_power_mw * 1e-3);
    if (!(v > 0) || !std::isfinite(v)) throw InputError(where, "measured value must be finite and > 0");
    m.latency_ms = v;
    out.push_back(std::move(m));
  }
  if (out.empty()) throw InputError(path, "no measurement rows");
  return out;
}

}  // namespace fognas
