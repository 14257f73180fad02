#include "fognas/search/genome.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <stdexcept>

namespace fognas {

bool is_length_gene(int v) { return std::find(kLengthGenes.begin(), kLengthGenes.end(), v) != kLengthGenes.end(); }
bool is_channel_gene(int v) { return std::find(kChannelGenes.begin(), kChannelGenes.end(), v) != kChannelGenes.end(); }

Network Genome::decode(int classes) const {
  std::vector<int> ls{kInputLength}, cs{kInputChannels};
  for (size_t i = 0; i < lengths.size(); ++i) {
    if (lengths[i] == 0) continue;
    ls.push_back(lengths[i]);
    cs.push_back(channels[i]);
  }
  ls.push_back(classes);
  cs.push_back(1);
  return Network::from_shape(std::move(ls), std::move(cs));
}

std::string Genome::key() const {
  std::string k;
  for (size_t i = 0; i < lengths.size(); ++i)
    if (lengths[i] != 0) k += fmt::format("{}x{};", lengths[i], channels[i]);
  return k;
}

std::string Genome::to_string() const {
  return fmt::format("L[{}] C[{}]", fmt::join(lengths, ","), fmt::join(channels, ","));
}

Genome Genome::random(std::mt19937_64& rng, int genes) {
  std::uniform_int_distribution<size_t> pick_l(0, kLengthGenes.size() - 1), pick_c(0, kChannelGenes.size() - 1);
  Genome g;
  for (int i = 0; i < genes; ++i) {
    g.lengths.push_back(kLengthGenes[pick_l(rng)]);
    g.channels.push_back(kChannelGenes[pick_c(rng)]);
  }
  return g;
}

Genome Genome::encode(const std::vector<int>& lengths, const std::vector<int>& channels, int genes) {
  if (lengths.size() != channels.size() || lengths.size() < 2)
    throw std::invalid_argument("lengths and channels must have the same count, at least 2");
  const int hidden = static_cast<int>(lengths.size()) - 2;
  if (hidden > genes) throw std::invalid_argument(fmt::format("{} hidden layers do not fit {} genes", hidden, genes));
  Genome g;
  for (int i = 0; i < genes; ++i) {
    if (i < hidden) {
      int l = lengths[static_cast<size_t>(i) + 1], c = channels[static_cast<size_t>(i) + 1];
      if (!is_length_gene(l) || l == 0) throw std::invalid_argument(fmt::format("length {} is not in the gene set", l));
      if (!is_channel_gene(c)) throw std::invalid_argument(fmt::format("channel {} is not in the gene set", c));
      g.lengths.push_back(l);
      g.channels.push_back(c);
    } else {
      g.lengths.push_back(0);
      g.channels.push_back(1);
    }
  }
  return g;
}

}  // namespace fognas
