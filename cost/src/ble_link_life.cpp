#include "fognas/cost/ble_link_life.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace fognas {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kConnectIndPayloadBytes = 34;  // two addresses + 22 bytes of link parameters
constexpr double kMeanAdvDelayS = 5e-3;      // the specification's random 0-10 ms per advertising event
constexpr double kTransmitWindowDelayS = 1.25e-3;

long empty_bits(const BleRadioParams& ble) { return ble_packet_bits(ble, 0); }

// Expected events until n failures in a row, each failing with q.
double events_until_failures_in_a_row(double q, int n) {
  if (q <= 0) return kInf;
  if (q >= 1) return n;
  const double log_qn = n * std::log(q);
  if (log_qn < -700) return kInf;
  const double qn = std::exp(log_qn);
  return (1 - qn) / ((1 - q) * qn);
}

// Expected data packets one connection event carries: the opening must
// arrive; after each packet the next goes only if the central's ack (or nack)
// arrives, two lost packets in a row close the event, and the event's budget
// holds at most `budget` packets.
double packets_per_event(double p, double p_empty, int budget) {
  double fresh = 1 - p_empty, after_loss = 0, expected = 0;  // about to send: after a success (or the opening), after a loss
  for (int i = 0; i < budget && fresh + after_loss > 1e-15; ++i) {
    expected += fresh + after_loss;
    const double next_fresh = (fresh + after_loss) * (1 - p) * (1 - p_empty);
    after_loss = fresh * p * (1 - p_empty);
    fresh = next_fresh;
  }
  return expected;
}

// The radio's energy for one advertising event whose three PDUs go unanswered.
double adv_event_energy_mj(const BleRadioParams& ble) {
  const double pdu_us = ble_adv_packet_airtime_us(ble, ble.adv_payload_bytes);
  return ble_activity_energy_mj(ble, 3 * pdu_us, 3 * ble.adv_listen_us, 0, 3 * ble.ramp_up_us, ble.hfxo_startup_us,
                                ble.cpu_pre_event_us + ble.cpu_post_event_us);
}

// Share of [0, D] in the connected state of a two-state chain that starts
// there, leaving it at rate a and coming back at rate b; and the probability
// of being down at D.
void markov_shares(double a, double b, double d, double& connected, double& down_at_end) {
  if (a <= 0) {
    connected = 1;
    down_at_end = 0;
    return;
  }
  const double s = a + b, decay = -std::expm1(-s * d);  // 1 - e^-(a+b)D, exact for small arguments
  connected = std::clamp(b / s + (a / s) * (decay / (s * d)), 0.0, 1.0);  // no s*s: it may underflow
  down_at_end = a / s * decay;
}

// What the link's events carry while connected, per window: tensors' worth
// of attempts (a tensor needs its packets and their resends), and the data
// events one tensor takes.
struct Throughput {
  double capacity = std::numeric_limits<double>::infinity();
  double data_events = 0;
};

Throughput link_throughput(const BleTransfer& transfer, const BleExpectedLosses& losses, double empty_loss,
                           double events_per_window) {
  Throughput t;
  if (transfer.packets <= 0) return t;
  const double p = losses.loss_rate, k = static_cast<double>(transfer.packets);
  const double attempts = k + losses.resends;
  const double lossless = k / static_cast<double>(transfer.events);
  const double per_event = p > 0 || empty_loss > 0 ? packets_per_event(p, empty_loss, static_cast<int>(std::ceil(lossless)))
                                                   : lossless;
  t.capacity = per_event > 0 ? events_per_window * per_event / attempts : 0;
  t.data_events = std::min(events_per_window, attempts / std::max(per_event, 1e-300));
  return t;
}

