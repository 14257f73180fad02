#pragma once
// The link budget of a BLE link as the protocol-aware predictor sees it:
// log-distance path loss, a fixed body loss, log-normal shadowing that stays
// with a link, and fading drawn afresh for every packet (Rayleigh, or Rician
// with a line-of-sight share K), and collisions with other links that hop
// independently over the same data channels at unaligned anchors. From
// these, the expected packet error rate and the resends it causes, worked
// out in closed form and by numerical integration; the simulator draws the
// same quantities packet by packet with its own code, so the two can be
// compared.
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "fognas/devices/profiles.h"
#include "fognas/cost/radio_energy.h"

namespace fognas {

enum class BleFading { None, Rayleigh, Rician };
BleFading ble_fading_from_string(const std::string& name);  // throws std::invalid_argument
const char* to_string(BleFading fading);

struct BleChannelParams {
  double path_loss_exponent = 3.0;
  double reference_loss_db = 40.05;  // at 1 m
  double body_loss_db = 0;           // fixed extra loss (the wearer's body)
  double shadowing_sigma_db = 0;     // log-normal shadowing, one draw per link
  BleFading fading = BleFading::None;
  double rician_k_db = 6;            // Rician: power of the direct path over the scattered paths
  // This link's own shadowing draw where it is known (a fleet the scenario
  // draws): predictions are then conditional on it, and the distribution
  // (shadowing_sigma_db) is not averaged over.
  std::optional<double> link_shadowing_db;
  // This link's path loss where a buildings model gives it (fognas/cost/
  // buildings.h): the distance and the log-distance terms are then not used.
  std::optional<double> link_path_loss_db;
};

// Received power without shadowing or fading.
double ble_median_rx_power_dbm(const BleRadioParams& ble, const BleChannelParams& channel, double distance_m);

// The receiver: bit error rate 0.5 exp(-k SNR), k set so that a signal at the
// profile's sensitivity gives the Core specification's 0.1 % BER; noise is
// thermal over the PHY's bandwidth plus the noise figure.
double ble_bit_error_rate(const BleRadioParams& ble, double rx_power_dbm);
double ble_packet_error_rate(const BleRadioParams& ble, double rx_power_dbm, long bits);

// The packet error rate averaged over the fading at a mean received power.
double ble_faded_packet_error_rate(const BleRadioParams& ble, const BleChannelParams& channel, double mean_rx_dbm,
                                   long bits);

// Expected share of data packets of `ll_payload_bytes` that arrive with a CRC
// error (each one is resent), over the fading and the shadowing of a link
// `distance_m` from its central.
double ble_expected_loss_rate(const BleRadioParams& ble, const BleChannelParams& channel, double distance_m,
                              int ll_payload_bytes);

// Another link's traffic as one receiver meets it: what the predictor can
// know from the scenario without simulating (plain numbers). Its events are
// an idle one (the central's empty packet, T_IFS, the peripheral's empty
// reply) or, for `data_share` of them, one that carries data (the central's
// opening, then packets and the central's acks, all T_IFS apart).
struct BleInterferer {
  double interval_us = 0;        // its connection interval
  double data_share = 0;         // share of its events that carry data
  double packets_per_event = 1;  // mean data packets in an event that carries data
  double packet_us = 0;          // mean air time of its data packets
  double central_rx_dbm = 0;     // its central's mean power at our receiver
  double peripheral_rx_dbm = 0;  // its peripheral's
  // Its central's mean power at our peripheral, where our central's opening
  // of an event is received (-infinity: not known, nothing pre-empted).
  double central_at_peripheral_dbm = -std::numeric_limits<double>::infinity();
};

// The interferer a link on the same radio profile makes when it sends one
// `transfer` per window of `window_s` seconds.
BleInterferer ble_interferer(const BleRadioParams& ble, const BleTransfer& transfer, double window_s,
                             double central_rx_dbm, double peripheral_rx_dbm);

// The other links that share the air with a link: the data channels they
// all hop over and the capture threshold (the signal-to-interference ratio
// below which an overlapped packet is lost).
struct BleSharedAir {
  int data_channels = 37;
  double capture_threshold_db = 21;
  std::vector<BleInterferer> interferers;  // links whose anchors are not aligned with ours
  // Our own link's mean data packets per event: the first packet of an
  // event follows our central's opening, which the same interferer may
  // already have destroyed (then the packet is not sent in that event).
  double packets_per_event = 1;
};

// Probability that a packet `packet_us` long, arriving at `mean_rx_dbm`
// before fading, is lost to a collision. Per interferer: the same channel
// (1 / data channels, independent hopping) times the chance that our packet
// overlaps one of its packets loud enough to beat our faded signal by the
// capture threshold. With its anchors at an independent phase, a packet of
// length t overlaps a set of pieces on the air with probability (their air
// time + t + the gaps between them shorter than t, each counted up to t) /
// interval. Its central and peripheral arrive at different powers: where
// the fading lets the weaker one capture, the union of both counts, where
// only the stronger, that one's pieces alone. Combined over the interferers
// as 1 - prod(1 - p_i). With `first_of_event` the packet follows our
// central's opening (see predict_ble_losses): the probability that it is
// sent and lost, leaving out where the opening was lost first.
double ble_collision_probability(const BleRadioParams& ble, const BleChannelParams& channel, const BleSharedAir& air,
                                 double packet_us, double mean_rx_dbm, bool first_of_event = false);

// What losses add to one transfer in expectation: resends, and their energy
// (each resend one more exchange: T_IFS, the central's ack, T_IFS, the packet).
struct BleExpectedLosses {
  double loss_rate = 0;       // per data packet sent, collisions included
  double collision_rate = 0;  // per data packet sent, collisions alone
  double resends = 0;        // per transfer
  double resend_energy_mj = 0;
};
// A packet is lost by a CRC error or by a collision with the shared air's
// interferers, taken as independent: 1 - (1 - p_crc)(1 - p_collision). For
// the first packet of an event (1 / air.packets_per_event of them) the
// collisions exclude those already decided by the opening: where an
// interferer's event (idle or not) starts within one empty packet of our
// anchor, its central's empty packet overlaps our opening at our peripheral
// while its peripheral's first packet overlaps our data packet; if the
// opening is lost there, our packet is not sent in that event and meets
// another channel in the next. A tensor's packets are weighed: the share
// 1 / air.packets_per_event opens an event, the rest follow another packet.
BleExpectedLosses predict_ble_losses(const BleRadioParams& ble, const BleChannelParams& channel, double distance_m,
                                     long payload_bytes, const BleSharedAir& air = {});

}  // namespace fognas
