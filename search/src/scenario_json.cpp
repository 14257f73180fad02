#include "fognas/search/scenario_json.h"

#include "fognas/common/manifest.h"

namespace fognas {
namespace {

template <typename T>
nlohmann::json optional_json(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

void to_json(nlohmann::json& j, const FactorStudySpec& s) {
  nlohmann::json archs = nlohmann::json::array();
  for (const auto& a : s.architectures)
    archs.push_back({{"name", a.name},
                     {"lengths", a.network.lengths},
                     {"channels", a.network.channels},
                     {"partition_point", optional_json(a.published_point)}});
  j = {{"name", s.name},
       {"file", manifest_path(s.file)},
       {"description", s.description},
       {"devices", {{"mcu", s.mcu}, {"radio", s.radio}, {"fog", s.fog}}},
       {"factors", s.factors},
       {"architectures", archs},
       {"out", s.out_dir}};
}

static nlohmann::json classes_json(const std::vector<ClassGroup>& classes) {
  nlohmann::json j = nlohmann::json::object();  // empty: the reader's own classes
  for (const ClassGroup& g : classes) j[g.name] = g.sources;
  return j;
}

void to_json(nlohmann::json& j, const SearchScenario& s) {
  j = {{"name", s.name},
       {"file", manifest_path(s.file)},
       {"dataset", s.dataset},
       {"data_seed", s.data_seed},
       {"examples_per_class", s.examples_per_class},
       {"normalise", s.normalisation ? to_string(*s.normalisation) : std::string("default")},
       {"classes", classes_json(s.classes)},
       {"split", to_string(s.split)},
       {"seed", s.seed},
       {"mode", to_string(s.mode)},
       {"ga",
        {{"population", s.ga.population},
         {"generations", s.ga.generations},
         {"genes", s.ga.genes},
         {"tournament_size", s.ga.tournament_size},
         {"crossover_rate", s.ga.crossover_rate},
         {"mutation_rate", s.ga.mutation_rate}}},
       {"successive_halving",
        {{"enabled", s.halving.enabled}, {"eta", s.halving.eta}, {"min_epochs", s.halving.min_epochs}}},
       {"training",
        {{"epochs", s.training.epochs},
         {"batch_size", s.training.batch_size},
         {"learning_rate", s.training.learning_rate},
         {"dropout", s.training.dropout},
         {"trainer", to_string(s.training.trainer)}}},
       {"limits",
        {{"energy_mj", s.limits.energy_mj},
         {"flash_kb", optional_json(s.limits.flash_kb)},
         {"ram_kb", optional_json(s.limits.ram_kb)}}},
       {"energy_scenario", to_string(s.energy_scenario)},
       {"efficiency_factor", optional_json(s.efficiency_factor)},
       {"devices", {{"mcu", s.mcu}, {"radio", s.radio}, {"fog", s.fog}}}};
}

}  // namespace fognas
