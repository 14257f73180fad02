#pragma once
// Where the real recordings live: `../shared/data` beside the source tree.
#include <filesystem>

namespace fognas::testing {

// The folder `shared/data` next to the repository (FOGNAS_SOURCE_DIR/../shared/data).
// Tests that read real recordings skip with a message naming it when it is absent.
inline std::filesystem::path shared_data_dir() {
  return std::filesystem::path(FOGNAS_SOURCE_DIR).parent_path() / "shared" / "data";
}

}  // namespace fognas::testing
