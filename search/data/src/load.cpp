#include "fognas/data/load.h"

#include <fmt/format.h>

#include <filesystem>

#include "fognas/common/error.h"
#include "fognas/data/bonn.h"
#include "fognas/data/chbmit.h"
#include "fognas/data/mitbih.h"
#include "fognas/data/synthetic.h"
#include "fognas/data/wfdb.h"

namespace fognas {
namespace fs = std::filesystem;

Dataset load_dataset(const std::string& spec, const DataOptions& options) {
  const size_t n = options.examples_per_class;
  if (spec == "synthetic-eeg") return synthetic_eeg(options.seed, n > 0 ? n : kSyntheticEegPerClass);
  if (spec == "synthetic-ecg") return synthetic_ecg(options.seed, n > 0 ? n : kSyntheticEcgPerClass);

  const fs::path path(spec);
  std::error_code ec;
  const bool is_record = !fs::is_directory(path, ec) && fs::is_regular_file(wfdb_header_path(path), ec);
  if (!fs::exists(path, ec) && !is_record)
    throw InputError(spec, "no such file or directory (expected synthetic-eeg, synthetic-ecg or a data path)");

  Dataset d;
  auto records = find_wfdb_records(path);
  if (!records.empty()) {
    d = mitbih_dataset(records, spec, n, options.seed);
  } else if (auto cases = find_chb_cases(path); !cases.empty()) {
    d = chbmit_dataset(cases, spec, n, options.seed);
  } else if (auto sets = read_bonn_sets(path); !sets.empty()) {
    d = bonn_dataset(sets, spec, n, options.seed);
  } else {
    throw InputError(spec, "holds no MIT-BIH (.hea/.dat/.atr), CHB-MIT (EDF + chbNN-summary.txt) or Bonn (sets A-E) "
                           "records");
  }
  if (d.size() == 0) throw InputError(spec, "holds records but no usable examples");
  return d;
}

}  // namespace fognas
