// Merging the shards of a sweep (merge.h).
#include "fognas/study/merge.h"

#include <fmt/format.h>

#include <filesystem>
#include <map>

#include <nlohmann/json.hpp>

#include "fognas/common/error.h"
#include "fognas/common/result_dir.h"
#include "fognas/study/sweep_output.h"
#include "fognas/study/sweep_points.h"
#include "fognas/study/sweep_tables.h"

namespace fognas::study {
namespace {

namespace fs = std::filesystem;

std::string list_of(const std::vector<size_t>& xs) {
  std::string out;
  for (size_t i = 0; i < xs.size() && i < 20; ++i) out += (i ? ", " : "") + std::to_string(xs[i]);
  return xs.size() > 20 ? out + fmt::format(" and {} more", xs.size() - 20) : out;
}

// Which shard holds each finished point; missing and duplicated points are errors.
std::map<size_t, std::string> locate_points(const std::vector<std::string>& shards, size_t total) {
  std::map<size_t, std::string> where;
  std::vector<size_t> duplicated, missing;
  for (const std::string& shard : shards)
    for (size_t i = 0; i < total; ++i)
      if (point_finished((fs::path(shard) / "points").string(), i) && !where.emplace(i, shard).second)
        duplicated.push_back(i);
  for (size_t i = 0; i < total; ++i)
    if (!where.count(i)) missing.push_back(i);
  if (!missing.empty() || !duplicated.empty())
    throw InputError("merge", fmt::format("the shards do not hold every point exactly once:{}{}",
                                          missing.empty() ? "" : fmt::format(" missing {} of {}: {}.", missing.size(), total, list_of(missing)),
                                          duplicated.empty() ? "" : fmt::format(" duplicated: {}.", list_of(duplicated))));
  return where;
}

}  // namespace

size_t merge_shards(const std::string& out, const std::vector<std::string>& shards, const std::string& command_line) {
  const nlohmann::json first = read_sweep_json(shards.front());
  for (const std::string& shard : shards)
    if (read_sweep_json(shard).value("fingerprint", "") != first.value("fingerprint", ""))
      throw InputError(shard, fmt::format("is a shard of another sweep than {}", shards.front()));
  const SweepPlan plan = plan_sweep(first.at("scenario").get<std::string>(),
                                    first.at("overrides").get<std::vector<std::string>>(), std::nullopt);
  if (plan.fingerprint != first.value("fingerprint", ""))
    throw InputError(first.at("scenario").get<std::string>(), "has changed since the shards ran; rerun them");
  const std::map<size_t, std::string> where = locate_points(shards, plan.total);
  ResultDir dir(out, "OUT", "fognas merge", ResultDir::OnFailure::Discard);
  start_sweep_folder(plan, dir.work(), false);
  for (const auto& [index, shard] : where)
    fs::copy(fs::path(shard) / "points" / point_folder_name(index), dir.work() / "points" / point_folder_name(index),
             fs::copy_options::recursive);
  finish_sweep_folder(plan, dir.work(), plan.indices, out, command_line);
  dir.commit();
  return plan.total;
}

}  // namespace fognas::study
