// Splitting a byte stream into lines for record parsers that need padded
// input (simdjson reads up to kLinePadding bytes past the end of its data).
#ifndef QUIRE_LIB_INGEST_LINE_READER_H
#define QUIRE_LIB_INGEST_LINE_READER_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "ingest/input_stream.h"

namespace quire::ingest {

// Readable bytes guaranteed after every line; at least SIMDJSON_PADDING
// (checked where simdjson is included).
constexpr std::size_t kLinePadding = 64;

struct Line {
  std::string_view text;          // without the "\n" or "\r\n"
  std::uint64_t number = 0;       // 1-based
  bool terminated = true;         // false for a last line with no newline
  bool too_long = false;          // longer than the limit: `text` is empty
};

// Not thread-safe. A line stays valid until the next call to next().
class LineReader {
 public:
  // Lines longer than this are skipped whole and reported as too long, so a
  // file without newlines cannot make the buffer grow without bound.
  static constexpr std::size_t kDefaultMaxLineBytes = std::size_t{64} << 20;

  explicit LineReader(std::unique_ptr<InputStream> input,
                      std::size_t buffer_bytes = InputStream::kChunkBytes,
                      std::size_t max_line_bytes = kDefaultMaxLineBytes);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next line, or false at the end of the input. Lines point into the
  // reader's buffer (no copy) and have at least kLinePadding readable bytes
  // after them. Throws what the InputStream throws; the lines before a
  // damaged part of a compressed file are all returned first.
  bool next(Line& line);

  std::uint64_t bytes_consumed() const noexcept { return input_->bytes_consumed(); }
  const InputStream& input() const noexcept { return *input_; }

 private:
  // Makes room after the data and reads more; false at the end of input.
  bool fill();
  void reserve(std::size_t capacity);

  std::unique_ptr<InputStream> input_;
  std::unique_ptr<char[]> buffer_;  // capacity_ + kLinePadding bytes
  std::size_t capacity_ = 0;
  std::size_t begin_ = 0;  // start of the first unread line
  std::size_t scanned_ = 0;  // [begin_, scanned_) holds no newline
  std::size_t end_ = 0;    // end of the data read
  std::size_t max_line_bytes_;
  std::uint64_t number_ = 0;
  bool at_end_ = false;
};

}  // namespace quire::ingest

#endif  // QUIRE_LIB_INGEST_LINE_READER_H
