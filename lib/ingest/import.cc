#include <chrono>
#include <utility>

#include "ingest/reader.h"
#include "quire/error.h"
#include "quire/import.h"

QUIRE_NAMESPACE_BEGIN

namespace {

// Thrown through PaperReader from the issue callback to end a strict import
// at the first bad record.
struct StopAtIssue {
  ImportIssue issue;
};

}  // namespace

ImportSummary import_file(Index& index, const std::string& path, const ImportOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  std::unique_ptr<PaperReader::Impl> reader = PaperReader::Impl::open(path, options.format);
  reader->on_issue = [&options](const ImportIssue& issue) {
    if (options.on_issue) options.on_issue(issue);
    if (options.strict) throw StopAtIssue{issue};
  };

  ImportSummary summary;
  std::uint64_t refused = 0;  // papers the index would not take
  std::uint64_t pending = 0;
  auto commit = [&] {
    index.commit();
    pending = 0;
    if (options.on_progress) options.on_progress(reader->read, reader->lines.bytes_consumed());
  };
  auto commit_pending = [&] {
    if (pending > 0) commit();
  };

  Paper paper;
  for (;;) {
    try {
      if (!reader->next(paper)) break;
    } catch (const StopAtIssue& stop) {
      commit_pending();
      throw Error(ErrorCode::parse, to_string(stop.issue));
    } catch (const Error&) {
      // A damaged file: keep the papers read before the damage, as a
      // non-strict import keeps those before a bad record.
      commit_pending();
      throw;
    }

    AddOutcome outcome;
    try {
      outcome = index.add(paper);
    } catch (const Error& error) {
      if (error.code() != ErrorCode::invalid_argument) throw;
      ++refused;
      ImportIssue issue{path, reader->last_line, "", error.what()};
      if (options.on_issue) options.on_issue(issue);
      if (options.strict) {
        commit_pending();
        throw Error(ErrorCode::parse, to_string(issue));
      }
      continue;
    }
    if (outcome == AddOutcome::replaced) {
      ++summary.replaced;
    } else {
      ++summary.added;
    }
    // A batch size of 0 means one commit at the end.
    if (++pending == options.batch_size) commit();
  }
  if (pending > 0 || summary.added + summary.replaced == 0) commit();

  summary.rejected = reader->rejected + refused;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

QUIRE_NAMESPACE_END
