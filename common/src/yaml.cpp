#include "fognas/common/yaml.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"

namespace fognas {

namespace {

// Counts the nesting of a YAML text without parsing it: open flow brackets,
// block indentation levels and compact "- " entries. It errs on the high side
// (a quoted bracket in block context counts), which only matters for texts
// far deeper than any real scenario or profile. Throws at the first line that
// goes deeper than `limit`, before yaml-cpp (which recurses per level) sees it.
void check_yaml_depth(const std::string& text, const std::string& name, int limit) {
  std::vector<size_t> indents;  // open block levels, strictly increasing
  int flow = 0;                 // open [ and {
  char quote = 0;               // inside a quoted scalar (may span lines)
  long block_scalar_parent = -1;  // inside a | or > block: lines indented more than this
  size_t pos = 0;
  int line_no = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    size_t i = 0;
    while (i < line.size() && line[i] == ' ') ++i;
    const bool blank = i == line.size() || line[i] == '#' || line[i] == '\r' || line[i] == '\t';
    if (block_scalar_parent >= 0) {
      if (blank || static_cast<long>(i) > block_scalar_parent) continue;
      block_scalar_parent = -1;
    }
    if (quote == 0 && flow == 0) {
      if (blank) continue;
      while (!indents.empty() && indents.back() > i) indents.pop_back();
      if (indents.empty() || indents.back() < i) indents.push_back(i);
    }
    int compact = 0;  // "- - x" and "? x": each indicator opens a level on this line
    bool token_start = true;
    char last = ' ';
    for (size_t k = i; k < line.size(); ++k) {
      const char ch = line[k];
      if (quote != 0) {
        if (quote == '"' && ch == '\\') {
          ++k;
        } else if (ch == quote) {
          if (quote == '\'' && k + 1 < line.size() && line[k + 1] == '\'') {
            ++k;
          } else {
            quote = 0;
          }
        }
        continue;
      }
      if (ch == '#' && (k == 0 || line[k - 1] == ' ' || line[k - 1] == '\t')) break;
      if ((ch == '"' || ch == '\'') && token_start) {
        quote = ch;
        continue;
      }
      if (ch == '[' || ch == '{') {
        ++flow;
      } else if ((ch == ']' || ch == '}') && flow > 0) {
        --flow;
      } else if ((ch == '-' || ch == '?' || ch == ':') && flow == 0 && token_start &&
                 (k + 1 == line.size() || line[k + 1] == ' ')) {
        ++compact;
      }
      if (ch != ' ' && ch != '\t') last = ch;
      token_start = ch == ' ' || ch == '\t' || ch == '[' || ch == '{' || ch == ',' || ch == ':';
      const long depth = static_cast<long>(indents.size()) + compact + flow;
      if (depth > limit)
        throw InputError(location(name, line_no),
                         fmt::format("YAML nested more than {} levels deep", limit));
    }
    if (quote == 0 && flow == 0 && (last == '|' || last == '>')) block_scalar_parent = static_cast<long>(i);
    if (static_cast<long>(indents.size()) + compact + flow > limit)
      throw InputError(location(name, line_no), fmt::format("YAML nested more than {} levels deep", limit));
  }
}

}  // namespace

YAML::Node load_yaml_string(const std::string& text, const std::string& name) {
  if (text.size() > kMaxYamlBytes)
    throw InputError(name, fmt::format("is {} bytes, more than the {} allowed for a YAML file", text.size(),
                                       kMaxYamlBytes));
  check_yaml_depth(text, name, kMaxYamlDepth);
  try {
    YAML::Node n = YAML::Load(text);
    if (!n.IsMap()) throw InputError(name, "expected a YAML mapping at the top level");
    return n;
  } catch (const YAML::Exception& e) {
    throw InputError(location(name, e.mark.line + 1), "malformed YAML: " + e.msg);
  }
}

YAML::Node load_yaml_file(const std::string& path) { return load_yaml_string(read_file(path, kMaxYamlBytes), path); }

