#pragma once
// Counter-based random numbers for the air: every draw is a pure function of
// its key (the run's seed and run number, the channel's stream, the two nodes,
// the instant or number that names the event, and what the draw is for), so a
// draw is the same whatever was drawn before it and in whatever order the
// simulator runs the events of different links. That is what lets idle events
// be accounted in closed form, their fates asked for after the fact, and still
// meet the numbers an event-by-event run draws.
//
// The key's words are folded together with SplitMix64's finaliser (a
// bijective 64-bit mix with full avalanche), one word after another, each
// offset by a multiple of the golden-ratio constant so that the position of a
// word matters. The top 53 bits of the result give a uniform double in
// [0, 1); normals come from two lanes of the same key (Box-Muller), the
// fading power gains from those.
#include <cmath>
#include <cstdint>

namespace ns3 {

// What a draw is for: keeps draws with otherwise equal keys apart.
enum class BleDrawPurpose : uint64_t {
  SHADOWING = 1,          // once per pair of nodes
  FADING = 2,             // the wanted signal's power gain, per packet
  LOSS = 3,               // whether a packet is received with a CRC error, per packet
  ADVERTISING_DELAY = 4,  // the random delay before an advertising event
  ACCESS_ADDRESS = 5,     // a connection's access address, per connection made
  WIFI_BURST = 6,         // whether a Wi-Fi interferer's slot is on the air, per slot
};

// One draw: from node `from` to node `to` (ordered where the direction
// matters, lower id first where it does not), `when` names the packet or the
// event (a packet's end on the air in nanoseconds is unique per direction of a
// pair), `purpose` what it is for.
struct BleDrawKey {
  uint64_t from = 0, to = 0;
  int64_t when = 0;
  BleDrawPurpose purpose = BleDrawPurpose::LOSS;
};

class BleCounterRandom {
 public:
  // seed and run: ns-3's RngSeedManager figures; stream: the channel's own, so
  // two channels in one run draw apart.
  BleCounterRandom(uint64_t seed = 1, uint64_t run = 1, uint64_t stream = 0) {
    m_root = Fold(Fold(Fold(kGolden, seed, 1), run, 2), stream, 3);
  }

  // The 64 random bits of a key's lane.
  uint64_t Bits(const BleDrawKey& key, uint64_t lane = 0) const {
    uint64_t h = Fold(m_root, key.from, 4);
    h = Fold(h, key.to, 5);
    h = Fold(h, static_cast<uint64_t>(key.when), 6);
    h = Fold(h, static_cast<uint64_t>(key.purpose), 7);
    return Fold(h, lane, 8);
  }
  // Uniform in [0, 1).
  double Uniform(const BleDrawKey& key, uint64_t lane = 0) const {
    return static_cast<double>(Bits(key, lane) >> 11) * 0x1.0p-53;
  }
  // Two independent standard normals from lanes 0 and 1 (Box-Muller).
  void NormalPair(const BleDrawKey& key, double& a, double& b) const {
    const double r = std::sqrt(-2.0 * std::log1p(-Uniform(key, 0)));  // 1 - u > 0
    const double phi = 2.0 * M_PI * Uniform(key, 1);
    a = r * std::cos(phi);
    b = r * std::sin(phi);
  }
  double Normal(const BleDrawKey& key) const {
    double a, b;
    NormalPair(key, a, b);
    return a;
  }
  // Rayleigh fading's power gain: exponential of mean 1 (by inversion).
  double RayleighPowerGain(const BleDrawKey& key) const { return -std::log1p(-Uniform(key, 0)); }
  // Rician fading's power gain of mean 1: a direct path of power K/(K+1)
  // plus a complex Gaussian of power 1/(K+1).
  double RicianPowerGain(const BleDrawKey& key, double kLinear) const {
    const double los = std::sqrt(kLinear / (kLinear + 1)), s = std::sqrt(0.5 / (kLinear + 1));
    double x, y;
    NormalPair(key, x, y);
    const double i = los + s * x, q = s * y;
    return i * i + q * q;
  }

 private:
  static constexpr uint64_t kGolden = 0x9E3779B97F4A7C15ULL;
  static uint64_t Mix(uint64_t z) {  // SplitMix64's finaliser
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  static uint64_t Fold(uint64_t h, uint64_t word, uint64_t position) {
    return Mix(h ^ Mix(word + kGolden * position));
  }
  uint64_t m_root;
};

}  // namespace ns3
