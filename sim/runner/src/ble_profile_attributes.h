#pragma once
// Maps a radio profile (devices/<name>/profile.yaml, BleRadioParams) onto the
// Attributes of the BLE radio, its link layer and its radio energy model, so the simulator
// and the analytic predictor read one description of the radio.
#include "fognas/devices/profiles.h"
#include "ns3/ble-helper.h"

namespace fognas::sim {

void SetBleLinkAttributes(ns3::BleHelper& helper, const BleRadioParams& ble, bool idleEventsInClosedForm = true);
void SetBleRadioEnergyAttributes(ns3::BleRadioEnergyModelHelper& helper, const BleRadioParams& ble);

}  // namespace fognas::sim
