// The scenario reader (YAML size and depth limits, then the strict schema).
#include <cstdint>
#include <string>

#include "fognas/common/error.h"
#include "fognas/scenario/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    fognas::parse_scenario(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml", {});
  } catch (const fognas::InputError&) {
  }
  return 0;
}
