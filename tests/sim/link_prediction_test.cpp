// Per-link predictions and all-in totals: the protocol-aware prediction of a
// simulated wearable is conditional on its own link (its distance and the
// shadowing the channel drew for it), and the all-in energies (everything the
// wearable's battery and the fog node spend, per window) are measured by the
// simulation and predicted by the analytic model, each in its own code.
#include <gtest/gtest.h>

#include <cmath>

#include "fognas/devices/ble_link_budget.h"
#include "fognas/devices/profile_io.h"
#include "fognas/sim/simulate.h"

namespace fognas::sim {
namespace {

ScenarioSpec one_link(const std::string& radio) {
  ScenarioSpec s;
  s.name = "test";
  s.file = "test.yaml";
  s.mcu = load_mcu_profile("stm32l476rg");
  s.radio = load_radio_profile(radio);
  s.fog = load_fog_profile("fog-paper");
  s.architectures = {{"SD-1", {2048, 128, 8, 64, 2}, {1, 1, 4, 2, 1}, 3}};
  s.factors = {10};
  s.duration_s = 60;
  s.distance_m = 1;
  return s;
}

TEST(AllIn, TheWearablesAndTheFogsAllInEnergiesArePredictedAsSimulated) {
  for (const char* radio : {"nrf52832-1m", "nrf52840-2m"}) {
    const ScenarioSpec spec = one_link(radio);
    const CaseResult c = simulate_case(spec, plan_cases(spec).at(0));
    const WearableResult& w = c.wearables.at(0);
    // Simulated: the battery's mean drain over the run, per window.
    EXPECT_DOUBLE_EQ(w.sim_allin_mj, w.battery_drain_mw * spec.window_s);
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

}  // namespace
}  // namespace fognas::sim
