#include "fognas/study/sweep_output.h"

#include <fmt/format.h>

#include "fognas/study/folder_bytes.h"
#include "fognas/study/sweep_tables.h"
#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/common/manifest.h"
#include "fognas/common/result_dir.h"

namespace fognas::study {

namespace fs = std::filesystem;

nlohmann::json sweep_json(const SweepPlan& plan) {
  nlohmann::json axes = nlohmann::json::array();
  for (const SweepAxis& a : plan.sweep().axes) axes.push_back({{"path", a.path}, {"column", sweep_column(a.path)}, {"values", a.values}});
  return {{"schema_version", 1},
          {"scenario", plan.scenario.file},
          {"overrides", plan.scenario.overrides},
          {"fingerprint", plan.fingerprint},
          {"command", sweep_command_name(plan.sweep().command)},
          {"mode", plan.sweep().mode == SweepMode::Zip ? "zip" : "product"},
          {"axes", axes},
          {"points", plan.total},
          {"shard", plan.shard ? nlohmann::json(plan.shard->label()) : nlohmann::json()},
          {"indices", plan.indices},
          {"radio_notes", plan.radio_notes}};
}

namespace {

// fognas's own sweep.json read as strictly as a user's file: the keys the
// report, merge and --resume rely on, each of its type, named when wrong.
void check_sweep_json(const nlohmann::json& j, const std::string& file) {
  auto bad = [&](const char* key, const char* what) {
    return InputError(file, fmt::format("key '{}': {}", key, what));
  };
  if (!j.is_object()) throw InputError(file, "not a sweep's sweep.json (not a JSON object)");
  if (!j.contains("command") || !j["command"].is_string()) throw bad("command", "must be a command's name");
  if (!j.contains("points") || !j["points"].is_number_unsigned()) throw bad("points", "must be a count of points");
  if (!j.contains("axes") || !j["axes"].is_array()) throw bad("axes", "must be a list of axes");
  for (const auto& axis : j["axes"])
    if (!axis.is_object() || !axis.contains("path") || !axis["path"].is_string() || !axis.contains("column") ||
        !axis["column"].is_string())
      throw bad("axes", "each axis needs a 'path' and a 'column'");
  if (j.contains("indices")) {
    if (!j["indices"].is_array()) throw bad("indices", "must be a list of point numbers");
    for (const auto& i : j["indices"])
      if (!i.is_number_unsigned() || i.get<size_t>() >= j["points"].get<size_t>())
        throw bad("indices", "must hold point numbers below 'points'");
  }
}

}  // namespace

nlohmann::json read_sweep_json(const fs::path& folder) {
  const fs::path file = folder / "sweep.json";
  if (!path_is_file(file)) throw InputError(folder.string(), "not a sweep folder (no sweep.json)");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(read_file(file, 1 << 24));
  } catch (const nlohmann::json::exception& e) {
    throw InputError(file.string(), fmt::format("not a sweep's sweep.json: {}", e.what()));
  }
  check_sweep_json(j, file.string());
  return j;
}

void start_sweep_folder(const SweepPlan& plan, const fs::path& work, bool resume) {
  const fs::path file = work / "sweep.json";
  if (resume && path_is_file(file)) {
    const nlohmann::json earlier = read_sweep_json(work);
    if (earlier.value("fingerprint", "") != plan.fingerprint || earlier.value("indices", nlohmann::json()) != nlohmann::json(plan.indices))
      throw InputError(file.string(), "--resume: this folder holds another sweep (the scenario, its --set overrides, "
                                      "the contents of its profiles or the shard differ); drop --resume to start afresh");
  } else if (resume) {
    // Another command's results (or anything but a sweep's): never mixed into.
    for (const auto& entry : fs::directory_iterator(work))
      if (entry.path().filename() != kPartialMarkFile)
        throw InputError(work.string(), "--resume: this folder holds no sweep (no sweep.json) but another run's "
                                        "files; drop --resume, or give the sweep another --out");
  }
  fs::create_directories(work / "points");
  write_file_atomically(file, sweep_json(plan).dump(2) + "\n");
}

void receive_point(const SweepPlan& plan, size_t index, const std::string& bytes, const std::string& points_dir) {
  const fs::path folder = fs::path(points_dir) / point_folder_name(index);
  const fs::path incoming = fs::path(points_dir) / (point_folder_name(index) + ".recv");
  fs::remove_all(incoming);
  unpack_folder(bytes, incoming.string());
  if (!path_is_file(incoming / "rows.csv")) throw std::runtime_error(fmt::format("point {} came back without rows.csv", index));
  write_file_atomically(incoming / "scenario.yaml",
                        plan.point_profiles.at(index) + sweep_point_yaml(plan.scenario, index, folder.string()));
  fs::remove_all(folder);
  fs::rename(incoming, folder);
}

namespace {
// What points.csv holds, and on which radio profiles its figures rest.
std::string points_readme(const SweepPlan& plan) {
  std::string md = fmt::format(
      "# Sweep of {}\n\npoints.csv: one row per point and case of `fognas {}` (the swept settings first); "
      "points/NNNN/ holds each point's scenario and reports.\n\n",
      plan.scenario.name, sweep_command_name(plan.sweep().command));
  for (const std::string& note : plan.radio_notes) md += note + "\n\n";
  return md;
}
}  // namespace

void finish_sweep_folder(const SweepPlan& plan, const fs::path& work, const std::vector<size_t>& indices,
                         const std::string& out, const std::string& command_line) {
  const std::string points = join_point_rows((work / "points").string(), indices);
  write_file_atomically(work / "points.csv", points);
  write_file_atomically(work / "README.md", points_readme(plan));
  const std::string replications = replications_csv(points, plan.sweep());
  if (!replications.empty()) write_file_atomically(work / "replications.csv", replications);
  std::vector<std::string> inputs = {plan.scenario.file};
  inputs.insert(inputs.end(), plan.input_files.begin(), plan.input_files.end());
  write_manifest(work, command_line, {{"sweep", sweep_json(plan)}, {"out", out}}, {{"seed", plan.scenario.seed}},
                 inputs);
  // The points ran in this folder, which becomes `out`: their manifests say so.
  for (size_t i : indices) rebase_manifest(work / "points" / point_folder_name(i) / "manifest.json", work.string(), out);
}

}  // namespace fognas::study
