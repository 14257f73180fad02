// Decoding, encoding and layer skipping of the two-chromosome genome.
#include <gtest/gtest.h>

#include <random>

#include "fognas/search/genome.h"

namespace fognas {
namespace {

TEST(GaGenome, DecodeSkipsZeroLengthLayersAndIgnoresTheirChannels) {
  Genome g;
  g.lengths = {128, 0, 8, 0, 64, 0, 0, 0};
  g.channels = {1, 3, 4, 2, 2, 4, 1, 3};
  Network net = g.decode(2);
  EXPECT_EQ(net.lengths, (std::vector<int>{2048, 128, 8, 64, 2}));
  EXPECT_EQ(net.channels, (std::vector<int>{1, 1, 4, 2, 1}));
  ASSERT_EQ(net.layer_count(), 4);
  EXPECT_EQ(net.layers[0].kind, LayerKind::Conv);
  EXPECT_EQ(net.layers[0].kernel, 16);
  EXPECT_EQ(net.layers[2].kind, LayerKind::TConv);
  EXPECT_EQ(net.layers[2].kernel, 8);
  EXPECT_EQ(net.layers[3].kind, LayerKind::Dense);
  // SD-1 of the paper: 0.3 KB of Flash means 4 B x its parameter count.
  EXPECT_EQ(net.parameters(), 16 * 1 * 1 + 1 + 16 * 1 * 4 + 4 + 8 * 4 * 2 + 2 + 64 * 2 * 2 + 2);
}

TEST(GaGenome, ChannelGenesOfSkippedLayersDoNotChangeTheKey) {
  Genome a, b;
  a.lengths = b.lengths = {256, 0, 32, 0, 0, 0, 0, 0};
  a.channels = {2, 1, 3, 4, 4, 4, 4, 4};
  b.channels = {2, 4, 3, 1, 2, 3, 1, 2};
  EXPECT_EQ(a.key(), b.key());
  b.channels[0] = 3;
  EXPECT_NE(a.key(), b.key());
}

TEST(GaGenome, EncodeThenDecodeGivesTheSameNetworkForRandomGenomes) {
  std::mt19937_64 rng(11);
  for (int i = 0; i < 500; ++i) {
    Genome g = Genome::random(rng);
    Network net = g.decode(5);
    Genome back = Genome::encode(net.lengths, net.channels);
    Network again = back.decode(5);
    EXPECT_EQ(again.lengths, net.lengths);
    EXPECT_EQ(again.channels, net.channels);
    EXPECT_EQ(back.key(), g.key());
    // The encoded form keeps the hidden layers first and the skipped ones last.
    const size_t hidden = net.lengths.size() - 2;
    for (size_t k = 0; k < back.lengths.size(); ++k) EXPECT_EQ(back.lengths[k] == 0, k >= hidden);
  }
}

TEST(GaGenome, RandomGenomesDrawOnlyFromTheGeneSets) {
  std::mt19937_64 rng(3);
  for (int i = 0; i < 200; ++i) {
    Genome g = Genome::random(rng, 6);
    ASSERT_EQ(g.lengths.size(), 6u);
    for (int l : g.lengths) EXPECT_TRUE(is_length_gene(l));
    for (int c : g.channels) EXPECT_TRUE(is_channel_gene(c));
  }
}

}  // namespace
}  // namespace fognas
