// quire index DB FILE...: import papers from files into an index.
#include <unistd.h>

#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "common.h"
#include "quire/quire.h"

namespace quire_cli {

namespace {

struct IndexOptions {
  std::string db;
  std::vector<std::string> files;
  std::size_t batch = quire::ImportOptions().batch_size;
  bool strict = false;
  std::string format = "auto";
  int listing_year = 0;
};

// A one-line counter redrawn in place on stderr. Drawn only for a person at a
// terminal: in a log file the carriage returns would be noise.
class Progress {
 public:
  Progress() : enabled_(is_terminal(STDERR_FILENO)) {}
  ~Progress() { clear(); }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void show(std::uint64_t papers, std::uint64_t bytes) {
    if (!enabled_) return;
    std::cerr << "\r\033[K  " << with_thousands(papers) << " papers  " << megabytes(bytes)
              << std::flush;
    drawn_ = true;
  }

  // Erases the line, so that a message printed next starts on a clean one.
  void clear() {
    if (!drawn_) return;
    std::cerr << "\r\033[K" << std::flush;
    drawn_ = false;
  }

 private:
  bool enabled_;
  bool drawn_ = false;
};

int run_index(const IndexOptions& options) {
  quire::Index index = quire::Index::open(options.db);
  Progress progress;
  // The library counts per file; the counter runs over the whole command.
  std::uint64_t papers_before = 0, bytes_before = 0;
  std::uint64_t file_papers = 0, file_bytes = 0;

  quire::ImportOptions import;
  import.batch_size = options.batch;
  import.strict = options.strict;
  import.format = *quire::input_format_from_name(options.format);
  import.listing_year = options.listing_year;
  import.on_issue = [&](const quire::ImportIssue& issue) {
    progress.clear();
    std::cerr << quire::to_string(issue) << '\n';
  };
  import.on_progress = [&](std::uint64_t papers, std::uint64_t bytes) {
    file_papers = papers;
    file_bytes = bytes;
    progress.show(papers_before + papers, bytes_before + bytes);
  };

  quire::ImportSummary total;
  for (const std::string& file : options.files) {
    file_papers = file_bytes = 0;
    const quire::ImportSummary summary = quire::import_file(index, file, import);
    papers_before += file_papers;
    bytes_before += file_bytes;
    total.added += summary.added;
    total.replaced += summary.replaced;
    total.rejected += summary.rejected;
    total.warnings += summary.warnings;
    total.merged += summary.merged;
    total.superseded += summary.superseded;
    total.seconds += summary.seconds;
  }
  progress.clear();

  // Plain numbers: scripts read this line.
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f", total.seconds);
  std::cout << "added " << total.added << ", replaced " << total.replaced << ", rejected "
            << total.rejected << ", warnings " << total.warnings << ", merged " << total.merged
            << ", superseded " << total.superseded << ", " << seconds << " seconds\n";
  return kExitSuccess;
}

}  // namespace

Command add_index_command(CLI::App& app) {
  auto options = std::make_shared<IndexOptions>();
  CLI::App* sub = app.add_subcommand(
      "index", "Add the papers in FILE... (JSON Lines, arXiv OAI-PMH XML or JSON snapshot, BibTeX, "
               "or paper listings; plain, .gz or .zst) to the index in DB, creating it if "
               "needed; a paper whose id is stored replaces it");
  sub->add_option("DB", options->db, "The index folder")->required();
  sub->add_option("FILE", options->files, "Files to import")->required();
  sub->add_option("--format", options->format,
                  "Input format: jsonl, oai, arxiv-json, bibtex, listing, or auto (recognised "
                  "from each file's content, then its name)")
      ->check(CLI::IsMember({"auto", "jsonl", "oai", "arxiv-json", "bibtex", "listing"}))
      ->capture_default_str();
  sub->add_option("--listing-year", options->listing_year,
                  "Year of listing dates shown without one (default: the year each file was "
                  "last modified)")
      ->check(CLI::Range(1, 9999));
  sub->add_option("--batch", options->batch, "Commit after this many papers")
      ->check(count_check(1))
      ->capture_default_str();
  sub->add_flag("--strict", options->strict,
                "Stop at the first bad record (the papers before it are kept); warnings "
                "(fields cut to their size limit) never stop an import");
  return {sub, [options] { return run_index(*options); }};
}

}  // namespace quire_cli
