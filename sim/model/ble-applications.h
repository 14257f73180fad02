#pragma once
// The two applications of the scenario. A wearable, every window, runs the edge
// part of the network on its MCU and hands the tensor to its BLE link; a fog
// node, when a tensor has arrived in full, runs the rest of the network (one
// job at a time, first come first served) and records the end-to-end latency.
#include "ns3/application.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/tag.h"
#include "ns3/traced-callback.h"

#include <deque>
#include <map>

namespace ns3 {

class BleNetDevice;
class McuEnergyModel;
class NetDevice;
class Packet;
class Address;

// Carried by each tensor from the wearable to the fog node.
class BleSduTag : public Tag {
 public:
  static TypeId GetTypeId();
  TypeId GetInstanceTypeId() const override;
  uint32_t GetSerializedSize() const override;
  void Serialize(TagBuffer i) const override;
  void Deserialize(TagBuffer i) override;
  void Print(std::ostream& os) const override;

  uint32_t wearable = 0;  // node id of the sender
  uint32_t sequence = 0;  // window number
  Time windowStart;       // when the window's inference began
  bool result = false;    // the class scores of a window run in full on the wearable, not a tensor
};

class BleWearableApplication : public Application {
 public:
  static TypeId GetTypeId();
  BleWearableApplication();

  void SetDevice(Ptr<BleNetDevice> device);
  void SetMcu(Ptr<McuEnergyModel> mcu);
  // The window jitter's stream (one stream); unassigned, ns-3 numbers it by
  // when the application was made.
  int64_t AssignStreams(int64_t stream);
  // The battery is empty: no further windows.
  void Deplete();
  bool IsDepleted() const { return m_depleted; }
  Time GetDepletionTime() const { return m_depletionTime; }

  uint32_t GetInferences() const { return m_inferences; }  // windows whose edge part ran to the end
  uint32_t GetTensorsQueued() const { return m_tensorsQueued; }
  // Windows that started while the link was down and ran every layer on the
  // MCU (EdgeWhileDisconnected), and the MCU energy of those runs.
  uint32_t GetEdgeOnlyInferences() const { return m_edgeOnly; }
  double GetEdgeOnlyEnergyJ() const { return m_edgeOnlyJ; }

 private:
  void StartApplication() override;
  void StopApplication() override;
  void DoDispose() override;
  void StartWindow();
  void FinishEdge(uint32_t sequence, Time windowStart, bool whole, double startJ);
  bool LinkDown() const;

  Time m_window;
  Time m_firstWindow;
  Time m_windowJitter;
  Time m_jitter;  // of the window scheduled next
  Ptr<UniformRandomVariable> m_jitterRng;
  Time DrawJitter();
  Time m_edgeLatency;
  uint32_t m_payloadBytes;
  bool m_edgeWhileDisconnected = false;
  Time m_wholeLatency;
  uint32_t m_resultBytes = 8;
  uint32_t m_edgeOnly = 0;
  double m_edgeOnlyJ = 0;
  Ptr<BleNetDevice> m_device;
  Ptr<McuEnergyModel> m_mcu;
  EventId m_nextWindow;
  uint32_t m_sequence = 0;
  uint32_t m_inferences = 0;
  uint32_t m_tensorsQueued = 0;
  bool m_depleted = false;
  bool m_running = false;
  Time m_depletionTime;
};

class BleFogApplication : public Application {
 public:
  static TypeId GetTypeId();
  BleFogApplication();

  // Receive the tensors arriving on this (central) device.
  void AddDevice(Ptr<NetDevice> device);
  // The fog node's processor: RUN while a job computes, SLEEP otherwise.
  void SetProcessor(Ptr<McuEnergyModel> processor);
  // The time of the fog layers of the tensors one node sends, where it
  // differs from JobTime (wearables running other networks or points).
  void SetJobTime(uint32_t nodeId, Time jobTime);

  uint32_t GetJobsDone() const { return m_jobsDone; }
  uint32_t GetResultsReceived() const { return m_resultsReceived; }  // windows completed on the wearable
  double GetComputeEnergyJ() const;  // RUN energy, as the processor model integrated it
  double GetIdleEnergyJ() const;     // SLEEP energy
  double GetRxEnergyJ() const { return m_rxEnergyJ; }
  Time GetBusyTime() const { return m_busyTime; }
  std::size_t GetMaxQueue() const { return m_maxQueue; }  // most tensors waiting at once

  typedef void (*JobTracedCallback)(uint32_t wearable, Time endToEnd, Time queueing, double jobEnergyJ);
  typedef void (*ResultTracedCallback)(uint32_t wearable, Time endToEnd, uint32_t bytes);

 private:
  struct Job {
    BleSduTag tag;
    Time arrival;
    Time duration;  // the job's compute time
    uint32_t bytes = 0;
  };
  void StartApplication() override;
  void StopApplication() override;
  void DoDispose() override;
  bool Receive(Ptr<NetDevice> device, Ptr<const Packet> packet, uint16_t protocol, const Address& from);
  void StartNext();
  void FinishJob();

  Time m_jobTime;
  std::map<uint32_t, Time> m_jobTimeByNode;
  double m_rxEnergyPerBitJ;
  Ptr<McuEnergyModel> m_processor;
  double m_jobStartJ = 0;
  std::deque<Job> m_queue;
  bool m_busy = false;
  uint32_t m_jobsDone = 0;
  uint32_t m_resultsReceived = 0;
  TracedCallback<uint32_t, Time, uint32_t> m_resultTrace;
  double m_rxEnergyJ = 0;
  Time m_busyTime;
  std::size_t m_maxQueue = 0;
  TracedCallback<uint32_t, Time, Time, double> m_jobTrace;
};

}  // namespace ns3
