#include "ingest/line_reader.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace quire::ingest {

LineReader::LineReader(std::unique_ptr<InputStream> input, std::size_t buffer_bytes,
                       std::size_t max_line_bytes)
    : input_(std::move(input)), max_line_bytes_(std::max<std::size_t>(max_line_bytes, 1)) {
  reserve(std::max<std::size_t>(buffer_bytes, 16));
}

LineReader::~LineReader() = default;

void LineReader::reserve(std::size_t capacity) {
  // Zeroed, so the padding a parser may read is never uninitialised memory.
  std::unique_ptr<char[]> bigger(new char[capacity + kLinePadding]());
  if (buffer_) std::memcpy(bigger.get(), buffer_.get() + begin_, end_ - begin_);
  end_ -= begin_;
  scanned_ -= begin_;
  begin_ = 0;
  buffer_ = std::move(bigger);
  capacity_ = capacity;
}

bool LineReader::fill() {
  if (begin_ > 0) {
    // Only the start of one line is left: move it to the front.
    std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    scanned_ -= begin_;
    begin_ = 0;
  }
  if (end_ == capacity_) reserve(capacity_ * 2);
  std::size_t got = input_->read(buffer_.get() + end_, capacity_ - end_);
  end_ += got;
  if (got == 0) at_end_ = true;
  return got > 0;
}

bool LineReader::next(Line& line) {
  for (;;) {
    const char* base = buffer_.get();
    if (scanned_ < end_) {
      const void* found = std::memchr(base + scanned_, '\n', end_ - scanned_);
      if (found) {
        std::size_t newline = static_cast<std::size_t>(static_cast<const char*>(found) - base);
        std::size_t size = newline - begin_;
        if (size > 0 && base[newline - 1] == '\r') --size;
        line.text = std::string_view(base + begin_, size);
        line.number = ++number_;
        line.terminated = true;
        line.too_long = false;
        begin_ = scanned_ = newline + 1;
        return true;
      }
      scanned_ = end_;
    }
    if (at_end_) {
      if (begin_ == end_) return false;
      std::size_t size = end_ - begin_;
      if (base[end_ - 1] == '\r') --size;
      line.text = std::string_view(base + begin_, size);
      line.number = ++number_;
      line.terminated = false;
      line.too_long = false;
      begin_ = scanned_ = end_;
      return true;
    }
    if (end_ - begin_ > max_line_bytes_) {
      // Drop the line's bytes as they come, up to its newline.
      line.text = std::string_view();
      line.number = ++number_;
      line.too_long = true;
      for (;;) {
        begin_ = scanned_ = end_ = 0;
        std::size_t got = input_->read(buffer_.get(), capacity_);
        if (got == 0) {
          at_end_ = true;
          line.terminated = false;
          return true;
        }
        end_ = got;
        if (const void* found = std::memchr(buffer_.get(), '\n', got)) {
          begin_ = scanned_ =
              static_cast<std::size_t>(static_cast<const char*>(found) - buffer_.get()) + 1;
          line.terminated = true;
          return true;
        }
      }
    }
    fill();
  }
}

}  // namespace quire::ingest
