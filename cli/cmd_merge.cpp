// fognas merge OUT SHARD_DIR...: joins the folders of a sweep run as shards
// into one sweep folder (study/merge.h).
#include <fmt/format.h>

#include <iostream>

#include "checked_options.h"
#include "command.h"
#include "fognas/study/merge.h"

namespace fognas::cli {
namespace {

struct MergeArgs {
  std::string out;
  std::vector<std::string> shards;
};

void run(const MergeArgs& a) {
  const size_t points = study::merge_shards(a.out, a.shards, command_line());
  std::cout << fmt::format("merge: {} points from {} shards -> {}/points.csv\n", points, a.shards.size(), a.out);
}

const Command registration("merge", [](CLI::App& app) {
  auto args = std::make_shared<MergeArgs>();
  auto* cmd = app.add_subcommand("merge", "join the folders of a sweep run as shards (--shard i/n) into one");
  add_text(cmd, "out", args->out, "the merged sweep folder")->required();
  add_texts(cmd, "shards", args->shards, "the shards' folders")->required();
  cmd->callback([args] { run(*args); });
});

}  // namespace
}  // namespace fognas::cli
