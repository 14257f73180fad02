#pragma once
// PhysioNet WFDB records: the .hea text header, signal files in format 212
// (two 12-bit samples in three bytes) or 16 (little-endian int16), and the
// MIT-format binary annotation files (.atr) with their SKIP/NUM/SUB/CHN/AUX
// pseudo-annotations.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace fognas {

struct WfdbSignal {
  std::string file;         // signal file name, relative to the header's folder
  int format = 212;         // 212 or 16
  long byte_offset = 0;     // bytes to skip at the start of the file ("212+N")
  double gain = 200;        // ADC units per physical unit (0 in a header means 200)
  int baseline = 0;         // ADC value of physical zero (defaults to adc_zero)
  std::string units = "mV";
  int adc_resolution = 12;  // bits
  int adc_zero = 0;
  int initial_value = 0;
  bool has_checksum = false;
  int checksum = 0;  // 16-bit sum of all samples, as written in the header
  std::string description;
};

struct WfdbHeader {
  std::string record;
  double sampling_hz = 250;  // WFDB's default when the header gives none
  long samples = 0;          // per signal
  std::vector<WfdbSignal> signals;
  std::vector<std::string> comments;  // "#" lines, without the "#"
};

struct WfdbRecord {
  WfdbHeader header;
  std::vector<std::vector<int>> digital;  // [signal][sample], ADC units

  // (digital - baseline) / gain, in the signal's units.
  std::vector<double> physical(size_t signal) const;
};

struct WfdbAnnotation {
  long sample = 0;
  int code = 0;  // WFDB annotation code (1 = N, 5 = V, 8 = A, ...)
  int subtype = 0;
  int channel = 0;
  int num = 0;
  std::string aux;
};

// Physical limits a header must respect: sampling frequency in Hz, header
// size in bytes.
constexpr double kWfdbMinSamplingHz = 1;
constexpr double kWfdbMaxSamplingHz = 100000;
constexpr size_t kWfdbMaxHeaderBytes = 1 << 20;

// `path` may name the record ("dir/100"), its header ("dir/100.hea"); errors
// name the file and line.
WfdbHeader read_wfdb_header(const std::filesystem::path& hea);
// Reads every signal of the record whose header is `hea`; a short file, a
// checksum that does not match or an unknown format throws InputError naming
// the signal file.
WfdbRecord read_wfdb_record(const std::filesystem::path& hea);
// Reads a whole MIT-format annotation file; corrupt or truncated files throw
// InputError naming the file and byte offset.
std::vector<WfdbAnnotation> read_wfdb_annotations(const std::filesystem::path& atr);

// The same readers on bytes already in memory; `name` is the file name used in
// messages. `signal_file` returns the bytes of a signal file named in the
// header (relative to the header's folder).
WfdbHeader parse_wfdb_header(const std::string& text, const std::string& name);
WfdbRecord decode_wfdb_record(const WfdbHeader& header, const std::string& name,
                              const std::function<std::string(const std::string& file)>& signal_file);
std::vector<WfdbAnnotation> parse_wfdb_annotations(const std::string& bytes, const std::string& name);

// The mnemonic of an annotation code ("N", "A", "+", ...); codes without one
// are written "[code]".
std::string annotation_symbol(int code);
// The code of a mnemonic, or -1.
int annotation_code(const std::string& symbol);

// "dir/100", "dir/100.hea", "dir/100.dat" -> "dir/100.hea".
std::filesystem::path wfdb_header_path(const std::filesystem::path& record);

}  // namespace fognas
