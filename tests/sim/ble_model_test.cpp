// The BLE model in ns-3 terms: a small topology, the simulator run, a traced
// figure compared with the same figure worked out by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <tuple>
#include <vector>

#include "ns3/basic-energy-source.h"
#include "ns3/constant-position-mobility-model.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/node-container.h"
#include "ns3/packet.h"
#include "ns3/pointer.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include "fognas/devices/profile_io.h"
#include "fognas/cost/radio_energy.h"
#include "ns3/ble-helper.h"
#include "ns3/ble-applications.h"
#include "ns3/boolean.h"
#include "ns3/ble-channel-selection.h"
#include "ns3/ble-counter-random.h"
#include "ns3/ble-phy.h"
#include "ns3/ble-central-radio.h"
#include "ns3/ble-central-scanner.h"
#include "ble_profile_attributes.h"
#include "mobility.h"

namespace {
using namespace ns3;

// One central and `n` peripherals at `distance_m`, radio energy models on a
// large battery, the link layer configured from a radio profile.
struct Topology {
  NodeContainer central, peripherals;
  NetDeviceContainer centralDev, peripheralDevs;
  std::vector<Ptr<BleRadioEnergyModel>> radios;
  std::vector<Ptr<BasicEnergySource>> sources;
  std::vector<Ptr<Packet>> received;
  std::vector<Time> receivedAt;

  Topology(const fognas::BleRadioParams& ble, int n, double distance_m, bool closedForm = true) {
    Simulator::Destroy();
    RngSeedManager::SetSeed(7);
    RngSeedManager::SetRun(1);
    central.Create(1);
    peripherals.Create(static_cast<uint32_t>(n));
    Place(central.Get(0), 0);
    for (uint32_t i = 0; i < peripherals.GetN(); ++i) Place(peripherals.Get(i), distance_m);
    BleHelper helper;
    fognas::sim::SetBleLinkAttributes(helper, ble, closedForm);
    Ptr<BleChannel> channel = helper.CreateChannel(3.0, 40.05);
    channel->AssignStreams(0);
    centralDev = helper.Install(central, BleNetDevice::CENTRAL, channel);
    peripheralDevs = helper.Install(peripherals, BleNetDevice::PERIPHERAL, channel);
    helper.Connect(centralDev.Get(0), peripheralDevs);
    centralDev.Get(0)->SetReceiveCallback(MakeCallback(&Topology::Receive, this));
    BleRadioEnergyModelHelper energy;
    fognas::sim::SetBleRadioEnergyAttributes(energy, ble);
    for (uint32_t i = 0; i < peripherals.GetN(); ++i) {
      Ptr<BasicEnergySource> source = CreateObject<BasicEnergySource>();
      source->SetAttribute("BasicEnergySourceInitialEnergyJ", DoubleValue(1000.0));
      source->SetAttribute("BasicEnergySupplyVoltageV", DoubleValue(3.7));
      source->SetNode(peripherals.Get(i));
      peripherals.Get(i)->AggregateObject(source);
      radios.push_back(DynamicCast<BleRadioEnergyModel>(energy.Install(peripheralDevs.Get(i), source).Get(0)));
      sources.push_back(source);
    }
  }
  ~Topology() { Simulator::Destroy(); }

