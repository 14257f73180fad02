#include "fognas/data/load.h"

#include <fmt/format.h>

#include <algorithm>
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

std::vector<std::string> dataset_input_files(const std::string& spec) {
  if (spec == "synthetic-eeg" || spec == "synthetic-ecg") return {};
  const fs::path path(spec);
  std::error_code ec;
  if (fs::exists(path, ec)) return {spec};
  std::vector<std::string> files;  // a record name: every file of that name in its folder
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().stem() == path.filename()) files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace fognas
