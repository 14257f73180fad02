// EDF/EDF+: the header, checked against the input's size, then every signal
// that has usable ranges read to physical values.
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "fognas/common/error.h"
#include "fognas/data/edf.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  try {
    std::istringstream in(bytes);
    const fognas::EdfHeader h = fognas::parse_edf_header(in, bytes.size(), "fuzz.edf");
    std::vector<int> which;
    for (size_t i = 0; i < h.signals.size(); ++i) which.push_back(static_cast<int>(i));
    h.duration_s();
    for (size_t i = 0; i < h.signals.size(); ++i) {
      h.find_signal(h.signals[i].label);
      if (h.record_duration_s > 0) h.signals[i].sampling_hz(h.record_duration_s);
    }
    std::istringstream again(bytes);
    fognas::read_edf_signals(again, "fuzz.edf", h, which);
  } catch (const fognas::InputError&) {
  }
  return 0;
}
