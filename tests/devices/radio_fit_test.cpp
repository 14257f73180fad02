// fit-radio's fit (devices/radio_fit.h) on traces synthesised here from known
// phases: each sample is the mean current over its period (as power analysers
// report it), with 2% Gaussian noise, and the events start between samples.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "fognas/common/error.h"
#include "fognas/devices/current_trace.h"
#include "fognas/devices/profile_io.h"
#include "fognas/devices/radio_fit.h"
#include "fognas/testing/support.h"

namespace fognas {
namespace {

using fognas::testing::input_error_of;

struct Phase {
  double duration_us, current_ma;
};

// A trace of `events` idle events `interval_us` apart at `sample_us`, the
// first starting `offset_us` into the second interval's half.
CurrentTrace synthesise(const std::vector<Phase>& phases, double sleep_ma, double interval_us, int events,
                        double sample_us, double noise, uint64_t seed, double offset_us = 0.37) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> gauss(0.0, noise);
  auto current_at = [&](double t) {
    const double into = std::fmod(t, interval_us) - interval_us / 2 - offset_us;
    double start = 0;
    for (const Phase& p : phases) {
      if (into >= start && into < start + p.duration_us) return p.current_ma;
      start += p.duration_us;
    }
    return sleep_ma;
  };
  CurrentTrace trace;
  trace.file = "synthetic.csv";
  const int sub = 50;
  for (double t = 0; t < interval_us * (events + 0.5) - interval_us / 2; t += sample_us) {
    double sum = 0;
    for (int j = 0; j < sub; ++j) sum += current_at(t + (j + 0.5) * sample_us / sub);
    trace.time_s.push_back(1e-6 * t);
    trace.current_ma.push_back(sum / sub * (1 + gauss(rng)));
  }
  return trace;
}

BleRadioParams layout_with_every_phase() {
  BleRadioParams p = load_radio_profile("nrf52832-1m").ble;
  return p;  // CPU before and after, crystal, ramp-up: all seven phases
}

TEST(RadioFit, RecoversEveryPhaseOfRandomEventsWithinTwoPercent) {
  std::mt19937_64 rng(20261206);
  std::uniform_real_distribution<double> len(60, 500), amps(0.4, 7.0);
  for (int trial = 0; trial < 8; ++trial) {
    std::vector<Phase> phases;
    double charge_uc = 0;
    for (int k = 0; k < 7; ++k) {
      // Neighbouring phases differ by at least 10% in current, as a trace's must to be told apart.
      double i = amps(rng);
      while (!phases.empty() && std::fabs(i - phases.back().current_ma) < 0.1 * phases.back().current_ma) i = amps(rng);
      phases.push_back({len(rng), i});
      charge_uc += 1e-3 * phases.back().duration_us * (i - 2e-3);
    }
    const CurrentTrace trace = synthesise(phases, 2e-3, 30000, 8, 10, 0.02, 100 + trial);
    const RadioFit fit = fit_idle_events(trace, layout_with_every_phase());
    ASSERT_EQ(fit.phases.size(), 7u);
    EXPECT_EQ(fit.events, 8);
    EXPECT_NEAR(fit.interval_ms, 30, 0.011);
    for (size_t k = 0; k < 7; ++k) {
      const double truth = 1e-3 * phases[k].duration_us * phases[k].current_ma;
      EXPECT_NEAR(fit.phases[k].charge_uc, truth, 0.02 * truth) << "trial " << trial << " phase " << k;
    }
    EXPECT_NEAR(fit.idle_event_charge_uc, charge_uc, 0.02 * charge_uc) << "trial " << trial;
    EXPECT_NEAR(fit.sleep_current_ua, 2.0, 0.1);
  }
}

TEST(RadioFit, ANoiselessTraceIsFittedAlmostExactly) {
  const std::vector<Phase> phases = {{200, 3.7}, {360, 0.5}, {140, 4}, {136, 5.4}, {150, 4}, {80, 5.3}, {450, 3.7}};
  const RadioFit fit = fit_idle_events(synthesise(phases, 2e-3, 30000, 4, 10, 0.0, 1), layout_with_every_phase());
  for (size_t k = 0; k < phases.size(); ++k) {
    const double truth = 1e-3 * phases[k].duration_us * phases[k].current_ma;
    EXPECT_NEAR(fit.phases[k].charge_uc, truth, 0.005 * truth) << "phase " << k;
  }
  EXPECT_GT(fit.r2, 0.99);  // what is left is the samples that straddle a step
}

// The shipped nRF52832 profile's idle event at its calibration's interval and
// supply (a DC/DC regulator draws less current at a higher supply: currents
// scale by 3.0 V / 3.3 V), phases written out here from its fields.
TEST(RadioFit, ATraceOfTheShippedNrf52832GivesBackItsCalibratedIdleEventCharge) {
  const RadioProfile r = load_radio_profile("nrf52832-1m");
  const BleRadioParams& b = r.ble;
  ASSERT_TRUE(r.calibration.calibrated);
  const double scale = b.supply_v / r.calibration.supply_v;
  const double empty_us = 8.0 * (1 + 4 + 2 + 3);  // preamble, access address, header, CRC at 1M
  const double widening_us = 40e-6 * 1000.0 * r.calibration.conn_interval_ms + 16;
  const std::vector<Phase> phases = {{b.cpu_pre_event_us, b.cpu_current_ma * scale},
                                     {b.hfxo_startup_us, b.hfxo_current_ma * scale},
                                     {b.ramp_up_us, b.ramp_current_ma * scale},
                                     {widening_us + empty_us, b.rx_current_ma * scale},
                                     {b.t_ifs_us, b.idle_current_ma * scale},
                                     {empty_us, b.tx_current_ma * scale},
                                     {b.cpu_post_event_us, b.cpu_current_ma * scale}};
  const double sleep_ma = 1e-3 * b.sleep_current_ua;
  const CurrentTrace trace = synthesise(phases, sleep_ma, 1000.0 * r.calibration.conn_interval_ms, 3, 10, 0.02, 7);
  const RadioFit fit = fit_idle_events(trace, b);
  EXPECT_NEAR(fit.idle_event_charge_uc, r.calibration.idle_event_charge_uc,
              0.02 * r.calibration.idle_event_charge_uc);
  const BleRadioParams fitted = apply_radio_fit(b, fit);
  EXPECT_NEAR(fitted.rx_window_margin_us, 16, 2.0);
  EXPECT_NEAR(fitted.cpu_post_event_us, b.cpu_post_event_us, 0.02 * b.cpu_post_event_us);
}

TEST(RadioFit, TheProfileItWritesLoadsWithTheFittedFigures) {
  const RadioProfile base = load_radio_profile("nrf52832-1m");
  const std::vector<Phase> phases = {{210, 3.5}, {350, 0.6}, {140, 4.1}, {140, 5.6}, {150, 4.1}, {80, 5.0}, {400, 3.5}};
  const RadioFit fit = fit_idle_events(synthesise(phases, 1.5e-3, 100000, 4, 10, 0.02, 3), base.ble);
  const RadioProfile p = parse_radio_profile(fitted_radio_profile_yaml(base, fit, "mine", "t.csv"), "mine.yaml");
  EXPECT_EQ(p.name, "mine");
  EXPECT_NEAR(p.ble.tx_current_ma, 5.0, 0.1);
  EXPECT_NEAR(p.ble.hfxo_startup_us, 350, 3);
  EXPECT_NEAR(p.ble.cpu_current_ma, 3.5, 0.07);
  EXPECT_NEAR(p.calibration.idle_event_charge_uc, fit.idle_event_charge_uc, 1e-4 * fit.idle_event_charge_uc);
  EXPECT_NEAR(p.calibration.conn_interval_ms, 100, 0.02);
}

TEST(RadioFit, TracesWithoutTwoWholeEventsAreRefused) {
  const std::vector<Phase> phases = {{200, 3.7}, {360, 0.5}, {140, 4}, {136, 5.4}, {150, 4}, {80, 5.3}, {450, 3.7}};
  const BleRadioParams b = layout_with_every_phase();
  EXPECT_NE(input_error_of([&] { fit_idle_events(synthesise(phases, 2e-3, 30000, 1, 10, 0.02, 1), b); })
                .find("fewer than two whole"),
            std::string::npos);
  CurrentTrace flat = synthesise(phases, 2e-3, 30000, 2, 10, 0.02, 1);
  for (double& i : flat.current_ma) i = 2e-3;
  EXPECT_NE(input_error_of([&] { fit_idle_events(flat, b); }).find("no connection event"), std::string::npos);
  // Sampled so slowly that an event has fewer samples than phases.
  EXPECT_NE(input_error_of([&] { fit_idle_events(synthesise(phases, 2e-3, 30000, 3, 400, 0.0, 1), b); })
                .find("too few"),
            std::string::npos);
}

TEST(CurrentTrace, ReadsThePowerProfilerAndJoulescopeLayoutsAndChecksEveryRow) {
  const CurrentTrace ppk = parse_current_trace("Timestamp(ms),Current(uA),D0-D7\n0,2,0\n0.01,5000,0\n0.02,2,0\n", "p.csv");
  EXPECT_DOUBLE_EQ(ppk.time_s[1], 1e-5);
  EXPECT_DOUBLE_EQ(ppk.current_ma[1], 5.0);
  const CurrentTrace js = parse_current_trace("time,current\n0,0.000002\n1e-6,0.005\n2e-6,0.000002\n", "j.csv");
  EXPECT_DOUBLE_EQ(js.current_ma[1], 5.0);
  EXPECT_NEAR(js.sample_period_s(), 1e-6, 1e-18);
  const std::string other = "t_us,i_ma\n0,0.002\n10,5\n20,0.002\n";
  EXPECT_NE(input_error_of([&] { parse_current_trace(other, "o.csv"); }).find("--time-unit"), std::string::npos);
  const CurrentTrace given = parse_current_trace(other, "o.csv", {TraceTimeUnit::Us, TraceCurrentUnit::Ma});
  EXPECT_DOUBLE_EQ(given.time_s[2], 2e-5);
  const std::string head = "Timestamp(ms),Current(uA)\n0,2\n";
  EXPECT_NE(input_error_of([&] { parse_current_trace(head + "0.02,3\n0.01,2\n", "b.csv"); }).find("b.csv:4"),
            std::string::npos);
  EXPECT_NE(input_error_of([&] { parse_current_trace(head + "0.01,-3\n0.02,2\n", "n.csv"); }).find("n.csv:3"),
            std::string::npos);
  EXPECT_NE(input_error_of([&] { parse_current_trace(head + "0.01,nan\n0.02,2\n", "x.csv"); }).find("x.csv:3"),
            std::string::npos);
  EXPECT_NE(input_error_of([&] { parse_current_trace(head, "s.csv"); }).find("fewer than three"), std::string::npos);
}

}  // namespace
}  // namespace fognas
