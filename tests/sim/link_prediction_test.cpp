// Per-link predictions and all-in totals: the protocol-aware prediction of a
// simulated wearable is conditional on its own link (its distance and the
// shadowing the channel drew for it), and the all-in energies (everything the
// wearable's battery and the fog node spend, per window) are measured by the
// simulation and predicted by the analytic model, each in its own code.
#include <gtest/gtest.h>

#include <cmath>
#include <tuple>

#include "fognas/cost/ble_link_budget.h"
#include "fognas/cost/ble_link_life.h"
#include "fognas/devices/profile_io.h"
#include "fognas/sim/report.h"
#include "fognas/sim/simulate.h"
#include "fognas/cost/radio_energy.h"
#include "one_link_spec.h"

namespace fognas::sim {
namespace {

ScenarioSpec one_link(const std::string& radio) {
  ScenarioSpec s = one_link_spec(radio);
  s.architectures = {{"SD-1", {2048, 128, 8, 64, 2}, {1, 1, 4, 2, 1}, 3}};
  return s;
}

TEST(AllIn, TheWearablesAndTheFogsAllInEnergiesArePredictedAsSimulated) {
  for (const char* radio : {"nrf52832-1m", "nrf52840-2m"}) {
    const ScenarioSpec spec = one_link(radio);
    const CaseResult c = simulate_case(spec, plan_cases(spec).at(0));
    const WearableResult& w = c.wearables.at(0);
    // Simulated over the windows' span; the run's last window (upkeep alone) lowers the mean drain.
    EXPECT_LT(w.battery_drain_mw * spec.window_s, w.sim_allin_mj);
    // Predicted: compute + the tensor's radio + the link's upkeep + the MCU asleep.
    EXPECT_DOUBLE_EQ(w.pred_allin_mj, w.pred_edge_comp_mj + w.protocol_comm_mj + w.pred_upkeep_mj + w.pred_mcu_sleep_mj);
    EXPECT_NEAR(w.pred_allin_mj, w.sim_allin_mj, 0.005 * w.sim_allin_mj) << radio;
    // The upkeep is most of it: the paper's total leaves out ~90% of what the battery gives.
    EXPECT_GT(w.sim_allin_mj, 5 * w.sim_total_mj()) << radio;
    // The fog node: compute, idle, reception and its radio on the link, per window.
    ASSERT_TRUE(c.fog.e_allin_per_window_mj);
    const FogResult& f = c.fogs.at(0);
    EXPECT_NEAR(*c.fog.e_allin_per_window_mj,
                1e3 * (f.compute_j + f.idle_j + f.rx_j + f.radio_j) / c.duration_s * spec.window_s, 1e-12);
    EXPECT_NEAR(w.pred_fog_allin_mj, *c.fog.e_allin_per_window_mj, 0.005 * *c.fog.e_allin_per_window_mj) << radio;
    EXPECT_DOUBLE_EQ(w.lifetime_d(), w.lifetime_h / 24.0);
  }
}

// A regulator of efficiency 0.8 between battery and radio: the simulation's
// energy models and the predictor (each its own code) both charge the battery
// 1 / 0.8 of every radio figure; nothing else moves.
TEST(DcDc, TheBatteryGivesOneOverEtaOfTheRadiosEnergySimulatedAndPredicted) {
  ScenarioSpec ideal = one_link("nrf52832-1m"), lossy = ideal;
  lossy.radio.ble.dcdc_efficiency = 0.8;
  const WearableResult a = simulate_case(ideal, plan_cases(ideal).at(0)).wearables.at(0);
  const WearableResult b = simulate_case(lossy, plan_cases(lossy).at(0)).wearables.at(0);
  EXPECT_EQ(a.data_events, b.data_events);
  EXPECT_EQ(a.idle_events, b.idle_events);
  EXPECT_NEAR(b.sim_comm_mj, a.sim_comm_mj / 0.8, 1e-9 * a.sim_comm_mj);
  EXPECT_NEAR(b.sim_upkeep_mj, a.sim_upkeep_mj / 0.8, 1e-9 * a.sim_upkeep_mj);
  EXPECT_DOUBLE_EQ(b.mcu_run_j, a.mcu_run_j);
  EXPECT_NEAR(b.protocol_comm_mj, a.protocol_comm_mj / 0.8, 1e-9 * a.protocol_comm_mj);
  EXPECT_NEAR(b.pred_upkeep_mj, a.pred_upkeep_mj / 0.8, 1e-9 * a.pred_upkeep_mj);
  EXPECT_NEAR(b.pred_allin_mj, b.sim_allin_mj, 0.005 * b.sim_allin_mj);
}

// The ATT MTU in the simulated link layer and in the predictor (each its own
// code) against a count by hand: a tensor goes out as ATT PDUs of MTU - 3
// data bytes, each with 7 bytes of ATT and L2CAP header, cut into 251-byte
// link-layer payloads.
TEST(AttMtu, PacketsPerTensorFollowTheMtuInSimulationAndPrediction) {
  for (int mtu : {23, 247, 498}) {
    ScenarioSpec spec = one_link("nrf52832-1m");
    spec.architectures = {{"raw", {2048, 2}, {1, 1}, 1}};
    spec.radio.ble.att_mtu = mtu;
    const CaseResult c = simulate_case(spec, plan_cases(spec).at(0));
    const WearableResult& w = c.wearables.at(0);
    const long data = mtu - 3, pdus = (w.tensor_bytes + data - 1) / data;
    const long last_pdu = w.tensor_bytes - (pdus - 1) * data + 7;
    const long by_hand = (pdus - 1) * ((data + 7 + 250) / 251) + (last_pdu + 250) / 251;
    ASSERT_GT(w.tensors_sent, 0) << mtu;
    EXPECT_EQ(w.resends, 0) << mtu;
    EXPECT_EQ(w.data_packets, by_hand * w.tensors_sent) << mtu;
    EXPECT_EQ(predict_ble_transfer(spec.radio.ble, w.tensor_bytes).packets, by_hand) << mtu;
    EXPECT_NEAR(w.protocol_comm_mj, w.sim_comm_mj, 1e-9 * w.sim_comm_mj) << mtu;
  }
}

// Links of one wearable each, their fog nodes 1 km apart (no collisions),
// under Rayleigh fading and log-normal shadowing: every link has its own draw.
ScenarioSpec shadowed_fleet(double sigma_db, uint64_t seed) {
  ScenarioSpec spec = one_link("nrf52832-1m");
  spec.architectures = {{"raw", {2048, 2}, {1, 1}, 1}};  // 34 packets of 251 bytes per tensor
  spec.wearables = spec.fog_nodes = 24;
  spec.fog_spacing_m = 1000;
  spec.distance_m = 12;
  spec.body_loss_db = 5;
  spec.fading = BleFading::Rayleigh;
  spec.shadowing_sigma_db = sigma_db;
  spec.duration_s = 40;
  spec.seed = seed;
  return spec;
}

TEST(PerLinkPrediction, AShadowedFleetsWearablesArePredictedGivenTheirOwnDraw) {
  // The tolerance of the unshadowed per-link tests: the mean of simulated
  // minus predicted resends per tensor within three standard errors of zero.
  // Conditional on each link's draw the predictions follow the links; the
  // a-priori prediction (the expectation over the shadowing, the same for
  // every link) misses each link by far more.
  const ScenarioSpec spec = shadowed_fleet(6, 31);
  const CaseResult c = simulate_case(spec, plan_cases(spec).at(0));
  BleChannelParams apriori = spec.channel();
  const double apriori_resends =
      predict_ble_losses(spec.radio.ble, apriori, spec.distance_m, c.bytes_sent).resends;
  double sum = 0, sum2 = 0, conditional_sq = 0, apriori_sq = 0, lowest_db = 0, highest_db = 0;
  for (const WearableResult& w : c.wearables) {
    ASSERT_GT(w.tensors_sent, 5) << w.wearable;
    const double simulated = static_cast<double>(w.resends) / static_cast<double>(w.tensors_sent);
    const double diff = simulated - w.pred_resends_per_tensor;
    sum += diff;
    sum2 += diff * diff;
    conditional_sq += diff * diff;
    apriori_sq += (simulated - apriori_resends) * (simulated - apriori_resends);
    lowest_db = std::min(lowest_db, w.shadowing_db);
    highest_db = std::max(highest_db, w.shadowing_db);
  }
  const double n = static_cast<double>(c.wearables.size());
  const double mean = sum / n, se = std::sqrt((sum2 / n - mean * mean) / (n - 1));
  EXPECT_LT(std::fabs(mean), 3 * se) << "mean difference " << mean << ", SE " << se;
  EXPECT_LT(conditional_sq, 0.25 * apriori_sq);
  EXPECT_LT(lowest_db, -3.0);  // the draws spread as sigma = 6 dB says
  EXPECT_GT(highest_db, 3.0);
}

TEST(PerLinkPrediction, WithoutShadowingThePredictionIsTheAPrioriOne) {
  ScenarioSpec spec = shadowed_fleet(0, 31);
  spec.wearables = spec.fog_nodes = 3;
  const CaseResult c = simulate_case(spec, plan_cases(spec).at(0));
  const double apriori = predict_ble_losses(spec.radio.ble, spec.channel(), spec.distance_m, c.bytes_sent).resends;
  // (The other links, 1 km away, add a collision chance of order 1e-5.)
  for (const WearableResult& w : c.wearables) {
    EXPECT_EQ(w.shadowing_db, 0.0);
    EXPECT_NEAR(w.pred_resends_per_tensor, apriori, 1e-3 * apriori);
  }
}

TEST(PerLinkPrediction, TheReportSaysWhatIsDrawnAndWhatExpected) {
  ScenarioSpec spec = shadowed_fleet(6, 31);
  spec.wearables = spec.fog_nodes = 2;
  RunResult run = simulate(spec);
  nlohmann::json j = to_json(run);
  EXPECT_EQ(j["prediction"]["shadowing"], "the link's own draw");
  EXPECT_EQ(j["prediction"]["fading"], "expected");
  EXPECT_NE(j["prediction"]["link_life"].get<std::string>().find("supervision timeout"), std::string::npos);
  // The paper's idealised radio drops no link: its resends are capped by what a window carries.
  spec = one_link("ble-paper");
  run = simulate(spec);
  j = to_json(run);
  EXPECT_EQ(j["prediction"]["shadowing"], "none");
  EXPECT_NE(j["prediction"]["link_life"].get<std::string>().find("never lost"), std::string::npos);
}

// ---------------------------------------------------------------- a priori

// 200 links, each a wearable alone with its fog node (1 km apart: no
// collisions), nRF52840 at 2M with a 15 ms interval, Rayleigh fading and
// log-normal shadowing: each link its own draw, so the links are samples of
// the shadowing distribution the a-priori prediction averages over.
ScenarioSpec many_links(double sigma_db, double distance_m, DisconnectedPolicy policy) {
  ScenarioSpec spec = one_link("nrf52840-2m");
  spec.radio.ble.conn_interval_ms = 15;
  spec.architectures = {{"SD-1", {2048, 128, 8, 64, 2}, {1, 1, 4, 2, 1}, 2}};  // 512 bytes: three packets
  spec.wearables = spec.fog_nodes = 200;
  spec.fog_spacing_m = 1000;
  spec.distance_m = distance_m;
  spec.fading = BleFading::Rayleigh;
  spec.shadowing_sigma_db = sigma_db;
  spec.disconnected = policy;
  spec.duration_s = 120;
  spec.seed = 7;
  return spec;
}

// The distance at which the median link (no shadowing) loses `per` of its
// full data packets, by bisection on the predictor's faded packet error rate.
double distance_for_median_per(const ScenarioSpec& spec, double per) {
  const long bits = ble_packet_bits(spec.radio.ble, spec.radio.ble.ll_payload_max_bytes);
  BleChannelParams median = spec.channel();
  median.link_shadowing_db = 0.0;
  double lo = 1, hi = 1000;
  for (int i = 0; i < 60; ++i) {
    const double mid = std::sqrt(lo * hi);
    const double at = ble_faded_packet_error_rate(spec.radio.ble, median,
                                                  ble_median_rx_power_dbm(spec.radio.ble, median, mid), bits);
    (at < per ? lo : hi) = mid;
  }
  return lo;
}

// Over the shadowing draws, as the a-priori prediction integrates them: the
// variance of one link's radio energy per window and of its undelivered share.
std::pair<double, double> apriori_variances(const ScenarioSpec& spec, const BleLinkUse& use) {
  double e1 = 0, e2 = 0, u1 = 0, u2 = 0;
  constexpr int kSteps = 160;
  const double h = 16.0 / kSteps;
  for (int i = 0; i <= kSteps; ++i) {
    const double x = -8.0 + i * h;
    const double w = (i == 0 || i == kSteps ? 0.5 : 1.0) * std::exp(-0.5 * x * x) * h / std::sqrt(2 * M_PI);
    BleChannelParams drawn = spec.channel();
    drawn.link_shadowing_db = spec.shadowing_sigma_db * x;
    const BleWindowPrediction at = predict_ble_window(spec.radio.ble, drawn, spec.distance_m, use);
    e1 += w * at.radio_mj();
    e2 += w * at.radio_mj() * at.radio_mj();
    u1 += w * at.undelivered_share;
    u2 += w * at.undelivered_share * at.undelivered_share;
  }
  return {std::max(0.0, e2 - e1 * e1), std::max(0.0, u2 - u1 * u1)};
}

using APrioriCase = std::tuple<double, double, DisconnectedPolicy>;  // sigma dB, median PER, policy

class APriori : public ::testing::TestWithParam<APrioriCase> {};

TEST_P(APriori, EnergyPerWindowAndUndeliveredShareMatchTheSimulatedLinks) {
  const auto [sigma_db, per, policy] = GetParam();
  ScenarioSpec spec = many_links(sigma_db, 1, policy);
  spec.distance_m = distance_for_median_per(spec, per);
  const CaseResult c = simulate_case(spec, plan_cases(spec).at(0));
  // Simulated, per link: the battery's energy per window and the share of its
  // windows whose tensor did not reach the fog node.
  double e_sum = 0, e_sum2 = 0, u_sum = 0, u_sum2 = 0;
  for (const WearableResult& w : c.wearables) {
    const double u = 1 - static_cast<double>(w.fog_jobs + w.inferences_completed_on_edge) / static_cast<double>(w.inferences);
    e_sum += w.sim_allin_mj;
    e_sum2 += w.sim_allin_mj * w.sim_allin_mj;
    u_sum += u;
    u_sum2 += u * u;
  }
  const double n = static_cast<double>(c.wearables.size());
  const double e_mean = e_sum / n, u_mean = u_sum / n;
  // A priori: the expectation over the shadowing, no link's draw known.
  const WearableResult& any = c.wearables.at(0);
  const BleLinkUse use{c.bytes_sent, spec.window_s, spec.duration_s, policy != DisconnectedPolicy::Drop, 1};
  const BleWindowPrediction p = predict_ble_window(spec.radio.ble, spec.channel(), spec.distance_m, use);
  const double e_pred = any.pred_edge_comp_mj + any.pred_mcu_sleep_mj + p.radio_mj();
  // The standard error of a mean of n links: from the links' spread, or, where
  // that is larger, from the spread the prediction itself implies over the
  // draws (a sample of 200 may hold none of the rare tail links that carry
  // most of the variance of the undelivered share).
  const auto [e_var, u_var] = apriori_variances(spec, use);
  const double e_se = std::max(std::sqrt((e_sum2 / n - e_mean * e_mean) / (n - 1)), std::sqrt(e_var / n));
  const double u_se = std::max(std::sqrt((u_sum2 / n - u_mean * u_mean) / (n - 1)), std::sqrt(u_var / n));
  EXPECT_LT(std::fabs(e_mean - e_pred), 3 * e_se)
      << "simulated " << e_mean << " +- " << e_se << " mJ per window, predicted " << e_pred << " at " << spec.distance_m << " m";
  EXPECT_LT(std::fabs(u_mean - p.undelivered_share), 3 * u_se)
      << "simulated " << u_mean << " +- " << u_se << " undelivered, predicted " << p.undelivered_share;
}

std::string case_name(const ::testing::TestParamInfo<APrioriCase>& info) {
  return "sigma" + std::to_string(static_cast<int>(std::get<0>(info.param))) + "_per" +
         std::to_string(static_cast<int>(100 * std::get<1>(info.param))) +
         (std::get<2>(info.param) == DisconnectedPolicy::Drop ? "_drop" : "_keep");
}

INSTANTIATE_TEST_SUITE_P(
    ShadowedLinks, APriori,
    ::testing::Combine(::testing::Values(4.0, 8.0), ::testing::Values(0.01, 0.1, 0.5),
                       ::testing::Values(DisconnectedPolicy::Keep, DisconnectedPolicy::Drop)),
    case_name);

TEST(APrioriPrediction, IsFiniteAndBoundedForEveryShadowingAndDistanceAllowed) {
  // Every sigma the scenario reader allows (0-20 dB) and distances out to
  // its 1000 m: finite, undelivered a share, and the radio's energy per
  // window no more than the radio drawing its largest current the whole
  // window (plus a tensor's lossless transfer, which may fall in it).
  for (const char* radio : {"nrf52840-2m", "nrf52832-1m", "ble-paper"}) {
    const RadioProfile profile = load_radio_profile(radio);
    const BleRadioParams& ble = profile.ble;
    const double ceiling_mj = std::max({ble.tx_current_ma, ble.rx_current_ma, ble.hfxo_current_ma, ble.cpu_current_ma}) *
                              ble.supply_v * 4.0 + predict_ble_transfer(ble, 8192).energy_mj;
    for (double sigma : {0.0, 4.0, 12.0, 20.0})
      for (double d : {0.01, 10.0, 30.0, 100.0, 1000.0})
        for (const BleFading fading : {BleFading::None, BleFading::Rayleigh}) {
          BleChannelParams channel;
          channel.shadowing_sigma_db = sigma;
          channel.fading = fading;
          for (bool keep : {true, false}) {
            const BleWindowPrediction p = predict_ble_window(ble, channel, d, {8192, 4, 60, keep, 1});
            const std::string at = std::string(radio) + " sigma " + std::to_string(sigma) + " d " + std::to_string(d);
            for (double v : {p.tensor_mj, p.upkeep_mj, p.advertising_mj, p.resends_per_tensor, p.resend_mj})
              EXPECT_TRUE(std::isfinite(v) && v >= 0) << at << ": " << v;
            EXPECT_GE(p.undelivered_share, 0) << at;
            EXPECT_LE(p.undelivered_share, 1) << at;
            EXPECT_LE(p.radio_mj(), ceiling_mj) << at;
          }
        }
  }
}

}  // namespace
}  // namespace fognas::sim
