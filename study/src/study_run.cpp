// Running a study's stages (study_run.h).
#include "fognas/study/study_run.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "fognas/common/atomic_file.h"
#include "fognas/common/error.h"
#include "fognas/common/interrupt.h"
#include "fognas/common/manifest.h"
#include "fognas/common/result_dir.h"
#include "fognas/scenario/scenario.h"
#include "fognas/study/child_process.h"

namespace fognas::study {
namespace {

namespace fs = std::filesystem;

struct Stage {
  std::string name;
  std::vector<std::string> args;  // fognas ARGS
};

void run_stage(const Stage& stage, const fs::path& work, bool quiet) {
  if (!quiet) std::fprintf(stderr, "study: %s: fognas %s\n", stage.name.c_str(), fmt::format("{}", fmt::join(stage.args, " ")).c_str());
  const std::string log = (work / (stage.name + ".log")).string();
  const int status = run_fognas(stage.args, log);
  if (status != 0)
    throw CommandFailed(fmt::format("study: stage '{}' failed with status {}; {} ends:\n{}", stage.name, status, log,
                                    tail_of(log, 6)),
                        status == 3 ? 3 : 1);
  fs::remove(log);  // it holds wall-clock times; the stage's own folder holds its results
}

// study.yaml: the scenario as the later stages run it, beside their folders,
// with the searched network added and the solver choosing its partition point.
void write_study_scenario(const Scenario& sc, bool searched, const fs::path& work) {
  YAML::Node doc = YAML::Load(scenario_yaml_for(sc, {}, work.string()));  // study.yaml lies in work
  if (searched) {
    YAML::Node arch;
    arch["name"] = sc.name + "-search";
    arch["from_search"] = "search/best.json";
    arch["partition_point"] = "solver";
    doc["architectures"].push_back(arch);
  }
  doc.remove("search");
  doc.remove("training");
  doc.remove("data");
  YAML::Emitter out;
  out << doc;
  write_file_atomically(work / "study.yaml", std::string(out.c_str()) + "\n");
}

}  // namespace

StudyRunResult run_study(const StudyRunOptions& a) {
  const Scenario sc = load_scenario_file(a.scenario_file, a.overrides);
  const bool search = sc.data && sc.has_search;
  if (!search && sc.architectures.empty())
    throw InputError(sc.file, "a study needs a search (data and search sections) or architectures, or both");
  if (search && !sc.limits.energy_mj)
    throw InputError(sc.where("limits.energy_mj"), "the study's search needs an energy budget per inference");
  const std::string out = a.out.empty() ? sc.out_dir : a.out;
  ResultDir dir(out, a.out.empty() ? "out" : "--out", "fognas study", ResultDir::OnFailure::Discard);
  const fs::path work = dir.work();
  std::vector<Stage> stages;
  if (search) {
    std::vector<std::string> args = {"search", a.scenario_file, "--out", (work / "search").string(),
                                     "--set", fmt::format("factors=[{}]", sc.factors.front())};
    for (const std::string& o : a.overrides) args.insert(args.end(), {"--set", o});
    if (a.jobs) args.insert(args.end(), {"--jobs", std::to_string(*a.jobs)});
    stages.push_back({"search", args});
  }
  const std::string study_yaml = (work / "study.yaml").string();
  stages.push_back({"partition", {"evaluate", study_yaml, "--out", (work / "partition").string()}});
  stages.push_back({"simulate", {"simulate", study_yaml, "--out", (work / "simulate").string(), "--quiet"}});
  nlohmann::json record = {{"scenario", sc.file}, {"overrides", sc.overrides}, {"stages", nlohmann::json::array()}};
  for (const Stage& s : stages) {
    if (s.name == "partition") write_study_scenario(sc, search, work);  // after the search, if any
    run_stage(s, work, a.quiet);
    test_hold_point("study-stage-done");
    // As it reruns from the finished folder (the stages ran in its .partial).
    std::vector<std::string> rerun = s.args;
    for (std::string& arg : rerun)
      if (arg.rfind(work.string(), 0) == 0) arg = out + arg.substr(work.string().size());
    record["stages"].push_back({{"stage", s.name}, {"command", rerun}});
  }
  // The stages' manifests name the folder they ran in; they will be read in DIR.
  for (const Stage& s : stages) rebase_manifest(work / s.name / "manifest.json", work.string(), out);
  const ReportFiles files = write_report(work, work / "tables", work / "figures", {a.figure_width});
  write_file_atomically(work / "study.json", record.dump(2) + "\n");
  write_manifest(work, a.command_line, {{"study", record}, {"out", out}}, {{"seed", sc.seed}}, {sc.file});
  dir.commit();
  return {out, search, files};
}

}  // namespace fognas::study
