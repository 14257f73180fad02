// The fog node's share of an inference: the only place its energy and latency
// are computed (the search, the partition commands and the simulator call it).
#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "fognas/common/error.h"
#include "fognas/cost/cost.h"
#include "fognas/cost/radio_energy.h"

namespace fognas {

double efficiency_factor(const McuProfile& mcu, const FogProfile& fog) {
  // Energy per edge-equivalent ms: the MCU draws P_mcu for 1 ms, the fog draws
  // P_busy for 1/speed ms.
  return mcu.active_power_mw * fog.relative_speed / fog.busy_power_mw;
}

double implied_efficiency_factor(const McuProfile& mcu, const FogProfile& fog) {
  const double f = efficiency_factor(mcu, fog);
  if (!(f >= 1e-6 && f <= 1e6))
    throw InputError(fog.file.empty() ? fog.name : fog.file,
                     fmt::format("fog profile '{}' implies an efficiency factor of {:g} against MCU '{}' (its RUN power "
                                 "x relative_speed / busy_power_mw); it must be 1e-6 ... 1e6 (or give factors)",
                                 fog.name, f, mcu.name));
  return f;
}

FogProfile fog_at_factor(const McuProfile& mcu, FogProfile fog, double factor) {
  if (!std::isfinite(factor) || !(factor > 0))
    throw std::invalid_argument("the fog efficiency factor must be finite and > 0");
  fog.busy_power_mw = mcu.active_power_mw * fog.relative_speed / factor;
  if (!std::isfinite(fog.busy_power_mw) || !(fog.busy_power_mw > 0))
    throw std::invalid_argument("the fog efficiency factor gives no finite, positive busy power");
  return fog;
}

FogCost fog_cost(const McuProfile& mcu, const FogProfile& fog, double edge_equivalent_ms, long bytes_received) {
  FogCost c;
  c.edge_equivalent_ms = edge_equivalent_ms;
  c.edge_equivalent_mj = edge_equivalent_ms * mcu.active_power_mw * 1e-3;
  c.compute_ms = edge_equivalent_ms / fog.relative_speed;
  c.compute_mj = c.compute_ms * fog.busy_power_mw * 1e-3;
  c.rx_mj = per_bit_energy_mj(fog.rx_energy_per_bit_nj, bytes_received);
  return c;
}

}  // namespace fognas
