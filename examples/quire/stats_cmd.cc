// quire stats DB: what an index holds and how it was built.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <string>

#include "common.h"
#include "json_writer.h"
#include "quire/quire.h"

namespace quire_cli {

namespace {

struct StatsOptions {
  std::string db;
  bool json = false;
};

int run_stats(const StatsOptions& options) {
  const quire::Index index = quire::Index::open(options.db, {quire::OpenMode::read_only});
  const quire::IndexStats stats = index.stats();
  if (options.json) {
    JsonWriter json;
    json.begin_object()
        .member("documents", stats.documents)
        .member("disk_bytes", stats.disk_bytes)
        .member("revision", stats.revision)
        .member("schema_version", stats.schema_version)
        .member("analyzer", stats.analyzer)
        .member("path", stats.path)
        .end_object();
    std::cout << json.str() << '\n';
  } else {
    print_labelled({
        {"documents", with_thousands(stats.documents)},
        {"disk size",
         megabytes(stats.disk_bytes) + " (" + with_thousands(stats.disk_bytes) + " bytes)"},
        {"revision", std::to_string(stats.revision)},
        {"schema version", std::to_string(stats.schema_version)},
        {"analyzer", stats.analyzer},
        {"path", stats.path},
    });
  }
  return kExitSuccess;
}

}  // namespace

Command add_stats_command(CLI::App& app) {
  auto options = std::make_shared<StatsOptions>();
  CLI::App* sub = app.add_subcommand("stats", "Show the size and settings of the index in DB");
  sub->add_option("DB", options->db, "The index folder")->required();
  sub->add_flag("--json", options->json, "Print one JSON object instead of text");
  return {sub, [options] { return run_stats(*options); }};
}

}  // namespace quire_cli