// The link's idle events at the anchors its transfers leave free, and its
// sleep, over a connected window carrying `per_window` tensors. An event a
// resend takes (or whose opening is lost) is counted as the idle event at
// its anchor, its resend's exchange on its own; what that counts twice comes
// off: an event whose opening is lost ends at once (no reply: the empty
// packet and T_IFS), one that opens with a resend needs no ack before it
// (the empty reply, the ack and two T_IFS).
double connected_upkeep_mj(const BleRadioParams& ble, const BleTransfer& transfer, const BleExpectedLosses& losses,
                           const Throughput& t, double empty_loss, double per_window, double window_s) {
  const double events_per_window = window_s / (1e-3 * ble.conn_interval_ms);
  BleTransfer busy = transfer;  // one transfer per window, exactly, for a link that stays up and keeps up
  if (per_window != 1) {
    busy.events = std::lround(std::min(events_per_window, per_window * static_cast<double>(transfer.events)));
    for (double* us : {&busy.tx_us, &busy.rx_us, &busy.idle_us, &busy.ramp_us, &busy.xtal_us, &busy.cpu_us})
      *us *= per_window;
  }
  const double upkeep_mj = ble_upkeep_per_window_mj(ble, window_s, busy);
  if (losses.resends <= 0) return upkeep_mj;
  const double empty_us = ble_packet_airtime_us(ble, 0);
  // With peripheral latency only every (1 + latency)-th free anchor was
  // counted as an idle event.
  const double extra_events = per_window * std::max(0.0, t.data_events - static_cast<double>(transfer.events)) /
                              (1 + ble.peripheral_latency);
  const double openings_lost = std::min(extra_events, per_window * t.data_events * empty_loss);
  const double counted_twice_mj =
      openings_lost * ble_activity_energy_mj(ble, empty_us, 0, ble.t_ifs_us, 0) +
      (extra_events - openings_lost) * ble_activity_energy_mj(ble, empty_us, empty_us, 2 * ble.t_ifs_us, 0);
  return std::max(0.0, upkeep_mj - counted_twice_mj);
}

// The conditional prediction at one mean received power (the link's draw known).
BleWindowPrediction at_power(const BleRadioParams& ble, const BleChannelParams& channel, double distance_m,
                             const BleLinkUse& use, const BleSharedAir& air) {
  BleWindowPrediction out;
  const double mean_dbm = ble_median_rx_power_dbm(ble, channel, distance_m);
  const BleTransfer transfer = predict_ble_transfer(ble, use.payload_bytes, use.links_sharing_central);
  const BleExpectedLosses losses = predict_ble_losses(ble, channel, distance_m, use.payload_bytes, air);
  const double empty_loss = ble_faded_packet_error_rate(ble, channel, mean_dbm, empty_bits(ble));
  const double events_per_window = use.window_s / (1e-3 * ble.conn_interval_ms);
  const Throughput t = link_throughput(transfer, losses, empty_loss, events_per_window);
  const BleLinkLife life = predict_ble_link_life(ble, channel, mean_dbm, use.duration_s,
                                                 {t.data_events / events_per_window, losses.loss_rate});
  const double c = life.connected_share;
  // Kept windows wait for the link and go once it carries them, but for those
  // still waiting when the run ends; dropped ones are refused while the link
  // is down, and those queued when it is lost (the tensors of the timeout's
  // last stretch, and half of one under way) go.
  const double backlog = std::min(life.down_at_end * std::min(life.advertising_s, use.duration_s) / use.duration_s, 1 - c);
  const double attempted = std::min(use.keep_while_disconnected ? 1.0 : c, c * t.capacity);
  const double windows = use.duration_s / use.window_s;
  const double lost_at_loss =
      use.keep_while_disconnected ? 0 : life.losses * (1e-3 * ble.supervision_timeout_ms / use.window_s + 0.5) / windows;
  out.undelivered_share = std::clamp(1 - std::max(0.0, std::min(attempted, 1 - backlog) - lost_at_loss), 0.0, 1.0);
  out.connected_share = c;
  out.resends_per_tensor = losses.resends;
  out.resend_energy_mj = losses.resend_energy_mj;
  out.tensor_mj = attempted * (transfer.energy_mj + losses.resend_energy_mj);
  out.resend_mj = attempted * losses.resend_energy_mj;
  const double per_window = c > 0 ? attempted / c : 0;
  const double sleep_mj = ble.sleep_current_ua * 1e-3 * ble.supply_v * use.window_s / ble.dcdc_efficiency;
  out.upkeep_mj = c * connected_upkeep_mj(ble, transfer, losses, t, empty_loss, per_window, use.window_s) +
                  (1 - c) * sleep_mj;
  out.advertising_mj = life.adv_period_s > 0 ? (1 - c) * use.window_s / life.adv_period_s * life.adv_event_mj : 0;
  return out;
}

}  // namespace