YamlMap::YamlMap(YAML::Node node, std::string file, std::string key_path)
    : node_(std::move(node)), file_(std::move(file)), path_(std::move(key_path)) {
  if (!node_.IsMap()) throw InputError(location(file_, line()), fmt::format("'{}' must be a mapping", path_));
  // yaml-cpp keeps the first of two equal keys; a repeated key is a mistake to report.
  std::set<std::string> seen;
  for (const auto& kv : node_) {
    const int ln = kv.first.Mark().line >= 0 ? kv.first.Mark().line + 1 : line();
    if (!kv.first.IsScalar()) throw InputError(location(file_, ln), "a key must be a plain name");
    if (!seen.insert(kv.first.Scalar()).second)
      throw InputError(location(file_, ln), fmt::format("duplicate key '{}'", qualified(kv.first.Scalar())));
  }
}

namespace {

// A list written as one string ("1, 2, 3") instead of a YAML sequence.
YAML::Node list_from_scalar(const YAML::Node& n) {
  YAML::Node seq(YAML::NodeType::Sequence);
  std::string cur;
  for (char ch : n.Scalar() + ",") {
    if (ch == ',') {
      seq.push_back(YAML::Node(cur));
      cur.clear();
    } else if (ch != ' ' && ch != '\t') {
      cur += ch;
    }
  }
  return seq;
}

// A whole decimal integer, as written: yaml-cpp's own conversion would read
// "010" as octal 8 and "0x800" as 2048. No fraction, no exponent, no wrap.
bool decimal_integer(const YAML::Node& n, long& out) {
  if (!n.IsScalar()) return false;
  const std::string& t = n.Scalar();
  if (t.empty() || t.size() > 24) return false;
  size_t i = (t[0] == '-' || t[0] == '+') ? 1 : 0;
  if (i == t.size()) return false;
  for (size_t k = i; k < t.size(); ++k)
    if (t[k] < '0' || t[k] > '9') return false;
  errno = 0;
  char* end = nullptr;
  const long long v = std::strtoll(t.c_str(), &end, 10);
  if (errno == ERANGE || end != t.c_str() + t.size()) return false;
  out = static_cast<long>(v);
  return true;
}

}  // namespace

int YamlMap::line() const { return node_.Mark().line >= 0 ? node_.Mark().line + 1 : 0; }

