#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "fognas/common/atomic_file.h"
#include "fognas/common/csv.h"
#include "fognas/common/error.h"
#include "fognas/common/parse.h"
#include "fognas/common/plot.h"
#include "fognas/common/table.h"
#include "fognas/common/yaml.h"
#include "fognas/testing/support.h"

namespace fognas {
namespace {
using fognas::testing::input_error_of;

TEST(Csv, QuotesCommentsAndLineNumbers) {
  CsvTable t = parse_csv("# comment\nname,value\n\"a, b\",1.5\n\n\"say \"\"hi\"\"\",2\n", "f.csv");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.cell(t.rows[0], "name"), "a, b");
  EXPECT_EQ(t.rows[0].line, 3);
  EXPECT_EQ(t.cell(t.rows[1], "name"), "say \"hi\"");
  EXPECT_EQ(t.rows[1].line, 5);
  EXPECT_DOUBLE_EQ(t.number(t.rows[1], "value"), 2.0);
  EXPECT_EQ(input_error_of([&] { t.number(t.rows[0], "missing"); }), "f.csv:1: missing column 'missing'");
}

TEST(Csv, RowWidthAndNumbersAreChecked) {
  EXPECT_EQ(input_error_of([] { parse_csv("a,b\n1,2,3\n", "g.csv"); }), "g.csv:2: 3 cells, header has 2");
  CsvTable t = parse_csv("a\nx1\n", "h.csv");
  EXPECT_NE(input_error_of([&] { t.number(t.rows[0], "a"); }).find("h.csv:2"), std::string::npos);
}

TEST(Csv, EscapeRoundTripsThroughParse) {
  const std::string cells[] = {"plain", "with,comma", "with \"quote\"", ""};
  std::string text = "c\n";
  for (const auto& c : cells) text += csv_escape(c) + "\n";
  CsvTable t = parse_csv(text, "x");
  ASSERT_EQ(t.rows.size(), 3u);  // the empty last line is skipped as blank
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(t.rows[i].cells[0], cells[i]);
}

TEST(Parse, IntListsAndStrictNumbers) {
  EXPECT_EQ(parse_int_list("2048,128, 8;64 2", "x"), (std::vector<int>{2048, 128, 8, 64, 2}));
  EXPECT_EQ(input_error_of([] { parse_int_list("1,2x", "--lengths"); }), "--lengths: '2x' is not an integer");
  EXPECT_THROW(parse_double("1e999", "x"), InputError);
  EXPECT_THROW(parse_double("nan", "x"), InputError);
  EXPECT_DOUBLE_EQ(parse_double(" 2.5 ", "x"), 2.5);
}

TEST(Yaml, UnknownAndMisTypedKeysNameFileLineAndKey) {
  YamlMap m(load_yaml_string("a: 1\nnested:\n  b: two\n  c: 3\n", "s.yaml"), "s.yaml");
  EXPECT_EQ(m.integer("a"), 1);
  YamlMap n = m.map("nested");
  EXPECT_EQ(input_error_of([&] { n.number("b"); }), "s.yaml:3: key 'nested.b': expected a number, got 'two'");
  EXPECT_EQ(input_error_of([&] { n.reject_unknown_keys(); }), "s.yaml:4: unknown key 'nested.c'");
  EXPECT_EQ(input_error_of([&] { m.allow_only({"a"}); }), "s.yaml:2: unknown key 'nested'");
  EXPECT_NE(input_error_of([] { load_yaml_string("a: [1,\n", "t.yaml"); }).find("t.yaml:"), std::string::npos);
}

TEST(Yaml, DuplicateKeysNonScalarKeysAndBadInlineListsAreErrors) {
  EXPECT_EQ(input_error_of([] { YamlMap(load_yaml_string("a: 1\nb: 2\na: 3\n", "d.yaml"), "d.yaml"); }),
            "d.yaml:3: duplicate key 'a'");
  EXPECT_EQ(input_error_of([] { YamlMap(load_yaml_string("a: 1\n? [x, y]\n: 2\n", "k.yaml"), "k.yaml"); }),
            "k.yaml:2: a key must be a plain name");
  YamlMap m(load_yaml_string("good: \"1, 2.5\"\nbad: \"1, ][\"\n", "l.yaml"), "l.yaml");
  EXPECT_EQ(m.numbers("good"), (std::vector<double>{1, 2.5}));
  EXPECT_EQ(input_error_of([&] { m.numbers("bad"); }), "l.yaml:2: key 'bad': expected a list of numbers");
}

TEST(AtomicFile, ReplacesWholeFileAndLeavesNoTemporary) {
  auto dir = std::filesystem::temp_directory_path() / "fognas-atomic-test";
  std::filesystem::remove_all(dir);
  auto path = dir / "sub" / "out.txt";
  write_file_atomically(path, "first");
  write_file_atomically(path, "second");
  EXPECT_EQ(read_file(path), "second");
  size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir / "sub")) files += e.is_regular_file();
  EXPECT_EQ(files, 1u);
  // A directory where the file should go: an error, nothing written.
  std::filesystem::create_directories(dir / "blocked");
  EXPECT_THROW(write_file_atomically(dir / "blocked", "x"), InputError);
  std::filesystem::remove_all(dir);
}

