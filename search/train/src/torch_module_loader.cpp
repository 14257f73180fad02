// Opens the LibTorch module on first use and forwards the LibTorch entry points
// of torch_trainer.h and trainer.h to it; make_trainer picks the trainer.
#include <dlfcn.h>

#include <mutex>
#include <stdexcept>
#include <string>

#include "fognas/train/torch_trainer.h"
#include "fognas/train/trainer.h"
#include "torch_module.h"

namespace fognas {

namespace {

// The build places the module at FOGNAS_TORCH_MODULE_PATH (set by CMake to the
// build tree's copy).
const TorchModule& torch_module() {
  static const TorchModule* module = nullptr;
  static std::once_flag once;
  std::call_once(once, [] {
    const std::string path = FOGNAS_TORCH_MODULE_PATH;
    // RTLD_LOCAL: LibTorch's symbols stay in the module; RTLD_NOW: a broken
    // installation fails here, not in the middle of a search.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr)
      throw std::runtime_error("the LibTorch trainer is not available: " + std::string(dlerror()));
    auto entry = reinterpret_cast<const TorchModule* (*)()>(dlsym(handle, "fognas_torch_module"));
    if (entry == nullptr || entry()->version != kTorchModuleVersion)
      throw std::runtime_error(path + " is not this build's LibTorch module");
    module = entry();
  });
  return *module;
}

}  // namespace

std::unique_ptr<CandidateTrainer> make_torch_trainer(const DatasetSplit& split, const TrainSettings& settings) {
  return torch_module().make_trainer(split, settings);
}

long torch_parameter_count(const Network& net) { return torch_module().parameter_count(net); }

LossAndGradient libtorch_loss_and_gradient(const Network& net, const StepInput& in) {
  return torch_module().loss_and_gradient(net, in);
}

std::vector<double> libtorch_adam(const std::vector<double>& parameters,
                                  const std::vector<std::vector<double>>& gradients, double learning_rate) {
  return torch_module().adam(parameters, gradients, learning_rate);
}

std::unique_ptr<CandidateTrainer> make_trainer(const DatasetSplit& split, const TrainSettings& settings) {
  return settings.trainer == TrainerKind::LibTorch ? make_torch_trainer(split, settings)
                                                    : make_fast_trainer(split, settings);
}

}  // namespace fognas
