#pragma once
// Seeded generators that stand in for the real recordings, so everything runs
// without downloads. They are meant to be learnable but not trivially: noise,
// amplitude/phase/rate jitter and overlapping classes keep small networks
// below 100% accuracy.
#include <cstddef>
#include <cstdint>

#include "fognas/data/dataset.h"

namespace fognas {

constexpr size_t kSyntheticEegPerClass = 300;
constexpr size_t kSyntheticEcgPerClass = 200;
constexpr double kSyntheticEegSamplingHz = 256;
constexpr double kSyntheticEcgSamplingHz = 360;

// Classes "non-seizure", "seizure": two channels of 4 s at 256 Hz (1/f
// background, alpha, artefacts; seizures add an evolving ~3 Hz spike-and-wave
// discharge), band-passed 1-30 Hz, z-scored per channel, concatenated to 2048.
Dataset synthetic_eeg(uint64_t seed, size_t per_class = kSyntheticEegPerClass);

// AAMI classes N, S, V, F, Q: a beat and its neighbours from a sum-of-Gaussians
// PQRST model (McSharry et al. 2003) with per-class morphology and rhythm,
// baseline wander and noise, cut like the MIT-BIH reader and resampled to 2048.
Dataset synthetic_ecg(uint64_t seed, size_t per_class = kSyntheticEcgPerClass);

}  // namespace fognas
