// PaperReader's implementation, shared with import_file(), which needs the
// line each record came from to report papers the index refuses.
#ifndef QUIRE_LIB_INGEST_READER_H
#define QUIRE_LIB_INGEST_READER_H

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "ingest/jsonl_reader.h"
#include "ingest/line_reader.h"
#include "quire/import.h"
#include "quire/paper.h"

QUIRE_NAMESPACE_BEGIN

struct PaperReader::Impl {
  // Throws quire::Error: invalid_argument (unknown format), not_found, io,
  // corrupt (see InputStream::open).
  static std::unique_ptr<Impl> open(const std::string& path, InputFormat format);

  explicit Impl(const std::string& path);

  // See PaperReader::next. An exception thrown by on_issue leaves through
  // here, with the bad record already counted and skipped.
  bool next(Paper& paper);

  // Counts a bad record and tells on_issue.
  void reject(std::uint64_t line, std::string field, std::string reason);

  std::string path;
  ingest::LineReader lines;
  ingest::JsonlParser parser;
  std::function<void(const ImportIssue&)> on_issue;
  std::uint64_t read = 0;
  std::uint64_t rejected = 0;
  std::uint64_t last_line = 0;  // the line of the record next() last returned

 private:
  // Records are parsed here and swapped into the caller's Paper, so a bad
  // record never touches it and both keep their strings' storage.
  Paper scratch_;
  ingest::RecordProblem problem_;
};

QUIRE_NAMESPACE_END

#endif  // QUIRE_LIB_INGEST_READER_H
