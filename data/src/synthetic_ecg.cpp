// Synthetic ECG beats for arrhythmia classification. Every wave of a beat is a
// Gaussian bump (the sum-of-Gaussians PQRST model of McSharry et al., IEEE
// TBME 2003, written in time rather than phase). Each example is one labelled
// beat with its neighbours, so both morphology and rhythm carry the class:
//   N  normal P-QRS-T at the running rate (with sinus-rate variability),
//   S  premature (sometimes barely) with an odd P wave, normal QRS,
//   V  premature, no P, wide and tall QRS, discordant T, compensatory pause,
//   F  a blend of N and V at near-normal timing,
//   Q  paced: pacing spike, wide QRS, fixed rate.
// Per-example "patient" morphology, baseline wander, muscle and mains noise,
// and annotation jitter make the classes overlap at the edges.
#include <cmath>

#include "fognas/data/mitbih.h"
#include "fognas/data/random.h"
#include "fognas/data/signal.h"
#include "fognas/data/synthetic.h"

namespace fognas {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kFs = kSyntheticEcgSamplingHz;
constexpr double kSpan_s = 2.5;  // signal generated over [-2.5, 2.5] s around the labelled beat
constexpr size_t kLength = 2048;

struct Wave {
  double amp, centre_s, width_s;  // relative to the R peak
};
using Beat = std::vector<Wave>;

// The patient's morphology, drawn once per example.
struct Patient {
  double scale, p_amp, qrs_width, t_amp, r_amp, s_amp, rr_s;
};

Patient draw_patient(Rng& rng) {
  Patient p;
  p.scale = rng.uniform(0.6, 1.4);
  p.p_amp = rng.uniform(0.08, 0.22);
  p.qrs_width = rng.uniform(0.85, 1.25);
  p.t_amp = rng.uniform(0.15, 0.45);
  if (rng.chance(0.1)) p.t_amp = -p.t_amp;  // inverted T in some leads/patients
  p.r_amp = rng.uniform(0.8, 1.2);
  p.s_amp = rng.uniform(0.1, 0.4);
  p.rr_s = rng.uniform(0.6, 1.1);
  return p;
}

Beat normal_beat(const Patient& p, double rr_s, Rng& rng) {
  double k = std::sqrt(rr_s / 0.8);  // P and T move with the rate (Bazett-like)
  double w = p.qrs_width;
  return {{p.p_amp * rng.uniform(0.85, 1.15), -0.2 * k, 0.025},
          {-0.12, -0.03 * w, 0.01 * w},
          {p.r_amp * rng.uniform(0.92, 1.08), 0, 0.011 * w},
          {-p.s_amp, 0.032 * w, 0.011 * w},
          {p.t_amp * rng.uniform(0.85, 1.15), 0.26 * k, 0.045 * k}};
}

Beat ventricular_beat(const Patient& p, Rng& rng) {
  double sign = rng.chance(0.35) ? -1 : 1;  // ectopic focus: either polarity
  double r = rng.uniform(0.8, 1.6) * sign;
  double w = rng.uniform(0.022, 0.045);
  return {{-0.2 * r, -0.05, w * 0.8},
          {r, 0, w},
          {-0.35 * r, 0.07, w * 1.2},
          {-0.45 * r * rng.uniform(0.6, 1.2) * std::abs(p.t_amp) / 0.3, 0.3, 0.07}};  // discordant T
}

Beat paced_beat(const Patient& p, Rng& rng, bool atrial) {
  double spike = rng.uniform(0.8, 2.5);
  if (rng.chance(0.5)) spike = -spike;
  Beat b = {{spike, -0.045, 0.003},
            {rng.uniform(0.7, 1.3), 0.01, 0.03},
            {-0.4, 0.08, 0.03},
            {-0.35 * std::abs(p.t_amp) / 0.3, 0.33, 0.07}};
  if (atrial) {
    b.push_back({spike * 0.8, -0.2, 0.003});
    b.push_back({p.p_amp, -0.15, 0.025});
  }
  return b;
}

Beat scaled(Beat b, double f) {
  for (auto& w : b) w.amp *= f;
  return b;
}

Beat merged(const Beat& a, const Beat& b) {
  Beat out = a;
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

void add_beat(std::vector<double>& x, const Beat& beat, double t_beat, double scale) {
  const double t0 = -kSpan_s;
  for (const Wave& w : beat) {
    double c = t_beat + w.centre_s;
    long lo = std::max(0L, static_cast<long>(std::floor((c - 5 * w.width_s - t0) * kFs)));
    long hi = std::min(static_cast<long>(x.size()) - 1, static_cast<long>(std::ceil((c + 5 * w.width_s - t0) * kFs)));
    for (long i = lo; i <= hi; ++i) {
      double dt = t0 + static_cast<double>(i) / kFs - c;
      x[static_cast<size_t>(i)] += scale * w.amp * std::exp(-dt * dt / (2 * w.width_s * w.width_s));
    }
  }
}

void make_example(Rng& rng, int label, float* out) {
  Patient p = draw_patient(rng);
  const size_t n = static_cast<size_t>(2 * kSpan_s * kFs);
  std::vector<double> x(n, 0.0);
  const double rr = p.rr_s;
  auto hrv = [&] { return rng.uniform(0.92, 1.08); };  // sinus-rate variability

  double rr_prev = rr * hrv(), rr_next = rr * hrv();
  Beat current;
  bool paced = false;
  switch (label) {
    case 0:  // N
      current = normal_beat(p, rr_prev, rng);
      break;
    case 1: {  // S: early, odd P (inverted, flat or displaced), normal QRS
      rr_prev = rr * rng.uniform(0.6, 0.93);
      rr_next = rr * rng.uniform(1.0, 1.2);
      current = normal_beat(p, rr_prev, rng);
      current[0].amp = p.p_amp * rng.uniform(-1.0, 0.7);
      current[0].centre_s = rng.uniform(-0.17, -0.1);
      current[0].width_s = rng.uniform(0.015, 0.035);
      if (rng.chance(0.2)) current[2].width_s *= rng.uniform(1.1, 1.5);  // aberrant conduction
      break;
    }
    case 2:  // V: early, compensatory pause
      rr_prev = rr * rng.uniform(0.55, 0.88);
      rr_next = 2 * rr - rr_prev;
      current = ventricular_beat(p, rng);
      break;
    case 3: {  // F: simultaneous normal and ventricular activation
      double a = rng.uniform(0.3, 0.7);
      rr_prev = rr * rng.uniform(0.85, 1.02);
      Beat n = scaled(normal_beat(p, rr_prev, rng), a);  // separate statements: the draw order is fixed
      current = merged(n, scaled(ventricular_beat(p, rng), 1 - a));
      break;
    }
    default:  // Q: paced rhythm
      paced = true;
      rr_prev = rr_next = rng.uniform(0.75, 0.92);
      current = paced_beat(p, rng, rng.chance(0.3));
      break;
  }
  bool atrial = rng.chance(0.3);
  auto neighbour = [&](double rr_s) { return paced ? paced_beat(p, rng, atrial) : normal_beat(p, rr_s, rng); };
  // One random draw per statement, so the order of draws is fixed by the code.
  const double rr_before = paced ? rr_prev : rr * hrv();
  const double rr_after = paced ? rr_next : rr * hrv();
  add_beat(x, current, 0, p.scale);
  add_beat(x, neighbour(rr), -rr_prev, p.scale);
  add_beat(x, neighbour(rr), -rr_prev - rr_before, p.scale);
  add_beat(x, neighbour(rr_next), rr_next, p.scale);
  add_beat(x, neighbour(rr), rr_next + rr_after, p.scale);

  // Baseline wander, muscle noise, mains hum.
  double bw_amp[2] = {rng.uniform(0, 0.3), rng.uniform(0, 0.15)};
  double bw_f[2] = {rng.uniform(0.1, 0.35), rng.uniform(0.3, 0.6)};
  double bw_ph[2] = {rng.uniform(0, 2 * kPi), rng.uniform(0, 2 * kPi)};
  double noise = rng.uniform(0.01, 0.07), mains = rng.uniform(0, 0.04), mains_ph = rng.uniform(0, 2 * kPi);
  for (size_t i = 0; i < n; ++i) {
    double t = -kSpan_s + static_cast<double>(i) / kFs;
    x[i] += bw_amp[0] * std::sin(2 * kPi * bw_f[0] * t + bw_ph[0]) + bw_amp[1] * std::sin(2 * kPi * bw_f[1] * t + bw_ph[1]) +
            noise * rng.normal() + mains * std::sin(2 * kPi * 60 * t + mains_ph);
  }

  // Cut like the MIT-BIH reader, around an annotation that is a few ms off the peak.
  const long r_index = std::lround((kSpan_s + rng.normal(0, 0.006)) * kFs);
  const long before = std::lround(kBeatBefore_s * kFs), after = std::lround(kBeatAfter_s * kFs);
  auto w = resample_linear(x.data() + (r_index - before), static_cast<size_t>(before + after), kLength);
  zscore_to(w.data(), kLength, out);
}

}  // namespace

Dataset synthetic_ecg(uint64_t seed, size_t per_class) {
  Dataset d;
  d.name = "synthetic-ecg";
  d.class_names = aami_class_names();
  d.length = static_cast<int>(kLength);
  const int classes = d.classes();
  d.samples.resize(per_class * static_cast<size_t>(classes) * kLength);
  for (size_t i = 0; i < per_class; ++i) {
    for (int label = 0; label < classes; ++label) {
      Rng rng(mix_seed(mix_seed(seed, 0xEC0 + static_cast<uint64_t>(label)), i));
      make_example(rng, label, d.samples.data() + d.labels.size() * kLength);
      d.labels.push_back(label);
    }
  }
  return d;
}

}  // namespace fognas
