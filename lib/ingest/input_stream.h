// Byte streams over input files: the stored bytes of a file, decompressed on
// the fly when they are gzip or zstd, so readers never care how a dump was
// packed.
#ifndef QUIRE_LIB_INGEST_INPUT_STREAM_H
#define QUIRE_LIB_INGEST_INPUT_STREAM_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

namespace quire::ingest {

enum class Compression { none, gzip, zstd };

// What the first bytes of a file say it is. Needs at most 4 bytes; fewer
// are read as uncompressed.
Compression sniff_compression(const unsigned char* data, std::size_t size) noexcept;

// "gzip", "zstd" or "uncompressed".
const char* compression_name(Compression compression) noexcept;

// The file's data as a forward-only stream of bytes. Not thread-safe; one
// reader at a time.
class InputStream {
 public:
  // Reads the stored file in pieces this large.
  static constexpr std::size_t kChunkBytes = std::size_t{1} << 20;

  // Opens `path` and recognises its compression from its first bytes (the
  // name is only checked against them). Throws quire::Error: not_found,
  // io, corrupt (a .gz or .zst name over data that is neither).
  static std::unique_ptr<InputStream> open(const std::string& path);

  virtual ~InputStream();
  InputStream(const InputStream&) = delete;
  InputStream& operator=(const InputStream&) = delete;

  // Copies up to `size` decoded bytes to `out` and returns how many; 0 only
  // at the end of the data. When the compressed data is damaged or cut
  // short, the bytes decoded before the damage are returned first and the
  // following call throws quire::Error(corrupt) (and so does every call
  // after it). Read failures throw quire::Error(io).
  virtual std::size_t read(char* out, std::size_t size) = 0;

  // Bytes of the stored (compressed) file consumed so far, for progress.
  std::uint64_t bytes_consumed() const noexcept { return consumed_; }

  Compression compression() const noexcept { return compression_; }
  const std::string& path() const noexcept { return path_; }

 protected:
  InputStream(std::string path, Compression compression)
      : path_(std::move(path)), compression_(compression) {}

  std::uint64_t consumed_ = 0;

 private:
  std::string path_;
  Compression compression_;
};

}  // namespace quire::ingest

#endif  // QUIRE_LIB_INGEST_INPUT_STREAM_H
