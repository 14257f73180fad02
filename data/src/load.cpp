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

namespace {

ReaderSettings reader_settings(const DataOptions& options, const std::string& reader) {
  ReaderSettings r;
  r.normalisation = options.normalisation.value_or(default_normalisation(reader));
  r.classes = options.classes;
  r.classes_where = options.classes_where;
  return r;
}

// The generators make windows already z-scored one by one (each example is its
// own recording); classes are chosen from what they made.
Dataset generated(Dataset d, const DataOptions& options) {
  const ReaderSettings r = reader_settings(options, "synthetic");
  const ClassMap map = resolve_classes(d.class_names, r.classes, identity_groups(d.class_names), r.classes_where);
  Dataset out;
  out.name = d.name;
  out.class_names = map.names;
  out.length = d.length;
  out.normalisation = r.normalisation;
  for (size_t i = 0; i < d.size(); ++i) {
    const int label = map.label_of_source[static_cast<size_t>(d.labels[i])];
    if (label < 0) continue;
    out.samples.insert(out.samples.end(), d.example(i), d.example(i) + d.length);
    out.labels.push_back(label);
  }
  return out;
}

}  // namespace

Normalisation default_normalisation(const std::string& reader) {
  if (reader == "bonn") return Normalisation::TrainingSet;
  if (reader == "mit-bih" || reader == "chb-mit") return Normalisation::Recording;
  return Normalisation::Window;
}

Dataset load_dataset(const std::string& spec, const DataOptions& options) {
  const size_t n = options.examples_per_class;
  if (spec == "synthetic-eeg") return generated(synthetic_eeg(options.seed, n > 0 ? n : kSyntheticEegPerClass), options);
  if (spec == "synthetic-ecg") return generated(synthetic_ecg(options.seed, n > 0 ? n : kSyntheticEcgPerClass), options);

  const fs::path path(spec);
  std::error_code ec;
  const bool is_record = !fs::is_directory(path, ec) && fs::is_regular_file(wfdb_header_path(path), ec);
  if (!fs::exists(path, ec) && !is_record)
    throw InputError(spec, "no such file or directory (expected synthetic-eeg, synthetic-ecg or a data path)");

  Dataset d;
  auto records = find_wfdb_records(path);
  if (!records.empty()) {
    d = mitbih_dataset(records, spec, n, options.seed, reader_settings(options, "mit-bih"));
  } else if (auto cases = find_chb_cases(path); !cases.empty()) {
    d = chbmit_dataset(cases, spec, n, options.seed, reader_settings(options, "chb-mit"));
  } else if (auto sets = read_bonn_sets(path); !sets.empty()) {
    d = bonn_dataset(sets, spec, n, options.seed, reader_settings(options, "bonn"));
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
