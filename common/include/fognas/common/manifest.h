#pragma once
// Provenance of a result folder: DIR/manifest.json records what ran (the command
// and the fully resolved scenario), with which seeds, from which build (commit,
// ns-3, LibTorch and compiler versions) and on which inputs (SHA-256 of every
// data and profile file). Written atomically; no timestamps, so the same run of
// the same build on the same inputs writes the same bytes.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace fognas {

constexpr int kManifestSchemaVersion = 1;

// SHA-256 (FIPS 180-4) of `bytes` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);
// SHA-256 of a file's contents, read in blocks; throws InputError naming the file.
std::string sha256_file(const std::filesystem::path& file);

// A path as manifests show it: relative to the working directory when below it
// (so a run from the repository root names `devices/...`), else as given.
std::string manifest_path(const std::filesystem::path& p);

// What the binary was built from, captured by CMake ("unknown" where it could not be).
struct BuildInfo {
  std::string commit;    // `git describe --always --dirty` at build time
  std::string ns3;       // ns-3 (libns3) version, "" when built without the simulator
  std::string libtorch;  // LibTorch version, "" when built without training
  std::string compiler;  // __VERSION__
};
BuildInfo build_info();

// The manifest object. `inputs` are files or folders (a folder stands for every
// regular file below it); each file is keyed by its path (relative to the
// working directory when below it) and holds {"sha256", "bytes"}. Listing the
// same file twice is harmless.
nlohmann::json make_manifest(const std::string& command, const nlohmann::json& scenario, const nlohmann::json& seeds,
                             const std::vector<std::string>& inputs);

// Writes make_manifest(...) to dir/manifest.json atomically (creating dir).
void write_manifest(const std::filesystem::path& dir, const std::string& command, const nlohmann::json& scenario,
                    const nlohmann::json& seeds, const std::vector<std::string>& inputs);

// A manifest written in a run's DIR.partial names that folder; once the run
// is DIR, every path (in keys and values) starting with `from` is rewritten
// to start with `to`.
void rebase_manifest(const std::filesystem::path& file, const std::string& from, const std::string& to);

}  // namespace fognas