Table SmallTable() {
  Table t;
  t.caption = "cap";
  t.id = "small";
  t.columns = {{"name", "name", "", kShortest}, {"e_total_mj", "E_total", "mJ", 2}, {"count", "count", "", kShortest},
               {"chosen", "chosen", "", kShortest}};
  t.rows = {{"x,y", 0.1 + 0.2, 3, true}, {"50%", Cell(), -2, false}, {"inf", std::nan(""), 0, Cell()}};
  return t;
}

TEST(Table, CsvHoldsFullPrecisionAndEmptyCellsForMissingFigures) {
  EXPECT_EQ(SmallTable().to_csv(),
            "name,e_total_mj,count,chosen\n\"x,y\",0.30000000000000004,3,true\n50%,,-2,false\ninf,,0,\n");
}

TEST(Table, MarkdownRoundsAndRightAlignsNumbers) {
  const std::string md = SmallTable().to_markdown();
  EXPECT_NE(md.find("| name | E_total (mJ) | count | chosen |"), std::string::npos) << md;
  EXPECT_NE(md.find("|------|-------------:|------:|--------|"), std::string::npos) << md;
  EXPECT_NE(md.find("| x,y  |         0.30 |     3 | yes    |"), std::string::npos) << md;
  EXPECT_NE(md.find("| 50%  |            - |    -2 | no     |"), std::string::npos) << md;
}

TEST(Table, LatexUsesBooktabsCaptionLabelAndRightAlignedNumbers) {
  const std::string tex = SmallTable().to_latex();
  for (const char* part : {"\\caption{cap}", "\\label{tab:small}", "\\begin{tabular}{lrrl}", "\\toprule",
                           "name & \\begin{tabular}[b]{@{}c@{}}E\\_total\\\\(mJ)\\end{tabular} & count & chosen "
                           "\\\\\n\\midrule",
                           "\\begin{table}[t]\n\\centering\n\\footnotesize", "x,y & 0.30 & 3 & yes \\\\",
                           "50\\% & -- & $-$2 & no \\\\", "\\bottomrule"})
    EXPECT_NE(tex.find(part), std::string::npos) << part << "\n" << tex;
}

