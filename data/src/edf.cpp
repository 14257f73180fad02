#include "fognas/data/edf.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <fstream>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/common/parse.h"

namespace fognas {
namespace fs = std::filesystem;
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Reads fixed-width ASCII fields from the header in order, naming each field
// and its byte offset when a number does not parse.
class FieldReader {
 public:
  FieldReader(const std::string& bytes, std::string file) : bytes_(bytes), file_(std::move(file)) {}
  std::string text(size_t width) {
    std::string s = bytes_.substr(pos_, width);
    pos_ += width;
    return trim(s);
  }
  double number(size_t width, const std::string& what) {
    size_t at = pos_;
    std::string s = text(width);
    try {
      return parse_double(s, "");
    } catch (const InputError&) {
      throw InputError(file_, fmt::format("{} at byte {} is '{}', not a number", what, at, s));
    }
  }
  long integer(size_t width, const std::string& what) {
    size_t at = pos_;
    std::string s = text(width);
    try {
      return parse_long(s, "");
    } catch (const InputError&) {
      throw InputError(file_, fmt::format("{} at byte {} is '{}', not an integer", what, at, s));
    }
  }

 private:
  const std::string& bytes_;
  std::string file_;
  size_t pos_ = 0;
};

std::string read_prefix(std::istream& in, size_t n) {
  std::string s(n, '\0');
  in.read(&s[0], static_cast<std::streamsize>(n));
  s.resize(static_cast<size_t>(in.gcount()));
  return s;
}

}  // namespace

double EdfSignalHeader::to_physical(int digital) const {
  return physical_min + (digital - digital_min) * (physical_max - physical_min) / (digital_max - digital_min);
}

long EdfHeader::record_bytes() const {
  long n = 0;
  for (const auto& s : signals) n += 2L * s.samples_per_record;
  return n;
}

int EdfHeader::find_signal(const std::string& label) const {
  for (size_t i = 0; i < signals.size(); ++i)
    if (lower(trim(signals[i].label)) == lower(trim(label))) return static_cast<int>(i);
  return -1;
}

