#pragma once
// The --device/--radio/--fog options shared by commands that cost networks.
#include <CLI/CLI.hpp>

#include <string>

#include "fognas/devices/profile_io.h"

namespace fognas::cli {

struct DeviceOptions {
  std::string mcu = "stm32l476rg";
  std::string radio = "ble-paper";
  std::string fog = "fog-paper";

  void add_to(CLI::App* cmd) {
    cmd->add_option("--mcu", mcu, "MCU profile: a name under devices/ or a YAML path")->capture_default_str();
    cmd->add_option("--radio", radio, "radio profile: a name under devices/ or a YAML path")->capture_default_str();
    cmd->add_option("--fog", fog, "fog profile: a name under devices/ or a YAML path")->capture_default_str();
  }
  DeviceModel load() const { return load_device_model(mcu, radio, fog); }
};

}  // namespace fognas::cli
