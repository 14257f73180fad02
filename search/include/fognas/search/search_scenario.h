#pragma once
// What the search takes from a scenario file (the one language every command
// reads, fognas/scenario/scenario.h): data, GA and training settings, limits,
// energy scenario, the fog efficiency factor and device profiles.
#include <cstdint>
#include <optional>
#include <string>

#include "fognas/data/dataset.h"
#include "fognas/data/load.h"
#include "fognas/data/split.h"
#include "fognas/search/evaluator.h"
#include "fognas/scenario/scenario.h"
#include "fognas/search/ga.h"
#include "fognas/cost/cost.h"

namespace fognas {

enum class SearchMode {
  Joint,            // the paper's method: the solver picks P for every candidate
  NoPartition,      // the whole network runs on the edge (P = L + 1)
  Sequential,       // search as NoPartition, then partition the winner
  ZeroShotParams,   // rank by #parameters, no training during the search (P as joint)
  ZeroShotFlops,    // rank by effective MACs, no training during the search (P as joint)
};

std::string to_string(SearchMode m);
// "joint" | "no-partition" | "sequential" | "zero-shot-params" | "zero-shot-flops"
SearchMode search_mode_from_string(const std::string& s);
bool is_zero_shot(SearchMode m);

struct SearchLimits {
  double energy_mj = 0;  // on the scenario's energy (edge or total)
  std::optional<double> flash_kb;  // default: the MCU profile's
  std::optional<double> ram_kb;
};

// Successive halving within a generation (off: every candidate gets
// training.epochs, the method as published). On: every new candidate is trained
// for min_epochs, the best 1/eta by V1 are trained again for eta times as many
// epochs, and so on up to training.epochs; the others keep the outcome of the
// last rung they reached.
struct HalvingSettings {
  bool enabled = false;
  int eta = 3;
  int min_epochs = 1;
};

struct SearchScenario {
  std::string file;
  std::string name;
  std::string out_dir;  // the scenario's out (default results/<name>)
  std::string dataset = "synthetic-eeg";  // synthetic-eeg | synthetic-ecg | a path
  std::string dataset_where = "data.dataset";  // where it was given, for messages
  uint64_t data_seed = 1;
  size_t examples_per_class = 0;  // 0: the reader's default
  std::optional<Normalisation> normalisation;  // nullopt: the data set's default
  std::vector<ClassGroup> classes;             // empty: the reader's classes
  std::string classes_where = "data.classes";
  SplitUnit split = SplitUnit::Window;
  uint64_t seed = 1;
  SearchMode mode = SearchMode::Joint;
  GaSettings ga;
  HalvingSettings halving;
  TrainSettings training;
  SearchLimits limits;
  EnergyScenario energy_scenario = EnergyScenario::Edge;
  std::optional<double> efficiency_factor;  // default: the fog profile's
  std::string mcu = "stm32l476rg";
  std::string radio = "ble-paper";
  std::string fog = "fog-paper";
  DeviceModel devices;  // the profiles as resolved, with the scenario's own fields set

  PartitionOptions partition_options() const;
  // How to load the data: seed, size, normalisation and classes.
  DataOptions data_options() const;
  // Everything that decides the result, as text: a checkpoint made under other
  // settings is refused on --resume.
  std::string fingerprint() const;
};

// What `search` takes from a scenario: it needs a data section and
// limits.energy_mj, and runs at one fog efficiency factor.
SearchScenario search_scenario_from(const Scenario& scenario);
SearchScenario load_search_scenario(const std::string& path, const std::vector<std::string>& overrides = {});
SearchScenario parse_search_scenario(const std::string& yaml_text, const std::string& file_name,
                                     const std::vector<std::string>& overrides = {});

}  // namespace fognas
