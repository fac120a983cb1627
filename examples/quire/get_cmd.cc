// quire get DB ID: print one stored paper.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common.h"
#include "json_writer.h"
#include "quire/quire.h"

namespace quire_cli {

namespace {

struct GetOptions {
  std::string db;
  std::string id;
  bool json = false;
};

void print_json(const quire::Paper& paper) {
  JsonWriter json;
  json.begin_object()
      .member("id", paper.id)
      .member("title", paper.title)
      .member("abstract", paper.abstract)
      .member("authors", paper.authors)
      .member("categories", paper.categories)
      .member("date", paper.date)
      .member("venue", paper.venue)
      .member("extra", paper.extra)
      .end_object();
  std::cout << json.str() << '\n';
}

void print_text(const quire::Paper& paper) {
  std::vector<std::pair<std::string, std::string>> lines = {
      {"id", paper.id},
      {"title", paper.title},
      // Names may hold commas ("Hinton, Geoffrey"), so they are kept apart by ';'.
      {"authors", join(paper.authors, "; ")},
      {"categories", join(paper.categories, " ")},
      {"date", paper.date},
      {"venue", paper.venue},
      {"abstract", paper.abstract},
  };
  for (const auto& [name, value] : paper.extra) lines.emplace_back(name, value);
  print_labelled(lines);
}

int run_get(const GetOptions& options) {
  const quire::Index index = quire::Index::open(options.db, {quire::OpenMode::read_only});
  const std::optional<quire::Paper> paper = index.get(options.id);
  if (!paper) {
    complain("no paper with id " + options.id);
    return kExitRuntimeError;
  }
  if (options.json) {
    print_json(*paper);
  } else {
    print_text(*paper);
  }
  return kExitSuccess;
}

}  // namespace

Command add_get_command(CLI::App& app) {
  auto options = std::make_shared<GetOptions>();
  CLI::App* sub = app.add_subcommand("get", "Print the paper with id ID, every field");
  sub->add_option("DB", options->db, "The index folder")->required();
  sub->add_option("ID", options->id, "The paper's id (an arXiv id, a DOI, ...)")->required();
  sub->add_flag("--json", options->json, "Print one JSON object instead of text");
  return {sub, [options] { return run_get(*options); }};
}

}  // namespace quire_cli
