#pragma once
// Labelled windows ready for training: every example is `length` float samples
// (2048 in the paper's setting: two 1024-sample EEG channels concatenated, or
// one ECG beat resampled), with an integer class label.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fognas {

// How the samples of a window are scaled before a network sees them:
// Window      each window z-scored on its own (its amplitude is lost);
// Recording   z-scored with the mean and deviation of the whole recording it
//             was cut from (amplitude kept relative to that recording);
// TrainingSet one mean and deviation from the training part of the split,
//             applied to every part (amplitude kept across recordings; the
//             readers leave the samples in physical units and split_dataset
//             scales them, so validation and test never inform the scale).
enum class Normalisation { Window, Recording, TrainingSet };
std::string to_string(Normalisation n);
// "window" | "recording" | "training-set"; nullopt for anything else.
std::optional<Normalisation> normalisation_from_string(const std::string& s);

// A class as chosen by the user: its name and the reader's own classes it
// gathers (MIT-BIH: AAMI classes; Bonn: the set letters A-E).
struct ClassGroup {
  std::string name;
  std::vector<std::string> sources;
};

// What a reader does with its own classes: the output class names and, for
// every source class of the reader, its output label (-1: dropped).
struct ClassMap {
  std::vector<std::string> names;
  std::vector<int> label_of_source;
};

// Resolves `chosen` against a reader's source classes; empty `chosen` means
// `defaults`. A source name the reader does not have, a source given twice or
// an empty group throws InputError at `where` (file:line: key data.classes).
ClassMap resolve_classes(const std::vector<std::string>& source_names, const std::vector<ClassGroup>& chosen,
                         const std::vector<ClassGroup>& defaults, const std::string& where);
// One group per source class, in the reader's order (the identity choice).
std::vector<ClassGroup> identity_groups(const std::vector<std::string>& source_names);

// What every reader takes beyond its files.
struct ReaderSettings {
  Normalisation normalisation = Normalisation::Window;
  std::vector<ClassGroup> classes;             // empty: the reader's default classes
  std::string classes_where = "data.classes";  // where `classes` was given, for messages
};

struct Dataset {
  std::string name;                      // "synthetic-eeg", a path, ...
  std::vector<std::string> class_names;  // index = label
  int length = 2048;                     // samples per example
  std::vector<float> samples;            // size() * length, row major
  std::vector<int> labels;
  // Recording each example was cut from (a Bonn segment, an MIT-BIH record, a
  // CHB-MIT case), for splitting by record; empty: every example its own.
  std::vector<int> recordings;
  Normalisation normalisation = Normalisation::Window;  // TrainingSet: split_dataset scales

  int classes() const { return static_cast<int>(class_names.size()); }
  size_t size() const { return labels.size(); }
  const float* example(size_t i) const { return samples.data() + i * static_cast<size_t>(length); }
  std::vector<size_t> class_counts() const;
};

// The paper's protocol: balanced classes, stratified 70/15/15 split, and the
// validation part halved at random into V1 (fitness during the search) and V2
// (choosing among valid solutions at extraction).
struct DatasetSplit {
  Dataset train, v1, v2, test;
  // TrainingSet normalisation: the training part's mean and deviation that
  // every part was scaled with (0 and 1 otherwise).
  double normalise_mean = 0, normalise_sd = 1;
};

}  // namespace fognas
