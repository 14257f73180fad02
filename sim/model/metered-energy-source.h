#pragma once
// An ideal battery (a fixed voltage, no chemistry) that counts no current of
// its own: what it has given is what the device energy models on it have
// spent, each of which integrates its own states exactly. ns-3's
// BasicEnergySource charges every interval again at each state change of any
// model on it (and through a Time product, rounding each charge to a whole
// nanojoule) and updates itself once a second to notice running out; in a
// fleet of a thousand wearables that was a fifth of the run time.
//
// Running out is found without periodic updates: the models together draw at
// most MaxLoadW, so a battery holding E joules cannot run out sooner than
// E / MaxLoadW from now. The source looks again then (at least a microsecond
// later), and so closes in on the instant it runs out geometrically; it is
// noticed within a microsecond of it.
#include "ns3/energy-source.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/traced-value.h"

namespace ns3 {

class MeteredEnergySource : public EnergySource {
 public:
  static TypeId GetTypeId();
  MeteredEnergySource();

  double GetSupplyVoltage() const override { return m_supplyVoltageV; }
  double GetInitialEnergy() const override { return m_initialEnergyJ; }
  // Initial energy less what the models on the source have spent so far.
  double GetRemainingEnergy() override;
  double GetEnergyFraction() override { return GetRemainingEnergy() / m_initialEnergyJ; }
  // Nothing to charge: the models count their own energy.
  void UpdateEnergySource() override {}

  bool IsDepleted() const { return m_depleted; }
  Time GetDepletionTime() const { return m_depletionTime; }
  // How often the source has looked whether it ran out.
  uint64_t GetChecks() const { return m_checks; }

 private:
  void DoInitialize() override;
  void DoDispose() override;
  void Check();

  double m_initialEnergyJ;
  double m_supplyVoltageV;
  double m_maxLoadW;
  TracedValue<double> m_remainingEnergyJ;
  bool m_depleted = false;
  Time m_depletionTime;
  EventId m_checkEvent;
  uint64_t m_checks = 0;
};

}  // namespace ns3
