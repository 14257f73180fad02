#pragma once
// The scenario language: one YAML schema read by every command (evaluate,
// search, simulate). Every key is checked here, whatever the command, so a
// file written for one command is accepted by another wherever it holds what
// that command needs, and a typo is an error naming file, line and key.
// scenarios/README.md documents each key; scenario_keys() lists them.
//
// Relative paths (device profiles, data, from_search) resolve beside the
// scenario file first, then from the working directory.
#include <cstdint>
#include <utility>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fognas/cost/cost.h"
#include "fognas/cost/ble_link_budget.h"
#include "fognas/cost/buildings.h"
#include "fognas/devices/profiles.h"
#include "fognas/scenario/sweep.h"

namespace fognas {

struct ArchitectureSpec {
  std::string name;
  std::vector<int> lengths;   // input first, classes last
  std::vector<int> channels;
  std::optional<int> partition_point;            // forced; nullopt: the solver chooses
  std::optional<int> published_partition_point;  // reported beside the solver's choice
  std::string from_search;                       // the best.json it came from, if any
  // partition_point: per-link. The solver chooses for each wearable, for its
  // own link (the expected resends at its starting distance); partition_point
  // is then nullopt. Commands without links treat it as the solver's choice.
  bool per_link_partition = false;
};

struct DataSettings {
  std::string dataset = "synthetic-eeg";  // a generator name or a resolved path
  std::string dataset_where;              // file:line: key data.dataset, for messages about it
  uint64_t seed = 1;
  size_t examples_per_class = 0;          // 0: the reader's default
  std::string normalise;                  // window | recording | training-set; empty: the data set's default
  // Chosen classes: name and the reader's classes it gathers; empty: the reader's.
  std::vector<std::pair<std::string, std::vector<std::string>>> classes;
  std::string classes_where;              // file:line: key data.classes, for messages about them
  std::string split = "window";           // window | record
};

struct SearchSettings {
  std::string strategy = "joint";
  int population = 8;
  int generations = 5;
  int genes = 8;
  int tournament_size = 3;
  double crossover_rate = 0.9;
  double mutation_rate = 0.1;
  // search.successive_halving: off by default (every candidate trained fully).
  bool halving_enabled = false;
  int halving_eta = 3;         // keep the best 1/eta of a rung
  int halving_min_epochs = 1;  // epochs of the first rung
};

struct TrainingSettings {
  int epochs = 2;
  int batch_size = 32;
  double learning_rate = 1e-3;
  double dropout = 0.0;
  std::string trainer = "fast";  // "fast" or "libtorch" (the reference)
};

struct LimitsSettings {
  std::optional<double> energy_mj;  // on the scenario's energy (edge or total)
  std::optional<double> flash_kb;   // default: the MCU profile's
  std::optional<double> ram_kb;
};

enum class BatteryModel { Basic, LiIon, CoinCell };

// The wearable's battery. `basic` is an ideal store of capacity x voltage;
// `li-ion` and `coin-cell` are cells whose open-circuit voltage falls from
// full to cut-off over a discharge (mean: the nominal voltage_v) behind an
// internal resistance rising linearly with depth from
// internal_resistance_ohm to internal_resistance_empty_ohm, empty when the
// terminal voltage under load reaches the cut-off.
struct BatterySpec {
  BatteryModel model = BatteryModel::Basic;
  double capacity_mah = 225;  // a CR2032 coin cell
  double voltage_v = 3.0;     // nominal
  double full_voltage_v = 0;  // cells only: open-circuit voltage when full
  double cutoff_voltage_v = 0;
  double internal_resistance_ohm = 0, internal_resistance_empty_ohm = 0;
  // Capacity x nominal voltage: what a lifetime is extrapolated from.
  double energy_j() const { return capacity_mah * 3.6 * voltage_v; }
};
// The datasheet figures each model starts from (documented in scenarios/README.md).
BatterySpec battery_defaults(BatteryModel model);
const char* to_string(BatteryModel model);

// What `simulate` reads beyond the shared sections.
// Where the nodes are: `line` puts the fog nodes fog_spacing_m apart on a
// line and each wearable distance_m from one of them; `grid` and `uniform`
// put the fog nodes on a grid over, or uniformly in, an area of
// area_w_m x area_h_m and the wearables uniformly in it; `listed` takes both
// from the scenario. Wearables stand still or walk at random in the area.
// `buildings` puts fog nodes and wearables in the wards of buildings.
enum class Layout { Line, Grid, Uniform, Listed, Buildings };
// A ward: one room of one floor of one building (numbers from 1, as ns-3's
// buildings number them).
struct WardSpec {
  int building = 1, floor = 1, room_x = 1, room_y = 1;
};
// Where walkers walk: their ward (room), or their floor of their building.
enum class WalkWithin { Ward, Floor };

struct PlacementSettings {
  Layout layout = Layout::Line;
  double area_w_m = 0, area_h_m = 0;
  std::vector<std::pair<double, double>> fog_positions_m, wearable_positions_m;  // listed
  bool random_walk = false;
  double walk_speed_m_s = 1.0;
  // Layout buildings: the buildings, their wards (by default every room of
  // every floor), each with the same beds (one wearable each) and fog nodes;
  // the share of wearables that walk (spread evenly over the fleet) and
  // within what.
  std::vector<BuildingSpec> buildings;
  std::vector<WardSpec> wards;
  int beds_per_ward = 1, fog_nodes_per_ward = 1;
  double walking_share = 1.0;
  WalkWithin walk_within = WalkWithin::Ward;
};

// While a wearable's link is down: keep each window's tensor and send it once
// connected again, or drop the window.
// While a link is down a wearable keeps its tensors, drops its windows, or
// runs every layer itself and keeps only the result (Edge).
enum class DisconnectedPolicy { Keep, Drop, Edge };
// "keep", "drop" or "edge", as the scenario key ble.disconnected writes it.
const char* to_string(DisconnectedPolicy policy);

// A Wi-Fi transmitter beside the fleet: on for `duty_cycle` of its slots of
// `burst_ms` (drawn from the seed), on one 22 MHz channel of the 2.4 GHz band.
struct WifiInterfererSpec {
  int channel = 1;  // 1-13: 2407 + 5 x channel MHz
  double duty_cycle = 0;
  double tx_power_dbm = 20;
  double x_m = 0, y_m = 0;
  double burst_ms = 1;
};

// How a simulation spreads the architectures over the wearables: one case per
// architecture (every wearable runs it), or one case where wearable i runs
// architecture i mod N.
enum class FleetMix { ByArchitecture, Mixed };

struct SimulationSettings {
  double paper_energy_per_bit_nj = 20;  // the paper's analytic radio model
  double window_s = 4;
  double duration_s = 3600;
  double distance_m = 1;       // wearable to its fog node
  double fog_spacing_m = 50;   // between fog nodes (on a line)
  int wearables = 1;
  int fog_nodes = 1;
  int max_wearables_per_fog = 1;
  double path_loss_exponent = 3.0;
  double reference_loss_db = 40.05;  // at 1 m, 2.4 GHz free space
  uint64_t data_channel_map = (uint64_t{1} << 37) - 1;  // bit i: BLE data channel i is used
  double capture_threshold_db = 21;  // SIR below which a packet meeting interference is lost
  double body_loss_db = 0;           // fixed extra loss on every link
  double shadowing_sigma_db = 0;     // log-normal shadowing, one draw per link
  BleFading fading = BleFading::None;  // per packet
  double rician_k_db = 6;            // Rician fading's K
  // Most a packet's SINR may change by the links the simulator's
  // interference index leaves out (layout buildings).
  double interference_bound_db = 0.1;
  BatterySpec battery;

