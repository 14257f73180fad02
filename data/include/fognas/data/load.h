#pragma once
// One entry point for every data set the tool knows: the synthetic generators
// by name, or a path whose contents decide the reader (MIT-BIH WFDB records,
// CHB-MIT EDF files with their summaries, the Bonn text sets).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fognas/data/dataset.h"

namespace fognas {

struct DataOptions {
  uint64_t seed = 1;
  // 0 = the generator's default size, or for real data everything a reader
  // finds (CHB-MIT: as many non-seizure windows as seizure windows, because the
  // background is about a thousand hours and the split balances it away).
  size_t examples_per_class = 0;
  // nullopt: the data set's default, default_normalisation().
  std::optional<Normalisation> normalisation;
  std::vector<ClassGroup> classes;             // empty: the reader's default classes
  std::string classes_where = "data.classes";  // where they were given, for messages
};

// The normalisation each data set gets unless one is asked for: what keeps the
// amplitude information its task needs (scenarios/README.md says why).
// `reader` is "synthetic", "mit-bih", "chb-mit" or "bonn".
Normalisation default_normalisation(const std::string& reader);

// spec: "synthetic-eeg", "synthetic-ecg", or a path. A path that does not exist
// or holds no usable records throws InputError naming it.
Dataset load_dataset(const std::string& spec, const DataOptions& options);

// The files and folders behind a data spec, for checksums in manifest.json:
// nothing for a generator, a record's files (100.hea, 100.dat, 100.atr) for a
// WFDB record path, else the path itself (a folder stands for all files below).
std::vector<std::string> dataset_input_files(const std::string& spec);

}  // namespace fognas
