#pragma once
// The folder of a sweep: sweep.json (what was swept, which points this folder
// holds), points/NNNN/ (one finished point each: its scenario.yaml, its
// command's reports and rows.csv), and, once every point is there, points.csv
// (and replications.csv) beside them.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fognas/study/sweep_points.h"

namespace fognas::study {

nlohmann::json sweep_json(const SweepPlan& plan);

// FOLDER/sweep.json as written by a sweep; InputError naming the folder when
// it is missing and the file when it is not JSON.
nlohmann::json read_sweep_json(const std::filesystem::path& folder);

// Writes sweep.json into `work` and creates points/. With `resume`, a
// sweep.json already there must describe the same sweep (InputError if not).
void start_sweep_folder(const SweepPlan& plan, const std::filesystem::path& work, bool resume);

// A point packed by a rank (folder_bytes.h) placed as points/NNNN, atomically,
// with its scenario.yaml written for where it now lies.
void receive_point(const SweepPlan& plan, size_t index, const std::string& bytes, const std::string& points_dir);

// points.csv (and replications.csv) from points/NNNN/rows.csv of `indices`,
// then manifest.json (recording `command_line`, the command as run).
void finish_sweep_folder(const SweepPlan& plan, const std::filesystem::path& work, const std::vector<size_t>& indices,
                         const std::string& out, const std::string& command_line);

}  // namespace fognas::study
