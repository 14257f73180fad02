#include "mobility.h"

#include <fmt/format.h>

#include "ns3/constant-position-mobility-model.h"
#include "ns3/enum.h"
#include "ns3/random-walk-2d-mobility-model.h"
#include "ns3/rectangle.h"
#include "ns3/string.h"

namespace fognas::sim {
namespace {
// Streams of their own, above the Wi-Fi transmitters' (2^43 + k) and below
// those ns-3 hands out by itself (2^63 on); a walk takes at most this many.
constexpr int64_t kFirstWalkStream = int64_t{1} << 44;
constexpr int64_t kStreamsPerWalk = 8;
}  // namespace

void PlaceStill(ns3::Ptr<ns3::Node> node, const ns3::Vector& position) {
  ns3::Ptr<ns3::ConstantPositionMobilityModel> m = ns3::CreateObject<ns3::ConstantPositionMobilityModel>();
  m->SetPosition(position);
  node->AggregateObject(m);
}

void PlaceWalking(ns3::Ptr<ns3::Node> node, const ns3::Vector& position, const WalkArea& area, double speed_m_s,
                  int64_t wearable) {
  using namespace ns3;
  Ptr<RandomWalk2dMobilityModel> m = CreateObject<RandomWalk2dMobilityModel>();
  m->SetAttribute("Bounds", RectangleValue(Rectangle(area.x0_m, area.x1_m, area.y0_m, area.y1_m)));
  m->SetAttribute("Mode", EnumValue(RandomWalk2dMobilityModel::MODE_TIME));
  m->SetAttribute("Time", TimeValue(Seconds(2)));
  m->SetAttribute("Speed", StringValue(fmt::format("ns3::ConstantRandomVariable[Constant={}]", speed_m_s)));
  const int64_t used = m->AssignStreams(kFirstWalkStream + kStreamsPerWalk * wearable);
  NS_ABORT_MSG_IF(used > kStreamsPerWalk, "a random walk takes " << used << " streams");
  m->SetPosition(position);
  node->AggregateObject(m);
}

}  // namespace fognas::sim
