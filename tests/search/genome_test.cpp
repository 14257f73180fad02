#include <gtest/gtest.h>

#include <random>

#include "fognas/search/genome.h"

namespace fognas {
namespace {

TEST(Genome, SkippedLayersDisappearAndEncodeDecodeRoundTrips) {
  Genome g{{128, 0, 8, 0, 64, 0, 0, 0}, {1, 4, 4, 3, 2, 1, 1, 1}};
  Network net = g.decode(2);
  EXPECT_EQ(net.lengths, (std::vector<int>{2048, 128, 8, 64, 2}));
  EXPECT_EQ(net.channels, (std::vector<int>{1, 1, 4, 2, 1}));
  Genome back = Genome::encode(net.lengths, net.channels);
  EXPECT_EQ(back.key(), g.key());
  EXPECT_EQ(back.decode(2).lengths, net.lengths);
}

TEST(Genome, RandomGenomesDecodeToValidNetworksAndKeyIdentifiesTheNetwork) {
  std::mt19937_64 rng(3);
  for (int i = 0; i < 2000; ++i) {
    Genome g = Genome::random(rng);
    Network net = g.decode(5);
    EXPECT_EQ(net.lengths.front(), 2048);
    EXPECT_EQ(net.lengths.back(), 5);
    EXPECT_EQ(net.layers.back().kind, LayerKind::Dense);
    Genome e = Genome::encode(net.lengths, net.channels);
    EXPECT_EQ(e.key(), g.key());
    // Channel genes of skipped layers do not change the key.
    Genome h = g;
    for (size_t j = 0; j < h.lengths.size(); ++j)
      if (h.lengths[j] == 0) h.channels[j] = 4;
    EXPECT_EQ(h.key(), g.key());
  }
}

TEST(Network, LayerKindsAndCountsFollowTheEncoding) {
  Network net = Network::from_shape({2048, 128, 8, 64, 64, 2}, {1, 1, 4, 2, 3, 1});
  ASSERT_EQ(net.layer_count(), 5);
  EXPECT_EQ(net.layers[0].kind, LayerKind::Conv);
  EXPECT_EQ(net.layers[0].kernel, 16);
  EXPECT_EQ(net.layers[2].kind, LayerKind::TConv);
  EXPECT_EQ(net.layers[2].kernel, 8);
  EXPECT_EQ(net.layers[3].kind, LayerKind::ConvSame);
  EXPECT_EQ(net.layers[3].kernel, 3);
  EXPECT_EQ(net.layers[4].kind, LayerKind::Dense);
  // conv 16*1*1+1, conv 16*1*4+4, tconv 8*4*2+2, conv3 3*2*3+3, fc 64*3*2+2
  EXPECT_EQ(net.parameters(), 17 + 68 + 66 + 21 + 386);
  // conv 128*1*1*16, 8*4*1*16, tconv 64*2*4*8, conv3 64*3*2*3, fc 192*2
  EXPECT_EQ(net.effective_macs(), 2048 + 512 + 4096 + 1152 + 384);
}

TEST(Network, RejectsBadShapes) {
  EXPECT_THROW(Network::from_shape({2048, 128, 2}, {1, 1}), std::invalid_argument);
  EXPECT_THROW(Network::from_shape({2048, 96, 2}, {1, 1, 1}), std::invalid_argument);
  EXPECT_THROW(Network::from_shape({2048, 0, 2}, {1, 1, 1}), std::invalid_argument);
  EXPECT_THROW(Network::from_shape({2048, 128, 2}, {1, 1, 2}), std::invalid_argument);
}

}  // namespace
}  // namespace fognas
