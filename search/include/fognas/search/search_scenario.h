#pragma once
// A search scenario file (scenarios/*.yaml): data, GA and training settings,
// limits, energy scenario and device profiles. Read strictly: unknown keys are
// errors naming file, line and key.
#include <cstdint>
#include <optional>
#include <string>

#include "fognas/search/evaluator.h"
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

struct SearchScenario {
  std::string file;
  std::string name;
  std::string dataset = "synthetic-eeg";  // synthetic-eeg | synthetic-ecg | a path
  uint64_t data_seed = 1;
  size_t examples_per_class = 0;  // 0: the reader's default
  uint64_t seed = 1;
  SearchMode mode = SearchMode::Joint;
  GaSettings ga;
  TrainSettings training;
  SearchLimits limits;
  EnergyScenario energy_scenario = EnergyScenario::Edge;
  std::optional<double> fog_factor;  // default: the fog profile's
  std::string mcu = "stm32l476rg";
  std::string radio = "ble-paper";
  std::string fog = "fog-paper";

  PartitionOptions partition_options() const;
  // Everything that decides the result, as text: a checkpoint made under other
  // settings is refused on --resume.
  std::string fingerprint() const;
};

SearchScenario load_search_scenario(const std::string& path);
SearchScenario parse_search_scenario(const std::string& yaml_text, const std::string& file_name);

}  // namespace fognas
