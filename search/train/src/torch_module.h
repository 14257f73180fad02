#pragma once
// The LibTorch trainer is a loadable module (libfognas_torch.so): Debian's
// LibTorch pulls in about 300 shared libraries (OpenCV, FFmpeg, GDAL, Qt...),
// whose loading and relocation cost every process about half a second at
// start. Only `--trainer libtorch` and the tests that compare the trainers need
// it, so the module is opened on first use (torch_module_loader.cpp) and its
// entry point hands over this table of functions.
#include <memory>
#include <vector>

#include "fognas/search/evaluator.h"
#include "fognas/train/trainer.h"

#define FOGNAS_TORCH_MODULE_EXPORT __attribute__((visibility("default")))

namespace fognas {

// Raised whenever the table's layout changes, so a stale module is refused.
constexpr int kTorchModuleVersion = 1;

struct TorchModule {
  int version;
  std::unique_ptr<CandidateTrainer> (*make_trainer)(const DatasetSplit&, const TrainSettings&);
  long (*parameter_count)(const Network&);
  LossAndGradient (*loss_and_gradient)(const Network&, const StepInput&);
  std::vector<double> (*adam)(const std::vector<double>&, const std::vector<std::vector<double>>&, double);
};

}  // namespace fognas

// The module's one exported symbol.
extern "C" FOGNAS_TORCH_MODULE_EXPORT const fognas::TorchModule* fognas_torch_module();