  static void Place(Ptr<Node> node, double x) {
    Ptr<ConstantPositionMobilityModel> m = CreateObject<ConstantPositionMobilityModel>();
    m->SetPosition(Vector(x, 0, 0));
    node->AggregateObject(m);
  }
  bool Receive(Ptr<NetDevice>, Ptr<const Packet> p, uint16_t, const Address&) {
    received.push_back(p->Copy());
    receivedAt.push_back(Simulator::Now());
    return true;
  }
  Ptr<BlePeripheralLinkLayer> Peripheral(uint32_t i) const {
    return DynamicCast<BlePeripheralLinkLayer>(DynamicCast<BleNetDevice>(peripheralDevs.Get(i))->GetLinkLayer());
  }
  Ptr<BleCentralLinkLayer> Central() const {
    return DynamicCast<BleCentralLinkLayer>(DynamicCast<BleNetDevice>(centralDev.Get(0))->GetLinkLayer());
  }
  void SendAt(double t_s, uint32_t i, uint32_t bytes) {
    Simulator::Schedule(Seconds(t_s), [this, i, bytes] { peripheralDevs.Get(i)->Send(Create<Packet>(bytes), Address(), 0); });
  }
};

fognas::BleRadioParams Profile(const std::string& name) { return fognas::load_radio_profile(name).ble; }

// Energy of the events that carry data, read off the energy model.
struct DataEventEnergy {
  Ptr<BleRadioEnergyModel> radio;
  double atStart = 0, total = 0;
  int events = 0;
  void Start(Time, bool data) {
    if (data) atStart = radio->GetTotalEnergyConsumption();
  }
  void End(Time, bool data) {
    if (data) total += radio->GetTotalEnergyConsumption() - atStart, ++events;
  }
  void Connect(Ptr<BleLinkLayer> dev) {
    dev->TraceConnectWithoutContext("EventStart", MakeCallback(&DataEventEnergy::Start, this));
    dev->TraceConnectWithoutContext("EventEnd", MakeCallback(&DataEventEnergy::End, this));
  }
};

TEST(BleLinkLayer, PacketAirTimesAreTheSpecificationsFigures) {
  Ptr<BleNetDevice> device = CreateObject<BleNetDevice>();
  Ptr<BleLinkLayer> dev = device->GetLinkLayer();  // 1M, MIC on
  Ptr<BlePhy> phy = device->GetRadio();
  EXPECT_EQ(dev->PacketAirTime(27), MicroSeconds(328));
  EXPECT_EQ(dev->PacketAirTime(251), MicroSeconds(2120));
  EXPECT_EQ(dev->PacketAirTime(0), MicroSeconds(80));  // empty packet: no MIC
  phy->SetAttribute("Mode", EnumValue(BLE_PHY_2M));
  phy->SetAttribute("PreambleBytes", UintegerValue(2));
  EXPECT_EQ(dev->PacketAirTime(251), MicroSeconds(1064));
  // The predictor reads the same figures off the profiles.
  EXPECT_DOUBLE_EQ(fognas::ble_packet_airtime_us(Profile("nrf52832-1m"), 251), 2120.0);
  EXPECT_DOUBLE_EQ(fognas::ble_packet_airtime_us(Profile("nrf52832-1m"), 27), 328.0);
  EXPECT_DOUBLE_EQ(fognas::ble_packet_airtime_us(Profile("nrf52840-2m"), 251), 1064.0);
  EXPECT_DOUBLE_EQ(fognas::ble_packet_airtime_us(Profile("nrf52832-1m"), 0), 80.0);
}

// The coded packet by hand: 80 us preamble; access address (32 bits), CI (2)
// and TERM1 (3) at 8 us a bit = 296 us; then header, payload, MIC, CRC and
// TERM2 (3 bits) at 2 us (S=2) or 8 us (S=8) a bit. The specification's
// figures: empty 462 and 720 us, 27 bytes at S=8 2704 us, 251 bytes (255
// with the MIC) 4542 and 17040 us.
TEST(BleLinkLayer, CodedPacketAirTimesAreTheSpecificationsFigures) {
  Ptr<BleNetDevice> device = CreateObject<BleNetDevice>();
  Ptr<BleLinkLayer> dev = device->GetLinkLayer();
  const auto blockTwoBits = [](uint32_t ll) { return 8 * (2 + (ll > 0 ? ll + 4 : 0) + 3) + 3; };
  for (auto [phy, s] : {std::pair{BLE_PHY_CODED_S2, 2}, std::pair{BLE_PHY_CODED_S8, 8}}) {
    device->GetRadio()->SetAttribute("Mode", EnumValue(phy));
    for (uint32_t ll : {0u, 27u, 251u}) {
      EXPECT_EQ(dev->PacketAirTime(ll), MicroSeconds(80 + 296 + s * blockTwoBits(ll))) << s << " " << ll;
      EXPECT_EQ(dev->PacketBits(ll), 37u + blockTwoBits(ll));
    }
  }
  device->GetRadio()->SetAttribute("Mode", EnumValue(BLE_PHY_CODED_S2));
  EXPECT_EQ(dev->PacketAirTime(0), MicroSeconds(462));
  EXPECT_EQ(dev->PacketAirTime(251), MicroSeconds(4542));
  device->GetRadio()->SetAttribute("Mode", EnumValue(BLE_PHY_CODED_S8));
  EXPECT_EQ(dev->PacketAirTime(0), MicroSeconds(720));
  EXPECT_EQ(dev->PacketAirTime(27), MicroSeconds(2704));
  EXPECT_EQ(dev->PacketAirTime(251), MicroSeconds(17040));
  // The predictor, from its own code, on the shipped profiles.
  for (auto [name, s] : {std::pair{"nrf52840-coded-s2", 2}, std::pair{"nrf52840-coded-s8", 8}})
    for (int ll : {0, 27, 251}) {
      EXPECT_DOUBLE_EQ(fognas::ble_packet_airtime_us(Profile(name), ll), 80 + 296 + s * blockTwoBits(ll)) << name;
      EXPECT_EQ(fognas::ble_packet_bits(Profile(name), ll), 37 + blockTwoBits(ll)) << name;
    }
}

TEST(BleLinkLayer, OneTensorCostsWhatTheEventSequenceCostsByHand) {
  auto ble = Profile("nrf52832-1m");
  ble.max_event_length_ms = 0;  // no limit: the three packets share one event
  Topology topo(ble, 1, 1.0);
  DataEventEnergy trace{topo.radios[0]};
  trace.Connect(topo.Peripheral(0));
  topo.SendAt(0.5, 0, 600);
  Simulator::Stop(Seconds(1));
  Simulator::Run();
  ASSERT_EQ(topo.received.size(), 1u);
  EXPECT_EQ(topo.received[0]->GetSize(), 600u);
  EXPECT_EQ(topo.Peripheral(0)->GetStatistics().dataPackets, 3u);  // 244 + 244 + 112 bytes of data
  EXPECT_EQ(trace.events, 1);
  // CPU 200 us, crystal 360 us, ramp 140 us; the receiver open from
  // (20 + 20) ppm x 30 ms + 16 us before the anchor to the end of the
  // central's opening packet; then per packet T_IFS and our packet, with
  // T_IFS, the central's empty ack and T_IFS between packets; CPU 450 us.
  const double tx_us = 2120 + 2120 + 8 * (1 + 4 + 2 + 119 + 4 + 3);  // LL payloads 251, 251, 119
  const double rx_us = 3 * 80 + (40e-6 * 30000 + 16), idle_us = 5 * 150, ramp_us = 140;
  const double charge_nc = 5.3 * tx_us + 5.4 * rx_us + 4.0 * idle_us + 4.0 * ramp_us + 0.5 * 360 + 3.7 * 650;
  EXPECT_NEAR(trace.total, charge_nc * 3.0 * 1e-9, 1e-12);
  EXPECT_NEAR(trace.total * 1e3, fognas::predict_ble_transfer(ble, 600).energy_mj, 1e-12);
}

// Time spent in each radio state, read off the PHY's "State" trace source.
struct StateTimes {
  std::map<BleRadioState, double> us;
  std::vector<BleRadioState> sequence;
  void Change(Time now, BleRadioState old, BleRadioState next) {
    if (!sequence.empty()) us[old] += (now - since).GetMicroSeconds();
    sequence.push_back(next);
    since = now;
  }
  Time since;
};

TEST(BlePhyStates, TheStateTraceShowsTheEventSequenceWorkedOutByHand) {
  auto ble = Profile("nrf52832-1m");
  ble.max_event_length_ms = 0;  // no limit: the three packets share one event
  Topology topo(ble, 1, 1.0);
  StateTimes states;
  topo.Peripheral(0)->GetRadio()->TraceConnectWithoutContext("State", MakeCallback(&StateTimes::Change, &states));
  topo.SendAt(0.5, 0, 600);
  Simulator::Stop(Seconds(1));
  Simulator::Run();
  // One data event (idle events are accounted in closed form): the stack's
  // CPU work, the crystal, ramp-up, the widened window and the opening
  // packet, then T_IFS + packet, and twice T_IFS + ack + T_IFS + packet, CPU.
  const std::vector<BleRadioState> expected{BLE_RADIO_CPU,  BLE_RADIO_XTAL, BLE_RADIO_RAMP, BLE_RADIO_RX,
                                            BLE_RADIO_IDLE, BLE_RADIO_TX,   BLE_RADIO_IDLE, BLE_RADIO_RX,
                                            BLE_RADIO_IDLE, BLE_RADIO_TX,   BLE_RADIO_IDLE, BLE_RADIO_RX,
                                            BLE_RADIO_IDLE, BLE_RADIO_TX,   BLE_RADIO_CPU,  BLE_RADIO_SLEEP};
  EXPECT_EQ(states.sequence, expected);
  EXPECT_EQ(states.us[BLE_RADIO_CPU], 200 + 450);
  EXPECT_EQ(states.us[BLE_RADIO_XTAL], 360);
  EXPECT_EQ(states.us[BLE_RADIO_RAMP], 140);
  // The window opens (20 + 20) ppm x 30 ms + 16 us = 17.2 us early (whole us here).
  EXPECT_EQ(states.us[BLE_RADIO_RX], 17 + 3 * 80);
  EXPECT_EQ(states.us[BLE_RADIO_IDLE], 5 * 150);
  EXPECT_EQ(states.us[BLE_RADIO_TX], 2120 + 2120 + 8 * (1 + 4 + 2 + 119 + 4 + 3));
  EXPECT_EQ(topo.Peripheral(0)->GetRadio()->GetState(), BLE_RADIO_SLEEP);
}

// The layering PHY <- link layer <- NetDevice: the device hands its radio to
// its link layer, reports the link layer's state as its own, and the link
// layer's "State" trace source shows each change.
TEST(BleLinkLayer, StateTraceAndDeviceFollowTheConnection) {
  Topology topo(Profile("nrf52832-1m"), 1, 1.0);
  Ptr<BleNetDevice> dev = DynamicCast<BleNetDevice>(topo.peripheralDevs.Get(0));
  EXPECT_EQ(dev->GetLinkLayer()->GetRadio(), dev->GetRadio());
  PointerValue viaAttribute;
  dev->GetAttribute("LinkLayer", viaAttribute);
  EXPECT_EQ(viaAttribute.Get<BleLinkLayer>(), dev->GetLinkLayer());
  EXPECT_EQ(topo.Peripheral(0)->GetState(), BLE_LL_CONNECTED);
  EXPECT_EQ(topo.Central()->GetState(), BLE_LL_CONNECTED);
  EXPECT_TRUE(dev->IsLinkUp());
  std::vector<std::pair<BleLinkState, BleLinkState>> changes;
  int deviceNotified = 0;
  topo.Peripheral(0)->TraceConnectWithoutContext(
      "State", Callback<void, BleLinkState, BleLinkState>(
                   [&changes](BleLinkState from, BleLinkState to) { changes.emplace_back(from, to); }));
  dev->AddLinkChangeCallback(Callback<void>([&deviceNotified] { ++deviceNotified; }));
  Simulator::Schedule(Seconds(0.5), &BleNetDevice::Disable, dev);
  Simulator::Stop(Seconds(1));
  Simulator::Run();
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0], std::make_pair(BLE_LL_CONNECTED, BLE_LL_OFF));
  EXPECT_EQ(deviceNotified, 1);
  EXPECT_FALSE(dev->IsLinkUp());
  EXPECT_FALSE(dev->Send(Create<Packet>(10), Address(), 0));
}

TEST(BleLinkLayer, DataWaitsForTheNextEventWhenAirTimeRunsOut) {
  auto ble = Profile("nrf52832-1m");
  ble.max_event_length_ms = 7.5;  // room for two full exchanges after the ramp-up
  Topology topo(ble, 1, 1.0);
  DataEventEnergy trace{topo.radios[0]};
  trace.Connect(topo.Peripheral(0));
  topo.SendAt(0.5, 0, 8192);
  Simulator::Stop(Seconds(2));
  Simulator::Run();
  ASSERT_EQ(topo.received.size(), 1u);
  const auto predicted = fognas::predict_ble_transfer(ble, 8192);
  // (7500 - 140 - 80 - 150 - 2120) / (150 + 80 + 150 + 2120) = 2.0: 3 packets per event.
  EXPECT_EQ(predicted.packets, 34);
  EXPECT_EQ(predicted.events, 12);
  EXPECT_EQ(trace.events, 12);
  EXPECT_NEAR(trace.total * 1e3, predicted.energy_mj, 1e-9);
}

// The stack's default 3.75 ms event carries one 251-byte exchange at 1M
// (2350 us; a second would end at 4850 us, past 3750 - 140): an 8192-byte
// tensor's 34 packets need 34 events instead of 4 (11 + 11 + 11 + 1), and
// arrive 30 intervals later, the last packet opening its event either way.
TEST(BleLinkLayer, TheDefaultEventLengthSpreadsATensorOverMoreEvents) {
  std::map<double, std::pair<int, Time>> byLimit;  // limit → data events, arrival
  for (double limit_ms : {3.75, 0.0}) {
    auto ble = Profile("nrf52832-1m");
    ble.max_event_length_ms = limit_ms;
    Topology topo(ble, 1, 1.0);
    DataEventEnergy trace{topo.radios[0]};
    trace.Connect(topo.Peripheral(0));
    topo.SendAt(0.5, 0, 8192);
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    ASSERT_EQ(topo.receivedAt.size(), 1u) << limit_ms;
    EXPECT_EQ(topo.Peripheral(0)->GetStatistics().dataPackets, 34u) << limit_ms;
    EXPECT_EQ(trace.events, fognas::predict_ble_transfer(ble, 8192).events) << limit_ms;
    EXPECT_NEAR(trace.total * 1e3, fognas::predict_ble_transfer(ble, 8192).energy_mj, 1e-9) << limit_ms;
    byLimit[limit_ms] = {trace.events, topo.receivedAt[0] - Seconds(0.5)};
  }
  EXPECT_DOUBLE_EQ(Profile("nrf52832-1m").max_event_length_ms, 3.75);
  EXPECT_EQ(byLimit[3.75].first, 34);
  EXPECT_EQ(byLimit[0.0].first, 4);
  EXPECT_EQ(byLimit[3.75].second - byLimit[0.0].second, MilliSeconds(30) * 30);
}

