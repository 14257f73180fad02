#include "fognas/cost/ble_link_budget.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace fognas {
namespace {

constexpr double kThermalNoiseDbmPerHz = -174.0;  // at 290 K
constexpr double kSensitivityBer = 1e-3;          // the Core specification's sensitivity level

double db_to_linear(double db) { return std::pow(10.0, db / 10.0); }

// Averaged over the shadowing distribution, or conditional on a known draw.
bool averages_shadowing(const BleChannelParams& channel) {
  return channel.shadowing_sigma_db > 0 && !channel.link_shadowing_db;
}

double noise_dbm(const BleRadioParams& ble) {
  return kThermalNoiseDbmPerHz + 10.0 * std::log10(ble_noise_bandwidth_hz(ble)) + ble.noise_figure_db;
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

// The same, for several figures of one draw at once (each summed exactly as
// normal_expectation sums it).
template <size_t N, class F>
std::array<double, N> normal_expectations(F f) {
  constexpr int kSteps = 160;
  constexpr double kSpan = 8.0;
  const double h = 2 * kSpan / kSteps;
  std::array<double, N> sum{};
  for (int i = 0; i <= kSteps; ++i) {
    const double x = -kSpan + i * h;
    const double w = (i == 0 || i == kSteps) ? 0.5 : 1.0;
    const std::array<double, N> v = f(x);
    for (size_t k = 0; k < N; ++k) sum[k] += w * v[k] * std::exp(-0.5 * x * x);
  }
  for (double& s : sum) s = s * h / std::sqrt(2 * M_PI);
  return sum;
}

// The fading's power gain (mean 1): probability that it falls below x.
// Rayleigh in closed form; Rician from a table of its density integrated in
// log g (1e-8 to 1e2, the mass outside negligible at any K), built once so
// that a fleet's many interferers cost a look-up each.
class GainCdf {
 public:
  explicit GainCdf(const BleChannelParams& channel) : fading_(channel.fading) {
    if (fading_ != BleFading::Rician) return;
    cdf_.assign(kSteps + 1, 0.0);
    double previous = std::exp(log_gain_density(channel, std::exp(kLo)) + kLo);
    for (int i = 1; i <= kSteps; ++i) {
      const double u = kLo + i * step();
      const double density = std::exp(log_gain_density(channel, std::exp(u)) + u);
      cdf_[static_cast<size_t>(i)] = cdf_[static_cast<size_t>(i - 1)] + 0.5 * step() * (previous + density);
      previous = density;
    }
    // The quadrature's small error in the total mass, taken out: above 1e2
    // the CDF is 1.
    for (double& c : cdf_) c /= cdf_.back();
  }
  // Of x = 10^(db / 10), taken in decibels so that a fleet's many
  // interferers cost no logarithm each.
  double of_db(double db) const {
    if (fading_ == BleFading::None) return db > 0 ? 1 : 0;
    if (fading_ == BleFading::Rayleigh) return -std::expm1(-std::exp(db * kLn10Over10));
    const double at = (db * kLn10Over10 - kLo) / step();
    if (at <= 0) return 0;
    if (at >= kSteps) return 1;
    const auto i = static_cast<size_t>(at);
    const double f = at - static_cast<double>(i);
    return (1 - f) * cdf_[i] + f * cdf_[i + 1];
  }

 private:
  static constexpr int kSteps = 2000;
  static constexpr double kLo = -18.420680743952367;  // log 1e-8
  static constexpr double kHi = 4.605170185988092;    // log 1e2
  static constexpr double kLn10Over10 = 0.23025850929940458;
  static double step() { return (kHi - kLo) / kSteps; }
  BleFading fading_;
  std::vector<double> cdf_;
};

// Expected length, per interval, of the phases of an interferer's anchor at
// which a packet `t_us` long overlaps some of its pieces: per event, the
// pieces' air time, plus t, plus each gap between consecutive pieces up to t.
struct OverlapSpans {
  double both_us = 0, central_us = 0, peripheral_us = 0;
};
OverlapSpans overlap_spans(const BleRadioParams& ble, const BleInterferer& i, double t_us) {
  const double s = ble.t_ifs_us, k = i.packets_per_event, l = i.packet_us;
  auto gaps = [&](double count, double gap_us) { return count * std::min(t_us, gap_us); };
  OverlapSpans idle, data;
  if (ble.empty_acks) {
    const double e = ble_packet_airtime_us(ble, 0);
    idle = {2 * e + t_us + gaps(1, s), e + t_us, e + t_us};
    // Pieces C P C P ... P: k of the central's (opening and acks), k of ours.
    data = {k * (e + l) + t_us + gaps(2 * k - 1, s), k * e + t_us + gaps(k - 1, 2 * s + l),
            k * l + t_us + gaps(k - 1, 2 * s + e)};
  } else {
    data = {k * l + t_us + gaps(k - 1, s), 0, k * l + t_us + gaps(k - 1, s)};  // idle events send nothing
  }
  const double f = i.data_share;
  return {(1 - f) * idle.both_us + f * data.both_us, (1 - f) * idle.central_us + f * data.central_us,
          (1 - f) * idle.peripheral_us + f * data.peripheral_us};
}

// An interferer as one packet length sees it: the overlap shares (of its
// interval) of both sources' pieces and of the louder one's alone, and the
// two sources' powers.
struct PreparedInterferer {
  double both = 0, louder_alone = 0, weaker_dbm = 0, louder_dbm = 0;
  // Share of its interval at which its central's opening packet overlaps
  // ours (at our peripheral) while its peripheral's first packet overlaps
  // our first data packet (at our central): 2 empty packets of every event,
  // idle or carrying data. The two powers that decide the two losses there.
  double preempt = 0, peripheral_dbm = 0, central_at_peripheral_dbm = 0;
};
std::vector<PreparedInterferer> prepare(const BleRadioParams& ble, const BleSharedAir& air, double packet_us) {
  std::vector<PreparedInterferer> out;
  for (const BleInterferer& i : air.interferers) {
    if (i.interval_us <= 0) continue;
    const OverlapSpans o = overlap_spans(ble, i, packet_us);
    const bool central_louder = i.central_rx_dbm >= i.peripheral_rx_dbm;
    // Our opening is an empty packet at our anchor, our first data packet
    // starts T_IFS after it; an event of the interferer starting in (-e, e)
    // of our anchor hits the opening with its central's empty packet and the
    // data packet with its peripheral's (e + T_IFS later, at least e long).
    // In a data event its central's ack may hit our packet too: the loss
    // left out is then a little larger than this, never smaller.
    const double e = ble_packet_airtime_us(ble, 0);
    const bool opens = ble.empty_acks && packet_us > e;
    out.push_back({std::min(o.both_us, i.interval_us) / i.interval_us,
                   std::min(central_louder ? o.central_us : o.peripheral_us, i.interval_us) / i.interval_us,
                   std::min(i.central_rx_dbm, i.peripheral_rx_dbm), std::max(i.central_rx_dbm, i.peripheral_rx_dbm),
                   opens ? std::min(2 * e, i.interval_us) / i.interval_us : 0.0,
                   i.peripheral_rx_dbm, i.central_at_peripheral_dbm});
  }
  return out;
}

// Collision probability of a packet at `mean_rx_dbm` (see the header). A
// piece captures when g * signal < threshold * its power; the weaker source
// captures only where the louder does too.
// `first_of_event`: the packet opens an event's data, right after our
// central's opening, which reaches our peripheral at the power our packets
// reach our central (the same radios, the same path).
double collision_probability(const GainCdf& cdf, const std::vector<PreparedInterferer>& interferers,
                             const BleSharedAir& air, double mean_rx_dbm, bool first_of_event = false) {
  const double same_channel = 1.0 / std::max(1, air.data_channels);
  const double margin_db = air.capture_threshold_db - mean_rx_dbm;
  double survives = 1;
  for (const PreparedInterferer& i : interferers) {
    const double weak = cdf.of_db(i.weaker_dbm + margin_db), loud = cdf.of_db(i.louder_dbm + margin_db);
    // Where the opening is lost too, our packet was never sent (the two
    // packets fade independently).
    const double preempted = first_of_event ? i.preempt * cdf.of_db(i.peripheral_dbm + margin_db) *
                                                  cdf.of_db(i.central_at_peripheral_dbm + margin_db)
                                            : 0.0;
    survives *= 1 - same_channel * (weak * i.both + (loud - weak) * i.louder_alone - preempted);
  }
  return 1 - survives;
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
      channel.link_path_loss_db
          ? *channel.link_path_loss_db
          : channel.reference_loss_db + 10.0 * channel.path_loss_exponent * std::log10(std::max(distance_m, 1e-3));
  return ble.tx_power_dbm - path_loss_db - channel.body_loss_db + channel.link_shadowing_db.value_or(0.0);
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
  const long bits = ble_packet_bits(ble, ll_payload_bytes);
  const double median_dbm = ble_median_rx_power_dbm(ble, channel, distance_m);
  if (!averages_shadowing(channel)) return ble_faded_packet_error_rate(ble, channel, median_dbm, bits);
  return normal_expectation([&](double x) {
    return ble_faded_packet_error_rate(ble, channel, median_dbm + channel.shadowing_sigma_db * x, bits);
  });
}

BleInterferer ble_interferer(const BleRadioParams& ble, const BleTransfer& transfer, double window_s,
                             double central_rx_dbm, double peripheral_rx_dbm) {
  BleInterferer i;
  i.interval_us = 1e3 * ble.conn_interval_ms;
  i.central_rx_dbm = central_rx_dbm;
  i.peripheral_rx_dbm = peripheral_rx_dbm;
  if (transfer.events <= 0 || window_s <= 0) return i;
  const auto events = static_cast<double>(transfer.events), packets = static_cast<double>(transfer.packets);
  i.data_share = std::min(1.0, events * ble.conn_interval_ms * 1e-3 / window_s);
  i.packets_per_event = packets / events;
  i.packet_us = transfer.tx_us / packets;
  return i;
}

double ble_collision_probability(const BleRadioParams& ble, const BleChannelParams& channel, const BleSharedAir& air,
                                 double packet_us, double mean_rx_dbm, bool first_of_event) {
  if (air.interferers.empty()) return 0;
  return collision_probability(GainCdf(channel), prepare(ble, air, packet_us), air, mean_rx_dbm, first_of_event);
}

BleExpectedLosses predict_ble_losses(const BleRadioParams& ble, const BleChannelParams& channel, double distance_m,
                                     long payload_bytes, const BleSharedAir& air) {
  BleExpectedLosses out;
  const std::vector<int> packets = ble_ll_payloads(ble, payload_bytes);
  if (packets.empty()) return out;
  const double median_dbm = ble_median_rx_power_dbm(ble, channel, distance_m);
  const double empty_us = ble.empty_acks ? ble_packet_airtime_us(ble, 0) : 0.0;
  const double gap_us = ble.empty_acks ? 2 * ble.t_ifs_us : ble.t_ifs_us;
  const GainCdf gain_cdf(channel);
  const double first_share = 1.0 / std::max(1.0, air.packets_per_event);
  // Per packet at a mean received power: its loss (a CRC error or a
  // collision, independent; the CRC figure alone where nothing can collide),
  // the resends it causes (a packet lost with probability p is sent p / (1 - p)
  // more times on average; a link whose every packet is lost would resend for
  // ever: capped where p = 1 - 1e-9), and its collisions.
  std::vector<PreparedInterferer> prepared;  // for the packet size at hand
  auto figures_at = [&](double mean_dbm, long bits) {
    const double crc = ble_faded_packet_error_rate(ble, channel, mean_dbm, bits);
    // A packet that opens an event's data and one that follows another in
    // the same event, each with its own loss, weighed by their shares.
    std::array<double, 3> out{};
    for (const auto& [share, first] : {std::pair{first_share, true}, std::pair{1 - first_share, false}}) {
      if (share <= 0) continue;
      const double collision =
          prepared.empty() ? 0 : collision_probability(gain_cdf, prepared, air, mean_dbm, first);
      const double loss = collision > 0 ? 1 - (1 - crc) * (1 - collision) : crc;
      const double p = std::min(loss, 1.0 - 1e-9);
      out[0] += share * loss;
      out[1] += share * p / (1.0 - p);
      out[2] += share * collision;
    }
    return out;
  };
  // A tensor's packets are all full but the last: two sizes to work out,
  // each averaged over the link's shadowing draw.
  double lost_sum = 0, collided_sum = 0;
  int last_ll = -1;
  std::array<double, 3> last{};
  for (int ll : packets) {
    if (ll != last_ll) {
      const double packet_us = ble_packet_airtime_us(ble, ll);
      const long bits = ble_packet_bits(ble, ll);
      prepared = prepare(ble, air, packet_us);
      last = !averages_shadowing(channel)
                 ? figures_at(median_dbm, bits)
                 : normal_expectations<3>(
                       [&](double x) { return figures_at(median_dbm + channel.shadowing_sigma_db * x, bits); });
      last_ll = ll;
    }
    lost_sum += last[0];
    out.resends += last[1];
    collided_sum += last[2];
    out.resend_energy_mj += last[1] * ble_activity_energy_mj(ble, ble_packet_airtime_us(ble, ll), empty_us, gap_us, 0);
  }
  out.loss_rate = lost_sum / static_cast<double>(packets.size());
  out.collision_rate = collided_sum / static_cast<double>(packets.size());
  return out;
}

}  // namespace fognas
