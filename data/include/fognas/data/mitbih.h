#pragma once
// MIT-BIH Arrhythmia beats grouped into the AAMI EC57 classes.
#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "fognas/data/dataset.h"

namespace fognas {

// Class names in label order.
const std::vector<std::string>& aami_class_names();  // N, S, V, F, Q
// AAMI class index of a beat mnemonic (N: N L R e j; S: A a J S; V: V E;
// F: F; Q: / f Q), or -1 for non-beat annotations.
int aami_class(const std::string& symbol);

// A beat window spans this much before and after the R peak: enough to hold
// the P wave, the QRS and the T wave, and at normal rates a part of the
// neighbouring beats, so prematurity (S, V) is visible in the window.
constexpr double kBeatBefore_s = 0.6;
constexpr double kBeatAfter_s = 0.6;

// The records under `path`: a record ("dir/100", "dir/100.hea") or a folder
// of them (every .hea with a matching .atr). Paths of the headers.
std::vector<std::filesystem::path> find_wfdb_records(const std::filesystem::path& path);

// Beat windows of the first signal named MLII (else signal 0), resampled to
// 2048 and normalised as `settings` asks (a record is the recording), in the
// AAMI classes `settings` chooses (default all five; others are dropped).
// examples_per_class > 0 keeps at most that many beats per class, chosen at
// random with `seed`.
Dataset mitbih_dataset(const std::vector<std::filesystem::path>& headers, const std::string& name,
                       size_t examples_per_class, uint64_t seed, const ReaderSettings& settings = {});

}  // namespace fognas
