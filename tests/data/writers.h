#pragma once
// Writers for small WFDB and EDF files, written from the format descriptions
// (not from the readers), so the tests can check the readers round trip.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fognas::testing {
namespace fs = std::filesystem;

// A fresh folder under the system temp dir, removed at the end of the test.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name) {
    path = fs::temp_directory_path() / ("fognas-data-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

inline void write_bytes(const fs::path& p, const std::vector<uint8_t>& b) {
  std::ofstream out(p, std::ios::binary);
  out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
}

inline void write_text(const fs::path& p, const std::string& s) {
  std::ofstream out(p, std::ios::binary);
  out << s;
}

inline std::vector<uint8_t> read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::vector<uint8_t>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Format 212: samples taken frame by frame, pairs packed in three bytes.
inline std::vector<uint8_t> encode_212(const std::vector<std::vector<int>>& signals) {
  std::vector<int> flat;
  for (size_t i = 0; i < signals[0].size(); ++i)
    for (const auto& s : signals) flat.push_back(s[i]);
  std::vector<uint8_t> out;
  for (size_t i = 0; i < flat.size(); i += 2) {
    unsigned a = static_cast<unsigned>(flat[i]) & 0xFFF;
    out.push_back(static_cast<uint8_t>(a & 0xFF));
    if (i + 1 < flat.size()) {
      unsigned b = static_cast<unsigned>(flat[i + 1]) & 0xFFF;
      out.push_back(static_cast<uint8_t>(((a >> 8) & 0x0F) | ((b >> 4) & 0xF0)));
      out.push_back(static_cast<uint8_t>(b & 0xFF));
    } else {
      out.push_back(static_cast<uint8_t>((a >> 8) & 0x0F));
    }
  }
  return out;
}

inline std::vector<uint8_t> encode_16(const std::vector<std::vector<int>>& signals) {
  std::vector<uint8_t> out;
  for (size_t i = 0; i < signals[0].size(); ++i)
    for (const auto& s : signals) {
      auto v = static_cast<uint16_t>(static_cast<int16_t>(s[i]));
      out.push_back(static_cast<uint8_t>(v & 0xFF));
      out.push_back(static_cast<uint8_t>(v >> 8));
    }
  return out;
}

inline int checksum16(const std::vector<int>& s) {
  int sum = 0;
  for (int v : s) sum += v;
  return static_cast<int16_t>(static_cast<uint16_t>(sum & 0xFFFF));
}

struct TestAnnotation {
  long sample;
  int code;
  int subtype = 0, channel = 0, num = 0;
  std::string aux = {};
};

// MIT annotation format: 16-bit little-endian words, 6-bit code over a
// 10-bit time step; long steps as SKIP + 32-bit value (high word first);
// SUB/CHN/NUM/AUX words after the annotation they modify.
inline std::vector<uint8_t> encode_atr(const std::vector<TestAnnotation>& anns) {
  std::vector<uint8_t> out;
  auto word = [&](unsigned code, unsigned value) {
    unsigned w = (code << 10) | (value & 0x3FF);
    out.push_back(static_cast<uint8_t>(w & 0xFF));
    out.push_back(static_cast<uint8_t>(w >> 8));
  };
  auto raw16 = [&](unsigned v) {
    out.push_back(static_cast<uint8_t>(v & 0xFF));
    out.push_back(static_cast<uint8_t>((v >> 8) & 0xFF));
  };
  long t = 0;
  int chan = 0, num = 0;
  for (const auto& a : anns) {
    long step = a.sample - t;
    if (step < 0 || step > 1023) {
      word(59, 0);
      auto u = static_cast<uint32_t>(static_cast<int32_t>(step));
      raw16(u >> 16);
      raw16(u & 0xFFFF);
      step = 0;
    }
    word(static_cast<unsigned>(a.code), static_cast<unsigned>(step));
    t = a.sample;
    if (a.subtype != 0) word(61, static_cast<unsigned>(a.subtype));
    if (a.channel != chan) word(62, static_cast<unsigned>(a.channel)), chan = a.channel;
    if (a.num != num) word(60, static_cast<unsigned>(a.num & 0x3FF)), num = a.num;
    if (!a.aux.empty()) {
      word(63, static_cast<unsigned>(a.aux.size()));
      for (char c : a.aux) out.push_back(static_cast<uint8_t>(c));
      if (a.aux.size() % 2) out.push_back(0);
    }
  }
  word(0, 0);
  return out;
}

struct TestEdfSignal {
  std::string label;
  double physical_min, physical_max;
  int digital_min, digital_max;
  int samples_per_record;
  std::vector<int> digital;  // records * samples_per_record
};

inline std::string field(const std::string& s, size_t width) {
  std::string f = s.substr(0, width);
  f.resize(width, ' ');
  return f;
}

inline std::string num_field(double v, size_t width) {
  std::string s = std::to_string(v);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return field(s, width);
}

inline std::vector<uint8_t> encode_edf(const std::vector<TestEdfSignal>& sigs, int records, double duration_s,
                                       const std::string& reserved = "") {
  std::string h;
  h += field("0", 8) + field("X X X X", 80) + field("Startdate X X X X", 80) + field("01.01.20", 8) +
       field("10.00.00", 8) + num_field(256.0 * (sigs.size() + 1), 8) + field(reserved, 44) +
       num_field(records, 8) + num_field(duration_s, 8) + num_field(static_cast<double>(sigs.size()), 4);
  for (const auto& s : sigs) h += field(s.label, 16);
  for (size_t i = 0; i < sigs.size(); ++i) h += field("AgAgCl electrode", 80);
  for (size_t i = 0; i < sigs.size(); ++i) h += field("uV", 8);
  for (const auto& s : sigs) h += num_field(s.physical_min, 8);
  for (const auto& s : sigs) h += num_field(s.physical_max, 8);
  for (const auto& s : sigs) h += num_field(s.digital_min, 8);
  for (const auto& s : sigs) h += num_field(s.digital_max, 8);
  for (size_t i = 0; i < sigs.size(); ++i) h += field("HP:0.1Hz", 80);
  for (const auto& s : sigs) h += num_field(s.samples_per_record, 8);
  for (size_t i = 0; i < sigs.size(); ++i) h += field("", 32);
  std::vector<uint8_t> out(h.begin(), h.end());
  for (int r = 0; r < records; ++r)
    for (const auto& s : sigs)
      for (int j = 0; j < s.samples_per_record; ++j) {
        auto v = static_cast<uint16_t>(static_cast<int16_t>(s.digital[static_cast<size_t>(r * s.samples_per_record + j)]));
        out.push_back(static_cast<uint8_t>(v & 0xFF));
        out.push_back(static_cast<uint8_t>(v >> 8));
      }
  return out;
}

}  // namespace fognas::testing