TEST(BleLinkLayer, CentralGivesEachLinkItsSlotWithoutOverlap) {
  auto ble = Profile("nrf52840-1m");
  ble.max_event_length_ms = 0;  // no limit: each link's share of the interval bounds its events
  Topology topo(ble, 4, 1.0);
  for (uint32_t i = 0; i < 4; ++i) topo.SendAt(0.5, i, 8192);  // all at once: every slot busy
  Simulator::Stop(Seconds(2));
  Simulator::Run();
  EXPECT_EQ(topo.received.size(), 4u);
  EXPECT_EQ(topo.Central()->GetStatistics().overlappingEvents, 0u);
  for (uint32_t i = 0; i < 4; ++i) {
    EXPECT_EQ(topo.Peripheral(i)->GetEventBudget(), MicroSeconds(7500 - 140));
    EXPECT_EQ(topo.Peripheral(i)->GetFirstAnchor(), MilliSeconds(30) + MicroSeconds(7500) * i);
    EXPECT_EQ(topo.Peripheral(i)->GetStatistics().dataEvents,
              static_cast<uint64_t>(fognas::predict_ble_transfer(ble, 8192, 4).events));
  }
}

TEST(BleChannelModel, SensitivityLevelGivesTheSpecificationsBitErrorRate) {
  const auto ble = Profile("nrf52832-1m");  // -96 dBm sensitivity, 0 dBm, NF 6 dB
  // Log-distance, exponent 3, 40.05 dB at 1 m: the received power equals the
  // sensitivity at 10^((0 + 96 - 40.05) / 30) m.
  const double d = std::pow(10.0, (96.0 - 40.05) / 30.0);
  Topology topo(ble, 1, d);
  Ptr<BlePhy> central = topo.Central()->GetRadio(), peripheral = topo.Peripheral(0)->GetRadio();
  Ptr<BleChannel> channel = DynamicCast<BleChannel>(topo.centralDev.Get(0)->GetChannel());
  EXPECT_NEAR(channel->RxPowerDbm(peripheral, central), -96.0, 1e-9);
  EXPECT_NEAR(channel->SnrDb(peripheral, central), -96.0 - (-174.0 + 60.0 + 6.0), 1e-9);
  const double ber = channel->BitErrorRate(peripheral, central);
  EXPECT_NEAR(ber, 1e-3, 1e-12);
  EXPECT_NEAR(channel->PacketErrorRate(peripheral, central, 2120), 1 - std::pow(1 - ber, 2120), 1e-12);
  // 3 dB more signal: far fewer errors; at 1 m none at all.
  Topology near(ble, 1, d / std::pow(10.0, 3.0 / 30.0));
  EXPECT_LT(DynamicCast<BleChannel>(near.centralDev.Get(0)->GetChannel())
                ->BitErrorRate(near.Peripheral(0)->GetRadio(), near.Central()->GetRadio()),
            1e-5);
}

// The air's draws are keyed, not streamed: asked for in another order, with
// other draws in between, or again, a key gives the same number; another
// stream (or seed) gives others.
TEST(BleRandomKeys, ADrawDependsOnItsKeyNotOnWhatWasDrawnBefore) {
  Topology topo(Profile("nrf52832-1m"), 2, 40.0);
  Ptr<BleChannel> channel = DynamicCast<BleChannel>(topo.centralDev.Get(0)->GetChannel());
  channel->SetAttribute("Fading", EnumValue(BLE_FADING_RAYLEIGH));
  Ptr<BlePhy> c = topo.Central()->GetRadio(), p0 = topo.Peripheral(0)->GetRadio(), p1 = topo.Peripheral(1)->GetRadio();
  std::vector<double> forward;
  for (int i = 0; i < 50; ++i) forward.push_back(channel->FadingGain(p0, c, MicroSeconds(30000 * i + 80)));
  const double shadowing = channel->ShadowingDb(c, p1);
  for (int i = 49; i >= 0; --i) {
    channel->DrawLoss(p1, c, 2120, MicroSeconds(30000 * i + 80));  // other draws in between
    channel->DrawControlLoss(c, p0, 80, MicroSeconds(30000 * i + 500));
    channel->FadingGain(c, p0, MicroSeconds(30000 * i + 80));      // the other direction
    EXPECT_EQ(channel->FadingGain(p0, c, MicroSeconds(30000 * i + 80)), forward[static_cast<size_t>(i)]) << i;
  }
  EXPECT_EQ(channel->ShadowingDb(p1, c), shadowing);
  // The other direction, another packet: other numbers.
  EXPECT_NE(channel->FadingGain(c, p0, MicroSeconds(80)), forward[0]);
  EXPECT_NE(channel->FadingGain(p0, c, MicroSeconds(81)), forward[0]);
  // Another stream or another seed: other numbers.
  const BleDrawKey key{3, 4, 80000, BleDrawPurpose::FADING};
  EXPECT_EQ(BleCounterRandom(7, 1, 0).Uniform(key), BleCounterRandom(7, 1, 0).Uniform(key));
  EXPECT_NE(BleCounterRandom(7, 1, 0).Uniform(key), BleCounterRandom(7, 1, 1).Uniform(key));
  EXPECT_NE(BleCounterRandom(7, 1, 0).Uniform(key), BleCounterRandom(8, 1, 0).Uniform(key));
  EXPECT_NE(BleCounterRandom(7, 1, 0).Uniform(key), BleCounterRandom(7, 2, 0).Uniform(key));
}

// Mean and spread of a sample, and the standard error of its mean.
struct Moments {
  double n = 0, sum = 0, sum2 = 0;
  void Add(double x) { n += 1, sum += x, sum2 += x * x; }
  double Mean() const { return sum / n; }
  double Se() const { return std::sqrt((sum2 / n - Mean() * Mean()) / n); }
};

// Over many keys (one link's packets, 30 ms apart) the fading gains have the
// moments of their distributions, within three standard errors: mean power 1;
// Rayleigh's exponential E[g^2] = 2 and P(g < 1) = 1 - 1/e; Rician with K
// gives Var g = (2K + 1) / (K + 1)^2, i.e. E[g^2] = 1 + (2K + 1)/(K + 1)^2.
// The loss draw of the same key is uniform and uncorrelated with the gain.
TEST(BleRandomKeys, FadingGainsHaveTheirDistributionsMomentsOverManyKeys) {
  Topology topo(Profile("nrf52832-1m"), 1, 10.0);
  Ptr<BleChannel> channel = DynamicCast<BleChannel>(topo.centralDev.Get(0)->GetChannel());
  Ptr<BlePhy> c = topo.Central()->GetRadio(), p = topo.Peripheral(0)->GetRadio();
  constexpr int kKeys = 40000;
  auto gains = [&](BleFadingMode mode, double kDb, Moments& g, Moments& g2, Moments& below1) {
    channel->SetAttribute("Fading", EnumValue(mode));
    channel->SetAttribute("RicianKDb", DoubleValue(kDb));
    for (int i = 0; i < kKeys; ++i) {
      const double x = channel->FadingGain(p, c, MicroSeconds(30000LL * i + 2120));
      g.Add(x), g2.Add(x * x), below1.Add(x < 1.0 ? 1.0 : 0.0);
    }
  };
  Moments g, g2, below1;
  gains(BLE_FADING_RAYLEIGH, 6, g, g2, below1);
  EXPECT_NEAR(g.Mean(), 1.0, 3 * g.Se());
  EXPECT_NEAR(g2.Mean(), 2.0, 3 * g2.Se());
  EXPECT_NEAR(below1.Mean(), 1 - std::exp(-1.0), 3 * below1.Se());
  for (double kDb : {0.0, 6.0, 12.0}) {
    Moments r, r2, rb;
    gains(BLE_FADING_RICIAN, kDb, r, r2, rb);
    const double k = std::pow(10.0, kDb / 10.0);
    EXPECT_NEAR(r.Mean(), 1.0, 3 * r.Se()) << kDb;
    EXPECT_NEAR(r2.Mean(), 1 + (2 * k + 1) / ((k + 1) * (k + 1)), 3 * r2.Se()) << kDb;
  }
  // The generator's uniform, normal (shadowing) and the loss draw beside the gain.
  BleCounterRandom rng(7, 1, 0);
  Moments u, normal, normal2, cross;
  for (int i = 0; i < kKeys; ++i) {
    const BleDrawKey key{1, 2, 30000000LL * i, BleDrawPurpose::LOSS};
    const double x = rng.Uniform(key), z = rng.Normal({1, static_cast<uint64_t>(i), 0, BleDrawPurpose::SHADOWING});
    const double gain = rng.RayleighPowerGain({1, 2, 30000000LL * i, BleDrawPurpose::FADING});
    u.Add(x), normal.Add(z), normal2.Add(z * z), cross.Add((x - 0.5) * (gain - 1.0));
  }
  EXPECT_NEAR(u.Mean(), 0.5, 3 * u.Se());
  EXPECT_NEAR(normal.Mean(), 0.0, 3 * normal.Se());
  EXPECT_NEAR(normal2.Mean(), 1.0, 3 * normal2.Se());
  EXPECT_NEAR(cross.Mean(), 0.0, 3 * cross.Se());
}

