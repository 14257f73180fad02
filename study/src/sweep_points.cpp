#include "fognas/study/sweep_points.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>

#include "fognas/study/child_process.h"
#include "fognas/study/sweep_tables.h"
#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/common/manifest.h"
#include "fognas/common/parse.h"
#include "fognas/devices/radio_note.h"
#include "fognas/study/sweep_commands.h"

namespace fognas::study {

namespace fs = std::filesystem;

std::string Shard::label() const { return fmt::format("{}/{}", index, count); }

Shard parse_shard(const std::string& text) {
  const size_t slash = text.find('/');
  Shard s;
  try {
    if (slash == std::string::npos) throw std::invalid_argument("no slash");
    const long i = parse_long(text.substr(0, slash), "--shard"), n = parse_long(text.substr(slash + 1), "--shard");
    if (i < 1 || n < 1 || n > 100000 || i > n) throw std::out_of_range("shard");
    s.index = static_cast<int>(i);
    s.count = static_cast<int>(n);
  } catch (const std::exception&) {
    throw InputError("--shard", fmt::format("expected i/n with 1 <= i <= n <= 100000 (e.g. 2/4), got '{}'", text));
  }
  return s;
}

// The files a point's run reads besides its scenario: its profiles, the
// search results it takes networks from, and its recordings (a data set
// given as a file or a folder of them).
std::vector<std::string> point_input_files(const Scenario& s) {
  std::vector<std::string> files = {s.devices.mcu.file, s.devices.radio.file, s.devices.fog.file};
  if (s.devices.fog.radio) files.push_back(s.devices.fog.radio->file);
  for (const ArchitectureSpec& a : s.architectures)
    if (!a.from_search.empty()) files.push_back(a.from_search);
  if (s.data && path_is_file(s.data->dataset)) files.push_back(s.data->dataset);
  if (s.data && path_is_folder(s.data->dataset)) {
    std::vector<std::string> below;
    for (const auto& e : fs::recursive_directory_iterator(s.data->dataset))
      if (e.is_regular_file()) below.push_back(e.path().string());
    std::sort(below.begin(), below.end());
    files.insert(files.end(), below.begin(), below.end());
  }
  files.erase(std::remove_if(files.begin(), files.end(), [](const std::string& f) { return f.empty() || !path_is_file(f); }),
              files.end());
  return files;
}

// The sha256 of each file the points read, by path: each file is read once.
using Digests = std::map<std::string, std::string>;

// Which profile files a point read, by name and content (a path would differ
// from machine to machine): a comment heading its scenario.yaml.
std::string profiles_read(const Scenario& s, const Digests& digests) {
  std::string out = "# profiles read:";
  for (const auto& [kind, name, file] : {std::tuple{"mcu", s.devices.mcu.name, s.devices.mcu.file},
                                         std::tuple{"radio", s.devices.radio.name, s.devices.radio.file},
                                         std::tuple{"fog", s.devices.fog.name, s.devices.fog.file}}) {
    const auto digest = digests.find(file);
    out += fmt::format(" {} {}{}", kind, name,
                       digest == digests.end() ? "" : " (sha256 " + digest->second.substr(0, 16) + ")");
  }
  return out + "\n";
}

std::string describe_point(const SweepSpec& sweep, size_t index) {
  std::string out;
  for (const auto& [path, value] : sweep.point(index)) out += (out.empty() ? "" : ", ") + path + "=" + value;
  return out;
}

SweepPlan plan_sweep(const std::string& file, const std::vector<std::string>& overrides, std::optional<Shard> shard) {
  SweepPlan plan;
  plan.scenario = load_scenario_file(file, overrides);
  if (!plan.scenario.sweep)
    throw InputError(file, "has no sweep: section (command, mode, axes); see scenarios/README.md");
  plan.shard = shard;
  plan.total = plan.scenario.sweep->point_count();
  // What the points' results depend on: the scenario's text, its overrides
  // and the contents (not the paths) of every file a point reads, so the same
  // inputs in another checkout resume and merge, and an edited profile does not.
  Digests digests;
  for (size_t i = 0; i < plan.total; ++i) {
    try {
      const Scenario point = sweep_point_scenario(plan.scenario, i);
      for (const std::string& input : point_input_files(point))
        if (!digests.count(input)) {
          digests[input] = sha256_hex(read_file(input));
          plan.input_files.push_back(input);
        }
      plan.point_profiles.push_back(profiles_read(point, digests));
      sweep_command_info(plan.sweep().command).check(point);
      const std::string note = radio_calibration_note(point.devices.radio);
      if (std::find(plan.radio_notes.begin(), plan.radio_notes.end(), note) == plan.radio_notes.end())
        plan.radio_notes.push_back(note);
    } catch (const InputError& e) {
      throw InputError(plan.sweep().where, fmt::format("point {} ({}): {}", i, describe_point(plan.sweep(), i), e.what()));
    }
    if (!shard || static_cast<int>(i % static_cast<size_t>(shard->count)) == shard->index - 1) plan.indices.push_back(i);
  }
  std::set<std::string> contents;  // the same file content under two paths counts once
  for (const auto& [path, digest] : digests) contents.insert(digest);
  plan.fingerprint = sha256_hex(plan.scenario.source_text + "\n--set " + fmt::format("{}", fmt::join(overrides, " --set ")) +
                                "\ninputs " + fmt::format("{}", fmt::join(contents, " ")));
  return plan;
}

bool point_finished(const std::string& points_dir, size_t index) {
  return path_is_file(fs::path(points_dir) / point_folder_name(index) / "rows.csv");
}

void run_point(const SweepPlan& plan, size_t index, const std::string& points_dir) {
  const fs::path folder = fs::path(points_dir) / point_folder_name(index);
  const fs::path run_dir = fs::path(points_dir) / (point_folder_name(index) + ".run");
  fs::remove_all(run_dir);
  fs::create_directories(run_dir);
  // The scenario lies beside the folder at the same depth, so its relative
  // paths hold both where it runs and where it is kept.
  const fs::path scenario_file = run_dir / "scenario.yaml";
  write_file_atomically(scenario_file, plan.point_profiles.at(index) +
                                           sweep_point_yaml(plan.scenario, index, folder.string()));
  const std::string log = (run_dir / "log.txt").string();
  const int status = run_fognas(sweep_command_args(plan.sweep().command, scenario_file.string(), folder.string()), log);
  if (status != 0)
    throw std::runtime_error(fmt::format("point {} ({}) failed with status {}; its log ({}) ends:\n{}", index,
                                         describe_point(plan.sweep(), index), status, log, tail_of(log, 6)));
  // The log of a finished point goes (it holds wall-clock times); a failed
  // point's stays in NNNN.run for the user to read.
  fs::rename(scenario_file, folder / "scenario.yaml");
  fs::remove_all(run_dir);
  const std::string& table = sweep_command_info(plan.sweep().command).main_table;
  write_file_atomically(folder / "rows.csv", point_rows_csv(index, plan.sweep().point(index),
                                                            read_file(folder / table), (folder / table).string()));
}

}  // namespace fognas::study
