// MIT-format binary annotations (.atr).
#include <cstdint>
#include <string>

#include "fognas/common/error.h"
#include "fognas/data/wfdb.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    for (const auto& a : fognas::parse_wfdb_annotations(std::string(reinterpret_cast<const char*>(data), size),
                                                        "fuzz.atr"))
      fognas::annotation_symbol(a.code);
  } catch (const fognas::InputError&) {
  }
  return 0;
}
