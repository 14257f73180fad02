#pragma once
// Maps a radio profile (devices/<name>/profile.yaml, BleRadioParams) onto the
// Attributes of the BLE device and its radio energy model, so the simulator
// and the analytic predictor read one description of the radio.
#include "fognas/devices/profiles.h"
#include "fognas/sim/ble/ble-helper.h"

namespace ns3 {

void SetBleLinkAttributes(BleHelper& helper, const fognas::BleRadioParams& ble, bool idleEventsInClosedForm = true);
void SetBleRadioEnergyAttributes(BleRadioEnergyModelHelper& helper, const fognas::BleRadioParams& ble);

}  // namespace ns3