TEST(BleLinkLayer, ResendsGrowWithDistance) {
  auto ble = Profile("nrf52832-1m");
  ble.max_event_length_ms = 0;  // no limit: a tensor's 34 packets go in 4 events, well inside 0.5 s
  std::vector<uint64_t> resends;
  for (double d : {10.0, 60.0, 64.0, 68.0}) {
    Topology topo(ble, 1, d);
    for (int k = 0; k < 20; ++k) topo.SendAt(0.1 + 0.5 * k, 0, 8192);
    Simulator::Stop(Seconds(12));
    Simulator::Run();
    EXPECT_EQ(topo.received.size(), 20u) << d << " m";
    resends.push_back(topo.Peripheral(0)->GetStatistics().resends);
  }
  EXPECT_EQ(resends.front(), 0u);
  for (size_t i = 1; i < resends.size(); ++i) EXPECT_GT(resends[i], resends[i - 1]) << "step " << i;
}

// At the same 0 dBm, S=8 coding's 8 dB lower sensitivity keeps a link whole
// where the 1M link resends; and each tensor costs the coded link more radio
// energy, its packets being longer on the air.
TEST(BleLinkLayer, ACodedLinkReachesFartherAndCostsMorePerBit) {
  auto simulate = [](const std::string& profile, double distance_m) {
    Topology topo(Profile(profile), 1, distance_m);
    for (int k = 0; k < 4; ++k) topo.SendAt(0.1 + 2.0 * k, 0, 4096);
    Simulator::Stop(Seconds(8.1));
    Simulator::Run();
    EXPECT_EQ(topo.received.size(), 4u) << profile << " at " << distance_m << " m";
    return std::pair{topo.Peripheral(0)->GetStatistics().resends, topo.radios[0]->GetTotalEnergyConsumption()};
  };
  const auto [near1m, nearEnergy1m] = simulate("nrf52840-1m", 5);
  const auto [nearCoded, nearEnergyCoded] = simulate("nrf52840-coded-s8", 5);
  EXPECT_EQ(near1m, 0u);
  EXPECT_EQ(nearCoded, 0u);
  EXPECT_GT(nearEnergyCoded, 1.5 * nearEnergy1m);
  const auto [far1m, farEnergy1m] = simulate("nrf52840-1m", 64);
  const auto [farCoded, farEnergyCoded] = simulate("nrf52840-coded-s8", 64);
  EXPECT_GT(far1m, 10u);
  EXPECT_EQ(farCoded, 0u);
}

TEST(BleLinkLayer, IdleEventsInClosedFormChangeNoFigure) {
  for (const auto& [profile, latency] : {std::pair{"nrf52832-1m", 0}, {"nrf52832-1m", 3}, {"ble-paper", 2}}) {
    auto ble = Profile(profile);
    ble.peripheral_latency = latency;
    double energy[2][ns3::kBleRadioStates];
    uint64_t idle[2], packets[2], resends[2], events[2];
    double remaining[2];
    for (int closed = 0; closed < 2; ++closed) {
      Topology topo(ble, 2, 66.0, closed == 1);  // far enough for losses and resends
      for (int k = 0; k < 10; ++k) topo.SendAt(0.37 + 1.3 * k, k % 2, 3000);
      Simulator::Stop(Seconds(15));
      Simulator::Run();
      for (int s = 0; s < ns3::kBleRadioStates; ++s)
        energy[closed][s] = topo.radios[0]->GetStateEnergyJ(static_cast<BleRadioState>(s));
      idle[closed] = topo.Peripheral(0)->GetStatistics().idleEvents;
      packets[closed] = topo.Peripheral(0)->GetStatistics().dataPackets;
      resends[closed] = topo.Peripheral(0)->GetStatistics().resends;
      events[closed] = topo.Peripheral(0)->GetStatistics().dataEvents;
      remaining[closed] = topo.sources[0]->GetRemainingEnergy();
    }
    EXPECT_GT(idle[0], 100u);
    EXPECT_EQ(idle[0], idle[1]) << profile << ", latency " << latency;
    EXPECT_EQ(packets[0], packets[1]);
    EXPECT_EQ(resends[0], resends[1]);
    EXPECT_GT(resends[0], 0u);
    for (int s = 0; s < ns3::kBleRadioStates; ++s)
      EXPECT_NEAR(energy[0][s], energy[1][s], 1e-12 + 1e-9 * energy[0][s]) << BleRadioStateName(BleRadioState(s));
    // ns-3.37's BasicEnergySource rounds each update's energy to whole
    // nanojoules (it multiplies through a Time): at most 1 nJ per update, and
    // events simulated one by one update it up to eight times each.
    const double updates = 8.0 * idle[0] + 4.0 * packets[0] + 8.0 * events[0] + 20;
    EXPECT_NEAR(remaining[0], remaining[1], 1e-9 * updates);
  }
}

// The central's radio on peripheral 0's link: an energy model on a supply of
// its own, fed with the central's side of the peripheral's states.
struct CentralRadio {
  Ptr<BasicEnergySource> supply = CreateObject<BasicEnergySource>();
  Ptr<BleRadioEnergyModel> model;
  std::unique_ptr<BleCentralRadio> feed;
  CentralRadio(const fognas::BleRadioParams& ble, const Topology& topo) {
    supply->SetAttribute("BasicEnergySourceInitialEnergyJ", DoubleValue(1e6));
    BleRadioEnergyModelHelper energy;
    fognas::sim::SetBleRadioEnergyAttributes(energy, ble);
    model = energy.Create();
    model->SetEnergySource(supply);
    supply->AppendDeviceEnergyModel(model);
    feed = std::make_unique<BleCentralRadio>(PeekPointer(model), topo.Peripheral(0)->WindowWidening());
    DynamicCast<BleNetDevice>(topo.peripheralDevs.Get(0))->AddRadioListener(feed.get());
  }
};

TEST(BleCentralRadio, MirrorsThePeripheralWithoutChangingItAndIdleStretchesAlike) {
  // With losses and resends (66 m), idle events simulated and in closed form,
  // with and without the central's radio model: the peripheral's figures do
  // not move, and the central's are the same both ways.
  for (const auto& [profile, latency] : {std::pair{"nrf52832-1m", 0}, {"nrf52832-1m", 2}, {"ble-paper", 0}}) {
    auto ble = Profile(profile);
    ble.peripheral_latency = latency;
    double peripheral[2][2][ns3::kBleRadioStates];
    double central[2][ns3::kBleRadioStates];
    double centralTimeS[2][ns3::kBleRadioStates];
    uint64_t idle = 0, events = 0;
    Time widening;
    for (int closed = 0; closed < 2; ++closed)
      for (int withCentral = 0; withCentral < 2; ++withCentral) {
        Topology topo(ble, 2, 66.0, closed == 1);
        std::unique_ptr<CentralRadio> c;
        if (withCentral) c = std::make_unique<CentralRadio>(ble, topo);
        for (int k = 0; k < 10; ++k) topo.SendAt(0.37 + 1.3 * k, k % 2, 3000);
        Simulator::Stop(Seconds(15));
        Simulator::Run();
        for (int s = 0; s < ns3::kBleRadioStates; ++s) {
          peripheral[closed][withCentral][s] = topo.radios[0]->GetStateEnergyJ(static_cast<BleRadioState>(s));
          if (c) central[closed][s] = c->model->GetStateEnergyJ(static_cast<BleRadioState>(s));
          if (c) centralTimeS[closed][s] = c->model->GetStateTime(static_cast<BleRadioState>(s)).GetSeconds();
        }
        idle = topo.Peripheral(0)->GetStatistics().idleEvents;
        events = topo.Peripheral(0)->GetStatistics().dataEvents;
        widening = topo.Peripheral(0)->WindowWidening();
        if (closed && withCentral) {
          // Roles swapped: the central transmits what the peripheral receives,
          // less the widened window of every opening.
          const double openings_s = widening.GetSeconds() * static_cast<double>(idle + events);
          EXPECT_NEAR(centralTimeS[1][BLE_RADIO_TX],
                      topo.radios[0]->GetStateTime(BLE_RADIO_RX).GetSeconds() - openings_s, 1e-9) << profile;
          EXPECT_NEAR(centralTimeS[1][BLE_RADIO_RX], topo.radios[0]->GetStateTime(BLE_RADIO_TX).GetSeconds(), 1e-9);
          EXPECT_NEAR(centralTimeS[1][BLE_RADIO_CPU], topo.radios[0]->GetStateTime(BLE_RADIO_CPU).GetSeconds(), 1e-9);
        }
      }
    EXPECT_GT(idle, 50u);
    for (int s = 0; s < ns3::kBleRadioStates; ++s) {
      const char* name = BleRadioStateName(BleRadioState(s));
      for (int closed = 0; closed < 2; ++closed)
        EXPECT_EQ(peripheral[closed][0][s], peripheral[closed][1][s]) << profile << " " << name;
      EXPECT_NEAR(central[0][s], central[1][s], 1e-12 + 1e-9 * central[0][s]) << profile << " " << name;
    }
    double total = 0;
    for (double j : central[1]) total += j;
    EXPECT_GT(total, 0.0);
  }
}