// A table wider than an IEEE column (3.5 in) goes on the page (table*) up to
// 7.16 in; wider still, its value columns are dealt out over several tables
// that repeat the key columns; more than 40 rows go on in a further table.
TEST(Table, WideOrLongTablesAreDealtIntoFloatsThatFit) {
  auto count = [](const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  };
  Table t;
  t.caption = "wide";
  t.id = "wide";
  t.columns.push_back({"network", "network", "", kShortest});
  for (int f = 0; f < 12; ++f) t.columns.push_back({"e" + std::to_string(f), "E (f=10)", "mJ", 4});
  t.rows.push_back({"SD-1"});
  for (int f = 0; f < 12; ++f) t.rows.back().push_back(0.1234);
  // At 4.2 pt a character and 12 pt between columns: each value column is
  // "E (f=10)", 8 characters, 45.6 pt; the key column "network", 7, 41.4 pt.
  // A column holds four values beside it (223.8 pt; five would be 269.4), so
  // twelve make three tables, none page-wide.
  std::string tex = t.to_latex();
  EXPECT_EQ(count(tex, "\\begin{table}[t]"), 3u) << tex;
  EXPECT_EQ(count(tex, "\\begin{table*}"), 0u);
  EXPECT_EQ(count(tex, "SD-1 &"), 3u);
  EXPECT_NE(tex.find("wide (part 3 of 3)}\n\\label{tab:wide-3}"), std::string::npos) << tex;
  // Cells of text ("0.1234 (3)": an energy and its partition point, 10
  // characters, 54 pt a column) are dealt out alike when the table says how
  // many columns are its keys: three beside the key (203.4 pt), four tables.
  Table text = t;
  text.key_columns = 1;
  for (size_t c = 1; c < text.rows.back().size(); ++c) text.rows.back()[c] = "0.1234 (3)";
  EXPECT_EQ(count(text.to_latex(), "SD-1 &"), 4u) << text.to_latex();
  // Six values (315 pt) fit the page as one table*.
  t.columns.resize(7);
  t.rows.back().resize(7);
  tex = t.to_latex();
  EXPECT_EQ(count(tex, "\\begin{table*}[t]"), 1u) << tex;
  // Three (178.2 pt) fit a column; 85 rows make three floats of 40, 40 and 5.
  t.columns.resize(4);
  t.rows.back().resize(4);
  t.rows.resize(85, t.rows.back());
  tex = t.to_latex();
  EXPECT_EQ(count(tex, "\\begin{table}[t]"), 3u);
  EXPECT_EQ(count(tex, "SD-1 &"), 85u);
  EXPECT_NE(tex.find("(part 3 of 3)"), std::string::npos);
}

TEST(Table, LatexEscapesEverySpecialCharacter) {
  EXPECT_EQ(latex_escape("#"), "\\#");
  EXPECT_EQ(latex_escape("$"), "\\$");
  EXPECT_EQ(latex_escape("%"), "\\%");
  EXPECT_EQ(latex_escape("&"), "\\&");
  EXPECT_EQ(latex_escape("_"), "\\_");
  EXPECT_EQ(latex_escape("{"), "\\{");
  EXPECT_EQ(latex_escape("}"), "\\}");
  EXPECT_EQ(latex_escape("~"), "\\textasciitilde{}");
  EXPECT_EQ(latex_escape("^"), "\\textasciicircum{}");
  EXPECT_EQ(latex_escape("\\"), "\\textbackslash{}");
  EXPECT_EQ(latex_escape("a_b ~ 5% & c^2 \\ {x} #1 $"),
            "a\\_b \\textasciitilde{} 5\\% \\& c\\textasciicircum{}2 \\textbackslash{} \\{x\\} \\#1 \\$");
  // Captions, headings and cells all go through it.
  Table t;
  t.caption = "50% ~ x^2";
  t.columns = {{"a_b", "a_b {c}", "", kShortest}};
  t.rows = {{"\\#&$"}};
  const std::string tex = t.to_latex();
  EXPECT_NE(tex.find("\\caption{50\\% \\textasciitilde{} x\\textasciicircum{}2}"), std::string::npos) << tex;
  EXPECT_NE(tex.find("a\\_b \\{c\\} \\\\"), std::string::npos) << tex;
  EXPECT_NE(tex.find("\\textbackslash{}\\#\\&\\$ \\\\"), std::string::npos) << tex;
}

