#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "fognas/common/error.h"
#include "fognas/devices/profile_io.h"
#include "fognas/search/factor_study.h"
#include "fognas/testing/support.h"

namespace fognas {
namespace {
using fognas::testing::write_temp_file;

TEST(FactorStudy, ShippedScenarioGivesOneRowPerArchitectureAndFactor) {
  FactorStudySpec spec = load_factor_study("scenarios/paper-table3.yaml");
  ASSERT_EQ(spec.architectures.size(), 4u);
  DeviceModel model = load_device_model(spec.mcu, spec.radio, spec.fog);
  FactorStudyResult r = run_factor_study(spec, model);
  EXPECT_EQ(r.factor_table().rows.size(), 12u);
  // Total energy can only grow as the fog gets less efficient.
  for (const auto& a : r.architectures)
    for (size_t i = 1; i < r.factors.size(); ++i)
      if (r.factors[i] < r.factors[i - 1]) {
        EXPECT_GE(a.total_best[i].e_total_mj(), a.total_best[i - 1].e_total_mj());
      }
}

TEST(FactorStudy, UnknownKeyIsNamedWithItsLine) {
  std::string path = write_temp_file("fognas-study-typo.yaml",
                                "name: x\nfactors: [2]\nfactor: 3\narchitectures:\n  - name: a\n"
                                "    lengths: [2048, 128, 2]\n    channels: [1, 1, 1]\n");
  try {
    load_factor_study(path);
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(":3: unknown key 'factor'"), std::string::npos) << e.what();
  }
}

TEST(FactorStudy, PartitionPointOutsideTheNetworkIsRejected) {
  std::string path = write_temp_file("fognas-study-p.yaml",
                                "name: x\nfactors: [2]\narchitectures:\n  - name: a\n"
                                "    lengths: [2048, 128, 2]\n    channels: [1, 1, 1]\n    partition_point: 4\n");
  EXPECT_THROW(load_factor_study(path), InputError);
}

}  // namespace
}  // namespace fognas
