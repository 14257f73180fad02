#include "fognas/data/dataset.h"

#include <fmt/format.h>

#include <algorithm>

#include "fognas/common/error.h"

namespace fognas {

std::vector<size_t> Dataset::class_counts() const {
  std::vector<size_t> counts(class_names.size(), 0);
  for (int label : labels)
    if (label >= 0 && label < classes()) ++counts[static_cast<size_t>(label)];
  return counts;
}

std::string to_string(Normalisation n) {
  switch (n) {
    case Normalisation::Window: return "window";
    case Normalisation::Recording: return "recording";
    case Normalisation::TrainingSet: return "training-set";
  }
  return "?";
}

std::optional<Normalisation> normalisation_from_string(const std::string& s) {
  for (Normalisation n : {Normalisation::Window, Normalisation::Recording, Normalisation::TrainingSet})
    if (to_string(n) == s) return n;
  return std::nullopt;
}

std::vector<ClassGroup> identity_groups(const std::vector<std::string>& source_names) {
  std::vector<ClassGroup> out;
  for (const auto& n : source_names) out.push_back({n, {n}});
  return out;
}

ClassMap resolve_classes(const std::vector<std::string>& source_names, const std::vector<ClassGroup>& chosen,
                         const std::vector<ClassGroup>& defaults, const std::string& where) {
  const std::vector<ClassGroup>& groups = chosen.empty() ? defaults : chosen;
  ClassMap m;
  m.label_of_source.assign(source_names.size(), -1);
  for (const ClassGroup& g : groups) {
    if (std::find(m.names.begin(), m.names.end(), g.name) != m.names.end())
      throw InputError(where, fmt::format("class '{}' is named twice", g.name));
    if (g.sources.empty()) throw InputError(where, fmt::format("class '{}' gathers nothing", g.name));
    for (const std::string& src : g.sources) {
      const auto it = std::find(source_names.begin(), source_names.end(), src);
      if (it == source_names.end())
        throw InputError(where, fmt::format("'{}' is not a class of this data (its classes: {})", src,
                                            fmt::join(source_names, ", ")));
      int& label = m.label_of_source[static_cast<size_t>(it - source_names.begin())];
      if (label >= 0) throw InputError(where, fmt::format("'{}' is given to more than one class", src));
      label = static_cast<int>(m.names.size());
    }
    m.names.push_back(g.name);
  }
  return m;
}

}  // namespace fognas
