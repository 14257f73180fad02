// SHA-256 against published vectors, and manifest.json: contents, inputs and
// determinism.
#include <gtest/gtest.h>

#include <filesystem>

#include "fognas/common/atomic_file.h"
#include "fognas/common/manifest.h"
#include "fognas/testing/support.h"

namespace fognas {
namespace {
namespace fs = std::filesystem;
using fognas::testing::input_error_of;

TEST(Sha256, KnownVectors) {
  // FIPS 180-2 appendix B, and the empty message.
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, FilesAgreeWithBytesAcrossPaddingAndBlockBoundaries) {
  const auto dir = fs::temp_directory_path() / "fognas-sha";
  for (size_t n : {0u, 55u, 56u, 63u, 64u, 65u, 65536u, 70001u}) {
    std::string text(n, 'x');
    for (size_t i = 0; i < n; ++i) text[i] = static_cast<char>(i * 7 + 3);
    write_file_atomically(dir / "f", text);
    EXPECT_EQ(sha256_file(dir / "f"), sha256_hex(text)) << n;
  }
  EXPECT_NE(input_error_of([&] { sha256_file(dir / "missing"); }).find("missing"), std::string::npos);
}

TEST(Manifest, HoldsCommandScenarioSeedsBuildAndInputHashes) {
  const auto dir = fs::temp_directory_path() / "fognas-manifest";
  fs::remove_all(dir);
  write_file_atomically(dir / "in" / "a.txt", "abc");
  write_file_atomically(dir / "in" / "sub" / "b.txt", "");
  write_file_atomically(dir / "one.yaml", "abc");
  const nlohmann::json scenario = {{"name", "s"}, {"factors", {10, 2}}};
  const nlohmann::json seeds = {{"seed", 7}};
  const std::vector<std::string> inputs = {(dir / "one.yaml").string(), (dir / "in").string(),
                                           (dir / "one.yaml").string()};
  write_manifest(dir / "out", "fognas evaluate s.yaml", scenario, seeds, inputs);
  const std::string text = read_file(dir / "out" / "manifest.json");
  const auto m = nlohmann::json::parse(text);
  EXPECT_EQ(m["schema_version"], 1);
  EXPECT_EQ(m["command"], "fognas evaluate s.yaml");
  EXPECT_EQ(m["scenario"], scenario);
  EXPECT_EQ(m["seeds"], seeds);
  for (const char* key : {"commit", "ns3", "libtorch", "compiler"}) EXPECT_TRUE(m["build"].contains(key)) << key;
  EXPECT_FALSE(m["build"]["commit"].get<std::string>().empty());
  ASSERT_EQ(m["inputs"].size(), 3u) << m["inputs"].dump();
  const std::string abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  EXPECT_EQ(m["inputs"][(dir / "one.yaml").generic_string()]["sha256"], abc);
  EXPECT_EQ(m["inputs"][(dir / "in" / "a.txt").generic_string()]["sha256"], abc);
  EXPECT_EQ(m["inputs"][(dir / "in" / "a.txt").generic_string()]["bytes"], 3);
  EXPECT_EQ(m["inputs"][(dir / "in" / "sub" / "b.txt").generic_string()]["sha256"], sha256_hex(""));
  // No timestamps: writing again gives the same bytes.
  write_manifest(dir / "out", "fognas evaluate s.yaml", scenario, seeds, inputs);
  EXPECT_EQ(read_file(dir / "out" / "manifest.json"), text);
  // A missing input is an input error naming it.
  EXPECT_NE(input_error_of([&] { make_manifest("x", {}, {}, {(dir / "nope.csv").string()}); }).find("nope.csv"),
            std::string::npos);
}

TEST(Manifest, InputsBelowTheWorkingDirectoryAreShownRelative) {
  // Tests run from the source tree.
  const auto m = make_manifest("x", {}, {}, {"devices/stm32l476rg/calibration.csv"});
  EXPECT_TRUE(m["inputs"].contains("devices/stm32l476rg/calibration.csv")) << m["inputs"].dump();
  const auto abs = make_manifest("x", {}, {}, {fs::absolute("devices/stm32l476rg/calibration.csv").string()});
  EXPECT_EQ(abs["inputs"], m["inputs"]);
}

}  // namespace
}  // namespace fognas
