#pragma once
// JSON form of partition costs, shared by the commands that print them.
#include <nlohmann/json.hpp>

#include "fognas/cost/cost.h"

namespace fognas::cli {

inline nlohmann::json to_json(const PartitionCost& c) {
  return {{"partition_point", c.point},          {"flash_kb", c.flash_kb()},
          {"ram_kb", c.ram_kb()},                {"bytes_sent", c.bytes_sent},
          {"e_edge_comp_mj", c.e_edge_comp_mj},  {"e_edge_comm_mj", c.e_edge_comm_mj},
          {"e_edge_mj", c.e_edge_mj()},          {"e_fog_mj", c.e_fog_mj},
          {"e_total_mj", c.e_total_mj()},        {"fits_memory", c.fits_memory},
          {"edge_parameters", c.edge_parameters}, {"edge_macs", c.edge_macs},
          {"edge_latency_ms", c.edge_latency_ms}};
}

}  // namespace fognas::cli
