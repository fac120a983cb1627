// What every format reader is to the rest of the library: a RecordSource
// that turns a byte stream into Paper records and reports the records it
// cannot read to an IssueSink. Also the format detection that picks one.
#ifndef QUIRE_LIB_INGEST_SOURCE_H
#define QUIRE_LIB_INGEST_SOURCE_H

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "ingest/input_stream.h"
#include "quire/error.h"
#include "quire/import.h"
#include "quire/paper.h"

namespace quire::ingest {

// Hears a source's problems. `line` is the 1-based line where the record
// starts. Either call may throw (a strict import stops that way); a source
// stays usable for destruction when one does.
class IssueSink {
 public:
  virtual ~IssueSink();
  virtual void reject(std::uint64_t line, std::string field, std::string reason) = 0;
  virtual void warn(std::uint64_t line, std::string field, std::string reason) = 0;
};

struct SourceOptions {
  int listing_year = 0;  // the year of listing dates that show none (required > 0)
  // Initial buffer of the line-based readers; lines longer than it grow it.
  std::size_t buffer_bytes = InputStream::kChunkBytes;
};

// Not thread-safe.
class RecordSource {
 public:
  virtual ~RecordSource();
  // Reads the next good record into `paper`, setting every field, and the
  // line it starts on into `line`; false at the end of the input. Bad
  // records are reported to the sink and skipped. Throws what the input
  // stream throws (after the records before the damage).
  virtual bool next(Paper& paper, std::uint64_t& line) = 0;
  virtual std::uint64_t bytes_consumed() const noexcept = 0;
};

// A reader for `format` (not automatic) over `input`.
std::unique_ptr<RecordSource> open_source(InputFormat format, std::unique_ptr<InputStream> input,
                                          const SourceOptions& options, IssueSink& issues);

std::unique_ptr<RecordSource> open_jsonl_source(std::unique_ptr<InputStream> input,
                                                const SourceOptions& options, IssueSink& issues);
std::unique_ptr<RecordSource> open_arxiv_json_source(std::unique_ptr<InputStream> input,
                                                     const SourceOptions& options,
                                                     IssueSink& issues);
std::unique_ptr<RecordSource> open_oai_source(std::unique_ptr<InputStream> input,
                                              IssueSink& issues);
std::unique_ptr<RecordSource> open_bibtex_source(std::unique_ptr<InputStream> input,
                                                 const SourceOptions& options, IssueSink& issues);
std::unique_ptr<RecordSource> open_listing_source(std::unique_ptr<InputStream> input,
                                                  const SourceOptions& options,
                                                  IssueSink& issues);

// Bytes held in memory as an uncompressed input, for tests and fuzzing.
// The bytes must outlive the stream.
class MemoryStream final : public InputStream {
 public:
  explicit MemoryStream(std::string_view data, std::string name = "<memory>")
      : InputStream(std::move(name), Compression::none), data_(data) {}
  std::size_t read(char* out, std::size_t size) override;

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
};

// How many decoded bytes detection looks at.
constexpr std::size_t kDetectBytes = std::size_t{64} << 10;

// The format `head` (the first decoded bytes of a file) is written in, or,
// when the content does not say, the one `path`'s name says; jsonl when
// neither does.
InputFormat detect_format(std::string_view head, std::string_view path);

// Reads up to kDetectBytes of `input` into `head` and returns a stream that
// gives those bytes again, then the rest. A damaged compressed stream's
// error comes after the good bytes, as from the original.
std::unique_ptr<InputStream> peek(std::unique_ptr<InputStream> input, std::string& head);

}  // namespace quire::ingest

#endif  // QUIRE_LIB_INGEST_SOURCE_H
