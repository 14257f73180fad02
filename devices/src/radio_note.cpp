#include "fognas/devices/radio_note.h"

#include <fmt/format.h>

namespace fognas {

std::string radio_calibration_note(const std::string& profile, bool calibrated, const std::string& source,
                                   const std::string& current_basis) {
  const std::string basis =
      current_basis.empty() ? "current basis not stated" : fmt::format("{} currents", current_basis);
  if (calibrated)
    return fmt::format("Radio profile {} ({}): per-event figures calibrated against a measured idle connection "
                       "event ({}).", profile, basis, source);
  return fmt::format("Radio profile {} ({}): per-event figures NOT calibrated against a measured connection event; "
                     "its upkeep and lifetimes are estimates.", profile, basis);
}

std::string radio_calibration_note(const RadioProfile& radio) {
  return radio_calibration_note(radio.name, radio.calibration.calibrated, radio.calibration.source,
                                radio.current_basis);
}

}  // namespace fognas
