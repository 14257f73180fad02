// A WFDB record: header text, a NUL byte, then the bytes every signal file of
// the header reads (format 212 or 16).
#include <cstdint>
#include <string>

#include "fognas/common/error.h"
#include "fognas/data/wfdb.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const size_t nul = input.find('\0');
  const std::string header = input.substr(0, nul);
  const std::string signal = nul == std::string::npos ? std::string() : input.substr(nul + 1);
  try {
    const fognas::WfdbHeader h = fognas::parse_wfdb_header(header, "fuzz.hea");
    const fognas::WfdbRecord r = fognas::decode_wfdb_record(h, "fuzz.hea", [&](const std::string&) { return signal; });
    for (size_t k = 0; k < r.digital.size(); ++k) r.physical(k);
  } catch (const fognas::InputError&) {
  }
  return 0;
}
