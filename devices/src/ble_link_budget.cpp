#include "fognas/devices/ble_link_budget.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "fognas/devices/radio_energy.h"

namespace fognas {
namespace {

constexpr double kThermalNoiseDbmPerHz = -174.0;  // at 290 K
constexpr double kSensitivityBer = 1e-3;          // the Core specification's sensitivity level

double db_to_linear(double db) { return std::pow(10.0, db / 10.0); }

double noise_dbm(const BleRadioParams& ble) {
  const double bandwidth_hz = ble.phy == BlePhy::Le1M ? 1e6 : 2e6;
  return kThermalNoiseDbmPerHz + 10.0 * std::log10(bandwidth_hz) + ble.noise_figure_db;
}

// log of the density of the fading's power gain g (mean 1) at g > 0.
double log_gain_density(const BleChannelParams& channel, double g) {
  if (channel.fading == BleFading::Rayleigh) return -g;
  const double k = db_to_linear(channel.rician_k_db);
  // Non-central chi-square with two degrees of freedom, scaled to mean 1.
  const double z = 2.0 * std::sqrt(k * (k + 1) * g);
  // log I0(z); for large z the exponentially scaled asymptote avoids overflow.
  const double log_i0 = z < 500 ? std::log(std::cyl_bessel_i(0.0, z)) : z - 0.5 * std::log(2 * M_PI * z);
  return std::log(k + 1) - k - (k + 1) * g + log_i0;
}

// Integral of f(x) phi(x) over the standard normal, by the trapezoid rule on
// +-8 sigma (the rest weighs < 1e-15; on a smooth integrand with the
// Gaussian's decay the rule converges geometrically, so steps of 0.1 do).
template <class F>
double normal_expectation(F f) {
  constexpr int kSteps = 160;
  constexpr double kSpan = 8.0;
  const double h = 2 * kSpan / kSteps;
  double sum = 0;
  for (int i = 0; i <= kSteps; ++i) {
    const double x = -kSpan + i * h;
    const double w = (i == 0 || i == kSteps) ? 0.5 : 1.0;
    sum += w * f(x) * std::exp(-0.5 * x * x);
  }
  return sum * h / std::sqrt(2 * M_PI);
}

}  // namespace

BleFading ble_fading_from_string(const std::string& name) {
  if (name == "none") return BleFading::None;
  if (name == "rayleigh") return BleFading::Rayleigh;
  if (name == "rician") return BleFading::Rician;
  throw std::invalid_argument("unknown fading '" + name + "' (expected none, rayleigh or rician)");
}

const char* to_string(BleFading fading) {
  switch (fading) {
    case BleFading::None: return "none";
    case BleFading::Rayleigh: return "rayleigh";
    case BleFading::Rician: return "rician";
  }
  return "?";
}

double ble_median_rx_power_dbm(const BleRadioParams& ble, const BleChannelParams& channel, double distance_m) {
  const double path_loss_db =
      channel.reference_loss_db + 10.0 * channel.path_loss_exponent * std::log10(std::max(distance_m, 1e-3));
  return ble.tx_power_dbm - path_loss_db - channel.body_loss_db;
}

double ble_bit_error_rate(const BleRadioParams& ble, double rx_power_dbm) {
  const double snr_at_sensitivity = db_to_linear(ble.rx_sensitivity_dbm - noise_dbm(ble));
  const double k = std::log(0.5 / kSensitivityBer) / snr_at_sensitivity;
  return 0.5 * std::exp(-k * db_to_linear(rx_power_dbm - noise_dbm(ble)));
}

double ble_packet_error_rate(const BleRadioParams& ble, double rx_power_dbm, long bits) {
  const double ber = ble_bit_error_rate(ble, rx_power_dbm);
  if (ber <= 0) return 0;
  return -std::expm1(static_cast<double>(bits) * std::log1p(-ber));
}

double ble_faded_packet_error_rate(const BleRadioParams& ble, const BleChannelParams& channel, double mean_rx_dbm,
                                   long bits) {
  if (channel.fading == BleFading::None) return ble_packet_error_rate(ble, mean_rx_dbm, bits);
  // E_g[PER(P g)] over the gain's density, integrated in log g (the PER
  // changes over decades of g): g from 1e-8 to 1e2, trapezoid rule.
  constexpr int kSteps = 600;
  const double lo = std::log(1e-8), hi = std::log(1e2), h = (hi - lo) / kSteps;
  double sum = 0, mass = 0;
  for (int i = 0; i <= kSteps; ++i) {
    const double u = lo + i * h, g = std::exp(u);
    const double w = ((i == 0 || i == kSteps) ? 0.5 : 1.0) * std::exp(log_gain_density(channel, g) + u);
    sum += w * ble_packet_error_rate(ble, mean_rx_dbm + 10.0 * std::log10(g), bits);
    mass += w;
  }
  // Gains below 1e-8 lose the packet for certain.
  const double below = 1.0 - mass * h;
  return std::clamp(sum * h + std::max(0.0, below), 0.0, 1.0);
}

double ble_expected_loss_rate(const BleRadioParams& ble, const BleChannelParams& channel, double distance_m,
                              int ll_payload_bytes) {
  const long bits = std::lround(ble_packet_airtime_us(ble, ll_payload_bytes) / ble.us_per_byte()) * 8;
  const double median_dbm = ble_median_rx_power_dbm(ble, channel, distance_m);
  if (channel.shadowing_sigma_db <= 0) return ble_faded_packet_error_rate(ble, channel, median_dbm, bits);
  return normal_expectation([&](double x) {
    return ble_faded_packet_error_rate(ble, channel, median_dbm + channel.shadowing_sigma_db * x, bits);
  });
}

BleExpectedLosses predict_ble_losses(const BleRadioParams& ble, const BleChannelParams& channel, double distance_m,
                                     long payload_bytes) {
  BleExpectedLosses out;
  const std::vector<int> packets = ble_ll_payloads(ble, payload_bytes);
  if (packets.empty()) return out;
  const double median_dbm = ble_median_rx_power_dbm(ble, channel, distance_m);
  const double empty_us = ble.empty_acks ? ble_packet_airtime_us(ble, 0) : 0.0;
  const double gap_us = ble.empty_acks ? 2 * ble.t_ifs_us : ble.t_ifs_us;
  // A packet lost with probability p is sent p / (1 - p) more times on
  // average; with shadowing, averaged over the link's draw. A link whose
  // every packet is lost would resend for ever: capped where p = 1 - 1e-9.
  auto resends_of = [&](long bits) {
    auto at = [&](double mean_dbm) {
      const double p = std::min(ble_faded_packet_error_rate(ble, channel, mean_dbm, bits), 1.0 - 1e-9);
      return p / (1.0 - p);
    };
    if (channel.shadowing_sigma_db <= 0) return at(median_dbm);
    return normal_expectation([&](double x) { return at(median_dbm + channel.shadowing_sigma_db * x); });
  };
  // A tensor's packets are all full but the last: two sizes to work out.
  double lost_sum = 0;
  int last_ll = -1;
  double last_resends = 0, last_loss = 0;
  for (int ll : packets) {
    if (ll != last_ll) {
      const long bits = std::lround(ble_packet_airtime_us(ble, ll) / ble.us_per_byte()) * 8;
      last_resends = resends_of(bits);
      last_loss = ble_expected_loss_rate(ble, channel, distance_m, ll);
      last_ll = ll;
    }
    out.resends += last_resends;
    lost_sum += last_loss;
    out.resend_energy_mj += last_resends * ble_activity_energy_mj(ble, ble_packet_airtime_us(ble, ll), empty_us, gap_us, 0);
  }
  out.loss_rate = lost_sum / static_cast<double>(packets.size());
  return out;
}

}  // namespace fognas