TEST(BleRadioEnergy, BatteryDrainEqualsTheModelsEnergyInsideIdleStretches) {
  auto ble = Profile("nrf52832-1m");
  ble.max_event_length_ms = 0;  // no limit: the tensor's five packets share one event
  Topology topo(ble, 1, 1.0);
  topo.SendAt(0.25, 0, 1000);
  // Look at the battery at odd moments, inside idle stretches and events.
  std::vector<std::pair<double, double>> seen;  // (drained J, model J)
  for (double t : {0.0137, 0.1, 0.2519, 0.61, 1.0001, 2.7}) {
    Simulator::Schedule(Seconds(t), [&] {
      seen.emplace_back(1000.0 - topo.sources[0]->GetRemainingEnergy(), topo.radios[0]->GetTotalEnergyConsumption());
    });
  }
  Simulator::Stop(Seconds(3.01));
  Simulator::Run();
  ASSERT_EQ(seen.size(), 6u);
  // Exact up to ns-3's rounding of each source update to whole nanojoules;
  // a mean current taken over whole idle periods would be off by up to one
  // idle event (about 14 uJ).
  const double updates = 8.0 * 20 + 4 + 6;  // the data event's states, periodic updates, our reads
  for (const auto& [drained, model] : seen) EXPECT_NEAR(drained, model, 1e-9 * updates);
  // And the idle link costs what the predictor says: one idle event per
  // interval, the radio asleep whenever no event runs.
  const auto transfer = fognas::predict_ble_transfer(ble, 1000);
  const auto idle = fognas::predict_ble_idle_event(ble);
  const uint64_t n = topo.Peripheral(0)->GetStatistics().idleEvents;
  EXPECT_EQ(n, 100u - 1u);  // anchors at 30, 60, ..., 3000 ms; the one at 270 ms carried data
  const double awake_us = n * idle.duration_us() + transfer.awake_us();
  const double sleep_j = ble.sleep_current_ua * 1e-6 * ble.supply_v * (3.01 - awake_us * 1e-6);
  EXPECT_NEAR(topo.radios[0]->GetTotalEnergyConsumption(),
              (transfer.energy_mj + n * idle.energy_mj) * 1e-3 + sleep_j, 1e-12);
}

TEST(BleRadioEnergy, IdleEventHasTheCalibratedShapeAndCharge) {
  // The event's segments as the link layer schedules them, against the
  // profile's figures; and its charge at the calibration's interval and
  // supply within 20 % of the measured one.
  auto ble = Profile("nrf52832-1m");
  const auto calibration = fognas::load_radio_profile("nrf52832-1m").calibration;
  ble.conn_interval_ms = calibration.conn_interval_ms;
  Topology topo(ble, 1, 1.0);
  const BleEventShape shape = topo.Peripheral(0)->IdleEventShape();
  ASSERT_EQ(shape.segments.size(), 7u);
  EXPECT_EQ(shape.segments.front().first, BLE_RADIO_CPU);
  EXPECT_EQ(shape.segments[1].first, BLE_RADIO_XTAL);
  EXPECT_EQ(shape.segments[3].second, MicroSeconds(40 + 16 + 80));  // widened window at 1 s and the opening
  EXPECT_EQ(shape.segments.back().first, BLE_RADIO_CPU);
  Simulator::Stop(Seconds(20.5));
  Simulator::Run();
  const uint64_t n = topo.Peripheral(0)->GetStatistics().idleEvents;
  EXPECT_EQ(n, 20u);
  const double event_j = (topo.radios[0]->GetTotalEnergyConsumption() - topo.radios[0]->GetStateEnergyJ(BLE_RADIO_SLEEP)) / n;
  const double charge_uc = event_j / calibration.supply_v * 1e6;
  EXPECT_NEAR(charge_uc, calibration.idle_event_charge_uc, 0.2 * calibration.idle_event_charge_uc);
  EXPECT_NEAR(event_j * 1e3, fognas::predict_ble_idle_event(ble).energy_mj, 1e-12);
}

}  // namespace

namespace {
using namespace ns3;

// The Core specification's sample data for Channel Selection Algorithm #2:
// access address 0x8E89BED6, first with all 37 channels used, then with 9.
TEST(BleChannelSelection, Algorithm2GivesTheSpecificationsSampleData) {
  const uint16_t id = BleChannelIdentifier(0x8E89BED6u);
  EXPECT_EQ(id, 0x305F);
  EXPECT_EQ(BleCsa2Prn(0, id), 56857);
  EXPECT_EQ(BleCsa2Prn(1, id), 1685);
  const std::vector<int> all{25, 20, 6, 21};
  for (uint16_t counter = 0; counter < 4; ++counter)
    EXPECT_EQ(BleCsa2Channel(counter, id, kBleAllDataChannels), all[counter]) << "event " << counter;
  uint64_t nine = 0;
  for (int ch : {9, 10, 21, 22, 23, 33, 34, 35, 36}) nine |= uint64_t{1} << ch;
  EXPECT_EQ(BleUsedChannels(nine), 9u);
  EXPECT_EQ(BleCsa2Channel(6, id, nine), 23);
  EXPECT_EQ(BleCsa2Channel(7, id, nine), 9);
  EXPECT_EQ(BleCsa2Channel(8, id, nine), 34);
}

TEST(BleChannelSelection, EveryUsedChannelComesUpAboutEquallyOften) {
  uint64_t map = 0;
  for (int ch : {0, 5, 17, 36}) map |= uint64_t{1} << ch;
  std::map<int, int> seen;
  const uint16_t id = BleChannelIdentifier(0x12345678u);
  for (uint32_t k = 0; k < 65536; ++k) ++seen[BleCsa2Channel(static_cast<uint16_t>(k), id, map)];
  ASSERT_EQ(seen.size(), 4u);  // only used channels
  // 65536 events over 4 channels: 16384 each, binomial standard error 111.
  for (const auto& [ch, n] : seen) EXPECT_NEAR(n, 16384, 3 * 111) << "channel " << ch;
}

// n fog nodes with one wearable each, every node `spacingM` from the next on a
// line, each wearable 0.5 m from its fog node; every wearable sends one LL
// packet (244 bytes of data) in every event.
struct Fleet {
  NodeContainer centrals, peripherals;
  std::vector<Ptr<BlePeripheralLinkLayer>> links;
  std::vector<Ptr<BleRadioEnergyModel>> radios;

  Ptr<BleChannel> channel;

