// A battery cell with a falling open-circuit curve and an internal resistance.
#include "cell-energy-source.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"

#include <algorithm>
#include <cmath>

namespace ns3 {

NS_LOG_COMPONENT_DEFINE("CellEnergySource");
NS_OBJECT_ENSURE_REGISTERED(CellEnergySource);

TypeId CellEnergySource::GetTypeId() {
  static TypeId tid =
      TypeId("ns3::CellEnergySource")
          .SetParent<EnergySource>()
          .SetGroupName("Ble")
          .AddAttribute("PeriodicEnergyUpdateInterval",
                        "Longest time between two updates (the devices also update it at every state change, and "
                        "the cell itself where it foresees the cut-off under the present load).",
                        TimeValue(Seconds(1.0)), MakeTimeAccessor(&CellEnergySource::m_updateInterval),
                        MakeTimeChecker(NanoSeconds(1)))
          .AddTraceSource("RemainingEnergy", "Energy left in the cell (J).",
                          MakeTraceSourceAccessor(&CellEnergySource::m_remainingEnergyJ),
                          "ns3::TracedValueCallback::Double")
          .AddTraceSource("TerminalVoltage", "Voltage at the cell's terminals under the present load (V).",
                          MakeTraceSourceAccessor(&CellEnergySource::m_terminalVoltageV),
                          "ns3::TracedValueCallback::Double");
  return tid;
}

CellEnergySource::CellEnergySource() {
  m_remainingEnergyJ = 0;
  m_terminalVoltageV = 0;
}

double CellEnergySource::GetInitialEnergy() const { return m_capacityAh * 3600.0 * m_nominalV; }

double CellEnergySource::GetRemainingEnergy() {
  UpdateEnergySource();
  return m_remainingEnergyJ;
}

double CellEnergySource::GetEnergyFraction() {
  UpdateEnergySource();
  return m_remainingEnergyJ / GetInitialEnergy();
}

double CellEnergySource::GetDepth() const { return m_drawnC / (m_capacityAh * 3600.0); }

double CellEnergySource::Shape(double depth) const {
  const double s = std::clamp(depth, 0.0, 1.0);
  auto hi = std::upper_bound(m_shape.begin(), m_shape.end(), s,
                             [](double v, const std::pair<double, double>& p) { return v < p.first; });
  if (hi == m_shape.end()) return m_shape.back().second;
  auto lo = hi - 1;
  const double f = (s - lo->first) / (hi->first - lo->first);
  return lo->second + f * (hi->second - lo->second);
}

double CellEnergySource::OpenCircuitVoltage(double depth) const {
  return m_cutoffV + (m_fullV - m_cutoffV) * std::pow(Shape(depth), m_exponent);
}

double CellEnergySource::InternalResistance(double depth) const {
  return m_resistanceOhm + (m_resistanceEmptyOhm - m_resistanceOhm) * std::clamp(depth, 0.0, 1.0);
}

// The exponent p that makes the mean of cut-off + (full - cut-off) g^p over a
// discharge the nominal voltage. Each piece of g is linear, so its integral of
// g^p is exact; the mean falls as p grows (g <= 1), so bisection finds p.
void CellEnergySource::FitCurve() {
  NS_ABORT_MSG_UNLESS(m_capacityAh > 0, "a cell needs a capacity above 0");
  NS_ABORT_MSG_UNLESS(m_cutoffV > 0 && m_cutoffV < m_nominalV && m_nominalV < m_fullV,
                      "a cell needs 0 < cut-off < nominal < full voltage");
  NS_ABORT_MSG_UNLESS(m_resistanceOhm >= 0 && m_resistanceEmptyOhm >= 0, "internal resistance must be >= 0");
  m_shape = CurveShape();
  NS_ABORT_MSG_UNLESS(m_shape.size() >= 2 && m_shape.front().first == 0 && m_shape.back().first == 1 &&
                          m_shape.front().second == 1 && m_shape.back().second == 0,
                      "a curve shape runs from (0, 1) to (1, 0)");
  auto meanOf = [this](double p) {
    double sum = 0;
    for (size_t i = 1; i < m_shape.size(); ++i) {
      const auto [s0, a] = m_shape[i - 1];
      const auto [s1, b] = m_shape[i];
      sum += a == b ? (s1 - s0) * std::pow(a, p)
                    : (s1 - s0) * (std::pow(b, p + 1) - std::pow(a, p + 1)) / ((p + 1) * (b - a));
    }
    return sum;
  };
  const double target = (m_nominalV - m_cutoffV) / (m_fullV - m_cutoffV);
  double lo = std::log(1e-4), hi = std::log(1e4);
  NS_ABORT_MSG_UNLESS(meanOf(std::exp(lo)) > target && meanOf(std::exp(hi)) < target,
                      "the nominal voltage lies outside what the curve can reach");
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    (meanOf(std::exp(mid)) > target ? lo : hi) = mid;
  }
  m_exponent = std::exp(0.5 * (lo + hi));
  NS_LOG_INFO("open-circuit curve " << m_fullV << " V -> " << m_cutoffV << " V, mean " << m_nominalV
                                    << " V, exponent " << m_exponent);
}

