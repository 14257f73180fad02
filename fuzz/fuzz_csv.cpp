// The CSV reader, and every cell read as a number as the calibration reader does.
#include <cstdint>
#include <string>

#include "fognas/common/csv.h"
#include "fognas/common/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const fognas::CsvTable t = fognas::parse_csv(std::string(reinterpret_cast<const char*>(data), size), "fuzz.csv");
    for (const auto& row : t.rows)
      for (const auto& name : t.header) {
        try {
          t.number(row, name);
        } catch (const fognas::InputError&) {
        }
      }
    for (const auto& name : t.header) fognas::parse_csv(fognas::csv_escape(name), "escaped.csv");
  } catch (const fognas::InputError&) {
  }
  return 0;
}
