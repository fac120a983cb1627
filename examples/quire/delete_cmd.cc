// quire delete DB ID...: remove papers by id.
#include <CLI/CLI.hpp>

#include <cstdint>
#include <iostream>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "common.h"
#include "quire/quire.h"

namespace quire_cli {

namespace {

struct DeleteOptions {
  std::string db;
  std::vector<std::string> ids;
};

int run_delete(const DeleteOptions& options) {
  quire::OpenOptions open;
  open.mode = quire::OpenMode::read_write;
  // Deleting from a folder that holds no index is a mistake, not a reason
  // to create one.
  open.create_if_missing = false;
  quire::Index index = quire::Index::open(options.db, open);

  std::uint64_t deleted = 0;
  std::vector<std::string> missing;
  std::unordered_set<std::string> seen;
  for (const std::string& id : options.ids) {
    // An id named twice is one paper, deleted once and counted once.
    if (!seen.insert(id).second) continue;
    if (index.remove(id)) {
      ++deleted;
    } else {
      missing.push_back(id);
    }
  }
  index.commit();

  for (const std::string& id : missing) complain("no paper with id " + id);
  std::cout << "deleted " << deleted << ", not found " << missing.size() << '\n';
  return kExitSuccess;
}

}  // namespace

Command add_delete_command(CLI::App& app) {
  auto options = std::make_shared<DeleteOptions>();
  CLI::App* sub = app.add_subcommand(
      "delete", "Remove the papers with these ids from the index in DB, in one commit");
  sub->add_option("DB", options->db, "The index folder")->required();
  sub->add_option("ID", options->ids, "Ids of the papers to remove")->required();
  return {sub, [options] { return run_delete(*options); }};
}

}  // namespace quire_cli
