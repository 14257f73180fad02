#include "fognas/devices/current_trace.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "fognas/common/atomic_file.h"
#include "fognas/common/csv.h"
#include "fognas/common/error.h"
#include "fognas/common/parse.h"

namespace fognas {
namespace {

// The columns a trace's values come from, and their units.
struct TraceColumns {
  int time = -1, current = -1;
  TraceTimeUnit time_unit = TraceTimeUnit::S;
  TraceCurrentUnit current_unit = TraceCurrentUnit::A;
};

TraceColumns columns_of(const CsvTable& t, const TraceUnits& units) {
  TraceColumns c;
  if (t.column("Timestamp(ms)") >= 0 && t.column("Current(uA)") >= 0) {
    c = {t.column("Timestamp(ms)"), t.column("Current(uA)"), TraceTimeUnit::Ms, TraceCurrentUnit::Ua};
  } else if (t.column("time") >= 0 && t.column("current") >= 0) {
    c = {t.column("time"), t.column("current"), TraceTimeUnit::S, TraceCurrentUnit::A};
  } else if (units.time && units.current && t.header.size() >= 2) {
    c = {0, 1, *units.time, *units.current};
  } else {
    throw InputError(t.file, fmt::format("columns '{}' are neither the Power Profiler's (Timestamp(ms), Current(uA)) "
                                         "nor time, current (s, A); give --time-unit and --current-unit to read "
                                         "the first two columns as time and current",
                                         fmt::join(t.header, ",")));
  }
  if (units.time) c.time_unit = *units.time;
  if (units.current) c.current_unit = *units.current;
  return c;
}

double seconds_per(TraceTimeUnit u) { return u == TraceTimeUnit::S ? 1.0 : u == TraceTimeUnit::Ms ? 1e-3 : 1e-6; }
double ma_per(TraceCurrentUnit u) { return u == TraceCurrentUnit::A ? 1e3 : u == TraceCurrentUnit::Ma ? 1.0 : 1e-3; }

}  // namespace

TraceTimeUnit trace_time_unit_from_string(const std::string& s) {
  if (s == "s") return TraceTimeUnit::S;
  if (s == "ms") return TraceTimeUnit::Ms;
  if (s == "us") return TraceTimeUnit::Us;
  throw InputError("--time-unit", fmt::format("'{}' is not one of: s, ms, us", s));
}

TraceCurrentUnit trace_current_unit_from_string(const std::string& s) {
  if (s == "A") return TraceCurrentUnit::A;
  if (s == "mA") return TraceCurrentUnit::Ma;
  if (s == "uA") return TraceCurrentUnit::Ua;
  throw InputError("--current-unit", fmt::format("'{}' is not one of: A, mA, uA", s));
}

double CurrentTrace::sample_period_s() const {
  std::vector<double> dt;
  for (size_t i = 1; i < time_s.size(); ++i) dt.push_back(time_s[i] - time_s[i - 1]);
  if (dt.empty()) return 0;
  std::nth_element(dt.begin(), dt.begin() + static_cast<long>(dt.size() / 2), dt.end());
  return dt[dt.size() / 2];
}

CurrentTrace parse_current_trace(const std::string& csv_text, const std::string& file_name, const TraceUnits& units) {
  const CsvTable t = parse_csv(csv_text, file_name);
  const TraceColumns c = columns_of(t, units);
  CurrentTrace trace;
  trace.file = file_name;
  const std::string& time_name = t.header[static_cast<size_t>(c.time)];
  const std::string& current_name = t.header[static_cast<size_t>(c.current)];
  for (const CsvRow& r : t.rows) {
    const std::string where = location(file_name, r.line);
    if (r.cells.size() <= static_cast<size_t>(std::max(c.time, c.current)))
      throw InputError(where, fmt::format("has {} cells, fewer than the header's columns", r.cells.size()));
    const double time_s = parse_double(r.cells[static_cast<size_t>(c.time)], where + ": column '" + time_name + "'") *
                          seconds_per(c.time_unit);
    const double current_ma =
        parse_double(r.cells[static_cast<size_t>(c.current)], where + ": column '" + current_name + "'") *
        ma_per(c.current_unit);
    if (!std::isfinite(time_s) || (!trace.time_s.empty() && !(time_s > trace.time_s.back())))
      throw InputError(where, fmt::format("column '{}': time must be finite and increase from row to row", time_name));
    if (!std::isfinite(current_ma) || current_ma < 0)
      throw InputError(where, fmt::format("column '{}': current must be finite and >= 0", current_name));
    trace.time_s.push_back(time_s);
    trace.current_ma.push_back(current_ma);
  }
  if (trace.time_s.size() < 3) throw InputError(file_name, "holds fewer than three samples");
  return trace;
}

CurrentTrace read_current_trace(const std::string& path, const TraceUnits& units) {
  if (!path_is_file(path)) throw InputError(path, "no such trace file");
  return parse_current_trace(read_file(path, size_t{1} << 30), path, units);
}

}  // namespace fognas