TEST(Table, DescribeGivesStatisticsPerGroupAndQuantity) {
  Table t;
  t.columns = {{"arch", "arch", "", kShortest}, {"wearable", "wearable", "", kShortest}, {"e_mj", "E", "mJ", 3}};
  for (int i = 0; i < 101; ++i) t.rows.push_back({"A", i, static_cast<double>(i)});
  t.rows.push_back({"B", 0, 5.0});
  t.rows.push_back({"B", 1, Cell()});
  const Table d = describe(t, {"arch"}, {"wearable"});
  ASSERT_EQ(d.rows.size(), 2u);
  EXPECT_EQ(d.rows[0][1].csv(), "E");
  EXPECT_EQ(d.rows[0][2].csv(), "mJ");
  EXPECT_EQ(d.rows[0][3].csv(), "101");
  EXPECT_EQ(*d.rows[0][4].number(), 50.0);   // mean
  EXPECT_EQ(*d.rows[0][6].number(), 95.0);   // p95
  EXPECT_EQ(*d.rows[0][7].number(), 99.0);   // p99
  EXPECT_EQ(*d.rows[0][9].number(), 100.0);  // max
  EXPECT_EQ(d.rows[1][3].csv(), "1");        // the missing cell is left out
  EXPECT_EQ(d.rows[1][4].display(kGeneral), "5.000");  // the source column's rounding
}

TEST(Plot, DataFileHoldsEveryValueAndFiguresAreRenderedWhenGnuplotIsThere) {
  // A space and a quote in the path: nothing may be parsed by a shell.
  auto dir = std::filesystem::temp_directory_path() / "fognas plot 'test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  BarChart c{"t", "energy (mJ)", {"A f=10", "B"}, {"x", "y"}, {{0.5, 0.25}, {1.5, 2e-4}}, true, "architecture"};
  const std::string stem = (dir / "chart").string();
  const bool rendered = write_bar_chart(c, stem);
  std::ifstream in(stem + ".dat");
  std::string header, row;
  std::getline(in, header);
  EXPECT_EQ(header, "# category\tx\ty");
  std::vector<std::string> rows;
  while (std::getline(in, row)) rows.push_back(row);
  EXPECT_EQ(rows, (std::vector<std::string>{"A f=10\t0.5\t0.25", "B\t1.5\t0.0002"}));
  EXPECT_TRUE(std::filesystem::exists(stem + ".gp"));
  EXPECT_EQ(rendered, std::system("command -v gnuplot >/dev/null 2>&1") == 0);
  if (rendered) {
    EXPECT_GT(std::filesystem::file_size(stem + ".svg"), 1000u);
    EXPECT_GT(std::filesystem::file_size(stem + ".pdf"), 1000u);
    EXPECT_GT(std::filesystem::file_size(stem + ".png"), 1000u);
    EXPECT_FALSE(std::filesystem::exists(stem + ".svg.tmp"));
    // Rendering again gives the same bytes: no date in the committed formats.
    const std::string svg = read_file(stem + ".svg"), png = read_file(stem + ".png");
    write_bar_chart(c, stem);
    EXPECT_EQ(read_file(stem + ".svg"), svg);
    EXPECT_EQ(read_file(stem + ".png"), png);
  }
  std::filesystem::remove_all(dir);
}

TEST(Plot, LineChartDataHasOneRowPerXAndNaNForMissingPoints) {
  auto dir = std::filesystem::temp_directory_path() / "fognas-line-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  LineChart c{"t", "fog efficiency factor", "energy (mJ)", {1, 2.5}, {"A", "B"}, {{0.5, std::nan("")}, {0.25, 1}}, {}, true};
  const std::string stem = (dir / "line").string();
  write_line_chart(c, stem);
  EXPECT_EQ(read_file(stem + ".dat"), "# x\tA\tB\n1\t0.5\tNaN\n2.5\t0.25\t1\n");
  const std::string gp = read_file(stem + ".gp");
  for (const char* part : {"set xlabel 'fog efficiency factor'", "set ylabel 'energy (mJ)'", "set logscale x",
                           "with linespoints", "set output 'line.svg'", "set output 'line.png'", "set output 'line.pdf'"})
    EXPECT_NE(gp.find(part), std::string::npos) << part << "\n" << gp;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace fognas
