#pragma once
// The central's scanning while any of its links is down. A fog node that has
// lost a link scans the advertising channels for it: one scan interval on
// each channel in turn, listening for the scan window at the start of each
// (intervals counted from t = 0, as BleCentralLinkLayer::ScansOver has it). This
// replays those windows into a radio energy model: receive for each window,
// sleep between them, from the moment the first of its links goes down until
// the last is connected again. Several links down at once share the windows
// (the central scans once for all of them).
#include "ns3/event-id.h"
#include "ns3/nstime.h"

#include "ble-link-layer.h"
#include "ble-radio-listener.h"

namespace ns3 {

class BleCentralScanner {
 public:
  // `model`: the central's energy model for scanning; windows of
  // `scanWindow` every `scanInterval`.
  // It must outlive the simulation run (its events call it).
  BleCentralScanner(BleRadioListener* model, Time scanInterval, Time scanWindow);
  BleCentralScanner(const BleCentralScanner&) = delete;
  BleCentralScanner& operator=(const BleCentralScanner&) = delete;

  // A link of the central went down (it advertises) or is connected again.
  void LinkDown();
  void LinkUp();
  // For a link layer's State trace: entering advertising is down, leaving it up.
  void NotifyLinkState(BleLinkState from, BleLinkState to);
  int GetLinksDown() const { return m_down; }

 private:
  void Open();                  // a window starts
  void Listen(Time duration);   // the radio receives for `duration`
  void Close();                 // a window ends

  BleRadioListener* m_model;
  Time m_interval, m_window;
  int m_down = 0;
  bool m_listening = false;
  EventId m_next, m_close;
};

}  // namespace ns3