  Fleet(const fognas::BleRadioParams& ble, int n, double spacingM, uint32_t seed,
        uint64_t channelMap = (uint64_t{1} << 37) - 1) {
    Simulator::Destroy();
    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(1);
    centrals.Create(static_cast<uint32_t>(n));
    peripherals.Create(static_cast<uint32_t>(n));
    BleHelper helper;
    fognas::sim::SetBleLinkAttributes(helper, ble, true);
    helper.SetLinkLayerAttribute("ChannelMap", UintegerValue(channelMap));
    channel = helper.CreateChannel(3.0, 40.05);
    channel->AssignStreams(0);
    BleRadioEnergyModelHelper energy;
    fognas::sim::SetBleRadioEnergyAttributes(energy, ble);
    Ptr<UniformRandomVariable> offset = CreateObject<UniformRandomVariable>();
    offset->SetStream(1);
    for (uint32_t j = 0; j < centrals.GetN(); ++j) {
      Topology::Place(centrals.Get(j), spacingM * j);
      Topology::Place(peripherals.Get(j), spacingM * j + 0.5);
      NetDeviceContainer c = helper.Install(NodeContainer(centrals.Get(j)), BleNetDevice::CENTRAL, channel);
      NetDeviceContainer p = helper.Install(NodeContainer(peripherals.Get(j)), BleNetDevice::PERIPHERAL, channel);
      // Fog nodes that do not know each other: anchors anywhere in the interval.
      Ptr<BleLinkLayer> central = DynamicCast<BleNetDevice>(c.Get(0))->GetLinkLayer();
      central->SetAttribute("AnchorOffset", TimeValue(NanoSeconds(offset->GetInteger(0, 30'000'000 - 1))));
      central->AssignStreams(10 + j);
      helper.Connect(c.Get(0), p);
      links.push_back(DynamicCast<BlePeripheralLinkLayer>(DynamicCast<BleNetDevice>(p.Get(0))->GetLinkLayer()));
      Ptr<BasicEnergySource> source = CreateObject<BasicEnergySource>();
      source->SetAttribute("BasicEnergySourceInitialEnergyJ", DoubleValue(1000.0));
      source->SetNode(peripherals.Get(j));
      radios.push_back(DynamicCast<BleRadioEnergyModel>(energy.Install(p.Get(0), source).Get(0)));
      Ptr<BlePeripheralLinkLayer> link = links.back();
      link->TraceConnectWithoutContext("EventEnd", MakeBoundCallback(&Fleet::Refill, link));
      collidedEvents.push_back(0);
      link->TraceConnectWithoutContext("EventEnd", MakeBoundCallback(&Fleet::CountCollided, this, j));
      Simulator::Schedule(MilliSeconds(1), &Fleet::Refill, link, Time(), true);
    }
  }
  ~Fleet() { Simulator::Destroy(); }
  // A new SDU as soon as the last one has gone (after the event has closed).
  static void Refill(Ptr<BlePeripheralLinkLayer> link, Time, bool) {
    Simulator::ScheduleNow([link] {
      if (link->GetBacklog() == 0) link->Send(Create<Packet>(244), 0);
    });
  }
  // Events in which at least one packet was lost to a collision (a collided
  // packet may be followed by a collided nack in the same event).
  static void CountCollided(Fleet* fleet, uint32_t j, Time, bool) {
    const uint64_t now = fleet->links[j]->GetStatistics().collisions;
    if (now > fleet->collisionsSeen[j]) ++fleet->collidedEvents[j];
    fleet->collisionsSeen[j] = now;
  }
  std::vector<uint64_t> collidedEvents;
  std::map<uint32_t, uint64_t> collisionsSeen;
  uint64_t CollidedEvents() const {
    uint64_t n = 0;
    for (uint64_t c : collidedEvents) n += c;
    return n;
  }
  uint64_t Collisions() const {
    uint64_t n = 0;
    for (const auto& l : links) n += l->GetStatistics().collisions;
    return n;
  }
};

// Whether two links' events, anchors `deltaNs` apart, put packets on the air
// at the same time: each event is the central's empty packet [0, 80 us) and,
// T_IFS later, one 251-byte packet [230, 2350 us).
bool EventsOverlap(int64_t deltaNs) {
  const int64_t air[2][2] = {{0, 80'000}, {230'000, 2'350'000}};
  for (const auto& a : air)
    for (const auto& b : air)
      if (a[0] < b[1] + deltaNs && b[0] + deltaNs < a[1]) return true;
  return false;
}

TEST(BleSharedAir, CollisionRateIsTheOverlapProbabilityOfIndependentlyHoppingLinks) {
  const auto ble = Profile("nrf52832-1m");
  const int n = 8;
  Fleet fleet(ble, n, 0.0, 3);  // all within a metre: any same-channel overlap is a collision
  Simulator::Stop(Seconds(120));
  Simulator::Run();
  // Same interval: link a's events always meet link b's at the same phase; they
  // collide when both hop to the same channel, 1 in 37.
  const int64_t interval = MilliSeconds(30).GetNanoSeconds();
  double expected = 0, variance = 0;
  int overlappingPairs = 0;
  for (int a = 0; a < n; ++a) {
    int m = 0;
    for (int b = 0; b < n; ++b) {
      if (a == b) continue;
      int64_t delta = (fleet.links[b]->GetFirstAnchor() - fleet.links[a]->GetFirstAnchor()).GetNanoSeconds() % interval;
      if (delta < 0) delta += interval;
      if (EventsOverlap(delta) || EventsOverlap(delta - interval)) ++m;
    }
    overlappingPairs += m;
    const double p = 1.0 - std::pow(36.0 / 37.0, m);
    const double events = static_cast<double>(fleet.links[a]->GetStatistics().dataEvents);
    expected += events * p;
    variance += events * p * (1 - p);
  }
  ASSERT_GE(overlappingPairs, 4) << "the seed should give some overlapping schedules";
  EXPECT_NEAR(static_cast<double>(fleet.CollidedEvents()), expected, 3 * std::sqrt(variance));
  EXPECT_GT(fleet.links[0]->GetStatistics().dataEvents, 3900u);  // one data event per interval
}

TEST(BleSharedAir, FogNodesFarApartGiveTheSingleLinkFigures) {
  const auto ble = Profile("nrf52832-1m");
  auto run = [&](int n, double spacingM) {
    Fleet fleet(ble, n, spacingM, 3);
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    return std::make_tuple(fleet.Collisions(), fleet.links[0]->GetStatistics().dataPackets,
                           fleet.radios[0]->GetTotalEnergyConsumption());
  };
  const auto [aloneCollisions, alonePackets, aloneJ] = run(1, 0.0);
  const auto [farCollisions, farPackets, farJ] = run(6, 1000.0);
  EXPECT_EQ(aloneCollisions, 0u);
  EXPECT_EQ(farCollisions, 0u);
  EXPECT_EQ(farPackets, alonePackets);
  EXPECT_DOUBLE_EQ(farJ, aloneJ);
  // The same fog nodes 2 m apart do collide.
  EXPECT_GT(std::get<0>(run(6, 2.0)), 0u);
}

// ---------------------------------------------------------------- Wi-Fi interferer

// Wi-Fi channel 6 (22 MHz around 2437 MHz) covers BLE data channels 11-21
// (2428-2448 MHz); channel 21's 2 MHz lie half outside it. Channel 1
// (2401-2423 MHz) covers data channels 0-9.
TEST(BleWifiInterferer, CoversTheBleChannelsWithinItsBand) {
  Ptr<BleWifiInterferer> wifi = CreateObject<BleWifiInterferer>();
  wifi->SetAttribute("WifiChannel", UintegerValue(6));
  for (uint8_t k = 0; k <= 36; ++k) {
    const double expected = k >= 11 && k <= 20 ? 2.0 / 22 : k == 21 ? 1.0 / 22 : 0.0;
    EXPECT_DOUBLE_EQ(wifi->InBandShare(k), expected) << unsigned(k);
  }
  wifi->SetAttribute("WifiChannel", UintegerValue(1));
  for (uint8_t k = 0; k <= 36; ++k) EXPECT_EQ(wifi->InBandShare(k) > 0, k <= 9) << unsigned(k);
  wifi->SetAttribute("WifiChannel", UintegerValue(11));  // 2451-2473 MHz
  for (uint8_t k = 0; k <= 36; ++k) EXPECT_EQ(wifi->InBandShare(k) > 0, k >= 23 && k <= 33) << unsigned(k);
  EXPECT_EQ(BleWifiInterferer::BleDataChannelMhz(10), 2424.0);
  EXPECT_EQ(BleWifiInterferer::BleDataChannelMhz(11), 2428.0);
  EXPECT_EQ(BleWifiInterferer::BleDataChannelMhz(36), 2478.0);
}

// Slots of 1 ms, each on with probability 0.3: over 20 000 slots the share
// on is 0.3 within three standard errors, the same slots asked for backwards
// give the same states, and a packet spanning two slots meets a burst when
// either is on.
TEST(BleWifiInterferer, SlotsAreOnForTheDutyCycleWhateverTheOrderOfQuestions) {
  Ptr<BleWifiInterferer> wifi = CreateObject<BleWifiInterferer>();
  wifi->SetAttribute("DutyCycle", DoubleValue(0.3));
  wifi->SetAttribute("BurstDuration", TimeValue(MilliSeconds(1)));
  wifi->AssignStreams(7);
  const int n = 20000;
  std::vector<bool> forward(n);
  int on = 0;
  for (int k = 0; k < n; ++k) on += (forward[k] = wifi->IsOnDuring(MilliSeconds(k), MilliSeconds(k + 1)));
  EXPECT_NEAR(on / double(n), 0.3, 3 * std::sqrt(0.3 * 0.7 / n));
  for (int k = n - 1; k >= 0; --k) ASSERT_EQ(wifi->IsOnDuring(MilliSeconds(k), MilliSeconds(k + 1)), forward[k]) << k;
  for (int k = 0; k + 1 < n; k += 97)
    EXPECT_EQ(wifi->IsOnDuring(MicroSeconds(1000 * k + 500), MicroSeconds(1000 * k + 1500)), forward[k] || forward[k + 1]);
  wifi->AssignStreams(8);  // another interferer: other slots
  int same = 0;
  for (int k = 0; k < n; ++k) same += wifi->IsOnDuring(MilliSeconds(k), MilliSeconds(k + 1)) == forward[k];
  EXPECT_LT(same, n * 0.7);  // independent: 0.3^2 + 0.7^2 = 0.58 agree
}

// One link, its fog node half a metre away, one 251-byte packet per event,
// hopping on `channelMap`; a 20 dBm Wi-Fi transmitter on channel 6 about a
// metre from both, on for `duty` of its 30 ms slots (one connection interval).
struct WifiNextToALink {
  static constexpr int64_t kSlotNs = 30'000'000;
  Fleet fleet;
  uint64_t hitEvents = 0, seen = 0;
  WifiNextToALink(uint64_t channelMap, double duty, bool withWifi)
      : fleet(Profile("nrf52832-1m"), 1, 0.0, 5, channelMap) {
    if (withWifi) {
      Ptr<BleWifiInterferer> wifi = CreateObject<BleWifiInterferer>();
      wifi->SetAttribute("WifiChannel", UintegerValue(6));
      wifi->SetAttribute("DutyCycle", DoubleValue(duty));
      wifi->SetAttribute("TxPowerDbm", DoubleValue(20.0));
      wifi->SetAttribute("BurstDuration", TimeValue(NanoSeconds(kSlotNs)));
      Ptr<ConstantPositionMobilityModel> at = CreateObject<ConstantPositionMobilityModel>();
      at->SetPosition(Vector(0.25, 1.0, 0));
      wifi->SetMobility(at);
      wifi->AssignStreams(99);
      fleet.channel->AddWifiInterferer(wifi);
    }
    fleet.links[0]->TraceConnectWithoutContext("EventEnd", MakeCallback(&WifiNextToALink::Count, this));
    Simulator::Stop(Seconds(60));
    Simulator::Run();
  }
  void Count(Time, bool) {
    const uint64_t now = fleet.links[0]->GetStatistics().wifiLosses;
    if (now > seen) ++hitEvents;
    seen = now;
  }
  // The slots an event's first packets touch: the central's opening
  // [0, 80 us) and, T_IFS later, the 251-byte packet [230, 2350 us) from the
  // anchor. The event is hit when any of them is on (an event whose first
  // packets got through has nothing more to send).
  int SlotsTouched() const {
    const int64_t a = fleet.links[0]->GetFirstAnchor().GetNanoSeconds();
    std::set<int64_t> slots;
    for (const auto& [from, to] : {std::pair<int64_t, int64_t>{0, 80'000}, {230'000, 2'350'000}})
      for (int64_t k = (a + from) / kSlotNs; k <= (a + to - 1) / kSlotNs; ++k) slots.insert(k);
    return static_cast<int>(slots.size());
  }
};

// A strong interferer (its share in a BLE channel arrives some 20 dB above
// the capture threshold) costs the packets of the events that fall on its
// channels while a burst is on: with duty cycle d and 9 of the 20 used
// channels (11-19 of 0-19) overlapped, about d x 9/20 of the events, within
// three standard errors; none of them counts as a collision.
TEST(BleWifiInterferer, LossesAreTheDutyCycleTimesTheShareOfOverlappedChannels) {
  const double duty = 0.4, share = 9.0 / 20.0;
  WifiNextToALink run((uint64_t{1} << 20) - 1, duty, true);
  const double events = static_cast<double>(run.fleet.links[0]->GetStatistics().dataEvents);
  ASSERT_GT(events, 1900);  // one data event per 30 ms interval
  const double p = share * (1.0 - std::pow(1.0 - duty, run.SlotsTouched()));
  EXPECT_NEAR(static_cast<double>(run.hitEvents), events * p, 3 * std::sqrt(events * p * (1 - p)));
  EXPECT_GE(run.fleet.links[0]->GetStatistics().wifiLosses, run.hitEvents);
  EXPECT_EQ(run.fleet.links[0]->GetStatistics().collisions, 0u);
}

// The same interferer beside a link whose channel map leaves out data
// channels 11-21: not one packet lost, and the link's packets and energy are
// those of the link without it.
TEST(BleWifiInterferer, AChannelMapThatAvoidsItSeesNoLoss) {
  const uint64_t avoid = ((uint64_t{1} << 37) - 1) & ~(((uint64_t{1} << 22) - 1) & ~((uint64_t{1} << 11) - 1));
  ASSERT_EQ(__builtin_popcountll(avoid), 26);
  WifiNextToALink with(avoid, 0.9, true);
  const uint64_t packets = with.fleet.links[0]->GetStatistics().dataPackets;
  const double joules = with.fleet.radios[0]->GetTotalEnergyConsumption();
  EXPECT_EQ(with.fleet.links[0]->GetStatistics().wifiLosses, 0u);
  EXPECT_EQ(with.fleet.links[0]->GetStatistics().resends, 0u);
  WifiNextToALink without(avoid, 0.9, false);
  EXPECT_EQ(packets, without.fleet.links[0]->GetStatistics().dataPackets);
  EXPECT_DOUBLE_EQ(joules, without.fleet.radios[0]->GetTotalEnergyConsumption());
}

}  // namespace

