#pragma once
// European Data Format (EDF and EDF+): a 256-byte fixed ASCII header, 256
// bytes per signal, then data records holding each signal's int16 samples in
// turn. EDF+ "EDF Annotations" signals are listed but hold no samples to scale.
#include <cstdint>
#include <filesystem>
#include <istream>
#include <string>
#include <vector>

namespace fognas {

struct EdfSignalHeader {
  std::string label;
  std::string transducer;
  std::string physical_dimension;
  double physical_min = 0, physical_max = 0;
  int digital_min = 0, digital_max = 0;
  std::string prefiltering;
  int samples_per_record = 0;

  bool is_annotation() const { return label == "EDF Annotations"; }
  double sampling_hz(double record_duration_s) const { return samples_per_record / record_duration_s; }
  // The header's linear map from digital to physical values.
  double to_physical(int digital) const;
};

struct EdfHeader {
  std::string version, patient, recording, start_date, start_time, reserved;
  int header_bytes = 0;
  long records = 0;
  double record_duration_s = 0;
  std::vector<EdfSignalHeader> signals;

  bool is_edf_plus() const { return reserved.rfind("EDF+", 0) == 0; }
  long record_bytes() const;  // bytes of one data record
  double duration_s() const { return records * record_duration_s; }
  // Index of the signal whose label matches (case-insensitive, trimmed), or -1.
  int find_signal(const std::string& label) const;
};

// Parses and checks the header, and checks the file size against it: a
// truncated file throws InputError naming the file and the first record that
// is incomplete.
EdfHeader read_edf_header(const std::filesystem::path& path);
// The same on a stream holding the file's bytes, `file_size` of them; `name`
// is the file name used in messages.
EdfHeader parse_edf_header(std::istream& in, std::uintmax_t file_size, const std::string& name);
// Physical values of the chosen signals, [i][sample], over all records.
std::vector<std::vector<double>> read_edf_signals(const std::filesystem::path& path, const EdfHeader& header,
                                                  const std::vector<int>& which);
std::vector<std::vector<double>> read_edf_signals(std::istream& in, const std::string& name, const EdfHeader& header,
                                                  const std::vector<int>& which);

// One EDF+ annotation: what happened (`text`) from `onset_s` (seconds from
// the start of the recording) for `duration_s` (0 when not given).
struct EdfAnnotation {
  double onset_s = 0;
  double duration_s = 0;
  std::string text;
};
// The annotations of every "EDF Annotations" signal (time-stamped annotation
// lists, EDF+ section 2.2), the records' own time stamps left out. A list that
// does not follow the format throws InputError naming the file and record.
std::vector<EdfAnnotation> read_edf_annotations(const std::filesystem::path& path, const EdfHeader& header);

// Physical limits a header must respect.
constexpr double kEdfMaxSamplingHz = 1e6;
constexpr double kEdfMaxRecordDuration_s = 1e6;

}  // namespace fognas
