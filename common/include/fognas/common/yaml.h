#pragma once
// Strict reading of YAML maps: every key a reader does not ask for is an error
// that names the file, line and key, so a typo never silently falls back to a
// default.
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace fognas {

// Inputs are bounded before yaml-cpp sees them: at most kMaxYamlBytes, and at
// most kMaxYamlDepth levels of nesting (yaml-cpp recurses once per level).
// A folder, an oversized or too deeply nested file throws InputError.
constexpr size_t kMaxYamlBytes = 1 << 20;
constexpr int kMaxYamlDepth = 32;

YAML::Node load_yaml_file(const std::string& path);
YAML::Node load_yaml_string(const std::string& text, const std::string& name);

class YamlMap {
 public:
  YamlMap(YAML::Node node, std::string file, std::string key_path = "");

  bool has(const std::string& key) const;
  std::string where(const std::string& key) const;  // "file:line: key a.b"

  std::string text(const std::string& key) const;
  std::string text(const std::string& key, const std::string& fallback) const;
  double number(const std::string& key) const;
  double number(const std::string& key, double fallback) const;
  long integer(const std::string& key) const;
  long integer(const std::string& key, long fallback) const;
  bool flag(const std::string& key, bool fallback) const;
  std::vector<double> numbers(const std::string& key) const;
  std::vector<int> integers(const std::string& key) const;
  std::vector<std::string> texts(const std::string& key) const;
  YamlMap map(const std::string& key) const;
  std::vector<YamlMap> maps(const std::string& key) const;  // a sequence of maps
  YAML::Node raw(const std::string& key) const;
  std::vector<std::string> keys() const;

  // Throws InputError for the first key not in `allowed`: call it before reading
  // required keys, so a misspelt key is reported as such rather than as missing.
  void allow_only(std::initializer_list<const char*> allowed) const;
  void allow_only(const std::vector<std::string>& allowed) const;
  // Keys (qualified, "a.b") whose values were set on the command line rather
  // than in the file: messages about them name the option, not a line.
  void set_command_line_keys(std::shared_ptr<const std::set<std::string>> keys) { command_line_ = std::move(keys); }
  // Throws InputError for the first key that no accessor asked for.
  void reject_unknown_keys() const;

  const std::string& file() const { return file_; }
  int line() const;

 private:
  YAML::Node get(const std::string& key) const;
  [[noreturn]] void throw_unknown_key(const YAML::Node& key) const;
  std::string qualified(const std::string& key) const;

  YAML::Node node_;
  std::string file_;
  std::string path_;
  mutable std::set<std::string> used_;
  std::shared_ptr<const std::set<std::string>> command_line_;
};

}  // namespace fognas
