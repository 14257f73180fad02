#pragma once
// The search's encoding, as in the method's paper: two chromosomes of M genes, one of
// layer lengths (0 = skip the layer) and one of channel counts.
#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "fognas/cost/cost.h"

namespace fognas {

inline constexpr std::array<int, 10> kLengthGenes = {1024, 512, 256, 128, 64, 32, 16, 8, 4, 0};
inline constexpr std::array<int, 4> kChannelGenes = {4, 3, 2, 1};
inline constexpr int kDefaultGenomeLayers = 8;
inline constexpr int kInputLength = 2048;
inline constexpr int kInputChannels = 1;

struct Genome {
  std::vector<int> lengths;   // M length genes
  std::vector<int> channels;  // M channel genes

  bool operator==(const Genome& o) const { return lengths == o.lengths && channels == o.channels; }

  // Network with input 2048x1 and `classes` outputs; skipped layers dropped.
  Network decode(int classes) const;
  // The canonical form of the decoded network: genomes that decode alike share it
  // (used as the evaluation cache key).
  std::string key() const;
  std::string to_string() const;

  static Genome random(std::mt19937_64& rng, int genes = kDefaultGenomeLayers);
  // The genome (hidden layers first, skipped layers at the end) of a network given
  // as lengths/channels lists including input and output.
  static Genome encode(const std::vector<int>& lengths, const std::vector<int>& channels,
                       int genes = kDefaultGenomeLayers);
};

bool is_length_gene(int v);
bool is_channel_gene(int v);

}  // namespace fognas
