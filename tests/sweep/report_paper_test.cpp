// report --paper: the committed paper-sweep and demo study reports, put in a
// two-column IEEE paper and compiled with pdflatex, fit (no box more than
// 1 pt over its column; every column figure at most 3.6 in wide, read back
// with pdfinfo); a table that cannot fit fails the report with exit 4,
// naming it. Skipped where pdflatex is not installed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "fognas/study/report_paper.h"
#include "fognas/testing/run_fognas.h"

namespace fognas {
namespace {

namespace fs = std::filesystem;
using testing::run_fognas;

bool installed(const char* program) {
  return std::system((std::string("command -v ") + program + " >/dev/null 2>&1").c_str()) == 0;
}

// A copy of a committed result folder to report on.
fs::path copy_of(const std::string& name) {
  const fs::path from = fs::path(FOGNAS_SOURCE_DIR) / "results" / name;
  const fs::path to = fs::temp_directory_path() / ("fognas-paper-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(to);
  fs::copy(from, to, fs::copy_options::recursive);
  return to;
}

double pdf_width_in(const fs::path& pdf) {
  const fs::path out = pdf.string() + ".info";
  EXPECT_EQ(std::system(("pdfinfo '" + pdf.string() + "' > '" + out.string() + "'").c_str()), 0);
  std::smatch m;
  const std::string info = testing::slurp(out);
  fs::remove(out);
  return std::regex_search(info, m, std::regex(R"(Page size:\s+([0-9.]+) x)")) ? std::stod(m[1]) / 72 : 99;
}

TEST(ReportPaper, TheOverfullBoxCheckNamesTheItemItBelongsTo) {
  const std::string log = "FOGNAS-ITEM: tables/a.tex\nOverfull \\hbox (0.5pt too wide) in alignment\n"
                          "FOGNAS-ITEM: tables/b.tex\nOverfull \\hbox (37.25pt too wide) in alignment\n"
                          "FOGNAS-ITEM: figures/c.pdf\nOverfull \\hbox (2pt too wide) in paragraph\n";
  const study::Overfull widest = study::widest_overfull_box(log);
  EXPECT_DOUBLE_EQ(widest.pt, 37.25);
  EXPECT_EQ(widest.item, "tables/b.tex");
  EXPECT_DOUBLE_EQ(study::widest_overfull_box("no boxes").pt, 0);
}

TEST(ReportPaper, TheSweepAndStudyReportsCompileIntoATwoColumnPaperAndFit) {
  if (!installed("pdflatex") || !installed("pdfinfo") || !installed("gnuplot"))
    GTEST_SKIP() << "pdflatex, pdfinfo or gnuplot not installed (scripts/setup.sh installs them)";
  for (const char* name : {"paper-sweep", "demo-study"}) {
    const fs::path dir = copy_of(name);
    const auto r = run_fognas("report " + dir.string() + " --paper");
    EXPECT_EQ(r.exit_code, 0) << name << ": " << r.err;
    EXPECT_TRUE(fs::exists(dir / "paper" / "paper.pdf")) << name;
    EXPECT_DOUBLE_EQ(study::widest_overfull_box(testing::slurp(dir / "paper" / "paper.log")).pt, 0) << name;
    if (std::string(name) == "demo-study")  // its ward's wearables spread: their distributions are drawn
      EXPECT_TRUE(fs::exists(dir / "figures" / "lifetime_d-cdf-SD-1.pdf"));
    for (const auto& e : fs::directory_iterator(dir / "figures"))
      if (e.path().extension() == ".pdf") EXPECT_LE(pdf_width_in(e.path()), 3.6) << e.path();
    fs::remove_all(dir);
  }
}

// A report table is plain LaTeX with booktabs: it compiles in an article too.
TEST(ReportPaper, AReportTableCompilesInAPlainArticle) {
  if (!installed("pdflatex")) GTEST_SKIP() << "pdflatex not installed (scripts/setup.sh installs it)";
  const fs::path dir = fs::temp_directory_path() / ("fognas-article-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path table = fs::path(FOGNAS_SOURCE_DIR) / "results" / "paper-sweep" / "tables" / "energy-by-factor.tex";
  std::ofstream(dir / "article.tex") << "\\documentclass{article}\n\\usepackage{booktabs}\n\\begin{document}\n"
                                     << "\\input{" << table.string() << "}\n\\end{document}\n";
  const std::string run = "cd '" + dir.string() + "' && pdflatex -interaction=nonstopmode -halt-on-error article.tex "
                          ">/dev/null 2>&1";
  EXPECT_EQ(std::system(run.c_str()), 0) << testing::slurp(dir / "article.log");
  fs::remove_all(dir);
}

TEST(ReportPaper, ATableTooWideForThePageFailsWithExitFourNamingIt) {
  if (!installed("pdflatex")) GTEST_SKIP() << "pdflatex not installed (scripts/setup.sh installs it)";
  const fs::path dir = copy_of("coded-range");
  fs::create_directories(dir / "tables");
  std::ofstream(dir / "tables" / "mine.tex") << "\\begin{table}[t]\\begin{tabular}{l}"
                                             << std::string(400, 'W') << "\\end{tabular}\\end{table}\n";
  const auto r = run_fognas("report " + dir.string() + " --paper");
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("tables/mine.tex"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "paper")) << "a failed check leaves no paper behind";
  fs::remove_all(dir);
}

}  // namespace
}  // namespace fognas
