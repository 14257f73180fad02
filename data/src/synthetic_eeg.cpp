// Synthetic scalp EEG for seizure detection. Each example is built from
// parts with known physiology so the classes differ the way real ones do:
// background 1/f activity and alpha in both, rhythmic delta/theta and
// artefacts that resemble seizures in some non-seizure windows, and in seizure
// windows a ~3 Hz spike-and-wave discharge whose rate drifts, whose amplitude
// ranges from barely visible to dominant, and which may start or stop inside
// the window. The preprocessing is the real data's (1-30 Hz, z-score).
#include <cmath>

#include "fognas/data/filter.h"
#include "fognas/data/random.h"
#include "fognas/data/signal.h"
#include "fognas/data/synthetic.h"

namespace fognas {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kFs = kSyntheticEegSamplingHz;
constexpr size_t kWindow = 1024;  // 4 s per channel
constexpr size_t kMargin = 256;   // 1 s each side, cut after filtering
constexpr size_t kTotal = kWindow + 2 * kMargin;

// Pink (1/f) noise: Paul Kellet's sum of first-order filters of white noise.
std::vector<double> pink_noise(Rng& rng, size_t n) {
  double b[7] = {0, 0, 0, 0, 0, 0, 0};
  std::vector<double> out(n);
  for (size_t i = 0; i < n + 512; ++i) {  // 512 samples to settle the slow filters
    double w = rng.normal();
    b[0] = 0.99886 * b[0] + w * 0.0555179;
    b[1] = 0.99332 * b[1] + w * 0.0750759;
    b[2] = 0.96900 * b[2] + w * 0.1538520;
    b[3] = 0.86650 * b[3] + w * 0.3104856;
    b[4] = 0.55000 * b[4] + w * 0.5329522;
    b[5] = -0.7616 * b[5] - w * 0.0168980;
    double p = b[0] + b[1] + b[2] + b[3] + b[4] + b[5] + b[6] + w * 0.5362;
    b[6] = w * 0.115926;
    if (i >= 512) out[i - 512] = p * 0.25;
  }
  return out;
}

double time_s(size_t i) { return (static_cast<double>(i) - static_cast<double>(kMargin)) / kFs; }

// A smooth on/off envelope: 0 before `start`, 1 after `start + rise`.
double ramp(double t, double start, double rise) {
  if (t <= start) return 0;
  if (t >= start + rise) return 1;
  return 0.5 - 0.5 * std::cos(kPi * (t - start) / rise);
}

void add_burst(std::vector<double> ch[2], const double gain[2], Rng& rng, double freq_lo, double freq_hi, double amp,
               double dur_lo, double dur_hi) {
  double f = rng.uniform(freq_lo, freq_hi);
  double dur = rng.uniform(dur_lo, dur_hi);
  double start = rng.uniform(-1.0, 4.0 - 0.5 * dur);
  double phase = rng.uniform(0, 2 * kPi);
  for (size_t i = 0; i < kTotal; ++i) {
    double t = time_s(i);
    double env = ramp(t, start, 0.3) * (1 - ramp(t, start + dur - 0.3, 0.3));
    double v = amp * env * std::sin(2 * kPi * f * t + phase);
    ch[0][i] += gain[0] * v;
    ch[1][i] += gain[1] * v;
  }
}

// Spike-and-wave: per cycle a sharp spike and a slower opposite wave, the
// rate starting near 3 Hz and drifting (seizures usually slow down).
void add_spike_and_wave(std::vector<double> ch[2], const double gain[2], Rng& rng, double amp) {
  double f0 = rng.uniform(2.5, 3.8);
  double drift = rng.uniform(-0.35, 0.1);  // Hz per second
  double onset = rng.chance(0.75) ? rng.uniform(-2.0, -0.5) : rng.uniform(-0.5, 1.5);
  double offset = rng.chance(0.85) ? 10.0 : rng.uniform(onset + 2.5, 6.0);  // sometimes ends inside
  double spike_w = rng.uniform(0.012, 0.03), wave_w = rng.uniform(0.05, 0.11);
  double wave_rel = rng.uniform(0.5, 1.1);  // wave amplitude relative to the spike
  double lag = rng.uniform(-0.02, 0.02);    // between the two channels
  double rise = rng.uniform(0.4, 1.0);      // build-up of the discharge
  double t = onset;
  while (t < std::min(offset, 4.0 + 1.0)) {
    double f = std::max(1.5, f0 + drift * std::max(0.0, t - onset));
    double jitter = rng.uniform(0.75, 1.25);
    double a = amp * jitter * ramp(t, onset, rise);
    double ts = t + rng.normal(0, 0.008);
    double tw = ts + rng.uniform(0.28, 0.4) / f;
    for (int c = 0; c < 2; ++c) {
      double sh = c == 1 ? lag : 0;
      for (size_t i = 0; i < kTotal; ++i) {
        double dt_s = time_s(i) - ts - sh, dt_w = time_s(i) - tw - sh;
        if (std::abs(dt_s) > 0.5 && std::abs(dt_w) > 0.5) continue;
        ch[c][i] += gain[c] * a * (-std::exp(-dt_s * dt_s / (2 * spike_w * spike_w)) +
                                   wave_rel * std::exp(-dt_w * dt_w / (2 * wave_w * wave_w)));
      }
    }
    t += 1.0 / f;
  }
}

void make_example(Rng& rng, int label, float* out) {
  std::vector<double> ch[2];
  auto shared = pink_noise(rng, kTotal);
  double coupling = rng.uniform(0.2, 0.6);
  double level = std::exp(rng.uniform(std::log(0.6), std::log(1.6)));
  for (auto& c : ch) {
    auto own = pink_noise(rng, kTotal);
    c.resize(kTotal);
    for (size_t i = 0; i < kTotal; ++i) c[i] = level * (coupling * shared[i] + (1 - coupling) * own[i]);
  }
  double gain[2] = {rng.uniform(0.6, 1.2), rng.uniform(0.6, 1.2)};

  // Alpha, waxing and waning.
  double fa = rng.uniform(8, 12), alpha = level * rng.uniform(0.0, 0.8), fm = rng.uniform(0.15, 0.5);
  double pa = rng.uniform(0, 2 * kPi), pm = rng.uniform(0, 2 * kPi);
  for (size_t i = 0; i < kTotal; ++i) {
    double t = time_s(i);
    double v = alpha * (0.6 + 0.4 * std::sin(2 * kPi * fm * t + pm)) * std::sin(2 * kPi * fa * t + pa);
    ch[0][i] += gain[0] * v;
    ch[1][i] += gain[1] * v * 0.8;
  }
  // Look-alikes that occur in both classes: rhythmic delta/theta bursts,
  // eye blinks, muscle bursts.
  if (rng.chance(0.25)) add_burst(ch, gain, rng, 2.0, 4.0, level * rng.uniform(0.3, 1.0), 1.0, 3.0);
  if (rng.chance(0.3)) add_burst(ch, gain, rng, 4.5, 7.5, level * rng.uniform(0.4, 1.2), 1.0, 2.5);
  if (rng.chance(0.3)) {
    double tb = rng.uniform(0, 4), ab = level * rng.uniform(1.5, 4.0), wb = rng.uniform(0.08, 0.2);
    for (size_t i = 0; i < kTotal; ++i) {
      double dt = time_s(i) - tb;
      double v = ab * std::exp(-dt * dt / (2 * wb * wb));
      ch[0][i] += v;
      ch[1][i] += 0.8 * v;
    }
  }
  if (rng.chance(0.2)) {
    double tm = rng.uniform(0, 3.5), dm = rng.uniform(0.3, 1.0), am = level * rng.uniform(0.5, 2.0);
    size_t km = rng.index(2);  // muscle artefacts are local to one electrode
    for (size_t i = 0; i < kTotal; ++i) {
      double t = time_s(i);
      if (t >= tm && t < tm + dm) ch[km][i] += am * rng.normal();
    }
  }
  if (label == 1) add_spike_and_wave(ch, gain, rng, level * std::exp(rng.uniform(std::log(0.6), std::log(4.0))));

  for (int c = 0; c < 2; ++c) {
    auto f = eeg_bandpass(ch[c], kFs);
    zscore_to(f.data() + kMargin, kWindow, out + c * kWindow);
  }
}

}  // namespace

Dataset synthetic_eeg(uint64_t seed, size_t per_class) {
  Dataset d;
  d.name = "synthetic-eeg";
  d.class_names = {"non-seizure", "seizure"};
  d.length = static_cast<int>(2 * kWindow);
  d.samples.resize(2 * per_class * 2 * kWindow);
  // Classes alternate; each example has its own stream, so an example does
  // not depend on how many others are generated.
  for (size_t i = 0; i < per_class; ++i) {
    for (int label = 0; label < 2; ++label) {
      Rng rng(mix_seed(mix_seed(seed, static_cast<uint64_t>(label)), i));
      make_example(rng, label, d.samples.data() + d.labels.size() * 2 * kWindow);
      d.labels.push_back(label);
    }
  }
  return d;
}

}  // namespace fognas