BleLinkLife predict_ble_link_life(const BleRadioParams& ble, const BleChannelParams& channel, double mean_rx_dbm,
                                  double duration_s, const BleEventMix& mix) {
  BleLinkLife life;
  life.supervised = ble.supervision_timeout_ms > 0 && ble.empty_acks;
  life.empty_loss = ble_faded_packet_error_rate(ble, channel, mean_rx_dbm, empty_bits(ble));
  if (!life.supervised) return life;
  const double interval_s = 1e-3 * ble.conn_interval_ms;
  const int n = std::max(1, static_cast<int>(std::floor(ble.supervision_timeout_ms / ble.conn_interval_ms)));
  // A data event: the opening arrives, then a data packet; a lost one is
  // sent again only if the central's nack arrives, and two lost in a row
  // close the event.
  const double heard = 1 - life.empty_loss, p = mix.data_loss;
  const double data_heard = heard * (1 - p * (life.empty_loss + heard * p));
  const double q = mix.data_share * (1 - data_heard) + (1 - mix.data_share) * (1 - heard * heard);
  life.connected_s = events_until_failures_in_a_row(q, n) * interval_s;
  const double duty = std::min(1.0, ble.scan_window_ms / ble.scan_interval_ms);
  auto delivered = [&](int payload_bytes) {
    return 1 - ble_faded_packet_error_rate(ble, channel, mean_rx_dbm, ble_adv_packet_bits(ble, payload_bytes));
  };
  const double s = duty * delivered(ble.adv_payload_bytes) * delivered(kConnectIndPayloadBytes);
  life.adv_period_s = 1e-3 * ble.adv_interval_ms + kMeanAdvDelayS;
  life.adv_event_mj = adv_event_energy_mj(ble);
  life.advertising_s = s > 0 ? (1 / s - 1) * life.adv_period_s + kMeanAdvDelayS + kTransmitWindowDelayS + interval_s / 2
                             : kInf;
  const double a = std::isfinite(life.connected_s) ? 1 / life.connected_s : 0;
  const double b = std::isfinite(life.advertising_s) ? 1 / life.advertising_s : 0;
  markov_shares(a, b, duration_s, life.connected_share, life.down_at_end);
  life.losses = a * life.connected_share * duration_s;
  return life;
}

BleWindowPrediction predict_ble_window(const BleRadioParams& ble, const BleChannelParams& channel, double distance_m,
                                       const BleLinkUse& use, const BleSharedAir& air) {
  if (!(use.window_s > 0) || !(use.duration_s > 0) || !(ble.conn_interval_ms > 0) || use.payload_bytes < 0 ||
      !std::isfinite(use.window_s) || !std::isfinite(use.duration_s))
    throw std::invalid_argument("predict_ble_window: window, duration and interval must be finite and > 0");
  if (channel.link_shadowing_db || channel.shadowing_sigma_db <= 0) return at_power(ble, channel, distance_m, use, air);
  // A priori: the expectation over the link's shadowing draw (the same
  // quadrature as the losses), each draw predicted as above.
  constexpr int kSteps = 160;
  constexpr double kSpan = 8.0;
  const double h = 2 * kSpan / kSteps;
  BleWindowPrediction sum;
  sum.connected_share = 0;
  for (int i = 0; i <= kSteps; ++i) {
    const double x = -kSpan + i * h;
    const double w = (i == 0 || i == kSteps ? 0.5 : 1.0) * std::exp(-0.5 * x * x) * h / std::sqrt(2 * M_PI);
    BleChannelParams drawn = channel;
    drawn.link_shadowing_db = channel.shadowing_sigma_db * x;
    const BleWindowPrediction at = at_power(ble, drawn, distance_m, use, air);
    sum.tensor_mj += w * at.tensor_mj;
    sum.upkeep_mj += w * at.upkeep_mj;
    sum.resend_mj += w * at.resend_mj;
    sum.advertising_mj += w * at.advertising_mj;
    sum.undelivered_share += w * at.undelivered_share;
    sum.connected_share += w * at.connected_share;
    // Resends per tensor sent: weighed by the tensors each draw sends.
    sum.resends_per_tensor += w * at.resends_per_tensor * (1 - at.undelivered_share);
    sum.resend_energy_mj += w * at.resend_energy_mj * (1 - at.undelivered_share);
  }
  const double sent = 1 - sum.undelivered_share;
  sum.resends_per_tensor = sent > 0 ? sum.resends_per_tensor / sent : 0;
  sum.resend_energy_mj = sent > 0 ? sum.resend_energy_mj / sent : 0;
  return sum;
}

}  // namespace fognas
