#pragma once
// A link's life in expectation, and what one window costs over it. A BLE link
// whose ends stop hearing each other for the supervision timeout is dropped;
// the peripheral then advertises until its central hears it and connects
// again. In the tail of the shadowing distribution, where almost every packet
// is lost, a real link is not retried for ever: it is lost and made again (or
// never made again), and the windows generated meanwhile are kept or dropped
// as ble.disconnected says. The protocol-aware prediction charges that in
// place of resends without bound, so it stays finite for every link.
//
// The pieces, each worked out from the profile and the link's mean received
// power (the simulator draws the same events one by one, in its own code):
//  - per idle connection event the central hears the peripheral only where
//    the peripheral heard the central's opening and answered: success
//    (1 - p_e)^2, p_e the loss of an empty packet after fading; per data
//    event, where the opening arrived and a data packet (loss p_d) did, the
//    second one sent only after the central's nack arrived:
//    (1 - p_e)(1 - p_d (p_e + (1 - p_e) p_d)); events fail with q, the mix
//    of the two by the share of data events;
//  - a connection is lost after n = floor(T_sup / interval) failed events in
//    a row: expected events until then (1 - q^n) / ((1 - q) q^n) (n events
//    when every one fails);
//  - an advertising event connects when the central scans the channel of one
//    of its PDUs (scan window / scan interval of the time), hears it and the
//    CONNECT_IND is received: s = duty (1 - p_adv)(1 - p_ind); expected
//    events 1/s, (advertising interval + 5 ms) apart, then the first anchor
//    (1.25 ms + half an interval on average);
//  - with exponential stays in either state (a two-state Markov chain that
//    starts connected; rates a = 1/T_connected, b = 1/T_advertising) the
//    share of a run of D seconds spent connected is
//    b/(a+b) + a/(a+b)^2 (1 - e^-(a+b)D) / D, and a D times that many losses;
//  - while connected, the link carries at most what its events can: per event
//    the opening must arrive, then packets go while the central's acks (and
//    nacks) arrive, until two CRC errors in a row or the event's budget ends
//    (a short chain worked out packet by packet). Where a tensor's expected attempts (its packets +
//    p/(1 - p) resends each) exceed what a window's events carry, the link is
//    saturated: its radio works every event and only that share of tensors
//    gets through.
#include <limits>

#include "fognas/cost/ble_link_budget.h"
#include "fognas/devices/profiles.h"
#include "fognas/cost/radio_energy.h"

namespace fognas {

struct BleLinkLife {
  bool supervised = false;  // the profile drops links (supervision timeout > 0, empty packets on the air)
  double empty_loss = 0;    // an empty packet, after fading
  double connected_s = std::numeric_limits<double>::infinity();  // expected stay connected
  double advertising_s = 0;                                      // expected stay advertising
  double connected_share = 1;  // of the run, which starts connected
  double down_at_end = 0;      // probability that the link is down when the run ends
  double losses = 0;           // expected over the run
  double adv_event_mj = 0;     // radio energy of an advertising event that connects nobody
  double adv_period_s = 0;     // from one advertising event to the next
};

// How busy the link is while connected: the share of its events that carry
// data, and the loss of those data packets. In a data event the central
// hears the peripheral only if one of its packets arrives (the event closes
// after two CRC errors in a row), so a busy link on a lossy channel is lost
// much sooner than an idle one.
struct BleEventMix {
  double data_share = 0;
  double data_loss = 0;
};

BleLinkLife predict_ble_link_life(const BleRadioParams& ble, const BleChannelParams& channel, double mean_rx_dbm,
                                  double duration_s, const BleEventMix& mix = {});

// What a link is asked to carry: one tensor of `payload_bytes` per window.
struct BleLinkUse {
  long payload_bytes = 0;
  double window_s = 4;
  double duration_s = 60;
  bool keep_while_disconnected = true;  // ble.disconnected: keep (else drop)
  int links_sharing_central = 1;
};

// Per generated window, in expectation over the fading (and the shadowing
// unless the channel carries the link's own draw): the radio's energy for the
// tensor, for the link's upkeep while connected (idle events and sleep), for
// advertising while not; the share of windows whose tensor does not reach the
// fog node; and the resends per tensor sent.
struct BleWindowPrediction {
  double tensor_mj = 0;
  double upkeep_mj = 0;
  double advertising_mj = 0;
  double resends_per_tensor = 0;
  double resend_energy_mj = 0;  // per tensor sent
  double resend_mj = 0;         // per generated window: the resends the link makes
  double undelivered_share = 0;
  double connected_share = 1;
  double radio_mj() const { return tensor_mj + upkeep_mj + advertising_mj; }
};

BleWindowPrediction predict_ble_window(const BleRadioParams& ble, const BleChannelParams& channel, double distance_m,
                                       const BleLinkUse& use, const BleSharedAir& air = {});

}  // namespace fognas
