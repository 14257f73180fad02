// WFDB .hea text: parsed and checked, never more than an InputError.
#include <cstdint>
#include <string>

#include "fognas/common/error.h"
#include "fognas/data/wfdb.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    fognas::parse_wfdb_header(std::string(reinterpret_cast<const char*>(data), size), "fuzz.hea");
  } catch (const fognas::InputError&) {
  }
  return 0;
}
