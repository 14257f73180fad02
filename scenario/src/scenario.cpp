// The one reader of the scenario language: the document (with its overrides
// set) read section by section (the readers in read_*_sections.cpp, every key
// listed once in scenario_keys.cpp), and a sweep point's scenario written
// back as YAML.
#include "fognas/scenario/scenario.h"

#include <fmt/format.h>

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <filesystem>
#include <memory>
#include <set>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/common/yaml.h"
#include "readers.h"

namespace fognas {

using namespace reader;
namespace fs = std::filesystem;

double Scenario::single_factor() const {
  if (factors.size() != 1)
    throw InputError(where("factors"), fmt::format("this command runs at one fog efficiency factor; the scenario "
                                                   "lists {} (pick one with --set factors=F)",
                                                   factors.size()));
  return factors.front();
}

bool is_generator_name(const std::string& dataset) {
  return dataset == "synthetic-eeg" || dataset == "synthetic-ecg";
}

namespace {

// The document with the overrides (and a sweep point's assignments) set; the
// keys they set are reported as set on the command line.
YAML::Node document_with(const std::string& yaml_text, const std::string& file_name,
                         const std::vector<std::string>& assignments, std::set<std::string>& command_line) {
  YAML::Node doc = load_yaml_string(yaml_text, file_name);
  for (const std::string& o : assignments) command_line.insert(apply_override(doc, o));
  return doc;
}

// A value that becomes a folder's name (the default out is results/NAME):
// ^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$, so it can neither be empty, climb out of
// results/ nor name results/ itself.
std::string folder_name_of(const YamlMap& map, const char* key) {
  const std::string name = map.text(key);
  auto allowed = [](char c, bool first) {
    return std::isalnum(static_cast<unsigned char>(c)) || (!first && (c == '.' || c == '_' || c == '-'));
  };
  bool ok = !name.empty() && name.size() <= 100;
  for (size_t i = 0; ok && i < name.size(); ++i) ok = allowed(name[i], i == 0);
  if (!ok)
    throw InputError(map.where(key), fmt::format("'{}' is not a usable name: 1 to 100 letters, digits, '.', '_' or "
                                                 "'-', starting with a letter or digit", name));
  return name;
}

// The captures' folder lies inside the results folder, next to the reports:
// a name without '.', so it cannot take a report file's name.
std::string capture_folder_of(const YamlMap& map, const char* key) {
  const std::string name = folder_name_of(map, key);
  if (name.find('.') != std::string::npos)
    throw InputError(map.where(key), fmt::format("'{}': a capture folder's name has no '.' (it sits among the "
                                                 "report files)", name));
  return name;
}

Scenario read_document(const YAML::Node& doc, const std::string& file_name,
                       std::shared_ptr<const std::set<std::string>> command_line) {
  YamlMap root(doc, file_name);
  root.set_command_line_keys(std::move(command_line));
  root.allow_only(keys_in(""));
  Scenario s;
  s.file = file_name;
  s.name = folder_name_of(root, "name");
  s.description = root.text("description", "");
  s.out_dir = root.text("out", "results/" + s.name);
  s.seed = seed_of(root, "seed");
  read_devices(root, s);
  read_energy(root, s);
  read_limits(root, s);
  read_architectures(root, s);
  read_data(root, s);
  read_training(root, s);
  read_search(root, s);
  read_fleet(root, s.simulation);
  if (root.has("pcap")) s.simulation.pcap_dir = capture_folder_of(root, "pcap");
  check_fleet_mix(root, s);
  read_channel_and_battery(root, s.simulation);
  read_ble(root, s.simulation);
  if (root.has("sweep")) s.sweep = read_sweep(root, scenario_keys());
  root.reject_unknown_keys();
  return s;
}

std::vector<std::string> point_assignments(const Scenario& swept, size_t index) {
  std::vector<std::string> all = swept.overrides;
  for (const auto& [path, value] : swept.sweep->point(index)) all.push_back(path + "=" + value);
  return all;
}

// A path the scenario resolved (beside its file) made relative to `folder`,
// so the point's scenario file finds the same input from where it lies.
std::string relative_to(const std::string& resolved, const fs::path& folder) {
  std::error_code ec;
  const fs::path rel = fs::relative(fs::absolute(resolved, ec), fs::absolute(folder, ec), ec);
  return ec || rel.empty() ? resolved : rel.generic_string();
}

void rebase_paths(YAML::Node doc, const Scenario& s, const fs::path& folder) {
  const std::pair<const char*, const std::string*> refs[] = {{"mcu", &s.mcu_ref}, {"radio", &s.radio_ref}, {"fog", &s.fog_ref}};
  for (const auto& [key, ref] : refs)
    if (doc["devices"] && doc["devices"][key] && path_is_file(*ref)) doc["devices"][key] = relative_to(*ref, folder);
  if (s.data && !is_generator_name(s.data->dataset) && path_exists(s.data->dataset))
    doc["data"]["dataset"] = relative_to(s.data->dataset, folder);
  for (size_t i = 0; i < s.architectures.size() && doc["architectures"]; ++i)
    if (!s.architectures[i].from_search.empty())
      doc["architectures"][i]["from_search"] = relative_to(s.architectures[i].from_search, folder);
}

}  // namespace

Scenario parse_scenario(const std::string& yaml_text, const std::string& file_name,
                        const std::vector<std::string>& overrides) {
  auto command_line = std::make_shared<std::set<std::string>>();
  YAML::Node doc = document_with(yaml_text, file_name, overrides, *command_line);
  Scenario s = read_document(doc, file_name, command_line);
  s.source_text = yaml_text;
  s.overrides = overrides;
  return s;
}

Scenario sweep_point_scenario(const Scenario& swept, size_t index) {
  auto command_line = std::make_shared<std::set<std::string>>();
  YAML::Node doc = document_with(swept.source_text, swept.file, point_assignments(swept, index), *command_line);
  doc.remove("sweep");
  return read_document(doc, swept.file, command_line);
}

std::string scenario_yaml_for(const Scenario& s, const std::vector<std::string>& extra, const std::string& folder) {
  std::vector<std::string> assignments = s.overrides;
  assignments.insert(assignments.end(), extra.begin(), extra.end());
  std::set<std::string> command_line;
  YAML::Node doc = document_with(s.source_text, s.file, assignments, command_line);
  doc.remove("sweep");
  doc.remove("out");
  auto used = std::make_shared<std::set<std::string>>(command_line);
  rebase_paths(doc, read_document(YAML::Clone(doc), s.file, used), folder);
  YAML::Emitter out;
  out << doc;
  return std::string(out.c_str()) + "\n";
}

std::string sweep_point_yaml(const Scenario& swept, size_t index, const std::string& folder) {
  std::vector<std::string> assignments;
  for (const auto& [path, value] : swept.sweep->point(index)) assignments.push_back(path + "=" + value);
  return scenario_yaml_for(swept, assignments, folder);
}

Scenario load_scenario_file(const std::string& path, const std::vector<std::string>& overrides) {
  if (path_is_folder(path)) throw InputError(path, "is a folder, not a scenario file");
  if (!path_is_file(path)) throw InputError(path, "no such scenario file");
  return parse_scenario(read_file(path, kMaxYamlBytes), path, overrides);
}

}  // namespace fognas
