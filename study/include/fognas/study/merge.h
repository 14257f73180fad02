#pragma once
// Joining the folders of a sweep run as shards (--shard i/n, e.g. a cluster job
// array) into one sweep folder, refusing shards of different sweeps and
// naming missing or duplicated points.
#include <string>
#include <vector>

namespace fognas::study {

// Writes the merged sweep folder `out` from `shards` (each a sweep folder);
// returns the number of points it holds. InputError for shards that do not
// hold one sweep's points exactly once.
size_t merge_shards(const std::string& out, const std::vector<std::string>& shards, const std::string& command_line);

}  // namespace fognas::study
