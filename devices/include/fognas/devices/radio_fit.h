#pragma once
// Fitting a radio profile's per-event phases to a measured current trace of an
// idle connection: the events are found above the sleep current, each is cut
// into the phases the base profile's layout implies (the stack's CPU before
// the event, crystal start-up, ramp-up, the receive window with the central's
// empty packet, T_IFS, the peripheral's empty reply, CPU after), each phase at
// a constant current, by least squares; the cut points are then placed within
// a sample from the samples that straddle them. Phases are averaged over the
// events.
#include <string>
#include <vector>

#include "fognas/devices/current_trace.h"
#include "fognas/devices/profiles.h"

namespace fognas {

struct FittedPhase {
  std::string name;          // cpu_pre, xtal, ramp, rx, t_ifs, tx, cpu_post
  double duration_us = 0;
  double current_ma = 0;
  double charge_uc = 0;      // current x duration, sleep current included
};

struct RadioFit {
  std::vector<FittedPhase> phases;
  int events = 0;                   // idle events fitted
  double interval_ms = 0;           // median time between their starts
  double sleep_current_ua = 0;      // the median current outside the events
  double idle_event_charge_uc = 0;  // mean charge of an event above the sleep current (from the samples)
  double rms_residual_ma = 0;       // of the phase model against the event samples
  double r2 = 0;                    // the same as a share of the events' variance explained
};

// The phases a profile's layout implies, in order (those of zero length left out).
std::vector<std::string> idle_event_phase_names(const BleRadioParams& base);

// InputError naming the trace when it holds fewer than two whole events or
// none at all, or when an event is too short for its phases.
RadioFit fit_idle_events(const CurrentTrace& trace, const BleRadioParams& base);

// `base` with the fitted currents and times: CPU before and after (one CPU
// current, charge-weighted), crystal, ramp-up, RX, T_IFS (idle) and TX
// currents, the receive window's fixed margin (what the RX phase holds beyond
// the empty packet and the clocks' drift over the measured interval) and the
// sleep current.
BleRadioParams apply_radio_fit(const BleRadioParams& base, const RadioFit& fit);

// The base profile's file with the fitted fields set (apply_radio_fit), named
// `name`, and a calibration block recording the fitted idle event's charge at
// the measured interval and the base's supply, from `trace_file`.
std::string fitted_radio_profile_yaml(const RadioProfile& base, const RadioFit& fit, const std::string& name,
                                      const std::string& trace_file);

}  // namespace fognas
