// Fleets whose wearables run different networks or partition points: a mixed
// case (wearable i runs architecture i mod N) and points the solver chooses
// for each wearable's own link.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "fognas/common/error.h"
#include "fognas/cost/cost.h"
#include "fognas/cost/ble_link_budget.h"
#include "fognas/devices/profile_io.h"
#include "fognas/sim/predicted_air.h"
#include "fognas/sim/simulate.h"

namespace fognas::sim {
namespace {

// Far enough (no fading) that the predictor expects SD-1's 128-byte tensor
// to be resent at 0.2 mJ and the solver keeps every layer on the wearable.
constexpr double kFarM = 76;

ScenarioSpec two_networks() {
  ScenarioSpec s;
  s.name = "mix";
  s.file = "mix.yaml";
  s.mcu = load_mcu_profile("stm32l476rg");
  s.radio = load_radio_profile("nrf52832-1m");
  s.fog = load_fog_profile("fog-paper");
  // SD-1 at its published point, and the raw input sent to the fog node.
  s.architectures = {{"SD-1", {2048, 128, 8, 64, 2}, {1, 1, 4, 2, 1}, 3}, {"raw", {2048, 2}, {1, 1}, 1}};
  s.factors = {10};
  s.duration_s = 20;
  s.wearables = 2;
  s.fog_nodes = 2;
  s.fog_spacing_m = 500;  // the two links do not hear each other
  return s;
}

void ExpectSameWearable(const WearableResult& a, const WearableResult& b) {
  EXPECT_EQ(a.architecture, b.architecture);
  EXPECT_EQ(a.partition_point, b.partition_point);
  EXPECT_EQ(a.tensor_bytes, b.tensor_bytes);
  for (auto field : {&WearableResult::inferences, &WearableResult::tensors_sent, &WearableResult::fog_jobs,
                     &WearableResult::data_packets, &WearableResult::data_events, &WearableResult::idle_events})
    EXPECT_EQ(a.*field, b.*field) << a.architecture;
  for (auto field : {&WearableResult::sim_edge_comp_mj, &WearableResult::sim_comm_mj, &WearableResult::sim_fog_mj,
                     &WearableResult::sim_upkeep_mj, &WearableResult::latency_mean_ms,
                     &WearableResult::queueing_mean_ms, &WearableResult::battery_drain_mw,
                     &WearableResult::fog_radio_j, &WearableResult::pred_edge_comp_mj, &WearableResult::pred_fog_mj,
                     &WearableResult::protocol_comm_mj})
    EXPECT_DOUBLE_EQ(a.*field, b.*field) << a.architecture;
}

TEST(FleetMix, AMixedWearableMeasuresWhatItsOwnArchitectureMeasuresAlone) {
  ScenarioSpec spec = two_networks();
  const std::vector<CasePlan> alone = plan_cases(spec);
  ASSERT_EQ(alone.size(), 2u);
  const CaseResult sd1 = simulate_case(spec, alone[0]), raw = simulate_case(spec, alone[1]);
  spec.fleet_mix = FleetMix::Mixed;
  const std::vector<CasePlan> mixed_plans = plan_cases(spec);
  ASSERT_EQ(mixed_plans.size(), 1u);
  const CaseResult mixed = simulate_case(spec, mixed_plans[0]);
  EXPECT_EQ(mixed.architecture, "SD-1+raw");
  ASSERT_EQ(mixed.wearables.size(), 2u);
  EXPECT_EQ(mixed.wearables[0].architecture, "SD-1");
  EXPECT_EQ(mixed.wearables[0].partition_point, 3);
  EXPECT_EQ(mixed.wearables[1].architecture, "raw");
  EXPECT_EQ(mixed.wearables[1].tensor_bytes, 8192);
  // Wearable 0 ran SD-1 in the first case, wearable 1 the raw input in the second.
  ExpectSameWearable(mixed.wearables[0], sd1.wearables[0]);
  ExpectSameWearable(mixed.wearables[1], raw.wearables[1]);
  // Each fog job ran for its own wearable's layers: the busy power over the
  // cost model's fog time of that wearable's point, the time rounded to the
  // simulator's nanosecond (at most 0.5 ns off).
  for (size_t i = 0; i < 2; ++i) {
    const FogCost& fog = mixed_plans[0].wearables[i].predicted.fog;
    EXPECT_NEAR(mixed.wearables[i].sim_fog_mj, fog.compute_mj, fog.compute_mj * 0.5e-6 / fog.compute_ms) << i;
  }
  // The fog summary charges each job its own layers: what the two fog nodes
  // of the single runs give together.
  const FogResult& f0 = sd1.fogs[0];
  const FogResult& f1 = raw.fogs[1];
  const double edge_equivalent_mj = static_cast<double>(f0.jobs) * alone[0].predicted.fog.edge_equivalent_mj +
                                    static_cast<double>(f1.jobs) * alone[1].predicted.fog.edge_equivalent_mj;
  ASSERT_TRUE(mixed.fog.factor_measured.has_value());
  EXPECT_NEAR(*mixed.fog.factor_measured, edge_equivalent_mj / (1e3 * (f0.compute_j + f1.compute_j)),
              1e-12 * *mixed.fog.factor_measured);
  EXPECT_NEAR(*mixed.fog.factor_measured, 10.0, 0.01);
  const FleetSummary& f = mixed.fleet;
  EXPECT_GT(f.inferences_generated, 0);
  EXPECT_EQ(f.inferences_generated, f.inferences_completed + f.inferences_dropped);
  EXPECT_EQ(f.inferences_completed, mixed.wearables[0].fog_jobs + mixed.wearables[1].fog_jobs);
}

TEST(FleetMix, MixedNeedsAWearablePerArchitectureAndCyclesThem) {
  ScenarioSpec spec = two_networks();
  spec.fleet_mix = FleetMix::Mixed;
  spec.wearables = 5;
  spec.fog_nodes = 3;
  spec.max_wearables_per_fog = 2;
  const CasePlan plan = plan_cases(spec).at(0);
  ASSERT_EQ(plan.wearables.size(), 5u);
  for (size_t i = 0; i < 5; ++i)
    EXPECT_EQ(plan.wearables[i].architecture.name, i % 2 == 0 ? "SD-1" : "raw") << i;
  EXPECT_EQ(plan.architecture.name, "SD-1+raw");
  EXPECT_EQ(plan.shape, "[2048,128,8,64,2] x [1,1,4,2,1] | [2048,2] x [1,1]");
  spec.wearables = 1;
  EXPECT_THROW(plan_cases(spec), InputError);
}

// The point the solver picks for SD-1 on a link at `distance_m`, asked here
// the way a deployment would: the predictor's resend energy per tensor size.
int SolversPointAt(const ScenarioSpec& spec, const Architecture& arch, double distance_m) {
  const Network net = Network::from_shape(arch.lengths, arch.channels);
  PartitionOptions opt;
  opt.efficiency_factor = spec.factors.at(0);
  opt.link_resend_mj = [&](long bytes) {
    return predict_ble_losses(spec.radio.ble, spec.channel(), distance_m, bytes).resend_energy_mj;
  };
  return solve_partition(net, DeviceModel{spec.mcu, spec.radio, spec.fog}, opt).best().point;
}

// SD-1 alone, its point chosen for each wearable's link.
ScenarioSpec sd1_per_link() {
  ScenarioSpec spec = two_networks();
  spec.architectures = {spec.architectures[0]};
  spec.architectures[0].partition_point.reset();
  spec.architectures[0].per_link_partition = true;
  return spec;
}

TEST(FleetMix, PerLinkPointsAreTheSolversForEachWearablesPredictedLink) {
  // One fog node, wearables listed at random distances out to where packets
  // start to be lost (no fading: losses set in near 55 m), and two fixed:
  // one close, one far where resends make the big tensors dear.
  ScenarioSpec spec = sd1_per_link();
  spec.fog_nodes = 1;
  spec.wearables = 8;
  spec.max_wearables_per_fog = 8;
  spec.placement.layout = Layout::Listed;
  spec.placement.area_w_m = 80, spec.placement.area_h_m = 10;
  spec.placement.fog_positions_m = {{0, 5}};
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> x(1.0, kFarM);
  spec.placement.wearable_positions_m = {{1, 5}, {kFarM, 5}};
  for (int i = 2; i < spec.wearables; ++i) spec.placement.wearable_positions_m.emplace_back(x(rng), 5.0);
  const CasePlan plan = plan_cases(spec).at(0);
  ASSERT_EQ(plan.wearables.size(), 8u);
  for (int i = 0; i < spec.wearables; ++i) {
    const double d = spec.placement.wearable_positions_m[static_cast<size_t>(i)].first;
    const WearablePlan& w = plan.wearables[static_cast<size_t>(i)];
    EXPECT_EQ(w.partition_point, SolversPointAt(spec, spec.architectures[0], d)) << d << " m";
    EXPECT_TRUE(w.solver_chose);
    EXPECT_EQ(w.predicted.point, w.partition_point);
  }
  // Close by, the lossless choice (Table IV's P = 3); far away, every layer
  // on the wearable (8 bytes of class scores sent).
  EXPECT_EQ(plan.wearables[0].partition_point, 3);
  EXPECT_EQ(plan.wearables[1].partition_point, 5);
  EXPECT_LT(plan.wearables[1].predicted.bytes_sent, plan.wearables[0].predicted.bytes_sent);
  // The simulated wearables report the points they ran.
  spec.duration_s = 8;
  const CaseResult r = simulate_case(spec, plan);
  for (size_t i = 0; i < r.wearables.size(); ++i) {
    EXPECT_EQ(r.wearables[i].partition_point, plan.wearables[i].partition_point);
    EXPECT_EQ(r.wearables[i].tensor_bytes, plan.wearables[i].predicted.bytes_sent);
  }
  EXPECT_EQ(r.fleet.inferences_generated, r.fleet.inferences_completed + r.fleet.inferences_dropped);
}

// A per-link fleet on crowded air: three fog nodes 2 m apart, three SD-1
// wearables each (attached by the placement, so a link's length is read from
// the layout), placed 72-75 m out, around where the link's own losses tip the
// solver from P = 3 (128 bytes sent) to P = 5 (8 bytes). Each wearable's point
// is the solver's best for its link given the tensors all the others send
// (worked out here from the predictor's public parts), and the collisions
// move some point from where the link's own losses alone put it (one, at
// 72.75 m: a link of 74.5 m).
TEST(FleetMix, PerLinkPointsSettleAgainstTheFleetsCollisions) {
  ScenarioSpec spec = sd1_per_link();
  spec.fog_nodes = 3;
  spec.fog_spacing_m = 2;
  spec.wearables = 9;
  spec.max_wearables_per_fog = 3;
  spec.data_channel_map = 0xF;
  const Architecture& arch = spec.architectures[0];
  const Network net = Network::from_shape(arch.lengths, arch.channels);
  int moved = 0;
  for (double d = 72.0; d <= 75.0; d += 0.25) {
    spec.distance_m = d;
    const CasePlan plan = plan_cases(spec).at(0);
    FleetLayout layout = starting_layout(spec);
    for (const WearablePlan& w : plan.wearables) layout.bytes_sent.push_back(w.predicted.bytes_sent);
    for (int i = 0; i < spec.wearables; ++i) {
      const auto& [wx, wy] = layout.wearable_xy_m[static_cast<size_t>(i)];
      const auto& [fx, fy] = layout.fog_xy_m[static_cast<size_t>(layout.attached_to[static_cast<size_t>(i)])];
      const double link_m = std::hypot(wx - fx, wy - fy);
      PartitionOptions opt;
      opt.efficiency_factor = spec.factors.at(0);
      opt.link_resend_mj = [&](long bytes) {
        FleetLayout l = layout;
        l.bytes_sent[static_cast<size_t>(i)] = bytes;
        return predict_ble_losses(spec.radio.ble, spec.channel(), link_m, bytes, predicted_shared_air(spec, l, i))
            .resend_energy_mj;
      };
      const int point = plan.wearables[static_cast<size_t>(i)].partition_point;
      EXPECT_EQ(point, solve_partition(net, DeviceModel{spec.mcu, spec.radio, spec.fog}, opt).best().point)
          << d << " m, wearable " << i;
      moved += point != SolversPointAt(spec, arch, link_m);
    }
  }
  EXPECT_GT(moved, 0);
}

}  // namespace
}  // namespace fognas::sim
