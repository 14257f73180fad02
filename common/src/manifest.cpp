#include "fognas/common/manifest.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/common/build_commit.h"  // generated at every build: FOGNAS_GIT_COMMIT

#ifndef FOGNAS_NS3_VERSION
#define FOGNAS_NS3_VERSION ""
#endif
#ifndef FOGNAS_TORCH_VERSION
#define FOGNAS_TORCH_VERSION ""
#endif

namespace fognas {
namespace fs = std::filesystem;
namespace {

// FIPS 180-4 SHA-256, fed in pieces.
class Sha256 {
 public:
  void update(const unsigned char* data, size_t n) {
    length_ += n;
    while (n > 0) {
      const size_t take = std::min(n, block_.size() - used_);
      std::memcpy(block_.data() + used_, data, take);
      used_ += take;
      data += take;
      n -= take;
      if (used_ == block_.size()) {
        compress(block_.data());
        used_ = 0;
      }
    }
  }

  std::string hex_digest() {
    const uint64_t bits = length_ * 8;
    const unsigned char pad = 0x80;
    update(&pad, 1);
    const unsigned char zero = 0;
    while (used_ != 56) update(&zero, 1);
    unsigned char len[8];
    for (int i = 0; i < 8; ++i) len[i] = static_cast<unsigned char>(bits >> (56 - 8 * i));
    update(len, 8);
    std::string out;
    for (uint32_t h : h_) out += fmt::format("{:08x}", h);
    return out;
  }

 private:
  static uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

  void compress(const unsigned char* p) {
    static constexpr uint32_t k[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
    uint32_t w[64];
    for (int i = 0; i < 16; ++i)
      w[i] = static_cast<uint32_t>(p[4 * i]) << 24 | static_cast<uint32_t>(p[4 * i + 1]) << 16 |
             static_cast<uint32_t>(p[4 * i + 2]) << 8 | static_cast<uint32_t>(p[4 * i + 3]);
    for (int i = 16; i < 64; ++i) {
      const uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
      const uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3], e = h_[4], f = h_[5], g = h_[6], h = h_[7];
    for (int i = 0; i < 64; ++i) {
      const uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i];
      const uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    h_[0] += a;
    h_[1] += b;
    h_[2] += c;
    h_[3] += d;
    h_[4] += e;
    h_[5] += f;
    h_[6] += g;
    h_[7] += h;
  }

  std::array<uint32_t, 8> h_{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                             0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  std::array<unsigned char, 64> block_{};
  size_t used_ = 0;
  uint64_t length_ = 0;
};

void add_input(nlohmann::json& files, const fs::path& p) {
  const std::string key = manifest_path(p);
  if (files.contains(key)) return;
  const std::string digest = sha256_file(p);  // throws InputError for a missing file
  std::error_code ec;
  files[key] = {{"sha256", digest}, {"bytes", static_cast<uint64_t>(fs::file_size(p, ec))}};
}

}  // namespace

std::string manifest_path(const fs::path& p) {
  if (p.empty()) return "";
  std::error_code ec;
  const fs::path abs = fs::absolute(p, ec).lexically_normal();
  const fs::path cwd = fs::current_path(ec);
  if (!ec) {
    const fs::path rel = abs.lexically_relative(cwd);
    if (!rel.empty() && *rel.begin() != "..") return rel.generic_string();
  }
  return p.lexically_normal().generic_string();
}

std::string sha256_hex(std::string_view bytes) {
  Sha256 s;
  s.update(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return s.hex_digest();
}

std::string sha256_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string(), "cannot be read to checksum it");
  Sha256 s;
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    s.update(reinterpret_cast<const unsigned char*>(buf.data()), static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) throw InputError(file.string(), "read error while computing its checksum");
  return s.hex_digest();
}

BuildInfo build_info() {
  BuildInfo b;
  b.commit = FOGNAS_GIT_COMMIT;
  b.ns3 = FOGNAS_NS3_VERSION;
  b.libtorch = FOGNAS_TORCH_VERSION;
#if defined(__clang__)
  b.compiler = __VERSION__;  // "Clang 16.0.6 ..." names itself
#elif defined(__GNUC__)
  b.compiler = std::string("GCC ") + __VERSION__;
#else
  b.compiler = "unknown";
#endif
  return b;
}

nlohmann::json make_manifest(const std::string& command, const nlohmann::json& scenario, const nlohmann::json& seeds,
                             const std::vector<std::string>& inputs) {
  nlohmann::json files = nlohmann::json::object();
  for (const auto& in : inputs) {
    const fs::path p(in);
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> below;
      for (const auto& e : fs::recursive_directory_iterator(p, ec))
        if (e.is_regular_file()) below.push_back(e.path());
      std::sort(below.begin(), below.end());
      for (const auto& f : below) add_input(files, f);
    } else {
      add_input(files, p);
    }
  }
  const BuildInfo b = build_info();
  return {{"schema_version", kManifestSchemaVersion},
          {"command", command},
          {"scenario", scenario},
          {"seeds", seeds},
          {"build",
           {{"commit", b.commit},
            {"ns3", b.ns3.empty() ? nlohmann::json(nullptr) : nlohmann::json(b.ns3)},
            {"libtorch", b.libtorch.empty() ? nlohmann::json(nullptr) : nlohmann::json(b.libtorch)},
            {"compiler", b.compiler}}},
          {"inputs", files}};
}

void write_manifest(const fs::path& dir, const std::string& command, const nlohmann::json& scenario,
                    const nlohmann::json& seeds, const std::vector<std::string>& inputs) {
  write_file_atomically(dir / "manifest.json", make_manifest(command, scenario, seeds, inputs).dump(2) + "\n");
}

namespace {

nlohmann::json rebased(const nlohmann::json& j, const std::string& from, const std::string& to) {
  auto fix = [&](const std::string& text) {
    std::string out = text;
    for (size_t at = out.find(from); at != std::string::npos; at = out.find(from, at + to.size()))
      out.replace(at, from.size(), to);
    return out;
  };
  if (j.is_string()) return fix(j.get<std::string>());
  if (j.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : j) out.push_back(rebased(e, from, to));
    return out;
  }
  if (j.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, value] : j.items()) out[fix(key)] = rebased(value, from, to);
    return out;
  }
  return j;
}

}  // namespace

void rebase_manifest(const fs::path& file, const std::string& from, const std::string& to) {
  if (!path_is_file(file) || from.empty()) return;
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(read_file(file, 1 << 26));
  } catch (const nlohmann::json::exception& e) {
    throw InputError(file.string(), fmt::format("not a manifest: {}", e.what()));
  }
  write_file_atomically(file, rebased(j, from, to).dump(2) + "\n");
}

}  // namespace fognas
