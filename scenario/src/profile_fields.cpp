// A scenario may set fields of the profiles it chooses (`radio:
// {ble: {conn_interval_ms: 7.5}}`), so a sweep over a radio's connection
// interval needs no copied profile files.
#include <yaml-cpp/yaml.h>

#include "readers.h"

namespace fognas {
namespace {

void merge_into(YAML::Node base, const YAML::Node& fields, const YamlMap& root, const std::string& section,
                const std::string& path) {
  for (const auto& kv : fields) {
    // A complex key ("? [a, b]: 1") names no profile field.
    if (!kv.first.IsScalar())
      throw InputError(root.where(section), "field names must be plain words");
    const std::string key = kv.first.as<std::string>();
    const std::string qualified = path.empty() ? key : path + "." + key;
    if (path.empty() && key == "kind")
      throw InputError(root.where(section), "a profile's kind cannot be changed; choose another profile in devices");
    if (kv.second.IsMap() && base[key] && base[key].IsMap()) {
      merge_into(base[key], kv.second, root, section, qualified);
    } else {
      base[key] = YAML::Clone(kv.second);
    }
  }
}

}  // namespace

std::string profile_text_with_fields(const YamlMap& root, const std::string& section, const std::string& profile_path) {
  const YAML::Node fields = root.raw(section);
  if (!fields.IsMap() || fields.size() == 0)
    throw InputError(root.where(section), "expected a map of the profile's fields, e.g. {ble: {conn_interval_ms: 30}}");
  YAML::Node profile = load_yaml_string(read_file(profile_path, kMaxYamlBytes), profile_path);
  merge_into(profile, fields, root, section, "");
  YAML::Emitter out;
  out << profile;
  return out.c_str();
}

std::string scenario_field_where(const YamlMap& root, const std::string& section, const std::string& profile_where) {
  const std::string fallback = root.where(section);
  const size_t open = profile_where.find("key '");
  const size_t close = open == std::string::npos ? open : profile_where.find('\'', open + 5);
  if (close == std::string::npos) return fallback;
  // Walk the scenario's section along the key the profile reader named; a key
  // the section does not set came from the profile file itself.
  YamlMap m = root.map(section);
  std::string rest = profile_where.substr(open + 5, close - open - 5);
  for (size_t dot; (dot = rest.find('.')) != std::string::npos; rest.erase(0, dot + 1)) {
    const std::string part = rest.substr(0, dot);
    if (!m.has(part) || !m.raw(part).IsMap()) return fallback;
    m = m.map(part);
  }
  return m.has(rest) ? m.where(rest) : fallback;
}

}  // namespace fognas
