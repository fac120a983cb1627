// PaperReader's implementation, shared with import_file(), which needs the
// line each record came from to report papers the index refuses.
#ifndef QUIRE_LIB_INGEST_READER_H
#define QUIRE_LIB_INGEST_READER_H

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "ingest/source.h"
#include "quire/import.h"
#include "quire/paper.h"

QUIRE_NAMESPACE_BEGIN

struct PaperReader::Impl final : ingest::IssueSink {
  // Throws quire::Error: invalid_argument (unknown format, listing year out
  // of range), not_found, io, corrupt (see InputStream::open).
  static std::unique_ptr<Impl> open(const std::string& path, const ReaderOptions& options);

  Impl(std::string path, InputFormat format) : path(std::move(path)), format(format) {}

  // See PaperReader::next. An exception thrown by on_issue leaves through
  // here, with the bad record already counted and skipped.
  bool next(Paper& paper);

  // Count the issue and tell on_issue.
  void reject(std::uint64_t line, std::string field, std::string reason) override;
  void warn(std::uint64_t line, std::string field, std::string reason) override;

  std::uint64_t bytes_consumed() const noexcept { return source ? source->bytes_consumed() : 0; }

  std::string path;
  InputFormat format;
  std::unique_ptr<ingest::RecordSource> source;
  std::function<void(const ImportIssue&)> on_issue;
  std::uint64_t read = 0;
  std::uint64_t rejected = 0;
  std::uint64_t warnings = 0;
  std::uint64_t last_line = 0;  // the line of the record next() last returned
};

QUIRE_NAMESPACE_END

#endif  // QUIRE_LIB_INGEST_READER_H
