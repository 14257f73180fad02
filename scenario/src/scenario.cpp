// The one reader of the scenario language. Each section has its own small
// function; every key is listed once in kKeys, which both restricts what the
// reader accepts (allow_only) and is what scenarios/README.md must document.
#include "fognas/scenario/scenario.h"

#include <fmt/format.h>

#include <cctype>

#include <cmath>
#include <filesystem>
#include <limits>
#include <memory>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/common/json_strict.h"
#include "fognas/common/yaml.h"
#include "fognas/devices/profile_io.h"
#include "readers.h"

namespace fognas {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kKeys = {
    "name", "description", "seed", "out", "factors", "paper_energy_per_bit_nj",
    "window_s", "duration_s", "distance_m", "fog_spacing_m", "wearables", "fog_nodes", "max_wearables_per_fog",
    "idle_events", "fleet_mix",
    "devices.mcu", "devices.radio", "devices.fog",
    "energy.scenario",
    "limits.energy_mj", "limits.flash_kb", "limits.ram_kb",
    "architectures[].name", "architectures[].lengths", "architectures[].channels", "architectures[].from_search",
    "architectures[].partition_point", "architectures[].published_partition_point",
    "data.dataset", "data.seed", "data.examples_per_class", "data.normalise", "data.classes", "data.split",
    "search.strategy", "search.population", "search.generations", "search.genes", "search.tournament_size",
    "search.crossover_rate", "search.mutation_rate",
    "search.successive_halving.enabled", "search.successive_halving.eta", "search.successive_halving.min_epochs",
    "training.epochs", "training.batch_size", "training.learning_rate", "training.dropout",
    "training.trainer",
    "window_jitter_s", "placement.layout", "placement.area_m", "placement.fog_positions_m",
    "placement.wearable_positions_m", "placement.mobility", "placement.walk_speed_m_s",
    "channel.path_loss_exponent", "channel.reference_loss_db", "channel.data_channels", "channel.capture_threshold_db",
    "channel.body_loss_db", "channel.shadowing_sigma_db",
    "channel.fading", "channel.rician_k_db",
    "ble.disconnected", "ble.wifi_interferers[].channel", "ble.wifi_interferers[].duty_cycle",
    "ble.wifi_interferers[].tx_power_dbm", "ble.wifi_interferers[].position_m", "ble.wifi_interferers[].burst_ms",
    "battery.model", "battery.capacity_mah", "battery.voltage_v", "battery.full_voltage_v",
    "battery.cutoff_voltage_v", "battery.internal_resistance_ohm", "battery.internal_resistance_empty_ohm",
    // Fields of the chosen profiles, set for this scenario (checked by the profile reader).
    "mcu.*", "radio.*", "fog.*",
    "sweep.command", "sweep.mode", "sweep.axes.*",
};

// The keys directly under `section` ("" for the top level, "architectures[]"
// for an item of that list); a section's own name counts at its parent.
std::vector<std::string> keys_in(const std::string& section) {
  std::vector<std::string> out;
  const std::string prefix = section.empty() ? "" : section + ".";
  for (const std::string& k : kKeys) {
    if (k.compare(0, prefix.size(), prefix) != 0) continue;
    std::string rest = k.substr(prefix.size());
    rest = rest.substr(0, rest.find('.'));
    if (rest.size() > 2 && rest.compare(rest.size() - 2, 2, "[]") == 0) rest.resize(rest.size() - 2);
    if (std::find(out.begin(), out.end(), rest) == out.end()) out.push_back(rest);
  }
  return out;
}

// ------------------------------------------------------------ checked values

double finite_in(const YamlMap& m, const std::string& key, double fallback, double lo, double hi,
                 bool lo_open = false) {
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

// ------------------------------------------------------------ sections

void read_devices(const YamlMap& root, Scenario& s) {
  if (root.has("devices")) {
    YamlMap d = root.map("devices");
    d.allow_only(keys_in("devices"));
    auto profile = [&d](const char* key, const std::string& fallback) {
      const std::string v = d.text(key, fallback);
      if (v.empty()) throw InputError(d.where(key), "must name a profile (a name under devices/ or a YAML path)");
      return v;
    };
    s.mcu_ref = resolve_beside(s.file, profile("mcu", s.mcu_ref));
    s.radio_ref = resolve_beside(s.file, profile("radio", s.radio_ref));
    s.fog_ref = resolve_beside(s.file, profile("fog", s.fog_ref));
    d.reject_unknown_keys();
  }
  s.devices.mcu = profile_with_fields(root, "mcu", s.mcu_ref, load_mcu_profile, parse_mcu_profile);
  s.devices.radio = profile_with_fields(root, "radio", s.radio_ref, load_radio_profile, parse_radio_profile);
  s.devices.fog = profile_with_fields(root, "fog", s.fog_ref, load_fog_profile, parse_fog_profile);
}

void read_energy(const YamlMap& root, Scenario& s) {
  if (root.has("factors")) {
    s.factors = root.numbers("factors");
    if (s.factors.empty()) throw InputError(root.where("factors"), "give at least one factor");
    for (double f : s.factors)
      if (!(f >= 1e-6) || f > 1e6 || !std::isfinite(fog_at_factor(s.devices.mcu, s.devices.fog, f).busy_power_mw))
        throw InputError(root.where("factors"), fmt::format("each factor must be >= 1e-6 and <= 1e6, got {}", f));
  } else {
    s.factors = {implied_efficiency_factor(s.devices.mcu, s.devices.fog)};
  }
  if (root.has("energy")) {
    YamlMap e = root.map("energy");
    e.allow_only(keys_in("energy"));
    s.energy_scenario = energy_scenario_from_string(one_of(e, "scenario", "total", {"edge", "total"}));
    e.reject_unknown_keys();
  }
  s.simulation.paper_energy_per_bit_nj = positive(root, "paper_energy_per_bit_nj", 20, 1e6);
}

void read_limits(const YamlMap& root, Scenario& s) {
  if (!root.has("limits")) return;
  YamlMap l = root.map("limits");
  l.allow_only(keys_in("limits"));
  auto optional_positive = [&l](const char* key, double hi) -> std::optional<double> {
    if (!l.has(key)) return std::nullopt;
    return positive(l, key, 0, hi);
  };
  s.limits.energy_mj = optional_positive("energy_mj", 1e6);
  s.limits.flash_kb = optional_positive("flash_kb", 1e9);
  s.limits.ram_kb = optional_positive("ram_kb", 1e9);
  l.reject_unknown_keys();
}

// The network and partition point a search chose (its best.json).
void read_search_result(const std::string& best_json, const std::string& where, ArchitectureSpec& arch) {
  if (!path_is_file(best_json)) throw InputError(where, fmt::format("no such search result '{}'", best_json));
  try {
    const nlohmann::json j = nlohmann::json::parse(read_file(best_json));
    arch.lengths = json_int_list_at(j, "lengths");
    arch.channels = json_int_list_at(j, "channels");
    arch.partition_point = json_integer_at<int>(j, "partition_point");
  } catch (const nlohmann::json::exception& e) {
    throw InputError(best_json, fmt::format("not a search result (best.json): {}", e.what()));
  } catch (const std::invalid_argument& e) {
    throw InputError(best_json, fmt::format("not a search result (best.json): {}", e.what()));
  }
  arch.from_search = best_json;
}

std::optional<int> point_within(const YamlMap& a, const std::string& key, int layers) {
  if (!a.has(key)) return std::nullopt;
  return static_cast<int>(integer_in(a, key, 1, 1, layers + 1));
}

ArchitectureSpec read_architecture(const YamlMap& a, const std::string& scenario_file) {
  a.allow_only(keys_in("architectures[]"));
  ArchitectureSpec arch;
  arch.name = a.text("name");
  if (a.has("from_search")) {
    if (a.has("lengths") || a.has("channels"))
      throw InputError(a.where("from_search"), "give either from_search or lengths and channels, not both");
    read_search_result(resolve_beside(scenario_file, a.text("from_search")), a.where("from_search"), arch);
  } else {
    arch.lengths = a.integers("lengths");
    arch.channels = a.integers("channels");
  }
  int layers = 0;
  try {
    layers = Network::from_shape(arch.lengths, arch.channels).layer_count();
  } catch (const std::invalid_argument& e) {
    throw InputError(a.where(a.has("from_search") ? "from_search" : "lengths"), e.what());
  }
  if (arch.partition_point && (*arch.partition_point < 1 || *arch.partition_point > layers + 1))
    throw InputError(arch.from_search, fmt::format("partition_point {} is outside 1..{} for its {} layers",
                                                   *arch.partition_point, layers + 1, layers));
  // `solver` lets the solver choose even for a search's network (whose
  // best.json names the point the search chose).
  const std::string chosen_by =
      a.has("partition_point") && a.raw("partition_point").IsScalar() ? a.raw("partition_point").Scalar() : "";
  if (chosen_by == "solver" || chosen_by == "per-link") {
    arch.partition_point.reset();
    arch.per_link_partition = chosen_by == "per-link";
  }
  else if (auto p = point_within(a, "partition_point", layers))
    arch.partition_point = p;
  arch.published_partition_point = point_within(a, "published_partition_point", layers);
  a.reject_unknown_keys();
  return arch;
}

void read_architectures(const YamlMap& root, Scenario& s) {
  if (!root.has("architectures")) return;
  std::set<std::string> names;
  for (const YamlMap& a : root.maps("architectures")) {
    s.architectures.push_back(read_architecture(a, s.file));
    if (!names.insert(s.architectures.back().name).second)
      throw InputError(a.where("name"), fmt::format("architecture '{}' appears twice", s.architectures.back().name));
  }
  if (s.architectures.empty()) throw InputError(root.where("architectures"), "give at least one architecture");
}

}  // namespace

// Whether the names exist is for the data reader to say, with this key's
// location: they depend on the data set.

std::vector<std::pair<std::string, std::vector<std::string>>> read_class_choice(const YamlMap& d,
                                                                                const std::string& key) {
  const YAML::Node node = d.raw(key);
  const std::string where = d.where(key);
  auto name_of = [&where](const YAML::Node& n) {
    if (!n.IsScalar() || n.Scalar().empty()) throw InputError(where, "class names must be non-empty text");
    return n.Scalar();
  };
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  if (node.IsSequence()) {
    for (const auto& item : node) out.push_back({name_of(item), {name_of(item)}});
  } else if (node.IsMap()) {
    for (const auto& kv : node) {
      std::vector<std::string> sources;
      if (kv.second.IsSequence())
        for (const auto& item : kv.second) sources.push_back(name_of(item));
      else
        sources.push_back(name_of(kv.second));
      out.push_back({name_of(kv.first), sources});
    }
  } else {
    throw InputError(where, "give a list of class names ([N, S, V]) or a map of classes ({seizure: [E], ...})");
  }
  if (out.empty()) throw InputError(where, "give at least one class");
  return out;
}

namespace {

void read_data(const YamlMap& root, Scenario& s) {
  if (!root.has("data")) return;
  YamlMap d = root.map("data");
  d.allow_only(keys_in("data"));
  DataSettings data;
  data.dataset = d.text("dataset");
  if (data.dataset.empty()) throw InputError(d.where("dataset"), "must name a generator or a path");
  if (!is_generator_name(data.dataset)) data.dataset = resolve_beside(s.file, data.dataset);
  data.dataset_where = d.where("dataset");
  data.seed = seed_of(d, "seed");
  data.examples_per_class = static_cast<size_t>(integer_in(d, "examples_per_class", 0, 0, 1000000));
  if (d.has("normalise")) data.normalise = one_of(d, "normalise", "", {"window", "recording", "training-set"});
  if (d.has("classes")) {
    data.classes = read_class_choice(d, "classes");
    data.classes_where = d.where("classes");
  }
  data.split = one_of(d, "split", data.split, {"window", "record"});
  d.reject_unknown_keys();
  s.data = data;
}

// Read after the training section: min_epochs is bounded by training.epochs.
void read_successive_halving(const YamlMap& h, int epochs, SearchSettings& q) {
  h.allow_only(keys_in("search.successive_halving"));
  q.halving_enabled = h.flag("enabled", q.halving_enabled);
  q.halving_eta = static_cast<int>(integer_in(h, "eta", q.halving_eta, 2, 1000));
  q.halving_min_epochs = static_cast<int>(integer_in(h, "min_epochs", q.halving_min_epochs, 1, 100000));
  if (q.halving_min_epochs > epochs)
    throw InputError(h.where("min_epochs"), fmt::format("must not exceed training.epochs ({}), got {}", epochs,
                                                        q.halving_min_epochs));
  h.reject_unknown_keys();
}

void read_search(const YamlMap& root, Scenario& s) {
  if (!root.has("search")) return;
  YamlMap g = root.map("search");
  g.allow_only(keys_in("search"));
  SearchSettings& q = s.search;
  q.strategy = one_of(g, "strategy", q.strategy,
                      {"joint", "no-partition", "sequential", "zero-shot-params", "zero-shot-flops"});
  q.population = static_cast<int>(integer_in(g, "population", q.population, 2, 100000));
  q.generations = static_cast<int>(integer_in(g, "generations", q.generations, 1, 100000));
  q.genes = static_cast<int>(integer_in(g, "genes", q.genes, 1, 64));
  q.tournament_size = static_cast<int>(integer_in(g, "tournament_size", q.tournament_size, 1, 100000));
  q.crossover_rate = finite_in(g, "crossover_rate", q.crossover_rate, 0, 1);
  q.mutation_rate = finite_in(g, "mutation_rate", q.mutation_rate, 0, 1);
  if (g.has("successive_halving")) read_successive_halving(g.map("successive_halving"), s.training.epochs, q);
  g.reject_unknown_keys();
  s.has_search = true;
}

void read_training(const YamlMap& root, Scenario& s) {
  if (!root.has("training")) return;
  YamlMap t = root.map("training");
  t.allow_only(keys_in("training"));
  TrainingSettings& q = s.training;
  q.epochs = static_cast<int>(integer_in(t, "epochs", q.epochs, 1, 100000));
  q.batch_size = static_cast<int>(integer_in(t, "batch_size", q.batch_size, 1, 1000000));
  q.learning_rate = positive(t, "learning_rate", q.learning_rate, 10);
  q.dropout = finite_in(t, "dropout", q.dropout, 0, 1);
  if (q.dropout >= 1) throw InputError(t.where("dropout"), "must be below 1");
  q.trainer = one_of(t, "trainer", q.trainer, {"fast", "libtorch"});
  t.reject_unknown_keys();
}

// [[x, y], ...] in metres, each inside the area, exactly `count` of them.
std::vector<std::pair<double, double>> positions_in_area(const YamlMap& p, const std::string& key, size_t count,
                                                         double w, double h) {
  const YAML::Node list = p.raw(key);
  if (!list.IsSequence()) throw InputError(p.where(key), "must be a list of [x, y] positions in metres");
  std::vector<std::pair<double, double>> out;
  for (const auto& item : list) {
    double x = std::nan(""), y = std::nan("");
    try {
      if (item.IsSequence() && item.size() == 2) x = item[0].as<double>(), y = item[1].as<double>();
    } catch (const YAML::Exception&) {
    }
    if (!std::isfinite(x) || !std::isfinite(y))
      throw InputError(p.where(key), fmt::format("item {} is not an [x, y] pair of numbers", out.size()));
    if (x < 0 || x > w || y < 0 || y > h)
      throw InputError(p.where(key), fmt::format("position [{}, {}] lies outside the {} m x {} m area", x, y, w, h));
    out.emplace_back(x, y);
  }
  if (out.size() != count)
    throw InputError(p.where(key), fmt::format("lists {} positions for {} nodes", out.size(), count));
  return out;
}

void read_placement(const YamlMap& p, SimulationSettings& q) {
  p.allow_only(keys_in("placement"));
  PlacementSettings& s = q.placement;
  const std::string layout = one_of(p, "layout", "line", {"line", "grid", "uniform", "listed"});
  s.layout = layout == "line" ? Layout::Line : layout == "grid" ? Layout::Grid
           : layout == "uniform" ? Layout::Uniform : Layout::Listed;
  if (p.has("area_m")) {
    const std::vector<double> area = p.numbers("area_m");
    if (area.size() != 2 || !(area[0] > 0 && area[0] <= 1e5) || !(area[1] > 0 && area[1] <= 1e5))
      throw InputError(p.where("area_m"), "must be [width, height], each > 0 and <= 1e5 m");
    s.area_w_m = area[0], s.area_h_m = area[1];
  } else if (s.layout != Layout::Line) {
    throw InputError(p.where("layout"), fmt::format("layout '{}' needs placement.area_m", layout));
  }
  for (const char* key : {"fog_positions_m", "wearable_positions_m"})
    if (p.has(key) && s.layout != Layout::Listed)
      throw InputError(p.where(key), fmt::format("positions are read with layout listed, not '{}'", layout));
  if (s.layout == Layout::Listed) {
    s.fog_positions_m = positions_in_area(p, "fog_positions_m", static_cast<size_t>(q.fog_nodes), s.area_w_m, s.area_h_m);
    s.wearable_positions_m =
        positions_in_area(p, "wearable_positions_m", static_cast<size_t>(q.wearables), s.area_w_m, s.area_h_m);
  }
  s.random_walk = one_of(p, "mobility", "static", {"static", "random-walk"}) == "random-walk";
  if (s.random_walk && s.layout == Layout::Line)
    throw InputError(p.where("mobility"), "random-walk needs an area: a layout other than line");
  s.walk_speed_m_s = positive(p, "walk_speed_m_s", s.walk_speed_m_s, 10);
  p.reject_unknown_keys();
}

void read_fleet(const YamlMap& root, SimulationSettings& q) {
  q.window_s = finite_in(root, "window_s", q.window_s, 0.0075, 86400);  // one connection interval .. a day
  q.duration_s = finite_in(root, "duration_s", q.duration_s, 0, 366.0 * 86400.0, true);  // ns-3 counts ns
  if (q.duration_s < q.window_s) throw InputError(root.where("duration_s"), "must be at least one window");
  q.distance_m = positive(root, "distance_m", q.distance_m, 1000);
  q.fog_spacing_m = positive(root, "fog_spacing_m", q.fog_spacing_m, 1e5);
  q.wearables = static_cast<int>(integer_in(root, "wearables", q.wearables, 1, 10000));
  q.fog_nodes = static_cast<int>(integer_in(root, "fog_nodes", q.fog_nodes, 1, 1000));
  q.max_wearables_per_fog = static_cast<int>(integer_in(root, "max_wearables_per_fog", q.max_wearables_per_fog, 1, 64));
  if (q.wearables > q.fog_nodes * q.max_wearables_per_fog)
    throw InputError(root.where("wearables"), fmt::format("{} wearables but {} fog nodes x {} wearables each",
                                                          q.wearables, q.fog_nodes, q.max_wearables_per_fog));
  q.idle_events_closed_form = one_of(root, "idle_events", "closed-form", {"closed-form", "simulated"}) == "closed-form";
  q.window_jitter_s = finite_in(root, "window_jitter_s", q.window_jitter_s, 0, 86400);
  if (q.window_jitter_s >= q.window_s)
    throw InputError(root.where("window_jitter_s"), fmt::format("must be below one window ({} s)", q.window_s));
  if (root.has("placement")) read_placement(root.map("placement"), q);
  q.fleet_mix = one_of(root, "fleet_mix", "by-architecture", {"by-architecture", "mixed"}) == "mixed"
                    ? FleetMix::Mixed
                    : FleetMix::ByArchitecture;
}

// A mixed fleet gives every architecture at least one wearable.
void check_fleet_mix(const YamlMap& root, const Scenario& s) {
  const auto n = s.architectures.size();
  if (s.simulation.fleet_mix == FleetMix::Mixed && static_cast<size_t>(s.simulation.wearables) < n)
    throw InputError(root.where("fleet_mix"), fmt::format("mixed puts {} architectures on {} wearables: give at "
                                                          "least one wearable per architecture",
                                                          n, s.simulation.wearables));
}

// The BLE data channels a link may hop on (0-36), as a bit map; channel
// selection needs at least two.
uint64_t data_channel_map(const YamlMap& c, const std::string& key) {
  uint64_t map = 0;
  for (double v : c.numbers(key)) {
    if (v != std::floor(v) || v < 0 || v > 36)
      throw InputError(c.where(key), fmt::format("data channels are integers 0 ... 36, got {}", v));
    const uint64_t bit = uint64_t{1} << static_cast<int>(v);
    if (map & bit) throw InputError(c.where(key), fmt::format("channel {} is listed twice", v));
    map |= bit;
  }
  if (__builtin_popcountll(map) < 2)
    throw InputError(c.where(key), "needs at least two data channels to hop on");
  return map;
}

// The battery: its model's datasheet figures, then what the scenario sets.
// A cell needs cut-off < nominal < full voltage (its curve falls from full to
// cut-off with the nominal voltage as its mean).
void read_battery(YamlMap b, BatterySpec& battery) {
  b.allow_only(keys_in("battery"));
  const std::string model = one_of(b, "model", to_string(battery.model), {"basic", "li-ion", "coin-cell"});
  BatterySpec out = battery_defaults(model == "basic" ? BatteryModel::Basic
                                     : model == "li-ion" ? BatteryModel::LiIon
                                                         : BatteryModel::CoinCell);
  if (out.model == battery.model) out = battery;  // keep figures set before (a scenario, then --set)
  out.capacity_mah = positive(b, "capacity_mah", out.capacity_mah, 1e6);
  out.voltage_v = positive(b, "voltage_v", out.voltage_v, 100);
  const std::vector<std::string> cell_keys = {"full_voltage_v", "cutoff_voltage_v", "internal_resistance_ohm",
                                              "internal_resistance_empty_ohm"};
  if (out.model == BatteryModel::Basic) {
    for (const std::string& k : cell_keys)
      if (b.has(k)) throw InputError(b.where(k), "only with model: li-ion or coin-cell (basic is an ideal store)");
  } else {
    out.full_voltage_v = positive(b, "full_voltage_v", out.full_voltage_v, 100);
    out.cutoff_voltage_v = positive(b, "cutoff_voltage_v", out.cutoff_voltage_v, 100);
    out.internal_resistance_ohm = finite_in(b, "internal_resistance_ohm", out.internal_resistance_ohm, 0, 1e4);
    out.internal_resistance_empty_ohm =
        finite_in(b, "internal_resistance_empty_ohm", out.internal_resistance_empty_ohm, 0, 1e4);
    if (out.cutoff_voltage_v >= out.voltage_v)
      throw InputError(b.where(b.has("cutoff_voltage_v") ? "cutoff_voltage_v" : "voltage_v"),
                       fmt::format("the cut-off ({} V) must lie below the nominal voltage ({} V)",
                                   out.cutoff_voltage_v, out.voltage_v));
    if (out.voltage_v >= out.full_voltage_v)
      throw InputError(b.where(b.has("full_voltage_v") ? "full_voltage_v" : "voltage_v"),
                       fmt::format("the full voltage ({} V) must lie above the nominal voltage ({} V)",
                                   out.full_voltage_v, out.voltage_v));
  }
  b.reject_unknown_keys();
  battery = out;
}

// One Wi-Fi transmitter: its channel, duty cycle and place are required.
WifiInterfererSpec read_wifi_interferer(const YamlMap& w) {
  w.allow_only(keys_in("ble.wifi_interferers[]"));
  WifiInterfererSpec out;
  out.channel = static_cast<int>(integer_in(w, "channel", w.integer("channel"), 1, 13));
  out.duty_cycle = finite_in(w, "duty_cycle", w.number("duty_cycle"), 0, 1);
  out.tx_power_dbm = finite_in(w, "tx_power_dbm", out.tx_power_dbm, -30, 40);
  const std::vector<double> at = w.numbers("position_m");
  if (at.size() != 2 || std::fabs(at[0]) > 1e5 || std::fabs(at[1]) > 1e5)
    throw InputError(w.where("position_m"), "must be [x, y] in metres, each within -1e5 ... 1e5");
  out.x_m = at[0], out.y_m = at[1];
  out.burst_ms = finite_in(w, "burst_ms", out.burst_ms, 0.05, 1000);
  w.reject_unknown_keys();
  return out;
}

// What a wearable does with a window's tensor while its link is down, and
// what else is on the air.
void read_ble(const YamlMap& root, SimulationSettings& q) {
  if (!root.has("ble")) return;
  YamlMap b = root.map("ble");
  b.allow_only(keys_in("ble"));
  const std::string disconnected = one_of(b, "disconnected", "keep", {"keep", "drop", "edge"});
  q.disconnected = disconnected == "keep"   ? DisconnectedPolicy::Keep
                   : disconnected == "drop" ? DisconnectedPolicy::Drop
                                            : DisconnectedPolicy::Edge;
  if (b.has("wifi_interferers")) {
    const YAML::Node list = b.raw("wifi_interferers");
    if (list.IsSequence() && list.size() > 64) throw InputError(b.where("wifi_interferers"), "at most 64 interferers");
    q.wifi_interferers.clear();
    for (const YamlMap& w : b.maps("wifi_interferers")) q.wifi_interferers.push_back(read_wifi_interferer(w));
  }
  b.reject_unknown_keys();
}

void read_channel_and_battery(const YamlMap& root, SimulationSettings& q) {
  if (root.has("channel")) {
    YamlMap c = root.map("channel");
    c.allow_only(keys_in("channel"));
    q.path_loss_exponent = finite_in(c, "path_loss_exponent", q.path_loss_exponent, 1, 8);
    q.reference_loss_db = finite_in(c, "reference_loss_db", q.reference_loss_db, 0, 200);
    if (c.has("data_channels")) q.data_channel_map = data_channel_map(c, "data_channels");
    q.capture_threshold_db = finite_in(c, "capture_threshold_db", q.capture_threshold_db, -20, 60);
    q.body_loss_db = finite_in(c, "body_loss_db", q.body_loss_db, 0, 100);
    q.shadowing_sigma_db = finite_in(c, "shadowing_sigma_db", q.shadowing_sigma_db, 0, 20);
    q.fading = ble_fading_from_string(one_of(c, "fading", to_string(q.fading), {"none", "rayleigh", "rician"}));
    if (c.has("rician_k_db") && q.fading != BleFading::Rician)
      throw InputError(c.where("rician_k_db"), "only with fading: rician");
    q.rician_k_db = finite_in(c, "rician_k_db", q.rician_k_db, -20, 40);
    c.reject_unknown_keys();
  }
  if (root.has("battery")) read_battery(root.map("battery"), q.battery);
}

// ------------------------------------------------------------ overrides

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

}  // namespace

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

const std::vector<std::string>& scenario_keys() { return kKeys; }

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
  check_fleet_mix(root, s);
  read_channel_and_battery(root, s.simulation);
  read_ble(root, s.simulation);
  if (root.has("sweep")) s.sweep = read_sweep(root, kKeys);
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


BatterySpec battery_defaults(BatteryModel model) {
  BatterySpec b;
  b.model = model;
  if (model == BatteryModel::CoinCell) {
    // CR2032 (IEC 60086, makers' datasheets): 225 mAh to 2.0 V, 3.0 V nominal,
    // about 3.2 V fresh, 10-40 Ohm rising as it empties.
    b.capacity_mah = 225, b.voltage_v = 3.0, b.full_voltage_v = 3.2, b.cutoff_voltage_v = 2.0;
    b.internal_resistance_ohm = 15, b.internal_resistance_empty_ohm = 30;
  } else if (model == BatteryModel::LiIon) {
    // A small lithium-polymer pouch cell's datasheet: 80 mAh at 0.2 C,
    // 3.7 V nominal, 4.2 V charged, 2.75 V end, at most 0.43 Ohm.
    b.capacity_mah = 80, b.voltage_v = 3.7, b.full_voltage_v = 4.2, b.cutoff_voltage_v = 2.75;
    b.internal_resistance_ohm = 0.43, b.internal_resistance_empty_ohm = 0.43;
  }
  return b;
}

const char* to_string(BatteryModel model) {
  return model == BatteryModel::Basic ? "basic" : model == BatteryModel::LiIon ? "li-ion" : "coin-cell";
}

const char* to_string(DisconnectedPolicy policy) {
  return policy == DisconnectedPolicy::Keep ? "keep" : policy == DisconnectedPolicy::Drop ? "drop" : "edge";
}

}  // namespace fognas
