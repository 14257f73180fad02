#pragma once
// One sentence every report that a radio profile feeds carries: whether the
// profile's per-event figures were checked against a measured connection
// event, so an estimate is never read as a measurement.
#include <string>

#include "fognas/devices/profiles.h"

namespace fognas {

std::string radio_calibration_note(const std::string& profile, bool calibrated, const std::string& source,
                                   const std::string& current_basis);
std::string radio_calibration_note(const RadioProfile& radio);

}  // namespace fognas