// ---------------------------------------------------------------- connection life

// A wearable 1 m from its fog node walks out of range (1 km) at 1 s and back
// at `back_s`; the link layer's state changes, with their times.
struct OutOfRange {
  Topology topo;
  std::vector<std::tuple<Time, BleLinkState, BleLinkState>> changes;
  double activeAtLossJ = 0, reconnectJ = 0;  // radio energy less sleep, loss to connection

  OutOfRange(const fognas::BleRadioParams& ble, double back_s, bool keep = true) : topo(ble, 1, 1.0) {
    topo.Peripheral(0)->SetAttribute("KeepWhileDisconnected", BooleanValue(keep));
    topo.Peripheral(0)->TraceConnectWithoutContext(
        "State", Callback<void, BleLinkState, BleLinkState>([this](BleLinkState from, BleLinkState to) {
          changes.emplace_back(Simulator::Now(), from, to);
          const double active = topo.radios[0]->GetTotalEnergyConsumption() -
                                topo.radios[0]->GetStateEnergyJ(BLE_RADIO_SLEEP);
          if (to == BLE_LL_ADVERTISING) activeAtLossJ = active;
          if (from == BLE_LL_ADVERTISING) reconnectJ += active - activeAtLossJ;
        }));
    Ptr<MobilityModel> m = topo.peripherals.Get(0)->GetObject<MobilityModel>();
    Simulator::Schedule(Seconds(1.0), [m] { m->SetPosition(Vector(1000, 0, 0)); });
    Simulator::Schedule(Seconds(back_s), [m] { m->SetPosition(Vector(1, 0, 0)); });
  }
};

fognas::BleRadioParams Supervised(double timeout_ms) {
  auto ble = Profile("nrf52832-1m");
  ble.supervision_timeout_ms = timeout_ms;
  return ble;
}

TEST(BleLinkLife, LinkOutOfRangeIsLostAfterTheSupervisionTimeoutAndComesBack) {
  OutOfRange run(Supervised(500), 2.0);
  run.topo.SendAt(1.7, 0, 600);  // while the link is down: kept and sent once it is up again
  run.topo.SendAt(3.5, 0, 600);
  Simulator::Stop(Seconds(7));
  Simulator::Run();
  ASSERT_EQ(run.changes.size(), 2u);
  // The last exchange heard in range was at or before 1 s: the link goes
  // within one connection interval of 1 s + the timeout.
  const Time lost = std::get<0>(run.changes[0]);
  EXPECT_EQ(std::get<2>(run.changes[0]), BLE_LL_ADVERTISING);
  EXPECT_GT(lost, Seconds(1.5) - MilliSeconds(30));
  EXPECT_LE(lost, Seconds(1.5));
  // Back in range at 2 s: advertising finds the scanning central again. The
  // central listens 50 ms of every 100 ms; advertising events come every
  // 187.5 ms + 0-10 ms, so each moves 2.5-12.5 ms earlier in the scan cycle
  // and one falls into a scan window within 50 / 2.5 = 20 events.
  EXPECT_EQ(std::get<1>(run.changes[1]), BLE_LL_ADVERTISING);
  EXPECT_EQ(std::get<2>(run.changes[1]), BLE_LL_CONNECTED);
  EXPECT_GT(std::get<0>(run.changes[1]), Seconds(2.0));
  EXPECT_LT(std::get<0>(run.changes[1]), Seconds(2.0) + MicroSeconds(197500) * 21);
  Ptr<BlePeripheralLinkLayer> ll = run.topo.Peripheral(0);
  EXPECT_EQ(ll->GetStatistics().linkLosses, 1u);
  EXPECT_EQ(ll->GetStatistics().reconnections, 1u);
  EXPECT_EQ(run.topo.received.size(), 2u);
  EXPECT_TRUE(run.topo.peripheralDevs.Get(0)->IsLinkUp());
}

// The fog node's scanning as a radio model of its own: receive current for
// the scan window at the start of every scan interval (from t = 0) while
// any of its links is down, nothing otherwise.
struct ScanEnergy {
  fognas::BleRadioParams ble;
  Ptr<BasicEnergySource> supply = CreateObject<BasicEnergySource>();
  Ptr<BleRadioEnergyModel> model;
  std::unique_ptr<BleCentralScanner> scanner;
  explicit ScanEnergy(const fognas::BleRadioParams& b) : ble(b) {
    BleRadioEnergyModelHelper energy;
    fognas::sim::SetBleRadioEnergyAttributes(energy, ble);
    model = energy.Create();
    model->SetAttribute("SleepCurrentA", DoubleValue(0.0));
    supply->SetAttribute("BasicEnergySourceInitialEnergyJ", DoubleValue(1000.0));
    model->SetEnergySource(supply);
    supply->AppendDeviceEnergyModel(model);
    scanner = std::make_unique<BleCentralScanner>(PeekPointer(model), MicroSeconds(int64_t(ble.scan_interval_ms * 1e3)),
                                                  MicroSeconds(int64_t(ble.scan_window_ms * 1e3)));
  }
  // By hand: the windows' overlap with [from, to), at the receive current.
  double ByHandJ(double from_s, double to_s) const {
    const double step = ble.scan_interval_ms * 1e-3, window = ble.scan_window_ms * 1e-3;
    double rx_s = 0;
    for (int k = 0; k * step < to_s; ++k) rx_s += std::max(0.0, std::min(to_s, k * step + window) - std::max(from_s, k * step));
    return rx_s * ble.rx_current_ma * 1e-3 * ble.supply_v;
  }
};

// Two links down over [0.12 s, 0.5 s) and [0.3 s, 0.73 s): the fog node scans
// once from 0.12 s to 0.73 s (nRF52832: 50 ms of every 100 ms), starting and
// ending inside windows.
TEST(BleCentralScanner, ScansItsWindowsOnceWhileAnyLinkIsDown) {
  Simulator::Destroy();
  ScanEnergy scan(Profile("nrf52832-1m"));
  ASSERT_EQ(scan.ble.scan_window_ms, 50);
  BleCentralScanner* s = scan.scanner.get();
  Simulator::Schedule(Seconds(0.12), [s] { s->LinkDown(); });
  Simulator::Schedule(Seconds(0.3), [s] { s->LinkDown(); });
  Simulator::Schedule(Seconds(0.5), [s] { s->LinkUp(); });
  Simulator::Schedule(Seconds(0.73), [s] { s->LinkUp(); });
  Simulator::Stop(Seconds(2));
  Simulator::Run();
  // 0.03 s of the window at 0.1 s, five whole windows (0.2 ... 0.6 s), 0.03 s of the one at 0.7 s.
  const double expected = scan.ByHandJ(0.12, 0.73);
  EXPECT_NEAR(expected, 0.31 * scan.ble.rx_current_ma * 1e-3 * scan.ble.supply_v, 1e-12);
  EXPECT_NEAR(scan.model->GetTotalEnergyConsumption(), expected, 1e-9 * expected);
  EXPECT_EQ(s->GetLinksDown(), 0);
  Simulator::Destroy();
}