EdfHeader read_edf_header(const fs::path& path) {
  require_regular_file(path, "EDF file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string(), "cannot open EDF file");
  return parse_edf_header(in, fs::file_size(path), path.string());
}

EdfHeader parse_edf_header(std::istream& in, std::uintmax_t file_size, const std::string& file) {
  std::string fixed = read_prefix(in, 256);
  if (fixed.size() < 256) throw InputError(file, fmt::format("truncated: {} bytes, an EDF header needs 256", fixed.size()));
  EdfHeader h;
  FieldReader f(fixed, file);
  h.version = f.text(8);
  if (h.version != "0") throw InputError(file, fmt::format("not an EDF file (version field '{}')", h.version));
  h.patient = f.text(80);
  h.recording = f.text(80);
  h.start_date = f.text(8);
  h.start_time = f.text(8);
  const long header_bytes = f.integer(8, "header size");
  h.reserved = f.text(44);
  h.records = f.integer(8, "record count");
  h.record_duration_s = f.number(8, "record duration");
  long ns = f.integer(4, "signal count");
  if (ns < 1 || ns > 4096) throw InputError(file, fmt::format("signal count {} is out of range", ns));
  if (header_bytes != 256 * (ns + 1))
    throw InputError(file, fmt::format("header size {} does not match {} signals ({})", header_bytes, ns,
                                       256 * (ns + 1)));
  h.header_bytes = static_cast<int>(header_bytes);
  if (h.record_duration_s < 0 || h.record_duration_s > kEdfMaxRecordDuration_s)
    throw InputError(file, fmt::format("record duration {} s is outside 0..{} s", h.record_duration_s,
                                       kEdfMaxRecordDuration_s));
  const size_t n = static_cast<size_t>(ns);
  std::string rest = read_prefix(in, 256 * n);
  if (rest.size() < 256 * n)
    throw InputError(file, fmt::format("truncated in the signal headers ({} of {} bytes)", rest.size(), 256 * n));
  h.signals.resize(n);
  FieldReader g(rest, file);
  // The signal header is stored field by field: all labels, then all transducers, ...
  for (auto& s : h.signals) s.label = g.text(16);
  for (auto& s : h.signals) s.transducer = g.text(80);
  for (auto& s : h.signals) s.physical_dimension = g.text(8);
  for (auto& s : h.signals) s.physical_min = g.number(8, "physical minimum");
  for (auto& s : h.signals) s.physical_max = g.number(8, "physical maximum");
  // 8 ASCII digits always fit an int; the ranges are checked below.
  for (auto& s : h.signals) s.digital_min = static_cast<int>(g.integer(8, "digital minimum"));
  for (auto& s : h.signals) s.digital_max = static_cast<int>(g.integer(8, "digital maximum"));
  for (auto& s : h.signals) s.prefiltering = g.text(80);
  for (auto& s : h.signals) s.samples_per_record = static_cast<int>(g.integer(8, "samples per record"));
  for (size_t i = 0; i < n; ++i) {
    const auto& s = h.signals[i];
    if (s.samples_per_record < 1)
      throw InputError(file, fmt::format("signal {} ('{}') has {} samples per record", i, s.label, s.samples_per_record));
    if (h.record_duration_s > 0 && !s.is_annotation() && s.sampling_hz(h.record_duration_s) > kEdfMaxSamplingHz)
      throw InputError(file, fmt::format("signal {} ('{}') is sampled at {} Hz, more than {} Hz", i, s.label,
                                         s.sampling_hz(h.record_duration_s), kEdfMaxSamplingHz));
    if (!std::isfinite(s.physical_max - s.physical_min))
      throw InputError(file, fmt::format("signal {} ('{}') has physical range {}..{}, too wide to scale", i, s.label,
                                         s.physical_min, s.physical_max));
    if (s.digital_min < -32768 || s.digital_max > 32767 || s.digital_max < -32768 || s.digital_min > 32767)
      throw InputError(file, fmt::format("signal {} ('{}') has digital range {}..{} outside 16 bits", i, s.label,
                                         s.digital_min, s.digital_max));
    // Empty ranges are checked when a signal is read: some recordings carry
    // unused dummy channels, which should not make the whole file unreadable.
  }
  // EDF+ allows a record duration of 0 in a file that holds annotations only.
  const bool annotations_only =
      std::all_of(h.signals.begin(), h.signals.end(), [](const EdfSignalHeader& s) { return s.is_annotation(); });
  if (!(h.record_duration_s > 0) && h.records != 0 && !annotations_only)
    throw InputError(file, fmt::format("record duration {} must be positive (0 only in a file of annotations alone)",
                                       h.record_duration_s));
  // The data records must all be there; -1 (unknown, allowed while recording) is taken from the size.
  // Sizes are compared by division: records x record bytes may not fit a long.
  const auto size = static_cast<long>(file_size);
  const long data = size - h.header_bytes;
  const long rb = h.record_bytes();  // at most 4096 x 2 x 99999999 bytes
  if (h.records == -1) {
    if (data % rb != 0) throw InputError(file, fmt::format("truncated: {} data bytes are not whole records", data));
    h.records = data / rb;
  }
  if (h.records < 0) throw InputError(file, fmt::format("record count {} is negative", h.records));
  if (h.records > data / rb)
    throw InputError(file, fmt::format("truncated in data record {} of {} ({} bytes, {} data records of {} bytes "
                                       "declared)", data / rb + 1, h.records, size, h.records, rb));
  return h;
}

std::vector<std::vector<double>> read_edf_signals(const fs::path& path, const EdfHeader& h,
                                                  const std::vector<int>& which) {
  require_regular_file(path, "EDF file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string(), "cannot open EDF file");
  return read_edf_signals(in, path.string(), h, which);
}

std::vector<std::vector<double>> read_edf_signals(std::istream& in, const std::string& file, const EdfHeader& h,
                                                  const std::vector<int>& which) {
  // The header may come from elsewhere: check it against these bytes before reserving.
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  const long rb = h.record_bytes();
  if (size < 0 || h.records < 0 || h.header_bytes < 0 || size < h.header_bytes ||
      (rb > 0 && h.records > (static_cast<long>(size) - h.header_bytes) / rb))
    throw InputError(file, fmt::format("truncated: {} bytes hold fewer than the {} data records declared",
                                       static_cast<long>(size), h.records));
  in.seekg(h.header_bytes);
  // Byte offset of each signal inside a record.
  std::vector<long> offset(h.signals.size(), 0);
  for (size_t i = 1; i < h.signals.size(); ++i) offset[i] = offset[i - 1] + 2L * h.signals[i - 1].samples_per_record;
  std::vector<std::vector<double>> out(which.size());
  for (size_t k = 0; k < which.size(); ++k) {
    if (which[k] < 0 || which[k] >= static_cast<int>(h.signals.size()))
      throw InputError(file, fmt::format("no signal {}", which[k]));
    const auto& s = h.signals[static_cast<size_t>(which[k])];
    if (s.digital_max <= s.digital_min)
      throw InputError(file, fmt::format("signal {} ('{}') has digital range {}..{}", which[k], s.label, s.digital_min,
                                         s.digital_max));
    if (s.physical_max == s.physical_min)
      throw InputError(file, fmt::format("signal {} ('{}') has an empty physical range", which[k], s.label));
    out[k].reserve(static_cast<size_t>(h.records) * static_cast<size_t>(s.samples_per_record));
  }
  if (h.records == 0) return out;
  std::string record(static_cast<size_t>(h.record_bytes()), '\0');
  for (long r = 0; r < h.records; ++r) {
    in.read(&record[0], static_cast<std::streamsize>(record.size()));
    if (in.gcount() != static_cast<std::streamsize>(record.size()))
      throw InputError(file, fmt::format("truncated in data record {} of {}", r + 1, h.records));
    for (size_t k = 0; k < which.size(); ++k) {
      const auto& s = h.signals[static_cast<size_t>(which[k])];
      const auto* p = reinterpret_cast<const unsigned char*>(record.data() + offset[static_cast<size_t>(which[k])]);
      for (int j = 0; j < s.samples_per_record; ++j) {
        int d = static_cast<int16_t>(static_cast<uint16_t>(p[2 * j] | (p[2 * j + 1] << 8)));
        out[k].push_back(s.to_physical(d));
      }
    }
  }
  return out;
}

namespace {

// One time-stamped annotation list (TAL): "+onset[\x15duration]\x14text\x14...\x14\x00".
void parse_tal(const std::string& tal, const std::string& where, std::vector<EdfAnnotation>& out) {
  const size_t first = tal.find('\x14');
  if (first == std::string::npos || tal.empty() || (tal[0] != '+' && tal[0] != '-'))
    throw InputError(where, "an annotation list does not start with +onset or -onset and \\x14");
  const std::string stamp = tal.substr(0, first);
  const size_t dur = stamp.find('\x15');
  EdfAnnotation a;
  try {
    size_t used = 0;
    a.onset_s = std::stod(stamp.substr(0, dur), &used);
    if (used != std::min(dur, stamp.size())) throw std::invalid_argument("onset");
    if (dur != std::string::npos) {
      a.duration_s = std::stod(stamp.substr(dur + 1), &used);
      if (used != stamp.size() - dur - 1 || a.duration_s < 0) throw std::invalid_argument("duration");
    }
  } catch (const std::exception&) {
    throw InputError(where, fmt::format("annotation time '{}' is not +seconds[\\x15duration]", stamp));
  }
  if (!std::isfinite(a.onset_s) || std::fabs(a.onset_s) > 1e9)
    throw InputError(where, fmt::format("annotation onset {} s is out of range", a.onset_s));
  for (size_t at = first + 1; at < tal.size();) {
    const size_t end = tal.find('\x14', at);
    if (end == std::string::npos) break;
    a.text = tal.substr(at, end - at);
    if (!a.text.empty()) out.push_back(a);  // the record's own time stamp carries no text
    at = end + 1;
  }
}

}  // namespace

std::vector<EdfAnnotation> read_edf_annotations(const fs::path& path, const EdfHeader& h) {
  std::vector<EdfAnnotation> out;
  require_regular_file(path, "EDF file");
  std::ifstream in(path, std::ios::binary);
  long offset = 0;  // of signal i within a record
  for (size_t i = 0; i < h.signals.size(); offset += 2L * h.signals[i].samples_per_record, ++i) {
    if (!h.signals[i].is_annotation()) continue;
    // Each record's bytes of this signal: TALs, each ended by \0, padded with \0.
    const size_t bytes = 2 * static_cast<size_t>(h.signals[i].samples_per_record);
    for (long r = 0; r < h.records; ++r) {
      in.seekg(h.header_bytes + r * h.record_bytes() + offset);
      std::string block(bytes, '\0');
      in.read(&block[0], static_cast<std::streamsize>(bytes));
      if (in.gcount() != static_cast<std::streamsize>(bytes))
        throw InputError(path.string(), fmt::format("truncated in data record {} of {}", r + 1, h.records));
      const std::string where = fmt::format("{}: record {}, annotation signal {}", path.string(), r + 1, i);
      for (size_t at = 0; at < block.size() && block[at] != '\0';) {
        const size_t end = block.find('\0', at);
        parse_tal(block.substr(at, end == std::string::npos ? std::string::npos : end - at), where, out);
        if (end == std::string::npos) break;
        at = end + 1;
      }
    }
  }
  return out;
}

}  // namespace fognas
