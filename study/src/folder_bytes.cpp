// Format: for each file, its relative name, a NUL, its size in decimal, a NUL,
// then its bytes.
#include "fognas/study/folder_bytes.h"

#include <filesystem>
#include <map>
#include <stdexcept>

#include "fognas/common/atomic_file.h"

namespace fognas::study {

namespace fs = std::filesystem;

std::string pack_folder(const std::string& folder) {
  std::map<std::string, fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder))
    if (entry.is_regular_file()) files[fs::relative(entry.path(), folder).generic_string()] = entry.path();
  std::string out;
  for (const auto& [name, path] : files) {
    const std::string bytes = read_file(path);
    out += name + '\0' + std::to_string(bytes.size()) + '\0' + bytes;
  }
  return out;
}

void unpack_folder(const std::string& bytes, const std::string& folder) {
  size_t pos = 0;
  auto field = [&](const char* what) {
    const size_t end = bytes.find('\0', pos);
    if (end == std::string::npos) throw std::runtime_error(std::string("packed folder: no ") + what);
    std::string text = bytes.substr(pos, end - pos);
    pos = end + 1;
    return text;
  };
  fs::create_directories(folder);
  while (pos < bytes.size()) {
    const fs::path name = fs::path(field("name")).lexically_normal();
    if (name.empty() || name.is_absolute() || *name.begin() == "..")
      throw std::runtime_error("packed folder: a name outside the folder: " + name.string());
    const size_t size = std::stoull(field("size"));
    if (size > bytes.size() - pos) throw std::runtime_error("packed folder: truncated");
    fs::create_directories((fs::path(folder) / name).parent_path());
    write_file_atomically(fs::path(folder) / name, bytes.substr(pos, size));
    pos += size;
  }
}

}  // namespace fognas::study
