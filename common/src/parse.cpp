#include "fognas/common/parse.h"

#include <fmt/format.h>

#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdlib>

#include "fognas/common/error.h"

namespace fognas {

std::string trim(const std::string& s) {
  const char* ws = " \t\r\n";
  auto b = s.find_first_not_of(ws);
  if (b == std::string::npos) return "";
  auto e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

double parse_double(const std::string& text, const std::string& where) {
  std::string t = trim(text);
  if (t.empty()) throw InputError(where, "expected a number, got nothing");
  errno = 0;
  char* end = nullptr;
  double v = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size() || errno == ERANGE || !std::isfinite(v))
    throw InputError(where, fmt::format("'{}' is not a finite number", t));
  return v;
}

long parse_long(const std::string& text, const std::string& where) {
  std::string t = trim(text);
  if (t.empty()) throw InputError(where, "expected an integer, got nothing");
  errno = 0;
  char* end = nullptr;
  long v = std::strtol(t.c_str(), &end, 10);
  if (end != t.c_str() + t.size() || errno == ERANGE)
    throw InputError(where, fmt::format("'{}' is not an integer", t));
  return v;
}

std::vector<int> parse_int_list(const std::string& text, const std::string& where) {
  std::vector<int> out;
  std::string cur;
  auto flush = [&] {
    if (cur.empty()) return;
    long v = parse_long(cur, where);
    if (v < INT_MIN || v > INT_MAX) throw InputError(where, fmt::format("'{}' is out of range", cur));
    out.push_back(static_cast<int>(v));
    cur.clear();
  };
  for (char ch : text) {
    if (ch == ',' || ch == ' ' || ch == ';' || ch == '\t') {
      flush();
    } else {
      cur += ch;
    }
  }
  flush();
  if (out.empty()) throw InputError(where, "expected a list of integers, got nothing");
  return out;
}

}  // namespace fognas
