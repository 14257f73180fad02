// The predictor's link budget (cost/ble_link_budget) on its own: the
// receiver at its sensitivity, and the fading and shadowing averages against
// Monte Carlo draws of the same distributions (written here independently).
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <tuple>
#include <vector>

#include "fognas/cost/ble_link_budget.h"
#include "fognas/cost/radio_energy.h"
#include "fognas/devices/profile_io.h"

namespace fognas {
namespace {

TEST(RadioEnergy, PaperRadioIsTwentyNanojoulesPerBit) {
  RadioProfile radio = load_radio_profile("ble-paper");
  EXPECT_DOUBLE_EQ(tx_energy_mj(radio, 128), 128 * 8 * 20e-6);
  // Its ideal BLE description gives the same figure: 20 mW at 1 us per bit.
  EXPECT_NEAR(predict_ble_transfer(radio.ble, 128).energy_mj, 128 * 8 * 20e-6, 1e-12);
}


TEST(BleLinkBudget, SensitivityLevelGivesTheSpecificationsBitErrorRate) {
  const BleRadioParams ble = load_radio_profile("nrf52832-1m").ble;
  EXPECT_NEAR(ble_bit_error_rate(ble, ble.rx_sensitivity_dbm), 1e-3, 1e-12);
  EXPECT_LT(ble_bit_error_rate(ble, ble.rx_sensitivity_dbm + 3), 1e-5);
  BleChannelParams channel;
  channel.body_loss_db = 10;
  EXPECT_NEAR(ble_median_rx_power_dbm(ble, channel, 10.0), 0 - 40.05 - 30 - 10, 1e-12);
}

// Mean PER over `n` Monte Carlo draws of the gain, and its standard error.
template <class Draw>
std::pair<double, double> monte_carlo_per(const BleRadioParams& ble, double mean_dbm, long bits, Draw draw, int n) {
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double per = ble_packet_error_rate(ble, mean_dbm + 10 * std::log10(draw()), bits);
    sum += per;
    sum2 += per * per;
  }
  const double mean = sum / n;
  return {mean, std::sqrt(std::max(0.0, sum2 / n - mean * mean) / n)};
}

TEST(BleLinkBudget, FadedErrorRateIsTheMonteCarloMeanOfTheGain) {
  const BleRadioParams ble = load_radio_profile("nrf52832-1m").ble;
  std::mt19937_64 rng(7);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::exponential_distribution<double> exponential(1.0);
  BleChannelParams rayleigh, rician;
  rayleigh.fading = BleFading::Rayleigh;
  rician.fading = BleFading::Rician;
  rician.rician_k_db = 6;
  const double k = std::pow(10.0, 0.6);
  auto rician_gain = [&] {
    const double los = std::sqrt(k / (k + 1)), s = std::sqrt(0.5 / (k + 1));
    const double i = los + s * normal(rng), q = s * normal(rng);
    return i * i + q * q;
  };
  for (double margin_db : {0.0, 5.0, 10.0, 20.0}) {
    const double p_dbm = ble.rx_sensitivity_dbm + margin_db;
    const auto [mc_rayleigh, se_rayleigh] = monte_carlo_per(ble, p_dbm, 2168, [&] { return exponential(rng); }, 200000);
    EXPECT_NEAR(ble_faded_packet_error_rate(ble, rayleigh, p_dbm, 2168), mc_rayleigh, 3 * se_rayleigh + 1e-4)
        << margin_db;
    const auto [mc_rician, se_rician] = monte_carlo_per(ble, p_dbm, 2168, rician_gain, 200000);
    EXPECT_NEAR(ble_faded_packet_error_rate(ble, rician, p_dbm, 2168), mc_rician, 3 * se_rician + 1e-4) << margin_db;
  }
  // A strong direct path is almost no fading.
  rician.rician_k_db = 40;
  const double p_dbm = ble.rx_sensitivity_dbm + 8;
  EXPECT_NEAR(ble_faded_packet_error_rate(ble, rician, p_dbm, 2168), ble_packet_error_rate(ble, p_dbm, 2168), 0.01);
}

TEST(BleLinkBudget, LossRateGrowsSmoothlyWithDistanceUnderFadingAndShadowing) {
  const BleRadioParams ble = load_radio_profile("nrf52832-1m").ble;
  BleChannelParams flat, faded;
  faded.fading = BleFading::Rayleigh;
  faded.shadowing_sigma_db = 4;
  // Without fading the loss jumps from ~0 to ~1 within a few metres; with it,
  // every step of 5 m adds a little, and no step is a cliff.
  double previous = 0;
  for (double d = 5; d <= 80; d += 5) {
    const double p = ble_expected_loss_rate(ble, faded, d, 251);
    EXPECT_GE(p, previous) << d;
    EXPECT_LT(p - previous, 0.25) << d;
    previous = p;
  }
  EXPECT_GT(ble_expected_loss_rate(ble, faded, 10, 251), 1e-3);
  EXPECT_LT(ble_expected_loss_rate(ble, flat, 10, 251), 1e-12);
}

TEST(BleLinkBudget, ExpectedResendsOfOneLinkAreGeometric) {
  const BleRadioParams ble = load_radio_profile("nrf52832-1m").ble;
  BleChannelParams channel;
  channel.fading = BleFading::Rayleigh;
  const double d = 20;
  const double p = ble_expected_loss_rate(ble, channel, d, 251);
  // 488 bytes: two full packets (244 bytes of data each).
  const BleExpectedLosses l = predict_ble_losses(ble, channel, d, 488);
  EXPECT_NEAR(l.resends, 2 * p / (1 - p), 1e-12);
  EXPECT_NEAR(l.loss_rate, p, 1e-15);
  EXPECT_GT(l.resend_energy_mj, 0);
}

// The predictor's side of the coded PHY's trade: at 0 dBm either way, S=8's
// 8 dB lower sensitivity keeps the loss rate near zero at distances where the
// 1M link loses most packets, while the same tensor costs it more energy (the
// same information bits, eight times as many symbols after the preamble).
TEST(BleLinkBudget, ACodedLinkReachesFartherAndCostsMorePerBit) {
  const BleRadioParams m1 = load_radio_profile("nrf52840-1m").ble;
  const BleRadioParams s8 = load_radio_profile("nrf52840-coded-s8").ble;
  const BleChannelParams flat;
  for (double d : {60.0, 64.0, 68.0}) {
    EXPECT_GT(predict_ble_losses(m1, flat, d, 4096).resends, 1.0) << d;
    EXPECT_LT(predict_ble_losses(s8, flat, d, 4096).resends, 1e-3) << d;
  }
  // Both fail at last: the coded link about 8 dB of path loss farther, a
  // factor 10^(8/30) = 1.85 in distance at exponent 3.
  EXPECT_GT(ble_expected_loss_rate(s8, flat, 68 * 1.85 * 1.05, 251), 0.5);
  EXPECT_EQ(ble_packet_bits(s8, 251), ble_packet_bits(m1, 251));
  EXPECT_GT(predict_ble_transfer(s8, 4096).energy_mj, 4 * predict_ble_transfer(m1, 4096).energy_mj);
}

// Collisions: a Monte Carlo of the same picture drawn independently here.
// Each interferer's event is laid out piece by piece (the central's opening,
// its packets and the central's acks, T_IFS apart; or an idle exchange) at a
// uniform phase of its interval and on a uniform one of the data channels;
// our faded packet is lost when it overlaps, on its channel, a piece loud
// enough to beat it by the capture threshold.
bool collides(const BleRadioParams& ble, const BleSharedAir& air, const BleInterferer& i, double packet_us,
              double signal_dbm, double gain, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  if (static_cast<int>(unit(rng) * air.data_channels) != 0) return false;  // ours is channel 0
  const double e = ble_packet_airtime_us(ble, 0), s = ble.t_ifs_us;
  const bool data = unit(rng) < i.data_share;
  const int k = data ? static_cast<int>(i.packets_per_event) : 1;
  const double l = data ? i.packet_us : e;
  std::vector<std::tuple<double, double, double>> pieces;  // start, end, power
  double at = 0;
  for (int p = 0; p < k; ++p) {
    if (p > 0) at += s;
    pieces.emplace_back(at, at + e, i.central_rx_dbm);
    at += e + s;
    pieces.emplace_back(at, at + l, i.peripheral_rx_dbm);
    at += l;
  }
  const double ours = unit(rng) * i.interval_us;  // our packet's start after the interferer's anchor
  for (double shift : {-i.interval_us, 0.0, i.interval_us})
    for (const auto& [a, b, dbm] : pieces)
      if (ours < b + shift && a + shift < ours + packet_us &&
          10 * std::log10(gain) + signal_dbm - dbm < air.capture_threshold_db)
        return true;
  return false;
}

TEST(BleLinkBudget, CollisionProbabilityIsTheMonteCarloShareOfCapturedOverlaps) {
  const BleRadioParams ble = load_radio_profile("nrf52832-1m").ble;
  std::mt19937_64 rng(31);
  std::exponential_distribution<double> exponential(1.0);
  BleSharedAir air;
  air.data_channels = 3;
  air.capture_threshold_db = 21;
  // Idle and busy links, short and long packets, loud and faint centrals
  // and peripherals (-95 dBm beats -60 dBm only in a deep fade).
  air.interferers = {{30000, 0, 1, 0, -50, -45},       {30000, 0.3, 2, 2120, -45, -95},
                     {7500, 0.5, 3, 328, -95, -50},     {30000, 0.2, 1, 2120, -95, -95},
                     {30000, 0, 1, 0, -60, -85}};
  const double signal_dbm = -60;
  for (double packet_us : {2120.0, 328.0, 100.0}) {
    for (BleFading fading : {BleFading::None, BleFading::Rayleigh}) {
      BleChannelParams channel;
      channel.fading = fading;
      const int n = 100000;
      int lost = 0;
      for (int draw = 0; draw < n; ++draw) {
        const double gain = fading == BleFading::None ? 1.0 : exponential(rng);
        bool any = false;
        for (const BleInterferer& i : air.interferers) any = collides(ble, air, i, packet_us, signal_dbm, gain, rng) || any;
        lost += any ? 1 : 0;
      }
      const double share = static_cast<double>(lost) / n, se = std::sqrt(share * (1 - share) / n);
      EXPECT_NEAR(ble_collision_probability(ble, channel, air, packet_us, signal_dbm), share, 3 * se)
          << to_string(fading) << " " << packet_us;
    }
  }
}

// The first data packet of an event, drawn here piece by piece: our
// central's empty opening at our anchor, received by our peripheral, then
// T_IFS later our packet, received by our central. One idle interferer (its
// central's empty packet, T_IFS, its peripheral's reply) at a uniform phase
// on a uniform channel. The opening is lost when the interferer's central
// packet overlaps it loud enough at our peripheral (its peripheral is far
// from ours); then our packet is not sent in this event. Counted: sent and
// lost to the interferer.
bool sent_and_collided(const BleRadioParams& ble, const BleSharedAir& air, const BleInterferer& i, double packet_us,
                       double signal_dbm, std::exponential_distribution<double>* fading, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  if (static_cast<int>(unit(rng) * air.data_channels) != 0) return false;
  const double e = ble_packet_airtime_us(ble, 0), s = ble.t_ifs_us;
  const double anchor = unit(rng) * i.interval_us;  // ours, after the interferer's
  auto overlaps = [&](double a, double b, double from, double to) {
    for (double shift : {-i.interval_us, 0.0, i.interval_us})
      if (from < b + shift && a + shift < to) return true;
    return false;
  };
  auto beats = [&](double interferer_dbm) {
    const double gain = fading ? (*fading)(rng) : 1.0;
    return 10 * std::log10(gain) + signal_dbm - interferer_dbm < air.capture_threshold_db;
  };
  if (overlaps(0, e, anchor, anchor + e) && beats(i.central_at_peripheral_dbm)) return false;  // not sent
  const double from = anchor + e + s, to = from + packet_us;
  const double gain = fading ? (*fading)(rng) : 1.0;
  auto lost_to = [&](double a, double b, double dbm) {
    return overlaps(a, b, from, to) && 10 * std::log10(gain) + signal_dbm - dbm < air.capture_threshold_db;
  };
  return lost_to(0, e, i.central_rx_dbm) || lost_to(e + s, 2 * e + s, i.peripheral_rx_dbm);
}

TEST(BleLinkBudget, AFirstPacketLeavesOutTheCollisionsItsLostOpeningPreempted) {
  const BleRadioParams ble = load_radio_profile("nrf52832-1m").ble;
  std::mt19937_64 rng(47);
  std::exponential_distribution<double> rayleigh(1.0);
  BleSharedAir air;
  air.data_channels = 2;
  air.capture_threshold_db = 21;
  // Idle interferers: loud at both of our radios; loud at our central only;
  // its central loud at our peripheral only.
  std::vector<BleInterferer> cases(3, BleInterferer{3000, 0, 1, 0, -50, -50});
  cases[0].central_at_peripheral_dbm = -50;
  cases[2].peripheral_rx_dbm = -95;
  cases[2].central_rx_dbm = -95;
  cases[2].central_at_peripheral_dbm = -50;
  const double signal_dbm = -60;
  for (size_t c = 0; c < cases.size(); ++c) {
    air.interferers = {cases[c]};
    for (double packet_us : {296.0, 2120.0}) {
      for (BleFading fading : {BleFading::None, BleFading::Rayleigh}) {
        BleChannelParams channel;
        channel.fading = fading;
        const int n = 200000;
        int lost = 0;
        for (int draw = 0; draw < n; ++draw)
          lost += sent_and_collided(ble, air, cases[c], packet_us, signal_dbm,
                                    fading == BleFading::Rayleigh ? &rayleigh : nullptr, rng);
        const double share = static_cast<double>(lost) / n, se = std::sqrt(share * (1 - share) / n);
        const double first = ble_collision_probability(ble, channel, air, packet_us, signal_dbm, true);
        EXPECT_NEAR(first, share, 3 * se) << "case " << c << " " << to_string(fading) << " " << packet_us;
        // The opening's loss matters only where the interferer's central is
        // loud at our peripheral and its peripheral at our central.
        const double alone = ble_collision_probability(ble, channel, air, packet_us, signal_dbm);
        if (c == 1 || (c == 2 && fading == BleFading::None)) EXPECT_EQ(first, alone);
        if (c == 0) EXPECT_LT(first, alone);
      }
    }
  }
  // With no fading and 2 channels, case 0 by hand: the exchange (310 us)
  // and a 296 us packet overlap over 606 us of the 3 ms interval, of which
  // the 160 us around our anchor also took the opening.
  air.interferers = {cases[0]};
  EXPECT_NEAR(ble_collision_probability(ble, BleChannelParams{}, air, 296, signal_dbm, true),
              0.5 * (606.0 - 160.0) / 3000.0, 1e-12);
}

TEST(BleLinkBudget, NothingCollidesWithoutInterferersOrFarBelowTheCaptureThreshold) {
  const BleRadioParams ble = load_radio_profile("nrf52832-1m").ble;
  BleChannelParams flat;
  BleSharedAir air;
  EXPECT_EQ(ble_collision_probability(ble, flat, air, 2120, -60), 0.0);
  air.interferers = {{30000, 0.2, 2, 2120, -130, -120}};  // 1 km away
  EXPECT_EQ(ble_collision_probability(ble, flat, air, 2120, -60), 0.0);
  // Within range, an idle link's exchange (310 us with its gap) meets a
  // packet longer than the gap: 1/37 of (310 + packet) / interval.
  air.interferers = {{30000, 0, 1, 0, -50, -50}};
  const double idle = (310.0 + 2120.0) / 30000.0 / 37.0;
  EXPECT_NEAR(ble_collision_probability(ble, flat, air, 2120, -60), idle, 1e-15);
  // Only its central loud enough: its 80 us alone.
  air.interferers = {{30000, 0, 1, 0, -50, -90}};
  EXPECT_NEAR(ble_collision_probability(ble, flat, air, 2120, -60), (80.0 + 2120.0) / 30000.0 / 37.0, 1e-15);
  // Rician fading: a strong interferer captures at any gain, a weak one
  // (gains below 10^-2.9) rarely.
  BleChannelParams rician;
  rician.fading = BleFading::Rician;
  rician.rician_k_db = 6;
  air.interferers = {{30000, 0, 1, 0, -50, -50}};
  EXPECT_NEAR(ble_collision_probability(ble, rician, air, 2120, -60), idle, 1e-15);
  air.interferers = {{30000, 0, 1, 0, -110, -110}};
  const double weak = ble_collision_probability(ble, rician, air, 2120, -60);
  EXPECT_GT(weak, 0);
  EXPECT_LT(weak, 1e-3 * idle);
}

TEST(BleLinkBudget, CollisionsAddToTheResendsAsIndependentLosses) {
  const BleRadioParams ble = load_radio_profile("nrf52832-1m").ble;
  BleChannelParams channel;
  channel.fading = BleFading::Rayleigh;
  const double d = 20;
  BleSharedAir air;
  air.data_channels = 4;
  air.interferers.assign(6, {30000, 0, 1, 0, -40, -40});
  const double crc = ble_expected_loss_rate(ble, channel, d, 251);
  const double collision = ble_collision_probability(ble, channel, air, ble_packet_airtime_us(ble, 251),
                                                     ble_median_rx_power_dbm(ble, channel, d));
  EXPECT_NEAR(collision, 1 - std::pow(1 - 0.25 * (310 + 2120) / 30000.0, 6), 1e-12);
  const double p = 1 - (1 - crc) * (1 - collision);
  const BleExpectedLosses l = predict_ble_losses(ble, channel, d, 488, air);
  EXPECT_NEAR(l.collision_rate, collision, 1e-15);
  EXPECT_NEAR(l.loss_rate, p, 1e-15);
  EXPECT_NEAR(l.resends, 2 * p / (1 - p), 1e-12);
  EXPECT_GT(l.resend_energy_mj, predict_ble_losses(ble, channel, d, 488).resend_energy_mj);
}

// A link sending one tensor per window: the share of its events that carry
// data, and their mean packets, from the predicted transfer.
TEST(BleLinkBudget, AnInterfererIsItsTransferSpreadOverTheWindow) {
  const BleRadioParams ble = load_radio_profile("nrf52832-1m").ble;
  const BleInterferer idle = ble_interferer(ble, BleTransfer{}, 4, -50, -60);
  EXPECT_EQ(idle.data_share, 0);
  EXPECT_EQ(idle.interval_us, 30000);
  const BleTransfer t = predict_ble_transfer(ble, 8192);  // 34 events of one 251-byte packet
  const BleInterferer busy = ble_interferer(ble, t, 4, -50, -60);
  EXPECT_NEAR(busy.data_share, 34 * 0.030 / 4, 1e-12);
  EXPECT_NEAR(busy.packets_per_event, 1, 1e-12);
  EXPECT_NEAR(busy.packet_us, (33 * 2120 + ble_packet_airtime_us(ble, 8192 - 33 * 244 + 7)) / 34.0, 1e-9);
  EXPECT_EQ(busy.central_rx_dbm, -50);
  EXPECT_EQ(busy.peripheral_rx_dbm, -60);
}

}  // namespace
}  // namespace fognas
