// quire/import.h: reading papers from files and adding them to an index.
//
// PaperReader streams Paper records out of a file (plain, .gz or .zst) in
// one of the formats of InputFormat; the caller owns the reader and the
// papers it fills. import_file() drives a reader into an Index, committing
// every `batch_size` papers. docs/formats.md describes each format, what
// each becomes in a Paper, and the size limits applied to every record.
//
// Thread-safety: a PaperReader is used by one thread at a time; distinct
// readers are independent. import_file() may run while other threads search
// the same Index.
#ifndef QUIRE_IMPORT_H
#define QUIRE_IMPORT_H

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "quire/export.h"
#include "quire/index.h"
#include "quire/paper.h"
#include "quire/version.h"

QUIRE_NAMESPACE_BEGIN

enum class InputFormat {
  jsonl = 1,       // canonical JSON Lines: one paper object per line
  oai = 2,         // arXiv OAI-PMH XML (ListRecords, metadataPrefix=arXiv)
  arxiv_json = 3,  // arXiv's bulk metadata snapshot: one JSON object per line
  bibtex = 4,      // BibTeX (.bib)
  listing = 5,     // plain-text paper listings copied from profile pages
  automatic = 6,   // recognised from the file's content, then its name
};

// "jsonl", "oai", "arxiv-json", "bibtex", "listing" or "auto".
QUIRE_API const char* input_format_name(InputFormat format) noexcept;

// The format named by input_format_name()'s text; nullopt for other text.
QUIRE_API std::optional<InputFormat> input_format_from_name(const std::string& name);

// The format of the file at `path`, recognised from its first 64 KiB
// (decompressed) and, where the content does not settle it, from its name
// (.jsonl, .xml, .bib, .txt); jsonl when nothing does. Never returns
// automatic. Errors: not_found, io, corrupt (see PaperReader::open).
QUIRE_API InputFormat detect_input_format(const std::string& path);

enum class IssueSeverity {
  error = 1,    // the record was skipped (and counted as rejected)
  warning = 2,  // the record was kept, changed as the reason says (e.g. truncated)
};

// One record that could not be read, or was read with a change: where it
// is and why.
struct ImportIssue {
  std::string file;
  std::uint64_t line = 0;  // 1-based line where the record starts
  std::string field;       // the offending field, empty when the whole record is bad
  std::string reason;
  IssueSeverity severity = IssueSeverity::error;
};

// "FILE:LINE: field F: REASON" for an error and "FILE:LINE: warning: field
// F: REASON" for a warning, the form every reader reports problems in.
QUIRE_API std::string to_string(const ImportIssue& issue);

struct ReaderOptions {
  InputFormat format = InputFormat::automatic;
  // The year of listing dates that show none ("May 28"); 0 means the year
  // the file was last modified.
  int listing_year = 0;
};

class QUIRE_API PaperReader {
 public:
  // Opens `path` for streaming; .gz and .zst are decompressed on the fly.
  // Errors: not_found, io, corrupt, invalid_argument (unknown format).
  static PaperReader open(const std::string& path,
                          InputFormat format = InputFormat::automatic);
  static PaperReader open(const std::string& path, const ReaderOptions& options);

  PaperReader(PaperReader&&) noexcept;
  PaperReader& operator=(PaperReader&&) noexcept;
  ~PaperReader();

  // Fills `paper` with the next good record and returns true, or returns
  // false at the end of the input. A bad record is skipped; `on_issue` (if
  // set) hears about it. A field over its size limit is cut to the limit
  // and `on_issue` hears a warning. Errors: io, corrupt (a damaged
  // compressed stream).
  bool next(Paper& paper);

  // Hears every error and warning, in input order.
  void on_issue(std::function<void(const ImportIssue&)> callback);

  // The format being read (never automatic).
  InputFormat format() const noexcept;

  std::uint64_t records_read() const noexcept;     // good records so far
  std::uint64_t records_rejected() const noexcept; // bad records skipped so far
  std::uint64_t warnings() const noexcept;         // warnings reported so far
  std::uint64_t bytes_read() const noexcept;       // of the file as stored

  struct Impl;

 private:
  explicit PaperReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct ImportOptions {
  InputFormat format = InputFormat::automatic;
  std::size_t batch_size = 10000;  // commit after this many papers (and at the end)
  // Stop at the first bad record (after committing what came before).
  // Warnings never stop an import.
  bool strict = false;
  std::function<void(const ImportIssue&)> on_issue;  // each bad record and each warning
  // Called after each commit with the papers read so far and the bytes of
  // the file consumed so far.
  std::function<void(std::uint64_t papers, std::uint64_t bytes)> on_progress;
  // See ReaderOptions::listing_year.
  int listing_year = 0;
};

struct ImportSummary {
  std::uint64_t added = 0;
  std::uint64_t replaced = 0;
  std::uint64_t rejected = 0;
  std::uint64_t warnings = 0;  // warnings reported (see IssueSeverity::warning)
  // Abstract-only listing records merged into a paper already indexed.
  std::uint64_t merged = 0;
  // arXiv records skipped because a later version of the paper was already
  // added (in this import or an earlier one).
  std::uint64_t superseded = 0;
  InputFormat format = InputFormat::automatic;  // the format the file was read as
  double seconds = 0;
};

// Reads every paper of `path` into `index` and commits. A bad record is
// reported and skipped (or, with `strict`, ends the import with
// ErrorCode::parse after committing the papers before it). Beyond adding
// each record, an import keeps the latest arXiv version of a paper and
// merges abstract-only listing records into the paper they belong to (see
// docs/formats.md). Errors: those of PaperReader::open and
// Index::add/commit/search.
QUIRE_API ImportSummary import_file(Index& index, const std::string& path,
                                    const ImportOptions& options = {});

QUIRE_NAMESPACE_END

#endif  // QUIRE_IMPORT_H
