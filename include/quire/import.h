// quire/import.h: reading papers from files and adding them to an index.
//
// PaperReader streams Paper records out of a file (plain, .gz or .zst); the
// caller owns the reader and the papers it fills. import_file() drives a
// reader into an Index, committing every `batch_size` papers.
//
// Thread-safety: a PaperReader is used by one thread at a time; distinct
// readers are independent. import_file() may run while other threads search
// the same Index.
#ifndef QUIRE_IMPORT_H
#define QUIRE_IMPORT_H

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "quire/export.h"
#include "quire/index.h"
#include "quire/paper.h"
#include "quire/version.h"

QUIRE_NAMESPACE_BEGIN

enum class InputFormat {
  jsonl = 1,  // canonical JSON Lines: one paper object per line
};

// One record that could not be read: where it is and why.
struct ImportIssue {
  std::string file;
  std::uint64_t line = 0;  // 1-based line (or record) number
  std::string field;       // the offending field, empty when the whole record is bad
  std::string reason;
};

// "FILE:LINE: field F: REASON", the form every reader reports problems in.
QUIRE_API std::string to_string(const ImportIssue& issue);

class QUIRE_API PaperReader {
 public:
  // Opens `path` for streaming; .gz and .zst are decompressed on the fly.
  // Errors: not_found, io, invalid_argument (unknown format).
  static PaperReader open(const std::string& path,
                          InputFormat format = InputFormat::jsonl);

  PaperReader(PaperReader&&) noexcept;
  PaperReader& operator=(PaperReader&&) noexcept;
  ~PaperReader();

  // Fills `paper` with the next good record and returns true, or returns
  // false at the end of the input. A bad record is skipped; `on_issue` (if
  // set) hears about it. Errors: io, corrupt (a damaged compressed stream).
  bool next(Paper& paper);

  void on_issue(std::function<void(const ImportIssue&)> callback);

  std::uint64_t records_read() const noexcept;     // good records so far
  std::uint64_t records_rejected() const noexcept; // bad records skipped so far
  std::uint64_t bytes_read() const noexcept;       // of the file as stored

  struct Impl;

 private:
  explicit PaperReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct ImportOptions {
  InputFormat format = InputFormat::jsonl;
  std::size_t batch_size = 10000;  // commit after this many papers (and at the end)
  bool strict = false;             // stop at the first bad record (after committing what came before)
  std::function<void(const ImportIssue&)> on_issue;  // each bad record
  // Called after each commit with the papers read so far and the bytes of
  // the file consumed so far.
  std::function<void(std::uint64_t papers, std::uint64_t bytes)> on_progress;
};

struct ImportSummary {
  std::uint64_t added = 0;
  std::uint64_t replaced = 0;
  std::uint64_t rejected = 0;
  double seconds = 0;
};

// Reads every paper of `path` into `index` and commits. A bad record is
// reported and skipped (or, with `strict`, ends the import with
// ErrorCode::parse after committing the papers before it). Errors: those of
// PaperReader::open and Index::add/commit.
QUIRE_API ImportSummary import_file(Index& index, const std::string& path,
                                    const ImportOptions& options = {});

QUIRE_NAMESPACE_END

#endif  // QUIRE_IMPORT_H
