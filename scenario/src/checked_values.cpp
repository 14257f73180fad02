// Values as the scenario language checks them: finite and in range, one of a
// list, a seed, a path beside the scenario file.
#include <fmt/format.h>

#include <filesystem>
#include <limits>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/devices/profile_io.h"
#include "readers.h"

namespace fognas::reader {

namespace fs = std::filesystem;

double finite_in(const YamlMap& m, const std::string& key, double fallback, double lo, double hi, bool lo_open) {
  const double v = m.number(key, fallback);
  if (v < lo || (lo_open && v == lo) || v > hi)
    throw InputError(m.where(key), fmt::format("must be {} {} and <= {}, got {}", lo_open ? ">" : ">=", lo, hi, v));
  return v;
}

double positive(const YamlMap& m, const std::string& key, double fallback, double hi) {
  return finite_in(m, key, fallback, 0.0, hi, true);
}

long integer_in(const YamlMap& m, const std::string& key, long fallback, long lo, long hi) {
  const long v = m.integer(key, fallback);
  if (v < lo || v > hi) throw InputError(m.where(key), fmt::format("must be between {} and {}, got {}", lo, hi, v));
  return v;
}

uint64_t seed_of(const YamlMap& m, const std::string& key) {
  return static_cast<uint64_t>(integer_in(m, key, 1, 0, std::numeric_limits<long>::max()));
}

std::string one_of(const YamlMap& m, const std::string& key, const std::string& fallback,
                   const std::vector<std::string>& allowed) {
  const std::string v = m.text(key, fallback);
  if (std::find(allowed.begin(), allowed.end(), v) == allowed.end())
    throw InputError(m.where(key), fmt::format("'{}' is not one of: {}", v, fmt::join(allowed, ", ")));
  return v;
}

// A path given in the scenario: beside the scenario file first, then as given
// (from the working directory).
std::string resolve_beside(const std::string& scenario_file, const std::string& given) {
  if (given.empty() || fs::path(given).is_absolute()) return given;
  const fs::path beside = fs::path(scenario_file).parent_path() / given;
  return path_exists(beside) ? beside.lexically_normal().string() : given;
}

// A profile a scenario names: a file beside the scenario; else a profile
// NAME kept where the user works, devices/NAME/profile.yaml beside the
// scenario, then under the working directory; else as given (the profile
// reader looks in FOGNAS_DEVICES_DIR, then among the shipped profiles).
std::string resolve_profile_ref(const std::string& scenario_file, const std::string& given) {
  const std::string beside = resolve_beside(scenario_file, given);
  if (beside != given || given.empty() || fs::path(given).is_absolute() || given.find('/') != std::string::npos)
    return beside;
  for (const fs::path& folder : {fs::path(scenario_file).parent_path() / "devices", fs::path("devices")}) {
    const fs::path file = folder / given / "profile.yaml";
    if (!path_is_file(file)) continue;
    // In a checkout of fognas itself that is the shipped profile: keep its name.
    std::error_code ec;
    try {
      if (fs::equivalent(resolve_profile_path(given), file, ec)) return given;
    } catch (const InputError&) {
    }
    return file.lexically_normal().string();
  }
  return given;
}

}  // namespace fognas::reader