  BleChannelParams channel() const {
    return {path_loss_exponent, reference_loss_db, body_loss_db, shadowing_sigma_db, fading, rician_k_db, std::nullopt,
            std::nullopt};
  }
  bool idle_events_closed_form = true;
  bool data_events_closed_form = true;  // each data event's radio states as one shape
  // Layout buildings: groups of buildings that do not reach each other
  // simulated one after another (the same figures, a group's memory at a time).
  bool far_buildings_apart = true;
  PlacementSettings placement;
  double window_jitter_s = 0;  // each window starts up to this much late
  DisconnectedPolicy disconnected = DisconnectedPolicy::Keep;
  std::vector<WifiInterfererSpec> wifi_interferers;  // none by default
  FleetMix fleet_mix = FleetMix::ByArchitecture;
  // A folder inside the results folder for pcap captures (one file per fog
  // node); empty: no capture.
  std::string pcap_dir;
};

struct Scenario {
  std::string file;
  std::string name;
  std::string description;
  std::string out_dir;  // default results/<name>
  uint64_t seed = 1;
  std::string mcu_ref = "stm32l476rg", radio_ref = "ble-paper", fog_ref = "fog-paper";  // as resolved
  DeviceModel devices;
  std::vector<double> factors;  // default: the fog profile's own factor
  EnergyScenario energy_scenario = EnergyScenario::Total;
  LimitsSettings limits;
  std::vector<ArchitectureSpec> architectures;
  std::optional<DataSettings> data;
  SearchSettings search;  // defaults when the file has no search section
  bool has_search = false;
  TrainingSettings training;
  SimulationSettings simulation;
  std::optional<SweepSpec> sweep;  // the file's sweep section, if any
  std::string source_text;         // the file as read, and the --set overrides
  std::vector<std::string> overrides;  // applied to it (sweep points start from these)

  // The factors a single-factor command (search) runs at: throws InputError
  // naming the key when the file lists more than one.
  double single_factor() const;
  // "file: key 'k'" for messages about a key that a command needs.
  std::string where(const std::string& key) const { return file + ": key '" + key + "'"; }
};

// Reads a scenario file. `overrides` are "dotted.key=value" pairs applied to
// the document before it is read (value in YAML syntax; [a, b] for a list),
// so a command-line override is checked exactly as the file's own value.
Scenario load_scenario_file(const std::string& path, const std::vector<std::string>& overrides = {});
Scenario parse_scenario(const std::string& yaml_text, const std::string& file_name,
                        const std::vector<std::string>& overrides = {});

// One point of a scenario's sweep: the file with its overrides and the
// point's values set (checked like --set), without the sweep section.
Scenario sweep_point_scenario(const Scenario& swept, size_t index);
// The same point as a scenario file to be written into `folder`: paths that
// resolved beside the original file are made relative to that folder, and
// `out` is dropped, so the point can be rerun alone from there.
std::string sweep_point_yaml(const Scenario& swept, size_t index, const std::string& folder);
// The scenario (its --set overrides and `extra` assignments set, without sweep
// and out) as a file to be written into `folder`, paths rebased likewise.
std::string scenario_yaml_for(const Scenario& s, const std::vector<std::string>& extra, const std::string& folder);

// The value of a data.classes key: a list of class names ([N, S, V]) or a map
// from a class name to the reader classes it gathers ({seizure: [E]}).
class YamlMap;
std::vector<std::pair<std::string, std::vector<std::string>>> read_class_choice(const YamlMap& m,
                                                                                const std::string& key);

// Every key the reader accepts, as dotted paths ("architectures[].lengths").
const std::vector<std::string>& scenario_keys();

// The names of the built-in data generators (not paths).
bool is_generator_name(const std::string& dataset);

}  // namespace fognas
