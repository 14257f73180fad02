// fognas merge OUT SHARD_DIR...: joins the folders of a sweep run as shards
// (--shard i/n, e.g. a cluster job array) into one sweep folder, refusing
// shards of different sweeps and reporting missing or duplicated points.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "checked_options.h"
#include "command.h"
#include "sweep_output.h"
#include "sweep_points.h"
#include "sweep_tables.h"
#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/common/result_dir.h"

namespace fognas::cli {
namespace {

namespace fs = std::filesystem;

struct MergeArgs {
  std::string out;
  std::vector<std::string> shards;
};

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

void run(const MergeArgs& a) {
  const nlohmann::json first = read_sweep_json(a.shards.front());
  for (const std::string& shard : a.shards)
    if (read_sweep_json(shard).value("fingerprint", "") != first.value("fingerprint", ""))
      throw InputError(shard, fmt::format("is a shard of another sweep than {}", a.shards.front()));
  const SweepPlan plan = plan_sweep(first.at("scenario").get<std::string>(),
                                    first.at("overrides").get<std::vector<std::string>>(), std::nullopt);
  if (plan.fingerprint != first.value("fingerprint", ""))
    throw InputError(first.at("scenario").get<std::string>(), "has changed since the shards ran; rerun them");
  const std::map<size_t, std::string> where = locate_points(a.shards, plan.total);
  ResultDir dir(a.out, "OUT", "fognas merge", ResultDir::OnFailure::Discard);
  start_sweep_folder(plan, dir.work(), false);
  for (const auto& [index, shard] : where)
    fs::copy(fs::path(shard) / "points" / point_folder_name(index), dir.work() / "points" / point_folder_name(index),
             fs::copy_options::recursive);
  finish_sweep_folder(plan, dir.work(), plan.indices, a.out);
  dir.commit();
  std::cout << fmt::format("merge: {} points from {} shards -> {}/points.csv\n", plan.total, a.shards.size(), a.out);
}

const Command registration("merge", [](CLI::App& app) {
  auto args = std::make_shared<MergeArgs>();
  auto* cmd = app.add_subcommand("merge", "join the folders of a sweep run as shards (--shard i/n) into one");
  add_text(cmd, "out", args->out, "the merged sweep folder")->required();
  add_texts(cmd, "shards", args->shards, "the shards' folders")->required();
  cmd->callback([args] { run(*args); });
});

}  // namespace
}  // namespace fognas::cli
