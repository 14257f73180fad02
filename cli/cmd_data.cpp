// fognas data inspect: what the readers see in a recording or a data set.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "checked_options.h"
#include "command.h"
#include "fognas/common/error.h"
#include "fognas/common/table.h"
#include "fognas/data/bonn.h"
#include "fognas/data/edf.h"
#include "fognas/data/load.h"
#include "fognas/data/mitbih.h"
#include "fognas/data/split.h"
#include "fognas/data/wfdb.h"

namespace fognas::cli {
namespace {
namespace fs = std::filesystem;
using json = nlohmann::ordered_json;  // fields print in the order they are set

struct InspectArgs {
  std::string path;
  bool json_out = false;
  uint64_t seed = 1;
  size_t per_class = 0;
};

std::string lower_ext(const fs::path& p) {
  std::string e = p.extension().string();
  for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return e;
}

json inspect_wfdb(const fs::path& record) {
  const fs::path hea = wfdb_header_path(record);
  WfdbRecord rec = read_wfdb_record(hea);
  const WfdbHeader& h = rec.header;
  json j{{"kind", "wfdb-record"},
         {"record", h.record},
         {"sampling_hz", h.sampling_hz},
         {"samples", rec.digital.empty() ? 0 : rec.digital[0].size()},
         {"duration_s", rec.digital.empty() ? 0.0 : rec.digital[0].size() / h.sampling_hz}};
  j["channels"] = json::array();
  for (const auto& s : h.signals)
    j["channels"].push_back({{"name", s.description},
                             {"file", s.file},
                             {"format", s.format},
                             {"gain", s.gain},
                             {"baseline", s.baseline},
                             {"units", s.units}});
  fs::path atr = fs::path(hea).replace_extension(".atr");
  if (fs::exists(atr)) {
    std::map<std::string, long> per_symbol;
    std::vector<long> per_class(aami_class_names().size(), 0);
    auto annotations = read_wfdb_annotations(atr);
    for (const auto& a : annotations) {
      std::string s = annotation_symbol(a.code);
      ++per_symbol[s];
      int c = aami_class(s);
      if (c >= 0) ++per_class[static_cast<size_t>(c)];
    }
    j["annotations"] = annotations.size();
    j["annotations_per_symbol"] = per_symbol;
    json classes = json::object();  // in AAMI order N, S, V, F, Q
    for (size_t c = 0; c < per_class.size(); ++c) classes[aami_class_names()[c]] = per_class[c];
    j["beats_per_aami_class"] = classes;
  }
  return j;
}

json inspect_edf(const fs::path& path) {
  EdfHeader h = read_edf_header(path);
  json j{{"kind", h.is_edf_plus() ? "edf+" : "edf"},
         {"records", h.records},
         {"record_duration_s", h.record_duration_s},
         {"duration_s", h.duration_s()},
         {"start", h.start_date + " " + h.start_time}};
  j["channels"] = json::array();
  for (const auto& s : h.signals)
    j["channels"].push_back({{"name", s.label},
                             {"sampling_hz", s.is_annotation() || !(h.record_duration_s > 0)
                                                 ? json(nullptr)
                                                 : json(s.sampling_hz(h.record_duration_s))},
                             {"samples", h.records * s.samples_per_record},
                             {"units", s.physical_dimension},
                             {"physical_range", {s.physical_min, s.physical_max}},
                             {"digital_range", {s.digital_min, s.digital_max}}});
  // EDF+ annotations (time-stamped annotation lists): what a data set's labels can be read from.
  j["annotations"] = json::array();
  for (const EdfAnnotation& a : read_edf_annotations(path, h))
    j["annotations"].push_back({{"onset_s", a.onset_s}, {"duration_s", a.duration_s}, {"text", a.text}});
  return j;
}

json inspect_bonn(const fs::path& path) {
  BonnSegment seg = read_bonn_segment(path);
  int lo = seg.samples[0], hi = seg.samples[0];
  for (int v : seg.samples) lo = std::min(lo, v), hi = std::max(hi, v);
  return {{"kind", "bonn-segment"},
          {"sampling_hz", kBonnSamplingHz},
          {"samples", seg.samples.size()},
          {"duration_s", seg.samples.size() / kBonnSamplingHz},
          {"channels", json::array({{{"name", "EEG"}, {"units", "digital"}}})},
          {"range", {lo, hi}}};
}

json inspect_dataset(const InspectArgs& a) {
  DataOptions opt;
  opt.seed = a.seed;
  opt.examples_per_class = a.per_class;
  Dataset d = load_dataset(a.path, opt);
  json per_class = json::object();
  auto counts = d.class_counts();
  for (size_t c = 0; c < counts.size(); ++c) per_class[d.class_names[c]] = counts[c];
  return {{"kind", "dataset"},
          {"name", d.name},
          {"classes", d.class_names},
          {"examples", d.size()},
          {"examples_per_class", per_class},
          {"window_length", d.length}};
}

void print_text(const json& j) {
  Table t;
  t.columns = text_columns({"field", "value"});
  for (const auto& [k, v] : j.items()) {
    if (k == "channels" || k == "annotations_per_symbol" || k == "beats_per_aami_class" ||
        k == "examples_per_class")
      continue;
    t.rows.push_back({k, v.is_string() ? v.get<std::string>() : v.dump()});
  }
  std::cout << t.to_markdown();
  auto section = [&](const char* key, const char* title, const char* col) {
    if (!j.contains(key)) return;
    Table s;
    s.caption = title;
    s.columns = text_columns({col, "count"});
    for (const auto& [k, v] : j[key].items()) s.rows.push_back({k, v.dump()});
    std::cout << "\n" << s.to_markdown();
  };
  if (j.contains("channels")) {
    Table c;
    c.caption = "channels";
    for (const auto& ch : j["channels"]) {
      if (c.columns.empty())
        for (const auto& [k, v] : ch.items()) c.columns.push_back({k, k, "", kShortest});
      std::vector<Cell> row;
      for (const auto& [k, v] : ch.items()) row.push_back(v.is_string() ? v.get<std::string>() : v.dump());
      c.rows.push_back(row);
    }
    std::cout << "\n" << c.to_markdown();
  }
  section("examples_per_class", "examples per class", "class");
  section("beats_per_aami_class", "beats per AAMI class", "class");
  section("annotations_per_symbol", "annotations per symbol", "symbol");
}

void run(const InspectArgs& a) {
  const fs::path p(a.path);
  json j;
  const bool synthetic = a.path == "synthetic-eeg" || a.path == "synthetic-ecg";
  const std::string ext = lower_ext(p);
  if (!synthetic && fs::is_regular_file(p) && ext == ".edf") {
    j = inspect_edf(p);
  } else if (!synthetic && fs::is_regular_file(p) && ext == ".txt") {
    j = inspect_bonn(p);
  } else if (!synthetic && !fs::is_directory(p) && fs::is_regular_file(wfdb_header_path(p))) {
    j = inspect_wfdb(p);
  } else {
    j = inspect_dataset(a);  // synthetic, a folder, or an error naming the path
  }
  j["path"] = a.path;
  // Data the balanced split cannot use: one warning line each, still exit 0.
  for (const char* key : {"examples_per_class", "beats_per_aami_class"}) {
    if (!j.contains(key)) continue;
    std::vector<std::string> names;
    std::vector<size_t> counts;
    for (const auto& [name, n] : j[key].items()) {
      names.push_back(name);
      counts.push_back(n.get<size_t>());
    }
    for (const auto& w : split_warnings(names, counts)) std::cerr << "fognas: warning: " << a.path << ": " << w << "\n";
  }
  if (a.json_out)
    std::cout << j.dump(2) << "\n";
  else
    print_text(j);
}

const Command registration("data", [](CLI::App& app) {
  auto* data = app.add_subcommand("data", "data sets and recordings");
  data->require_subcommand(1);
  auto args = std::make_shared<InspectArgs>();
  auto* inspect = data->add_subcommand(
      "inspect", "show what the readers see: a record's rate, length, channels and annotations, or a data set's classes");
  add_text(inspect, "path", args->path,
           "synthetic-eeg, synthetic-ecg, a WFDB record, an EDF file, a Bonn segment, or a data folder")
      ->required();
  inspect->add_flag("--json", args->json_out, "print one JSON object instead of tables");
  add_integer(inspect, "--seed", args->seed, "seed for generators and subsampling", 0,
              std::numeric_limits<int64_t>::max());
  add_integer(inspect, "--examples-per-class", args->per_class, "examples per class (0: default size or all)", 0,
              1000000);
  inspect->callback([args] { run(*args); });
});

}  // namespace
}  // namespace fognas::cli
