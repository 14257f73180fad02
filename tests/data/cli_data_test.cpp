// `fognas data inspect` end to end: JSON for a generator and a written
// record, and one error line with a non-zero exit for a bad path.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "writers.h"

namespace fognas {
namespace {
using namespace fognas::testing;

struct Outcome {
  int code;
  std::string out;
};

Outcome run_fognas(const std::string& args) {
  std::string cmd = std::string(FOGNAS_BINARY) + " " + args;
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf{};
  while (size_t n = fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
  int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

TEST(CliData, InspectGenerator) {
  Outcome r = run_fognas("data inspect synthetic-ecg --json --examples-per-class 7");
  ASSERT_EQ(r.code, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["window_length"], 2048);
  EXPECT_EQ(j["examples"], 35);
  EXPECT_EQ(j["examples_per_class"]["V"], 7);
}

TEST(CliData, InspectWrittenRecord) {
  TempDir tmp("cli-record");
  std::vector<int> a(1000), b(1000);
  for (int i = 0; i < 1000; ++i) a[static_cast<size_t>(i)] = i - 500, b[static_cast<size_t>(i)] = 3 * (i % 7);
  write_bytes(tmp.path / "r.dat", encode_212({a, b}));
  write_text(tmp.path / "r.hea", "r 2 250 1000\nr.dat 212 200 12 0 -500 " + std::to_string(checksum16(a)) +
                                     " 0 MLII\nr.dat 212 200 12 0 0 " + std::to_string(checksum16(b)) + " 0 V1\n");
  write_bytes(tmp.path / "r.atr", encode_atr({{10, 1}, {300, 1}, {600, 5}, {601, 28, 0, 0, 0, "(B"}, {900, 8}}));
  Outcome r = run_fognas("data inspect " + (tmp.path / "r").string() + " --json");
  ASSERT_EQ(r.code, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["sampling_hz"], 250.0);
  EXPECT_EQ(j["samples"], 1000);
  EXPECT_EQ(j["channels"].size(), 2u);
  EXPECT_EQ(j["channels"][1]["name"], "V1");
  EXPECT_EQ(j["annotations_per_symbol"]["N"], 2);
  EXPECT_EQ(j["annotations_per_symbol"]["+"], 1);
  EXPECT_EQ(j["beats_per_aami_class"]["N"], 2);
  EXPECT_EQ(j["beats_per_aami_class"]["V"], 1);
  EXPECT_EQ(j["beats_per_aami_class"]["S"], 1);
}

TEST(CliData, BadPathIsOneLineAndNonZero) {
  Outcome r = run_fognas("data inspect /no/such/data 2>&1");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("/no/such/data"), std::string::npos) << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
}

}  // namespace
}  // namespace fognas
