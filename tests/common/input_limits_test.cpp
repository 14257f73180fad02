// Hostile inputs to the common readers: folders where files are expected,
// oversized and too deeply nested YAML. Each is one InputError naming the file.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "fognas/common/atomic_file.h"
#include "fognas/common/csv.h"
#include "fognas/common/error.h"
#include "fognas/common/yaml.h"
#include "fognas/testing/support.h"

namespace fognas {
namespace {
namespace fs = std::filesystem;
using fognas::testing::input_error_of;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(InputLimits, AFolderIsReportedAsAFolder) {
  const fs::path dir = fs::temp_directory_path() / "fognas-folder-as-file.yaml";
  fs::create_directories(dir);
  for (const std::string& e : {input_error_of([&] { read_file(dir); }),
                               input_error_of([&] { read_csv(dir.string()); }),
                               input_error_of([&] { load_yaml_file(dir.string()); })}) {
    EXPECT_TRUE(has(e, dir.string() + ": is a folder")) << e;
    EXPECT_FALSE(has(e, "empty CSV")) << e;
    EXPECT_FALSE(has(e, "mapping")) << e;
  }
  fs::remove(dir);
  EXPECT_TRUE(has(input_error_of([&] { read_file(dir); }), "no such file"));
}

TEST(InputLimits, ReadFileRefusesMoreThanItsLimit) {
  const std::string p = fognas::testing::write_temp_file("fognas-limit.txt", std::string(100, 'x'));
  EXPECT_EQ(read_file(p, 100).size(), 100u);
  EXPECT_TRUE(has(input_error_of([&] { read_file(p, 99); }), "100 bytes, more than the 99 allowed"));
}

TEST(InputLimits, DeeplyNestedYamlIsRefusedBeforeParsing) {
  // Flow style, 100 000 levels: yaml-cpp alone would recurse once per level.
  const std::string flow = "a: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  std::string e = input_error_of([&] { load_yaml_string(flow, "deep.yaml"); });
  EXPECT_TRUE(has(e, "deep.yaml:1: YAML nested more than 32 levels deep")) << e;
  // Block style: each level indented one more space.
  std::string block;
  for (int i = 0; i < 40; ++i) block += std::string(static_cast<size_t>(i), ' ') + "k" + std::to_string(i) + ":\n";
  e = input_error_of([&] { load_yaml_string(block, "block.yaml"); });
  EXPECT_TRUE(has(e, "block.yaml:33: YAML nested more than 32 levels deep")) << e;
  // Compact sequences on one line.
  std::string dashes = "a:\n";
  for (int i = 0; i < 40; ++i) dashes += "- ";
  dashes += "x\n";
  EXPECT_TRUE(has(input_error_of([&] { load_yaml_string(dashes, "d.yaml"); }), "d.yaml:2: YAML nested"));
  // Brackets inside quotes and comments do not count; 20 real levels are fine.
  const std::string quoted = "a: '" + std::string(100, '[') + "'  # " + std::string(100, '{') + "\nb: \"[[[\\\"[[\"\n";
  EXPECT_EQ(load_yaml_string(quoted, "q.yaml")["a"].as<std::string>(), std::string(100, '['));
  const std::string ok = "a: " + std::string(20, '[') + "1" + std::string(20, ']') + "\n";
  EXPECT_NO_THROW(load_yaml_string(ok, "ok.yaml"));
}

TEST(InputLimits, BlockScalarsDoNotCountAsNesting) {
  std::string text = "a: |\n";
  for (int i = 1; i < 60; ++i) text += std::string(static_cast<size_t>(i), ' ') + "line\n";
  text += "b: 1\n";
  YAML::Node n = load_yaml_string(text, "s.yaml");
  EXPECT_EQ(n["b"].as<int>(), 1);
}

TEST(InputLimits, OversizedYamlIsRefused) {
  const std::string big = "a: '" + std::string(kMaxYamlBytes, 'x') + "'\n";
  EXPECT_TRUE(has(input_error_of([&] { load_yaml_string(big, "big.yaml"); }), "big.yaml: is 1048582 bytes"));
  const std::string p = fognas::testing::write_temp_file("fognas-big.yaml", big);
  EXPECT_TRUE(has(input_error_of([&] { load_yaml_file(p); }), "more than the 1048576 allowed"));
}

}  // namespace
}  // namespace fognas
