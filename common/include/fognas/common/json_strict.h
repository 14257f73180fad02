#pragma once
// Integers read from JSON files (best.json, checkpoints) as integers: nlohmann's
// get<int>() would turn 2048.9 into 2048 and 4294967298 into 2. These throw
// std::invalid_argument naming the key instead.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace fognas {

template <class T = int>
T json_integer(const nlohmann::json& v, const std::string& what) {
  static_assert(std::is_integral_v<T>);
  const auto lo = static_cast<int64_t>(std::numeric_limits<T>::min());
  const auto hi = std::numeric_limits<T>::max();
  if (v.is_number_unsigned()) {
    const auto u = v.get<uint64_t>();
    if (u > static_cast<uint64_t>(hi)) throw std::invalid_argument(fmt::format("'{}': {} is out of range", what, u));
    return static_cast<T>(u);
  }
  if (v.is_number_integer()) {
    const auto s = v.get<int64_t>();
    if (s < lo || (s > 0 && static_cast<uint64_t>(s) > static_cast<uint64_t>(hi)))
      throw std::invalid_argument(fmt::format("'{}': {} is out of range", what, s));
    return static_cast<T>(s);
  }
  throw std::invalid_argument(fmt::format("'{}': expected an integer, got {}", what, v.dump()));
}

template <class T = int>
T json_integer_at(const nlohmann::json& j, const std::string& key) {
  if (!j.is_object() || !j.contains(key)) throw std::invalid_argument(fmt::format("missing key '{}'", key));
  return json_integer<T>(j.at(key), key);
}

inline std::vector<int> json_int_list_at(const nlohmann::json& j, const std::string& key) {
  if (!j.is_object() || !j.contains(key)) throw std::invalid_argument(fmt::format("missing key '{}'", key));
  const nlohmann::json& a = j.at(key);
  if (!a.is_array()) throw std::invalid_argument(fmt::format("'{}': expected a list of integers", key));
  std::vector<int> out;
  for (size_t i = 0; i < a.size(); ++i) out.push_back(json_integer<int>(a[i], fmt::format("{}[{}]", key, i)));
  return out;
}

}  // namespace fognas
