// The label registry: every column a command writes has a human label, a
// unit and a LaTeX form; the committed results hold every writer's tables,
// so each of their columns is looked up, and an unknown key fails.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "fognas/scenario/column_labels.h"

namespace fognas {
namespace {

namespace fs = std::filesystem;

TEST(ColumnLabels, KeysAreReadAsLabelUnitAndLatex) {
  const auto e = column_label("e_paper_total_sim_mj");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->label, "E_sim");
  EXPECT_EQ(e->unit, "mJ");
  EXPECT_EQ(e->latex, "$E_{\\mathrm{sim}}$");
  const auto f = column_label("e_sim_f10_mj");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->label, "E_sim (f=10)");
  EXPECT_EQ(f->unit, "mJ");
  const auto t = column_label("radio_ble_conn_interval_ms");  // a swept profile field
  ASSERT_TRUE(t);
  EXPECT_EQ(t->label, "T_conn");
  EXPECT_EQ(t->unit, "ms");
  EXPECT_EQ(column_label("resends")->unit, "");  // a count, though it ends in _s
  EXPECT_EQ(column_label("lifetime_d")->unit, "d");
  EXPECT_EQ(setting_text("radio_ble_conn_interval_ms", "7.5"), "T_conn = 7.5 ms");
  EXPECT_FALSE(column_label("no_such_quantity"));
  EXPECT_THROW(labelled_column("no_such_quantity"), std::out_of_range);
}

TEST(ColumnLabels, EveryColumnOfTheCommittedResultsHasALabel) {
  const fs::path results = fs::path(FOGNAS_SOURCE_DIR) / "results";
  if (!fs::is_directory(results)) GTEST_SKIP() << "no results/ beside the sources";
  std::set<std::string> unlabelled;
  size_t keys = 0;
  for (const auto& e : fs::recursive_directory_iterator(results)) {
    if (e.path().extension() != ".csv") continue;
    std::ifstream in(e.path());
    std::string header;
    std::getline(in, header);
    for (size_t start = 0; start <= header.size();) {
      const size_t comma = std::min(header.find(',', start), header.size());
      const std::string key = header.substr(start, comma - start);
      ++keys;
      if (!column_label(key)) unlabelled.insert(key + " (" + e.path().filename().string() + ")");
      start = comma + 1;
    }
  }
  EXPECT_GT(keys, 100u);
  for (const std::string& k : unlabelled) ADD_FAILURE() << "no label for " << k;
}

}  // namespace
}  // namespace fognas
