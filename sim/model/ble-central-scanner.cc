#include "ble-central-scanner.h"

#include "ns3/abort.h"
#include "ns3/simulator.h"

namespace ns3 {

BleCentralScanner::BleCentralScanner(BleRadioListener* model, Time scanInterval, Time scanWindow)
    : m_model(model), m_interval(scanInterval), m_window(scanWindow) {
  NS_ABORT_MSG_IF(!m_interval.IsStrictlyPositive() || m_window > m_interval || m_window.IsNegative(),
                  "BleCentralScanner needs 0 <= window <= interval and a positive interval");
}

void BleCentralScanner::NotifyLinkState(BleLinkState from, BleLinkState to) {
  if (to == BLE_LL_ADVERTISING && from != BLE_LL_ADVERTISING) LinkDown();
  if (from == BLE_LL_ADVERTISING && to != BLE_LL_ADVERTISING) LinkUp();
}

void BleCentralScanner::LinkDown() {
  if (m_down++ > 0) return;
  // Scanning starts now, inside the present scan interval: the rest of its
  // window (if any is left), then every window after it.
  const int64_t now = Simulator::Now().GetNanoSeconds(), step = m_interval.GetNanoSeconds();
  const int64_t start = now / step * step;
  if (now < start + m_window.GetNanoSeconds()) Listen(NanoSeconds(start + m_window.GetNanoSeconds() - now));
  m_next = Simulator::Schedule(NanoSeconds(start + step - now), &BleCentralScanner::Open, this);
}

void BleCentralScanner::LinkUp() {
  NS_ABORT_MSG_IF(m_down <= 0, "BleCentralScanner: a link came up that was not down");
  if (--m_down > 0) return;
  m_next.Cancel();
  m_close.Cancel();
  if (m_listening) Close();
}

void BleCentralScanner::Open() {
  m_next = Simulator::Schedule(m_interval, &BleCentralScanner::Open, this);
  if (m_window.IsStrictlyPositive()) Listen(m_window);
}

void BleCentralScanner::Listen(Time duration) {
  m_listening = true;
  m_model->NotifyState(BLE_RADIO_RX);
  m_close = Simulator::Schedule(duration, &BleCentralScanner::Close, this);
}

void BleCentralScanner::Close() {
  m_listening = false;
  m_model->NotifyState(BLE_RADIO_SLEEP);
}

}  // namespace ns3