void CellEnergySource::DoInitialize() {
  NS_LOG_FUNCTION(this);
  FitCurve();
  m_terminalV = m_fullV;
  m_terminalVoltageV = m_terminalV;
  m_remainingEnergyJ = GetInitialEnergy();
  m_lastUpdate = Simulator::Now();
  UpdateEnergySource();
}

void CellEnergySource::UpdateEnergySource() {
  NS_LOG_FUNCTION(this);
  if (Simulator::IsFinished() || m_shape.empty()) return;
  m_updateEvent.Cancel();
  Discharge();
  // The devices switch state right after this call: once they have, look at
  // the new load (same instant).
  if (!m_refreshEvent.IsRunning()) m_refreshEvent = Simulator::ScheduleNow(&CellEnergySource::RefreshVoltage, this);
}

// Charges the interval since the last update at the current the devices drew
// over it (they report the state they are leaving), and reads the terminal
// voltage under that load.
void CellEnergySource::Discharge() {
  const Time now = Simulator::Now();
  const double amps = CalculateTotalCurrent();
  const double seconds = (now - m_lastUpdate).GetSeconds();
  if (seconds > 0 && amps > 0) {
    // At the open-circuit voltage of the interval's start, which the devices'
    // regulators saw (less I·R): without resistance the cell then gives
    // exactly the energy the devices spent.
    m_chemistryJ += OpenCircuitVoltage(GetDepth()) * amps * seconds;
    m_drawnC += amps * seconds;
  }
  m_lastUpdate = now;
  m_remainingEnergyJ = std::max(0.0, GetInitialEnergy() - m_chemistryJ);
  const double depth = GetDepth();
  m_terminalV = std::max(1e-3, OpenCircuitVoltage(depth) - amps * InternalResistance(depth));
  m_terminalVoltageV = m_terminalV;
  NS_LOG_LOGIC("t " << now.As(Time::S) << " I " << amps << " A, depth " << depth << ", V " << m_terminalV);
  if (!m_depleted && (m_terminalV <= m_cutoffV + 1e-12 || depth >= 1.0)) Deplete();
}

// The terminal voltage under the load the devices draw now. Their regulators
// draw more current at a lower voltage, so a few fixed-point steps settle it.
void CellEnergySource::RefreshVoltage() {
  if (Simulator::Now() != m_lastUpdate) {
    UpdateEnergySource();
    return;
  }
  const double depth = GetDepth();
  double amps = 0;
  for (int i = 0; i < 4; ++i) {
    amps = CalculateTotalCurrent();
    m_terminalV = std::max(1e-3, OpenCircuitVoltage(depth) - amps * InternalResistance(depth));
  }
  m_terminalVoltageV = m_terminalV;
  if (!m_depleted && m_terminalV <= m_cutoffV + 1e-12) Deplete();
  ScheduleNextUpdate(amps);
}

// The next update: the periodic one, or sooner where the present load would
// take the terminal voltage to the cut-off (the depth where
// OCV(s) - I·R(s) = cut-off, found by bisection: both terms fall with s).
void CellEnergySource::ScheduleNextUpdate(double amps) {
  Time next = m_updateInterval;
  if (!m_depleted && amps > 0) {
    auto above = [&](double s) { return OpenCircuitVoltage(s) - amps * InternalResistance(s) > m_cutoffV; };
    double lo = GetDepth(), hi = 1.0;
    if (above(lo)) {
      for (int i = 0; i < 80; ++i) (above(0.5 * (lo + hi)) ? lo : hi) = 0.5 * (lo + hi);
      const double seconds = (hi - GetDepth()) * m_capacityAh * 3600.0 / amps;
      if (seconds < m_updateInterval.GetSeconds())
        next = std::max(MicroSeconds(1), NanoSeconds(static_cast<int64_t>(std::ceil(seconds * 1e9))));
    }
  }
  m_updateEvent = Simulator::Schedule(next, &CellEnergySource::UpdateEnergySource, this);
}

void CellEnergySource::Deplete() {
  NS_LOG_INFO("cell empty at " << Simulator::Now().As(Time::S) << ": " << m_terminalV << " V at depth "
                               << GetDepth());
  m_depleted = true;
  m_depletionTime = Simulator::Now();
  NotifyEnergyDrained();
}

void CellEnergySource::DoDispose() {
  m_updateEvent.Cancel();
  m_refreshEvent.Cancel();
  BreakDeviceEnergyModelRefCycle();  // as ns-3's own sources do
}

}  // namespace ns3