std::string YamlMap::qualified(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

bool YamlMap::has(const std::string& key) const {
  used_.insert(key);
  return static_cast<bool>(node_[key]);
}

std::string YamlMap::where(const std::string& key) const {
  if (command_line_ && command_line_->count(qualified(key)))
    return fmt::format("{}: key '{}' (--set on the command line)", file_, qualified(key));
  YAML::Node n = node_[key];
  int ln = n && n.Mark().line >= 0 ? n.Mark().line + 1 : line();
  return fmt::format("{}: key '{}'", location(file_, ln), qualified(key));
}

YAML::Node YamlMap::get(const std::string& key) const {
  used_.insert(key);
  YAML::Node n = node_[key];
  if (!n) throw InputError(location(file_, line()), fmt::format("missing key '{}'", qualified(key)));
  return n;
}

YAML::Node YamlMap::raw(const std::string& key) const { return get(key); }

std::string YamlMap::text(const std::string& key) const {
  YAML::Node n = get(key);
  if (!n.IsScalar()) throw InputError(where(key), "expected a scalar value");
  return n.Scalar();
}

std::string YamlMap::text(const std::string& key, const std::string& fallback) const {
  return has(key) ? text(key) : fallback;
}

double YamlMap::number(const std::string& key) const {
  YAML::Node n = get(key);
  double v = 0;
  if (!n.IsScalar() || !YAML::convert<double>::decode(n, v) || !std::isfinite(v))
    throw InputError(where(key), fmt::format("expected a number, got '{}'", n.IsScalar() ? n.Scalar() : "?"));
  return v;
}

double YamlMap::number(const std::string& key, double fallback) const {
  return has(key) ? number(key) : fallback;
}

long YamlMap::integer(const std::string& key) const {
  YAML::Node n = get(key);
  long v = 0;
  if (!decimal_integer(n, v))
    throw InputError(where(key), fmt::format("expected an integer, got '{}'", n.IsScalar() ? n.Scalar() : "?"));
  return v;
}

long YamlMap::integer(const std::string& key, long fallback) const {
  return has(key) ? integer(key) : fallback;
}

bool YamlMap::flag(const std::string& key, bool fallback) const {
  if (!has(key)) return fallback;
  YAML::Node n = get(key);
  bool v = false;
  if (!n.IsScalar() || !YAML::convert<bool>::decode(n, v))
    throw InputError(where(key), "expected true or false");
  return v;
}

std::vector<double> YamlMap::numbers(const std::string& key) const {
  // A new handle, not an assignment: assigning to a yaml-cpp handle rewrites the document.
  const YAML::Node given = get(key);
  const YAML::Node n = given.IsScalar() ? list_from_scalar(given) : given;
  std::vector<double> out;
  if (!n.IsSequence()) throw InputError(where(key), "expected a list of numbers");
  for (const auto& e : n) {
    double v = 0;
    if (!e.IsScalar() || !YAML::convert<double>::decode(e, v) || !std::isfinite(v))
      throw InputError(where(key), "expected a list of numbers");
    out.push_back(v);
  }
  return out;
}

std::vector<int> YamlMap::integers(const std::string& key) const {
  const YAML::Node given = get(key);
  const YAML::Node n = given.IsScalar() ? list_from_scalar(given) : given;
  if (!n.IsSequence()) throw InputError(where(key), "expected a list of integers");
  std::vector<int> out;
  for (const auto& e : n) {
    long v = 0;
    if (!decimal_integer(e, v) || v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
      throw InputError(where(key), fmt::format("expected a list of integers, got '{}' (item {})",
                                               e.IsScalar() ? e.Scalar() : "?", out.size()));
    out.push_back(static_cast<int>(v));
  }
  return out;
}

std::vector<std::string> YamlMap::texts(const std::string& key) const {
  YAML::Node n = get(key);
  std::vector<std::string> out;
  if (n.IsScalar()) return {n.Scalar()};
  if (!n.IsSequence()) throw InputError(where(key), "expected a list");
  for (const auto& e : n) {
    if (!e.IsScalar()) throw InputError(where(key), "expected a list of scalars");
    out.push_back(e.Scalar());
  }
  return out;
}

YamlMap YamlMap::map(const std::string& key) const {
  YAML::Node n = get(key);
  if (!n.IsMap()) throw InputError(where(key), "expected a mapping");
  YamlMap child(n, file_, qualified(key));
  child.command_line_ = command_line_;
  return child;
}

std::vector<YamlMap> YamlMap::maps(const std::string& key) const {
  YAML::Node n = get(key);
  if (!n.IsSequence()) throw InputError(where(key), "expected a list of mappings");
  std::vector<YamlMap> out;
  size_t i = 0;
  for (const auto& e : n) {
    if (!e.IsMap()) throw InputError(where(key), fmt::format("item {} must be a mapping", i));
    out.emplace_back(e, file_, fmt::format("{}[{}]", qualified(key), i++));
    out.back().command_line_ = command_line_;
  }
  return out;
}

std::vector<std::string> YamlMap::keys() const {
  std::vector<std::string> out;
  for (const auto& kv : node_) out.push_back(kv.first.Scalar());
  return out;
}

void YamlMap::throw_unknown_key(const YAML::Node& key) const {
  const std::string k = qualified(key.Scalar());
  if (command_line_ && command_line_->count(k))
    throw InputError(fmt::format("--set {}", k), "unknown scenario key (scenarios/README.md lists them)");
  const int ln = key.Mark().line >= 0 ? key.Mark().line + 1 : line();
  throw InputError(location(file_, ln), fmt::format("unknown key '{}'", k));
}

void YamlMap::allow_only(std::initializer_list<const char*> allowed) const {
  for (const auto& kv : node_) {
    std::string k = kv.first.Scalar();
    bool ok = false;
    for (const char* a : allowed) ok = ok || k == a;
    if (!ok) throw_unknown_key(kv.first);
  }
}

void YamlMap::allow_only(const std::vector<std::string>& allowed) const {
  for (const auto& kv : node_) {
    const std::string k = kv.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) continue;
    throw_unknown_key(kv.first);
  }
}

void YamlMap::reject_unknown_keys() const {
  for (const auto& kv : node_) {
    std::string k = kv.first.Scalar();
    if (!used_.count(k)) throw_unknown_key(kv.first);
  }
}

}  // namespace fognas
