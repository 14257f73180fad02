#pragma once
// The tidy tables of a sweep: each point's rows (its command's main table with
// the point index and one column per swept key in front), all points joined
// into points.csv, and, when seeds are swept, replications.csv with the mean
// and 95% confidence interval of every figure over the seeds.
#include <optional>
#include <string>
#include <vector>

#include "fognas/scenario/sweep.h"

namespace fognas::study {

// A CSV cell as a finite number; nullopt for an empty cell, text or inf/nan.
std::optional<double> csv_number(const std::string& cell);

// The value of a swept key as a CSV cell: a one-item list is its item.
std::string axis_cell(const std::string& value);

// rows.csv of point `index`: the command's main table (CSV text) with
// `point` and the swept keys' columns in front.
std::string point_rows_csv(size_t index, const std::vector<std::pair<std::string, std::string>>& assignments,
                           const std::string& main_table_csv, const std::string& main_table_name);

// Joins points/NNNN/rows.csv of the given points, in index order, into one CSV
// text; throws InputError naming a point whose header differs from the first's.
std::string join_point_rows(const std::string& points_dir, const std::vector<size_t>& indices);

// Replications over the swept seed keys (`seed`, `data.seed`): rows equal in
// every other swept key and in their position within the point form a group;
// each figure gets its mean, its 95% confidence half-width (Student t over the
// replications) and n. Empty when no seed key is swept.
std::string replications_csv(const std::string& points_csv, const SweepSpec& sweep);

// Student's t quantile for a two-sided 95% interval with `df` degrees of freedom.
double t95(int df);

// Half-width of the 95% confidence interval of the mean of `xs` (Student's
// t): 0 for fewer than two values, and exactly 0 for values all equal (not
// the rounding of their mean).
double half_width_95(const std::vector<double>& xs);

// The most frequent of `xs` (the smallest of those tied; `xs` not empty),
// for quantities chosen rather than measured, such as a partition point.
double mode_of(const std::vector<double>& xs);

// The folder name of a point: points/0007.
std::string point_folder_name(size_t index);

}  // namespace fognas::study
