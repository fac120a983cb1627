// What every reader's fuzz target does: read the input as that format from
// memory, as an import would, through every record, and check that what
// comes out obeys the promises the rest of the library relies on.
#ifndef QUIRE_TESTS_FUZZ_FUZZ_READER_H
#define QUIRE_TESTS_FUZZ_FUZZ_READER_H

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "ingest/limits.h"
#include "ingest/source.h"
#include "ingest/text.h"
#include "quire/error.h"

namespace quire::fuzzing {

class CountingSink final : public ingest::IssueSink {
 public:
  void reject(std::uint64_t line, std::string, std::string reason) override { check(line, reason); }
  void warn(std::uint64_t line, std::string, std::string reason) override { check(line, reason); }

 private:
  static void check(std::uint64_t line, const std::string& reason) {
    if (line == 0 || reason.empty()) std::abort();
  }
};

inline void check_text(const std::string& text) {
  if (!ingest::is_valid_utf8(text)) std::abort();
}

inline void read_all(InputFormat format, const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  CountingSink sink;
  ingest::SourceOptions options;
  options.listing_year = 2024;
  // Small, so that each input does not pay for a 1 MiB buffer (and long
  // lines exercise the growing path).
  options.buffer_bytes = 4096;
  try {
    auto source = ingest::open_source(
        format, std::make_unique<ingest::MemoryStream>(bytes, "fuzz"), options, sink);
    Paper paper;
    std::uint64_t line = 0;
    while (source->next(paper, line)) {
      if (line == 0) std::abort();
      ingest::enforce_limits(paper, [](const std::string&, std::string) {});
      // Every reader hands on valid UTF-8 within the limits.
      check_text(paper.id);
      check_text(paper.title);
      check_text(paper.abstract);
      check_text(paper.venue);
      for (const std::string& author : paper.authors) check_text(author);
      if (paper.title.size() > ingest::kMaxTitleBytes) std::abort();
      if (paper.authors.size() > ingest::kMaxAuthors) std::abort();
    }
  } catch (const Error&) {
    // A quire::Error is an answer; anything else escaping is a bug.
  }
}

}  // namespace quire::fuzzing

#endif  // QUIRE_TESTS_FUZZ_FUZZ_READER_H
