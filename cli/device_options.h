#pragma once
// The --device/--radio/--fog options shared by commands that cost networks.
#include <CLI/CLI.hpp>

#include <string>

#include "checked_options.h"
#include "fognas/devices/profile_io.h"

namespace fognas::cli {

struct DeviceOptions {
  std::string mcu = "stm32l476rg";
  std::string radio = "ble-paper";
  std::string fog = "fog-paper";

  void add_to(CLI::App* cmd) {
    add_text(cmd, "--mcu", mcu, "MCU profile: a name under devices/ or a YAML path");
    add_text(cmd, "--radio", radio, "radio profile: a name under devices/ or a YAML path");
    add_text(cmd, "--fog", fog, "fog profile: a name under devices/ or a YAML path");
  }
  DeviceModel load() const { return load_device_model(mcu, radio, fog); }
};

}  // namespace fognas::cli
