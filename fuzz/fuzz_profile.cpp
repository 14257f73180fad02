// The device profile reader: the same text read as an MCU, a radio and a fog profile.
#include <cstdint>
#include <string>

#include "fognas/common/error.h"
#include "fognas/devices/profile_io.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    fognas::parse_mcu_profile(text, "fuzz.yaml");
  } catch (const fognas::InputError&) {
  }
  try {
    fognas::parse_radio_profile(text, "fuzz.yaml");
  } catch (const fognas::InputError&) {
  }
  try {
    fognas::parse_fog_profile(text, "fuzz.yaml");
  } catch (const fognas::InputError&) {
  }
  return 0;
}
