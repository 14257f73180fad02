#pragma once
// The columns of the main tables the commands write and the report reads back:
// one name for writer and reader, so a renamed column cannot leave the report
// looking for a column that is no longer written. Units are in the names.
namespace fognas::columns {

// Every main table.
inline constexpr char kArchitecture[] = "architecture";      // simulate, validate-splits
inline constexpr char kSolution[] = "solution";              // evaluate, search
inline constexpr char kFactor[] = "factor";
inline constexpr char kPartitionPoint[] = "partition_point";

// evaluate: factor-sweep.csv (the analytic model alone).
inline constexpr char kTotal[] = "e_total_mj";
inline constexpr char kEdgeComp[] = "e_edge_comp_mj";
inline constexpr char kEdgeComm[] = "e_edge_comm_mj";
inline constexpr char kFog[] = "e_fog_mj";

// simulate: summary.csv (simulated beside predicted).
inline constexpr char kCompSim[] = "e_comp_sim_mj";
inline constexpr char kCommSim[] = "e_comm_sim_mj";
inline constexpr char kFogSim[] = "e_fog_sim_mj";
inline constexpr char kPaperTotalSim[] = "e_paper_total_sim_mj";
inline constexpr char kPaperTotalPaper[] = "e_paper_total_paper_mj";
inline constexpr char kPaperTotalProtocol[] = "e_paper_total_protocol_mj";
inline constexpr char kWearableAllinSim[] = "e_wearable_allin_sim_mj";
inline constexpr char kLifetime[] = "lifetime_d";

// search: generations.csv.
inline constexpr char kGeneration[] = "generation";
inline constexpr char kBestFitness[] = "best_fitness";
inline constexpr char kMeanFitness[] = "mean_fitness";

}  // namespace fognas::columns
