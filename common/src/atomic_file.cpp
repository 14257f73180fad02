#include "fognas/common/atomic_file.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include <unistd.h>

#include "fognas/common/error.h"

namespace fognas {

void write_file_atomically(const std::filesystem::path& path, const std::string& contents) {
  namespace fs = std::filesystem;
  if (path.has_parent_path()) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) throw InputError(path.parent_path().string(), "cannot create directory: " + ec.message());
  }
  fs::path tmp = path;
  tmp += ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw InputError(path.string(), fmt::format("cannot open for writing: {}", std::strerror(errno)));
    errno = 0;
    out << contents;
    out.flush();
    if (!out) {
      const int error = errno;  // EFBIG past the file-size limit, ENOSPC on a full disk
      out.close();
      fs::remove(tmp);
      throw InputError(path.string(), error ? fmt::format("write failed: {}", std::strerror(error)) : "write failed");
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp);
    throw InputError(path.string(), "cannot rename into place: " + ec.message());
  }
}

void require_regular_file(const std::filesystem::path& path, const std::string& what) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) throw InputError(path.string(), fmt::format("cannot open {}: no such file", what));
  if (fs::is_directory(st)) throw InputError(path.string(), fmt::format("is a folder, expected a {}", what));
  if (!fs::is_regular_file(st)) throw InputError(path.string(), fmt::format("is not a regular file, expected a {}", what));
}

std::string read_file(const std::filesystem::path& path, std::uintmax_t max_bytes) {
  namespace fs = std::filesystem;
  require_regular_file(path, "file");
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > max_bytes)
    throw InputError(path.string(), fmt::format("is {} bytes, more than the {} allowed", size, max_bytes));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string(), "cannot open file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool path_is_file(const std::filesystem::path& path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec);
}

bool path_is_folder(const std::filesystem::path& path) {
  std::error_code ec;
  return std::filesystem::is_directory(path, ec);
}

bool path_exists(const std::filesystem::path& path) {
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

}  // namespace fognas
