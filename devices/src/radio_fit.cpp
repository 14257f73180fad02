#include "fognas/devices/radio_fit.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <yaml-cpp/yaml.h>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/common/yaml.h"
#include "fognas/devices/ble_timing.h"

namespace fognas {
namespace {

// Samples [begin, end) of the trace above the sleep current: one event.
struct EventSpan {
  size_t begin = 0, end = 0;
};

double median(std::vector<double> v) {
  std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

// Runs of samples clearly above the sleep current, joined across gaps shorter
// than 200 us (no phase of an event drops to the sleep current).
std::vector<EventSpan> find_events(const CurrentTrace& trace, double sleep_ma, double dt_s) {
  const double peak = *std::max_element(trace.current_ma.begin(), trace.current_ma.end());
  const double threshold = sleep_ma + 0.02 * (peak - sleep_ma);
  const size_t join = std::max<size_t>(1, static_cast<size_t>(200e-6 / dt_s));
  std::vector<EventSpan> spans;
  for (size_t i = 0; i < trace.current_ma.size(); ++i) {
    if (trace.current_ma[i] <= threshold) continue;
    if (!spans.empty() && i - spans.back().end <= join) {
      spans.back().end = i + 1;
    } else {
      spans.push_back({i, i + 1});
    }
  }
  // Whole events only: two samples must lie before and after each (the one
  // the event starts or ends in may straddle it).
  std::vector<EventSpan> whole;
  for (const EventSpan& sp : spans)
    if (sp.begin >= 2 && sp.end + 2 <= trace.current_ma.size()) whole.push_back(sp);
  return whole;
}

// Least-squares cut of x into k constant segments (dynamic programming over
// prefix sums); returns the first index of each segment after the first. The
// first sample of each later segment is left out of its sum of squares: it
// may straddle the step, and a sample that is neither level must not be
// worth a segment of its own. Every segment has at least two samples.
std::vector<size_t> best_cuts(const std::vector<double>& x, size_t k) {
  const size_t n = x.size();
  std::vector<double> s(n + 1, 0), s2(n + 1, 0);
  for (size_t i = 0; i < n; ++i) s[i + 1] = s[i] + x[i], s2[i + 1] = s2[i] + x[i] * x[i];
  auto sse = [&](size_t a, size_t b) {  // of x[a, b)
    const double m = static_cast<double>(b - a), sum = s[b] - s[a];
    return s2[b] - s2[a] - sum * sum / m;
  };
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<std::vector<double>> cost(k + 1, std::vector<double>(n + 1, inf));
  std::vector<std::vector<size_t>> from(k + 1, std::vector<size_t>(n + 1, 0));
  cost[0][0] = 0;
  for (size_t j = 1; j <= k; ++j)
    for (size_t b = 2 * j; b + 2 * (k - j) <= n; ++b)
      for (size_t a = 2 * (j - 1); a + 2 <= b; ++a) {
        if (cost[j - 1][a] == inf) continue;
        const double c = cost[j - 1][a] + (j == 1 ? sse(a, b) : sse(a + 1, b));
        if (c < cost[j][b]) cost[j][b] = c, from[j][b] = a;
      }
  std::vector<size_t> cuts(k - 1);
  for (size_t j = k, b = n; j > 1; --j) b = cuts[j - 2] = from[j][b];
  return cuts;
}

// A segment's current: the mean of the samples that do not touch its ends
// (the whole segment's when it is too short to have any).
double level_of(const std::vector<double>& x, size_t a, size_t b) {
  const size_t lo = b - a > 2 ? a + 1 : a, hi = b - a > 2 ? b - 1 : b;
  return std::accumulate(x.begin() + static_cast<long>(lo), x.begin() + static_cast<long>(hi), 0.0) /
         static_cast<double>(hi - lo);
}

// Where, in samples, the change from level `before` to `after` lies, given
// that it falls within samples cut - 1 and cut (each the mean current over
// its period): their sum holds before x (t - (cut - 1)) + after x (cut + 1 - t).
double refined_cut(const std::vector<double>& x, size_t cut, double before, double after) {
  const double c = static_cast<double>(cut);
  if (std::fabs(before - after) < 1e-12) return c;
  const double t = (x[cut - 1] + x[cut] - after * (c + 1) + before * (c - 1)) / (before - after);
  return std::clamp(t, c - 1, c + 1);
}

struct EventFit {
  std::vector<double> duration_us, current_ma;  // per phase
  double sse = 0, sst = 0;
  size_t samples = 0;
  double charge_above_sleep_uc = 0;
};

// The phases of one event: the samples strictly inside it (its first and last
// may straddle its start and end) cut into `phases` constant segments, then
// every cut, the event's start and its end placed within a sample. Sample i
// holds the mean current over [i, i + 1) in units of the sample period.
EventFit fit_event(const std::vector<double>& x, EventSpan span, size_t phases, double dt_us, double sleep_ma) {
  const size_t b = span.begin, e = span.end;
  // The cuts are found on the logarithm of the current: an analyser's noise
  // grows with the current, so a step of a tenth between two low currents
  // stands out as clearly as one between two high currents.
  std::vector<double> log_inner;
  for (size_t i = b + 1; i + 1 < e; ++i) log_inner.push_back(std::log(std::max(x[i], 1e-12)));
  std::vector<size_t> edges = {b + 1};
  for (size_t c : best_cuts(log_inner, phases)) edges.push_back(b + 1 + c);
  edges.push_back(e - 1);
  std::vector<double> level(phases);
  for (size_t j = 0; j < phases; ++j) level[j] = level_of(x, edges[j], edges[j + 1]);
  std::vector<double> at(phases + 1);
  // The start lies within samples b - 1 .. b + 1, which hold sleep before it
  // and the first phase after it; the end likewise within e - 2 .. e.
  const double db = static_cast<double>(b), de = static_cast<double>(e);
  at[0] = std::clamp((x[b - 1] + x[b] + x[b + 1] - level[0] * (db + 2) + sleep_ma * (db - 1)) / (sleep_ma - level[0]),
                     db - 1, db + 2);
  at[phases] = std::clamp(
      (x[e - 2] + x[e - 1] + x[e] - sleep_ma * (de + 1) + level[phases - 1] * (de - 2)) / (level[phases - 1] - sleep_ma),
      de - 2, de + 1);
  for (size_t j = 1; j < phases; ++j) at[j] = refined_cut(x, edges[j], level[j - 1], level[j]);
  EventFit f;
  for (size_t j = 0; j < phases; ++j) {
    f.duration_us.push_back((at[j + 1] - at[j]) * dt_us);
    f.current_ma.push_back(level[j]);
  }
  const double mean = std::accumulate(x.begin() + static_cast<long>(b + 1), x.begin() + static_cast<long>(e - 1), 0.0) /
                      static_cast<double>(e - 1 - (b + 1));
  for (size_t j = 0; j < phases; ++j)
    for (size_t i = edges[j]; i < edges[j + 1]; ++i) {
      f.sse += (x[i] - level[j]) * (x[i] - level[j]);
      f.sst += (x[i] - mean) * (x[i] - mean);
    }
  f.samples = e - 1 - (b + 1);
  for (size_t i = b - 1; i < e + 1; ++i) f.charge_above_sleep_uc += (x[i] - sleep_ma) * dt_us * 1e-3;
  return f;
}

}  // namespace

std::vector<std::string> idle_event_phase_names(const BleRadioParams& base) {
  std::vector<std::string> out;
  if (base.cpu_pre_event_us > 0) out.push_back("cpu_pre");
  if (base.hfxo_startup_us > 0) out.push_back("xtal");
  if (base.ramp_up_us > 0) out.push_back("ramp");
  out.insert(out.end(), {"rx", "t_ifs", "tx"});
  if (base.cpu_post_event_us > 0) out.push_back("cpu_post");
  return out;
}

RadioFit fit_idle_events(const CurrentTrace& trace, const BleRadioParams& base) {
  const double dt_s = trace.sample_period_s();
  const double sleep_ma = median(trace.current_ma);
  const std::vector<EventSpan> events = find_events(trace, sleep_ma, dt_s);
  if (events.empty()) throw InputError(trace.file, "no connection event found above the sleep current");
  if (events.size() < 2)
    throw InputError(trace.file, "holds fewer than two whole connection events (record at least two intervals)");
  const std::vector<std::string> names = idle_event_phase_names(base);
  RadioFit fit;
  fit.events = static_cast<int>(events.size());
  fit.sleep_current_ua = 1e3 * sleep_ma;
  std::vector<double> starts;
  for (const EventSpan& e : events) starts.push_back(trace.time_s[e.begin]);
  std::vector<double> gaps;
  for (size_t i = 1; i < starts.size(); ++i) gaps.push_back(starts[i] - starts[i - 1]);
  fit.interval_ms = 1e3 * median(gaps);
  std::vector<FittedPhase> sum(names.size());
  double sse = 0, sst = 0, samples = 0;
  for (const EventSpan& e : events) {
    if (e.end - e.begin < 2 * names.size() + 2)
      throw InputError(trace.file, fmt::format("the event at {} s has {} samples, too few for its {} phases "
                                               "(sample faster)", trace.time_s[e.begin], e.end - e.begin, names.size()));
    const EventFit f = fit_event(trace.current_ma, e, names.size(), 1e6 * dt_s, sleep_ma);
    for (size_t j = 0; j < names.size(); ++j) {
      sum[j].duration_us += f.duration_us[j];
      sum[j].charge_uc += f.duration_us[j] * f.current_ma[j] * 1e-3;
    }
    sse += f.sse, sst += f.sst, samples += static_cast<double>(f.samples);
    fit.idle_event_charge_uc += f.charge_above_sleep_uc;
  }
  const double n = static_cast<double>(events.size());
  for (size_t j = 0; j < names.size(); ++j) {
    FittedPhase p{names[j], sum[j].duration_us / n, 0, sum[j].charge_uc / n};
    p.current_ma = p.duration_us > 0 ? 1e3 * p.charge_uc / p.duration_us : 0;
    fit.phases.push_back(p);
  }
  fit.idle_event_charge_uc /= n;
  fit.rms_residual_ma = std::sqrt(sse / samples);
  fit.r2 = sst > 0 ? 1 - sse / sst : 1;
  return fit;
}

BleRadioParams apply_radio_fit(const BleRadioParams& base, const RadioFit& fit) {
  BleRadioParams p = base;
  double cpu_us = 0, cpu_uc = 0, rx_us = 0;
  for (const FittedPhase& ph : fit.phases) {
    if (ph.name == "cpu_pre") p.cpu_pre_event_us = ph.duration_us;
    if (ph.name == "cpu_post") p.cpu_post_event_us = ph.duration_us;
    if (ph.name == "cpu_pre" || ph.name == "cpu_post") cpu_us += ph.duration_us, cpu_uc += ph.charge_uc;
    if (ph.name == "xtal") p.hfxo_startup_us = ph.duration_us, p.hfxo_current_ma = ph.current_ma;
    if (ph.name == "ramp") p.ramp_up_us = ph.duration_us, p.ramp_current_ma = ph.current_ma;
    if (ph.name == "rx") p.rx_current_ma = ph.current_ma, rx_us = ph.duration_us;
    if (ph.name == "t_ifs") p.idle_current_ma = ph.current_ma;
    if (ph.name == "tx") p.tx_current_ma = ph.current_ma;
  }
  if (cpu_us > 0) p.cpu_current_ma = 1e3 * cpu_uc / cpu_us;
  p.sleep_current_ua = fit.sleep_current_ua;
  // The RX phase: the fixed margin, the clocks' drift over the interval, the empty packet.
  BleRadioParams drift_only = base;
  drift_only.conn_interval_ms = fit.interval_ms;
  drift_only.rx_window_margin_us = 0;
  p.rx_window_margin_us = std::max(0.0, rx_us - ble_window_widening_us(drift_only) - ble_packet_airtime_us(base, 0));
  return p;
}

std::string fitted_radio_profile_yaml(const RadioProfile& base, const RadioFit& fit, const std::string& name,
                                      const std::string& trace_file) {
  YAML::Node doc = load_yaml_string(read_file(base.file, kMaxYamlBytes), base.file);
  const BleRadioParams p = apply_radio_fit(base.ble, fit);
  doc["name"] = name;
  doc["description"] = fmt::format(
      "{} Per-event phases, currents and sleep current fitted by fognas fit-radio to the idle connection events of "
      "{} ({} events, {:.4g} ms apart, R^2 {:.4f}); the rest as in {}.",
      doc["description"] ? doc["description"].as<std::string>() : std::string(), trace_file, fit.events,
      fit.interval_ms, fit.r2, base.name);
  YAML::Node ble = doc["ble"];
  const std::pair<const char*, double> fields[] = {
      {"tx_current_ma", p.tx_current_ma},       {"rx_current_ma", p.rx_current_ma},
      {"idle_current_ma", p.idle_current_ma},   {"ramp_current_ma", p.ramp_current_ma},
      {"sleep_current_ua", p.sleep_current_ua}, {"ramp_up_us", p.ramp_up_us},
      {"hfxo_startup_us", p.hfxo_startup_us},   {"hfxo_current_ma", p.hfxo_current_ma},
      {"cpu_pre_event_us", p.cpu_pre_event_us}, {"cpu_post_event_us", p.cpu_post_event_us},
      {"cpu_current_ma", p.cpu_current_ma},     {"rx_window_margin_us", p.rx_window_margin_us}};
  for (const auto& [key, value] : fields)
    if (ble[key] || value != 0) ble[key] = fmt::format("{:.6g}", value);
  YAML::Node cal;
  cal["idle_event_charge_uc"] = fmt::format("{:.6g}", fit.idle_event_charge_uc);
  cal["supply_v"] = fmt::format("{:.6g}", p.supply_v);
  cal["conn_interval_ms"] = fmt::format("{:.6g}", fit.interval_ms);
  cal["source"] = "fognas fit-radio " + trace_file;
  doc["calibration"] = cal;
  YAML::Emitter out;
  out << doc;
  return std::string(out.c_str()) + "\n";
}

}  // namespace fognas
