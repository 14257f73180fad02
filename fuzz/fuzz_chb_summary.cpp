// A CHB-MIT chbNN-summary.txt.
#include <cstdint>
#include <string>

#include "fognas/common/error.h"
#include "fognas/data/chbmit.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    fognas::parse_chb_summary(std::string(reinterpret_cast<const char*>(data), size), "chb01-summary.txt");
  } catch (const fognas::InputError&) {
  }
  return 0;
}
