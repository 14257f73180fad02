#pragma once
// A measured supply-current trace, as power analysers export it: the Power
// Profiler Kit II app's CSV (`Timestamp(ms)`, `Current(uA)`, digital channels
// after them ignored), a Joulescope-style `time`, `current` in s and A, or any
// two columns (time first) with their units given.
#include <optional>
#include <string>
#include <vector>

namespace fognas {

enum class TraceTimeUnit { S, Ms, Us };
enum class TraceCurrentUnit { A, Ma, Ua };

// Units for a file whose header is neither of the known ones (--time-unit,
// --current-unit); when given they also override a known header's.
struct TraceUnits {
  std::optional<TraceTimeUnit> time;
  std::optional<TraceCurrentUnit> current;
};
TraceTimeUnit trace_time_unit_from_string(const std::string& s);        // s | ms | us
TraceCurrentUnit trace_current_unit_from_string(const std::string& s);  // A | mA | uA

struct CurrentTrace {
  std::string file;
  std::vector<double> time_s;
  std::vector<double> current_ma;
  // The sample period: the median spacing of the time stamps.
  double sample_period_s() const;
};

// Reads and checks a trace: every time finite and strictly increasing, every
// current finite and >= 0, at least three samples. InputError naming the
// file, line and column otherwise.
CurrentTrace read_current_trace(const std::string& path, const TraceUnits& units = {});
CurrentTrace parse_current_trace(const std::string& csv_text, const std::string& file_name, const TraceUnits& units = {});

}  // namespace fognas
