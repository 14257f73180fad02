#pragma once
// The report of a validate-splits sweep (report_regret.cpp).
#include <filesystem>

#include <nlohmann/json.hpp>

#include "fognas/study/report.h"

namespace fognas::study {

// regret.{csv,md,tex} under `tables_dir` and each network's regret over the
// factor and every numeric swept axis under `figures_dir`.
ReportFiles write_regret_report(const std::filesystem::path& sweep_dir, const nlohmann::json& sweep,
                                const std::filesystem::path& tables_dir, const std::filesystem::path& figures_dir,
                                const ReportOptions& options);

}  // namespace fognas::study
