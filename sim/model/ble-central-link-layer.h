#pragma once
// The central's link layer (a fog node): it owns the connections, gives each
// link a slot of its connection interval so that its links' events never
// overlap, scans the advertising channels for links that are down, and hands
// up the SDUs its peripherals deliver. The events themselves are run by each
// link's peripheral (BlePeripheralLinkLayer), which decides both ends'
// packets; the central watches that they keep to their slots.
#include <vector>

#include "ble-link-layer.h"

namespace ns3 {

class BlePeripheralLinkLayer;

class BleCentralLinkLayer : public BleLinkLayer {
 public:
  static TypeId GetTypeId();
  BleCentralLinkLayer();
  Role GetRole() const override { return CENTRAL; }

  // Takes a peripheral; ScheduleLinks gives every link its slot (call once,
  // after the last AddLink).
  void AddLink(Ptr<BleLinkLayer> peripheral);
  void ScheduleLinks();
  std::size_t GetNLinks() const { return m_links.size(); }

  // Whether it is scanning advertising channel 37 + index over [start, end).
  bool ScansOver(uint32_t index, Time start, Time end) const;
  // A link's event is on the air over [start, end) (counts overlapping events).
  void NotifyOnAir(Time start, Time end);
  // A peripheral delivered a whole SDU.
  void DeliverSdu(Ptr<Packet> packet, uint16_t protocol, Mac48Address from);

 private:
  void DoDispose() override;
  void FlushSniffedEvents() override;

  Time m_maxEventLength;
  Time m_anchorOffset;
  Time m_scanInterval;
  Time m_scanWindow;

  std::vector<Ptr<BlePeripheralLinkLayer>> m_links;
  Time m_busyUntil;
};

}  // namespace ns3