// A wearable that walks out of range: the fog node's scanning costs exactly
// the windows between the loss and the new connection, read off the link's
// state trace.
TEST(BleLinkLife, TheFogNodeScansBetweenTheLossAndTheNewConnection) {
  OutOfRange run(Supervised(500), 2.0);
  ScanEnergy scan(Supervised(500));
  run.topo.Peripheral(0)->TraceConnectWithoutContext(
      "State", MakeCallback(&BleCentralScanner::NotifyLinkState, scan.scanner.get()));
  Simulator::Stop(Seconds(7));
  Simulator::Run();
  ASSERT_EQ(run.changes.size(), 2u);
  const double lost_s = std::get<0>(run.changes[0]).GetSeconds(), back_s = std::get<0>(run.changes[1]).GetSeconds();
  const double expected = scan.ByHandJ(lost_s, back_s);
  ASSERT_GT(expected, 0);
  EXPECT_NEAR(scan.model->GetTotalEnergyConsumption(), expected, 1e-9 * expected);
}

TEST(BleLinkLife, InRangeLinksAreNeverLostAndIdleEventsStayInClosedForm) {
  Topology topo(Supervised(100), 1, 1.0);  // the shortest timeout the specification allows
  topo.SendAt(0.5, 0, 600);
  Simulator::Stop(Seconds(20));
  Simulator::Run();
  EXPECT_EQ(topo.Peripheral(0)->GetStatistics().linkLosses, 0u);
  EXPECT_EQ(topo.received.size(), 1u);
  // Far fewer ns-3 events than idle events: the timer does not walk them one by one.
  EXPECT_GT(topo.Peripheral(0)->GetStatistics().idleEvents, 600u);
  EXPECT_LT(Simulator::GetEventCount(), 400u);
}

// The radio energy from the loss to the new connection, worked out from the
// profile: advertising events that nobody answers (ramp-up, PDU and listening
// on each of the three channels) and the last one, answered on channel 37
// (the central scans it without pause): ramp-up, PDU, T_IFS and the 34-byte
// CONNECT_IND; each with the stack's CPU work and the crystal.
TEST(BleLinkLife, ReconnectionCostsWhatTheAdvertisingParametersSayByHand) {
  auto ble = Supervised(500);
  ble.scan_interval_ms = ble.scan_window_ms = 10240;  // channel 37 throughout
  OutOfRange run(ble, 2.0);
  Simulator::Stop(Seconds(3));
  Simulator::Run();
  const uint64_t events = run.topo.Peripheral(0)->GetStatistics().advertisingEvents;
  ASSERT_EQ(run.topo.Peripheral(0)->GetStatistics().reconnections, 1u);
  ASSERT_GT(events, 1u);
  const double us = 1e-6, ma = 1e-3;
  const double adv_us = 8.0 * (1 + 4 + 2 + ble.adv_payload_bytes + 3), connect_us = 8.0 * (1 + 4 + 2 + 34 + 3);
  const double work_j = ble.supply_v * ma * us *
                        (ble.cpu_current_ma * (ble.cpu_pre_event_us + ble.cpu_post_event_us) +
                         ble.hfxo_current_ma * ble.hfxo_startup_us);
  const double unanswered_j = work_j + 3 * ble.supply_v * ma * us *
                                           (ble.ramp_current_ma * ble.ramp_up_us + ble.tx_current_ma * adv_us +
                                            ble.rx_current_ma * ble.adv_listen_us);
  const double answered_j = work_j + ble.supply_v * ma * us *
                                         (ble.ramp_current_ma * ble.ramp_up_us + ble.tx_current_ma * adv_us +
                                          ble.rx_current_ma * (ble.t_ifs_us + connect_us));
  const double expected_j = static_cast<double>(events - 1) * unanswered_j + answered_j;
  EXPECT_NEAR(run.reconnectJ, expected_j, 1e-9 * expected_j);
}

// A tensor queued in range just before the link goes and one handed over
// while it is down: kept, both arrive after the reconnection; dropped, the
// first is dropped when the link is lost and the second refused.
// ble.disconnected: edge. A wearable application with a window every 0.25 s
// (600-byte tensors) walks out of range at 1 s and back at 3 s: the windows
// that start while the link is down run in full and hand over only their
// 8-byte result, which reaches the fog node after the reconnection; the
// others send tensors, and every window's packet arrives.
TEST(BleLinkLife, EdgePolicySendsOnlyTheResultsOfWindowsRunWhileTheLinkIsDown) {
  OutOfRange run(Supervised(500), 3.0);
  Ptr<BleWearableApplication> app = CreateObject<BleWearableApplication>();
  app->SetAttribute("Window", TimeValue(MilliSeconds(250)));
  app->SetAttribute("EdgeLatency", TimeValue(MilliSeconds(5)));
  app->SetAttribute("WholeLatency", TimeValue(MilliSeconds(40)));
  app->SetAttribute("PayloadBytes", UintegerValue(600));
  app->SetAttribute("ResultBytes", UintegerValue(8));
  app->SetAttribute("EdgeWhileDisconnected", BooleanValue(true));
  app->SetDevice(DynamicCast<BleNetDevice>(run.topo.peripheralDevs.Get(0)));
  run.topo.peripherals.Get(0)->AddApplication(app);
  app->SetStartTime(Seconds(0));
  app->SetStopTime(Seconds(4));
  Simulator::Stop(Seconds(5));
  Simulator::Run();
  ASSERT_EQ(run.topo.Peripheral(0)->GetStatistics().reconnections, 1u);
  Time reconnected;
  for (const auto& [t, from, to] : run.changes)
    if (from == BLE_LL_ADVERTISING) reconnected = t;
  uint32_t results = 0;
  for (const Ptr<Packet>& p : run.topo.received) {
    BleSduTag tag;
    ASSERT_TRUE(p->PeekPacketTag(tag));
    EXPECT_EQ(p->GetSize(), tag.result ? 8u : 600u);
    if (tag.result) {
      ++results;
      EXPECT_GE(tag.windowStart, Seconds(1.5));  // the loss: 1 s + the 500 ms timeout at the earliest
      EXPECT_LT(tag.windowStart, reconnected);
    }
  }
  // Lost within one interval after 1.5 s, back before 3.5 s: 1 s at the
  // least and 2 s at the most of windows every 0.25 s.
  EXPECT_EQ(results, app->GetEdgeOnlyInferences());
  EXPECT_GE(results, 3u);
  EXPECT_LE(results, 8u);
  EXPECT_EQ(run.topo.received.size(), app->GetInferences());
}

TEST(BleLinkLife, DisconnectedPolicyKeepsOrDropsTheTensors) {
  for (bool keep : {true, false}) {
    OutOfRange run(Supervised(500), 2.0, keep);
    run.topo.SendAt(1.2, 0, 600);  // out of range already: no event gets through
    run.topo.SendAt(1.7, 0, 600);  // link down
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    Ptr<BlePeripheralLinkLayer> ll = run.topo.Peripheral(0);
    ASSERT_EQ(ll->GetStatistics().reconnections, 1u);
    EXPECT_EQ(run.topo.received.size(), keep ? 2u : 0u);
    EXPECT_EQ(ll->GetStatistics().sdusQueued, keep ? 2u : 1u);
    EXPECT_EQ(ll->GetStatistics().sdusDroppedAtLoss, keep ? 0u : 1u);
    EXPECT_EQ(ll->GetBacklog(), 0u);
  }
}

// A walk draws from streams keyed by its wearable: wearable 3's path is the
// same alone and after other walkers and other objects took streams before
// it; another wearable's key gives another path.
TEST(KeyedWalks, AWearablesPathDoesNotDependOnWhatElseIsInTheScenario) {
  const fognas::sim::WalkArea area{0, 30, 0, 20};
  auto path = [&](uint32_t othersBefore, int64_t key) {
    Simulator::Destroy();
    RngSeedManager::SetSeed(7);
    RngSeedManager::SetRun(1);
    NodeContainer others;
    others.Create(othersBefore);
    std::vector<Ptr<UniformRandomVariable>> draws;
    for (uint32_t k = 0; k < othersBefore; ++k) {
      fognas::sim::PlaceWalking(others.Get(k), Vector(5, 5, 0), area, 1.0, 100 + k);
      draws.push_back(CreateObject<UniformRandomVariable>());  // takes the next automatic stream
      draws.back()->GetValue();
    }
    Ptr<Node> walker = CreateObject<Node>();
    fognas::sim::PlaceWalking(walker, Vector(10, 10, 0), area, 1.0, key);
    std::vector<Vector> positions;
    for (int t = 1; t <= 60; ++t)
      Simulator::Schedule(Seconds(t), [&] { positions.push_back(walker->GetObject<MobilityModel>()->GetPosition()); });
    Simulator::Stop(Seconds(61));
    Simulator::Run();
    Simulator::Destroy();
    return positions;
  };
  const auto alone = path(0, 3), crowded = path(7, 3), other = path(0, 4);
  ASSERT_EQ(alone.size(), 60u);
  EXPECT_GT(CalculateDistance(alone.front(), alone.back()) + CalculateDistance(alone.front(), alone[30]), 0.0);
  for (size_t k = 0; k < alone.size(); ++k) {
    EXPECT_EQ(alone[k].x, crowded[k].x) << k;
    EXPECT_EQ(alone[k].y, crowded[k].y) << k;
  }
  double apart = 0;
  for (size_t k = 0; k < alone.size(); ++k) apart += CalculateDistance(alone[k], other[k]);
  EXPECT_GT(apart, 1.0);
}
