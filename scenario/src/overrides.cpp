// --set KEY=VALUE: an override written into the scenario document before it
// is read, so the reader checks it like a value in the file.
#include <string>
#include <vector>

#include "fognas/common/error.h"
#include "readers.h"

namespace fognas::reader {
namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t dot; (dot = path.find('.', start)) != std::string::npos; start = dot + 1)
    parts.push_back(path.substr(start, dot - start));
  parts.push_back(path.substr(start));
  return parts;
}

// A value as given on the command line: "[a, b]" is a list, anything else a
// scalar for the reader to check like a value written in the file.
YAML::Node override_value(const std::string& text) {
  if (text.size() < 2 || text.front() != '[' || text.back() != ']') return YAML::Node(text);
  YAML::Node seq(YAML::NodeType::Sequence);
  std::string item;
  for (char ch : text.substr(1, text.size() - 2) + ",") {
    if (ch == ',') {
      if (!item.empty()) seq.push_back(YAML::Node(item));
      item.clear();
    } else if (ch != ' ') {
      item += ch;
    }
  }
  return seq;
}

}  // namespace

std::string apply_override(YAML::Node& root, const std::string& assignment) {
  const size_t eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0)
    throw InputError("--set " + assignment, "expected KEY=VALUE, e.g. --set training.epochs=1");
  const std::string path = assignment.substr(0, eq);
  const std::vector<std::string> parts = split_path(path);
  YAML::Node cur(root);
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    if (parts[i].empty() || !cur.IsMap()) throw InputError("--set " + path, "not a key of a scenario section");
    if (!cur[parts[i]]) cur[parts[i]] = YAML::Node(YAML::NodeType::Map);
    YAML::Node next = cur[parts[i]];
    cur.reset(next);
  }
  if (!cur.IsMap() || parts.back().empty()) throw InputError("--set " + path, "not a key of a scenario section");
  cur[parts.back()] = override_value(assignment.substr(eq + 1));
  return path;
}

}  // namespace fognas::reader
