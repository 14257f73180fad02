// A Bonn segment: one integer per line.
#include <cstdint>
#include <string>

#include "fognas/common/error.h"
#include "fognas/data/bonn.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    fognas::parse_bonn_segment(std::string(reinterpret_cast<const char*>(data), size), "Z001.txt");
  } catch (const fognas::InputError&) {
  }
  return 0;
}
