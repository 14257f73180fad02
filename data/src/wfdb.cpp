#include "fognas/data/wfdb.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <cstdint>
#include <fstream>
#include <sstream>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/common/parse.h"

namespace fognas {
namespace fs = std::filesystem;
namespace {

// WFDB's ecgcodes.h: code -> mnemonic ("" where the code is unassigned).
const std::array<const char*, 42> kSymbols = {
    " ", "N", "L", "R", "a", "V", "F", "J", "A", "S", "E", "j", "/", "Q", "~", "",  "|", "",  "s", "T", "*",
    "D", "\"", "=", "p", "B", "^", "t", "+", "u", "?", "!", "[", "]", "e", "n", "@", "x", "f", "(", ")", "r"};

// Pseudo-annotation codes of the MIT format: they modify the annotation
// before them (NUM/SUB/CHN/AUX) or extend the next one's time (SKIP).
// ADC values (baseline, zero, initial value) stay within 32 bits with room
// to subtract two of them.
constexpr long kMinAdc = -(1L << 30), kMaxAdc = 1L << 30;

constexpr int kSkip = 59, kNum = 60, kSub = 61, kChn = 62, kAux = 63;

std::vector<std::string> split_ws(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  std::string t;
  while (in >> t) out.push_back(t);
  return out;
}

long to_long(const std::string& s, const std::string& where, const std::string& what) {
  try {
    return parse_long(s, where);
  } catch (const InputError&) {
    throw InputError(where, fmt::format("{} '{}' is not an integer", what, s));
  }
}

// An integer that must lie in [lo, hi] before it is narrowed.
int to_int_in(const std::string& s, const std::string& where, const std::string& what, long lo, long hi) {
  const long v = to_long(s, where, what);
  if (v < lo || v > hi) throw InputError(where, fmt::format("{} {} is outside {}..{}", what, v, lo, hi));
  return static_cast<int>(v);
}

double to_double(const std::string& s, const std::string& where, const std::string& what) {
  try {
    return parse_double(s, where);
  } catch (const InputError&) {
    throw InputError(where, fmt::format("{} '{}' is not a number", what, s));
  }
}

// "212", "212x1", "212:3", "212+512"
void parse_format(const std::string& text, WfdbSignal& s, const std::string& where) {
  size_t i = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  s.format = to_int_in(text.substr(0, i), where, "signal format", 0, 1000000);
  while (i < text.size()) {
    char tag = text[i++];
    size_t j = i;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
    long v = to_long(text.substr(i, j - i), where, fmt::format("format field '{}'", tag));
    if (tag == 'x' && v > 1) throw InputError(where, "multi-frequency records (samples per frame > 1) are not supported");
    if (tag == '+') s.byte_offset = v;  // digits only: never negative
    if (tag != 'x' && tag != ':' && tag != '+') throw InputError(where, fmt::format("bad format field '{}'", text));
    i = j;
  }
  if (s.format != 212 && s.format != 16)
    throw InputError(where, fmt::format("signal format {} is not supported (212 and 16 are)", s.format));
}

// "200", "200(0)", "200/mV", "200(-3)/uV"
void parse_gain(const std::string& text, WfdbSignal& s, const std::string& where, bool& baseline_given) {
  std::string t = text;
  auto slash = t.find('/');
  if (slash != std::string::npos) {
    s.units = t.substr(slash + 1);
    t = t.substr(0, slash);
  }
  auto paren = t.find('(');
  if (paren != std::string::npos) {
    auto close = t.find(')', paren);
    if (close == std::string::npos) throw InputError(where, fmt::format("unclosed baseline in '{}'", text));
    s.baseline = to_int_in(t.substr(paren + 1, close - paren - 1), where, "baseline", kMinAdc, kMaxAdc);
    baseline_given = true;
    t = t.substr(0, paren);
  }
  s.gain = to_double(t, where, "gain");
  if (s.gain == 0) s.gain = 200;  // WFDB: 0 means "uncalibrated", use the default
  if (s.gain < 0) throw InputError(where, "gain must be positive");
  if (s.gain < 1e-6 || s.gain > 1e9) throw InputError(where, fmt::format("gain {} is outside 1e-6..1e9", s.gain));
}


}  // namespace

std::string annotation_symbol(int code) {
  if (code >= 0 && code < static_cast<int>(kSymbols.size()) && kSymbols[static_cast<size_t>(code)][0] != '\0')
    return kSymbols[static_cast<size_t>(code)];
  return fmt::format("[{}]", code);
}

int annotation_code(const std::string& symbol) {
  for (size_t i = 0; i < kSymbols.size(); ++i)
    if (symbol == kSymbols[i] && kSymbols[i][0] != '\0') return static_cast<int>(i);
  return -1;
}

fs::path wfdb_header_path(const fs::path& record) {
  fs::path p = record;
  if (p.extension() == ".hea") return p;
  if (p.extension() == ".dat" || p.extension() == ".atr") return p.replace_extension(".hea");
  return fs::path(p.string() + ".hea");
}

std::vector<double> WfdbRecord::physical(size_t signal) const {
  const WfdbSignal& s = header.signals.at(signal);
  const auto& d = digital.at(signal);
  std::vector<double> out(d.size());
  for (size_t i = 0; i < d.size(); ++i) out[i] = (static_cast<double>(d[i]) - s.baseline) / s.gain;
  return out;
}

WfdbHeader read_wfdb_header(const fs::path& hea_in) {
  const fs::path hea = wfdb_header_path(hea_in);
  require_regular_file(hea, "WFDB header");
  return parse_wfdb_header(read_file(hea, kWfdbMaxHeaderBytes), hea.string());
}

WfdbHeader parse_wfdb_header(const std::string& text, const std::string& name) {
  if (text.size() > kWfdbMaxHeaderBytes)
    throw InputError(name, fmt::format("is {} bytes, more than the {} a WFDB header may have", text.size(),
                                       kWfdbMaxHeaderBytes));
  std::istringstream in(text);
  WfdbHeader h;
  std::string line;
  int line_no = 0;
  bool have_record_line = false;
  size_t declared = 0;
  while (std::getline(in, line)) {
    ++line_no;
    std::string where = location(name, line_no);
    std::string t = trim(line);
    if (t.empty()) continue;
    if (t[0] == '#') {
      h.comments.push_back(trim(t.substr(1)));
      continue;
    }
    auto tok = split_ws(t);
    // Form feeds and vertical tabs separate tokens too: a line of them is blank.
    if (tok.empty()) continue;
    if (!have_record_line) {
      have_record_line = true;
      h.record = tok[0];
      if (h.record.find('/') != std::string::npos)
        throw InputError(where, "multi-segment records are not supported");
      if (tok.size() < 2) throw InputError(where, "record line needs at least a name and a signal count");
      long n = to_long(tok[1], where, "signal count");
      if (n < 0 || n > 1000) throw InputError(where, fmt::format("signal count {} is out of range", n));
      declared = static_cast<size_t>(n);
      if (tok.size() >= 3) {
        std::string f = tok[2];
        f = f.substr(0, f.find_first_of("/("));  // "360/1000(0)": counter frequency and base ignored
        h.sampling_hz = to_double(f, where, "sampling frequency");
        if (!(h.sampling_hz >= kWfdbMinSamplingHz && h.sampling_hz <= kWfdbMaxSamplingHz))
          throw InputError(where, fmt::format("sampling frequency {} Hz is outside {}..{} Hz", h.sampling_hz,
                                              kWfdbMinSamplingHz, kWfdbMaxSamplingHz));
      }
      if (tok.size() >= 4) {
        h.samples = to_long(tok[3], where, "sample count");
        if (h.samples < 0) throw InputError(where, "sample count must not be negative");
      }
      continue;
    }
    if (h.signals.size() == declared)
      throw InputError(where, fmt::format("more signal lines than the {} declared", declared));
    WfdbSignal s;
    s.file = tok[0];
    if (tok.size() < 2) throw InputError(where, "signal line needs a file name and a format");
    parse_format(tok[1], s, where);
    bool baseline_given = false;
    if (tok.size() >= 3) parse_gain(tok[2], s, where, baseline_given);
    if (tok.size() >= 4) s.adc_resolution = to_int_in(tok[3], where, "ADC resolution", 0, 32);
    if (tok.size() >= 5) s.adc_zero = to_int_in(tok[4], where, "ADC zero", kMinAdc, kMaxAdc);
    if (!baseline_given) s.baseline = s.adc_zero;
    if (tok.size() >= 6) s.initial_value = to_int_in(tok[5], where, "initial value", kMinAdc, kMaxAdc);
    if (tok.size() >= 7) {
      s.checksum = to_int_in(tok[6], where, "checksum", -65536, 65535);
      s.has_checksum = true;
    }
    if (tok.size() >= 8) to_long(tok[7], where, "block size");
    for (size_t i = 8; i < tok.size(); ++i) s.description += (i > 8 ? " " : "") + tok[i];
    h.signals.push_back(s);
  }
  if (!have_record_line) throw InputError(name, "empty WFDB header (no record line)");
  if (h.signals.size() != declared)
    throw InputError(name, fmt::format("declares {} signals but describes {}", declared, h.signals.size()));
  return h;
}

WfdbRecord read_wfdb_record(const fs::path& hea_in) {
  const fs::path hea = wfdb_header_path(hea_in);
  return decode_wfdb_record(read_wfdb_header(hea), hea.string(), [&](const std::string& file) {
    const fs::path dat = hea.parent_path() / file;
    require_regular_file(dat, "WFDB signal file");
    return read_file(dat);
  });
}

WfdbRecord decode_wfdb_record(const WfdbHeader& header, const std::string& name,
                              const std::function<std::string(const std::string& file)>& signal_file) {
  const fs::path hea = name;
  WfdbRecord rec;
  rec.header = header;
  const WfdbHeader& h = rec.header;
  rec.digital.assign(h.signals.size(), {});
  // Signals stored in the same file are interleaved frame by frame.
  size_t first = 0;
  while (first < h.signals.size()) {
    size_t last = first;
    while (last + 1 < h.signals.size() && h.signals[last + 1].file == h.signals[first].file) ++last;
    const WfdbSignal& s0 = h.signals[first];
    const size_t group = last - first + 1;
    const fs::path dat = hea.parent_path() / s0.file;
    for (size_t k = first; k <= last; ++k)
      if (h.signals[k].format != s0.format || h.signals[k].byte_offset != s0.byte_offset)
        throw InputError(hea.string(), fmt::format("signals sharing {} must share one format", s0.file));
    const std::string bytes = signal_file(s0.file);
    if (s0.byte_offset < 0 || bytes.size() < static_cast<size_t>(s0.byte_offset))
      throw InputError(dat.string(), fmt::format("{} bytes, shorter than its byte offset {}", bytes.size(),
                                                 s0.byte_offset));
    const unsigned char* p = reinterpret_cast<const unsigned char*>(bytes.data()) + s0.byte_offset;
    const size_t avail = bytes.size() - static_cast<size_t>(s0.byte_offset);
    const size_t bytes_per_frame_x2 = s0.format == 212 ? 3 * group : 4 * group;  // bytes for two frames
    // The frames the file really holds; the header's count is checked against
    // it before anything is allocated (a header may claim any size).
    const size_t frames_in_file = avail * 2 / bytes_per_frame_x2;
    long samples = h.samples;
    if (samples == 0) samples = static_cast<long>(frames_in_file);  // length from the file
    const size_t total = static_cast<size_t>(samples) * group;
    const size_t needed = s0.format == 212 ? (total * 3 + 1) / 2 : total * 2;
    if (static_cast<size_t>(samples) > frames_in_file || avail < needed)
      throw InputError(dat.string(),
                       fmt::format("truncated: {} data bytes, {} samples x {} signals need {} (ends in sample {})",
                                   avail, samples, group,
                                   needed, avail * 2 / bytes_per_frame_x2));
    for (size_t k = first; k <= last; ++k) rec.digital[k].resize(static_cast<size_t>(samples));
    for (size_t i = 0; i < total; ++i) {
      int v;
      if (s0.format == 212) {
        const unsigned char* q = p + (i / 2) * 3;
        if (i % 2 == 0) {
          v = q[0] | ((q[1] & 0x0F) << 8);
        } else {
          v = q[2] | ((q[1] & 0xF0) << 4);
        }
        if (v & 0x800) v -= 0x1000;  // 12-bit two's complement
      } else {
        v = static_cast<int16_t>(static_cast<uint16_t>(p[2 * i] | (p[2 * i + 1] << 8)));
      }
      rec.digital[first + i % group][i / group] = v;
    }
    for (size_t k = first; k <= last; ++k) {
      const WfdbSignal& s = h.signals[k];
      if (!s.has_checksum || h.samples == 0) continue;
      int sum = 0;
      for (int v : rec.digital[k]) sum = (sum + v) & 0xFFFF;
      if (sum != (s.checksum & 0xFFFF))
        throw InputError(dat.string(), fmt::format("checksum of signal {} ({}) is {}, the header says {}", k,
                                                   s.description, static_cast<int16_t>(sum), s.checksum));
    }
    first = last + 1;
  }
  return rec;
}

std::vector<WfdbAnnotation> read_wfdb_annotations(const fs::path& atr) {
  require_regular_file(atr, "WFDB annotation file");
  return parse_wfdb_annotations(read_file(atr), atr.string());
}

std::vector<WfdbAnnotation> parse_wfdb_annotations(const std::string& bytes, const std::string& name) {
  const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
  if (bytes.size() % 2 != 0) throw InputError(name, fmt::format("truncated: odd size {} bytes", bytes.size()));
  const size_t words = bytes.size() / 2;
  auto word = [&](size_t i) { return static_cast<unsigned>(b[2 * i] | (b[2 * i + 1] << 8)); };
  std::vector<WfdbAnnotation> out;
  long time = 0;
  int chan = 0, num = 0;  // sticky: they carry over to later annotations
  size_t i = 0;
  bool ended = false;
  while (i < words) {
    unsigned w = word(i);
    int code = static_cast<int>(w >> 10);
    long interval = static_cast<long>(w & 0x3FF);
    size_t at = 2 * i;
    if (code == 0 && interval == 0) {
      ended = true;
      break;
    }
    if (code == kSkip) {
      if (i + 2 >= words) throw InputError(name, fmt::format("truncated SKIP at byte {}", at));
      // 32-bit interval stored PDP-11 style: high 16-bit word first.
      uint32_t hi = word(i + 1), lo = word(i + 2);
      time += static_cast<int32_t>((hi << 16) | lo);
      i += 3;
      continue;
    }
    if (code >= kNum) {
      if (out.empty()) throw InputError(name, fmt::format("modifier code {} before any annotation at byte {}", code, at));
      WfdbAnnotation& a = out.back();
      if (code == kNum) {
        num = static_cast<int>(interval >= 512 ? interval - 1024 : interval);  // 10-bit signed
        a.num = num;
      } else if (code == kSub) {
        a.subtype = static_cast<int>(interval);
      } else if (code == kChn) {
        chan = static_cast<int>(interval);
        a.channel = chan;
      } else {  // kAux: `interval` bytes of text, padded to an even count
        size_t len = static_cast<size_t>(interval);
        size_t start = 2 * (i + 1);
        if (start + len > bytes.size()) throw InputError(name, fmt::format("truncated AUX text at byte {}", at));
        a.aux.assign(bytes.data() + start, len);
        while (!a.aux.empty() && a.aux.back() == '\0') a.aux.pop_back();
        i += (len + 1) / 2;
      }
      ++i;
      continue;
    }
    if (code > 49) throw InputError(name, fmt::format("unknown annotation code {} at byte {}", code, at));
    time += interval;
    if (time < 0)
      throw InputError(name, fmt::format("annotation at byte {} lies at sample {}, before the record starts", at, time));
    WfdbAnnotation a;
    a.sample = time;
    a.code = code;
    a.channel = chan;
    a.num = num;
    out.push_back(a);
    ++i;
  }
  if (!ended) throw InputError(name, fmt::format("truncated: no end-of-file word after {} annotations", out.size()));
  return out;
}

}  // namespace fognas
