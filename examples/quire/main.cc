// quire: index, search and inspect a quire index from the shell.
//
//   quire index papers.quire arxiv.jsonl.zst
//   quire search papers.quire "graph neural networks" --facet year
//   quire get papers.quire 1706.03762 --json
//   quire eval ../shared/corpora/relevance/scifact
#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "common.h"
#include "quire/quire.h"

namespace {

int run(int argc, char** argv) {
  using namespace quire_cli;

  CLI::App app{"Full-text search over scholarly papers, kept in one folder.", "quire"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("quire ") + quire::version(),
                       "Print the library version and exit");

  const std::vector<Command> commands = {
      add_index_command(app), add_search_command(app), add_get_command(app),
      add_delete_command(app), add_stats_command(app), add_eval_command(app)};

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Help and --version arrive as "errors" with exit code 0.
    if (e.get_exit_code() == 0) return app.exit(e);
    std::string help = "quire --help";
    const CLI::App* chosen = nullptr;
    for (const Command& command : commands) {
      if (command.parser->parsed()) chosen = command.parser;
    }
    const std::vector<std::string> unparsed = app.remaining();
    if (chosen) {
      help = "quire " + chosen->get_name() + " --help";
      complain(e.what());
    } else if (!unparsed.empty()) {
      // CLI11 would only say that a subcommand is required.
      const std::string& first = unparsed.front();
      complain(first.rfind('-', 0) == 0
                   ? "unknown option '" + first + "'"
                   : "unknown command '" + first + "' (use index, search, get, delete, stats or eval)");
    } else {
      complain(e.what());
    }
    std::cerr << "Run '" << help << "' for usage.\n";
    return kExitUsageError;
  }

  for (const Command& command : commands) {
    if (!command.parser->parsed()) continue;
    const int status = command.run();
    // A full disk or closed pipe must not pass for success.
    if (!std::cout.flush()) {
      complain("could not write the output");
      return kExitRuntimeError;
    }
    return status;
  }
  return kExitUsageError;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    // quire::Error among them: its message already says what to do.
    quire_cli::complain(e.what());
  } catch (...) {
    quire_cli::complain("unexpected failure");
  }
  return quire_cli::kExitRuntimeError;
}
