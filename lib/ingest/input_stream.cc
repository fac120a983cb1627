#include "ingest/input_stream.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <optional>
#include <string_view>
#include <utility>

#include "quire/error.h"

namespace quire::ingest {

Compression sniff_compression(const unsigned char* data, std::size_t size) noexcept {
  if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) return Compression::gzip;
  if (size >= 4 && data[1] == 0x2a && data[2] == 0x4d && data[3] == 0x18 &&
      (data[0] & 0xf0) == 0x50) {
    // A zstd skippable frame (metadata some tools put first).
    return Compression::zstd;
  }
  if (size >= 4 && data[0] == 0x28 && data[1] == 0xb5 && data[2] == 0x2f &&
      data[3] == 0xfd) {
    return Compression::zstd;
  }
  return Compression::none;
}

const char* compression_name(Compression compression) noexcept {
  switch (compression) {
    case Compression::gzip: return "gzip";
    case Compression::zstd: return "zstd";
    case Compression::none: break;
  }
  return "uncompressed";
}

InputStream::~InputStream() = default;

namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// An open file descriptor, read to the end in large pieces.
class File {
 public:
  explicit File(const std::string& path) : path_(path) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
      int err = errno;
      if (err == ENOENT || err == ENOTDIR) {
        throw Error(ErrorCode::not_found, path + ": no such file");
      }
      throw Error(ErrorCode::io, path + ": cannot open: " + std::strerror(err));
    }
    struct stat info {};
    if (::fstat(fd_, &info) == 0 && S_ISDIR(info.st_mode)) {
      ::close(fd_);
      throw Error(ErrorCode::io, path + ": is a folder, not a file");
    }
#ifdef POSIX_FADV_SEQUENTIAL
    ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  }
  ~File() { ::close(fd_); }
  File(const File&) = delete;
  File& operator=(const File&) = delete;

  // Fills `out` unless the file ends first; returns the bytes read, 0 at the
  // end.
  std::size_t read(char* out, std::size_t size) {
    std::size_t total = 0;
    while (total < size) {
      ssize_t got = ::read(fd_, out + total, size - total);
      if (got > 0) {
        total += static_cast<std::size_t>(got);
      } else if (got == 0) {
        break;
      } else if (errno != EINTR) {
        throw Error(ErrorCode::io, path_ + ": read failed: " + std::strerror(errno));
      }
    }
    return total;
  }

 private:
  std::string path_;
  int fd_ = -1;
};

// The first piece of a file, read to recognise its compression and then
// handed to the stream so nothing is read twice. Always kChunkBytes long,
// so a decoder reuses it as its input buffer.
struct Chunk {
  std::unique_ptr<char[]> data;
  std::size_t size = 0;
};

class PlainStream final : public InputStream {
 public:
  PlainStream(const std::string& path, std::unique_ptr<File> file, Chunk first)
      : InputStream(path, Compression::none), file_(std::move(file)), first_(std::move(first)) {}

  std::size_t read(char* out, std::size_t size) override {
    std::size_t got;
    if (first_pos_ < first_.size) {
      got = std::min(size, first_.size - first_pos_);
      std::memcpy(out, first_.data.get() + first_pos_, got);
      first_pos_ += got;
      if (first_pos_ == first_.size) first_.data.reset();
    } else {
      got = file_->read(out, size);
    }
    consumed_ += got;
    return got;
  }

 private:
  std::unique_ptr<File> file_;
  Chunk first_;
  std::size_t first_pos_ = 0;
};

// What gzip and zstd streams share: the compressed input buffer, and
// remembering a failure so it is reported after the good bytes before it.
class DecodingStream : public InputStream {
 protected:
  DecodingStream(const std::string& path, Compression compression, std::unique_ptr<File> file,
                 Chunk first)
      : InputStream(path, compression),
        file_(std::move(file)),
        in_(std::move(first.data)),
        in_size_(first.size),
        raw_read_(first.size) {}

  // Replaces the input buffer with the next piece of the file; false at the
  // end of the file.
  bool refill() {
    if (at_eof_) return false;
    in_size_ = file_->read(in_.get(), kChunkBytes);
    raw_read_ += in_size_;
    if (in_size_ == 0) at_eof_ = true;
    return in_size_ > 0;
  }

  void fail(const std::string& what) {
    if (!failure_) failure_.emplace(ErrorCode::corrupt, path() + ": " + what);
  }

  // The end of read(): the bytes produced now, or the failure when there
  // are none left to give.
  std::size_t finish_read(std::size_t produced, std::size_t unused_input) {
    consumed_ = raw_read_ - unused_input;
    if (produced == 0 && failure_) throw *failure_;
    return produced;
  }

  std::string at_offset() const { return " at byte " + std::to_string(consumed_) + " of the file"; }

  std::unique_ptr<File> file_;
  std::unique_ptr<char[]> in_;
  std::size_t in_size_;
  std::uint64_t raw_read_;
  bool at_eof_ = false;
  bool done_ = false;
  std::optional<Error> failure_;
};

class GzipStream final : public DecodingStream {
 public:
  GzipStream(const std::string& path, std::unique_ptr<File> file, Chunk first)
      : DecodingStream(path, Compression::gzip, std::move(file), std::move(first)) {
    z_.next_in = reinterpret_cast<Bytef*>(in_.get());
    z_.avail_in = static_cast<uInt>(in_size_);
    // 15 + 32: the largest window, and accept a gzip or zlib header.
    if (inflateInit2(&z_, 15 + 32) != Z_OK) {
      throw Error(ErrorCode::internal, path + ": cannot start the gzip decoder");
    }
  }
  ~GzipStream() override { inflateEnd(&z_); }

  std::size_t read(char* out, std::size_t size) override {
    if (failure_) throw *failure_;
    if (done_) return 0;
    z_.next_out = reinterpret_cast<Bytef*>(out);
    z_.avail_out = static_cast<uInt>(std::min<std::size_t>(size, UINT_MAX));
    const uInt wanted = z_.avail_out;
    while (z_.avail_out > 0) {
      if (z_.avail_in == 0 && refill()) {
        z_.next_in = reinterpret_cast<Bytef*>(in_.get());
        z_.avail_in = static_cast<uInt>(in_size_);
      }
      if (z_.avail_in == 0 && !member_open_) {
        done_ = true;
        break;
      }
      if (!member_open_) {
        // Concatenated members (as `cat a.gz b.gz` makes) decode as one.
        inflateReset(&z_);
        member_open_ = true;
      }
      int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        member_open_ = false;
      } else if (rc == Z_BUF_ERROR) {
        // No progress: the decoder needs input and the file has none left.
        if (z_.avail_in == 0 && at_eof_) {
          consumed_ = raw_read_;
          fail("the gzip data ends abruptly" + at_offset() +
               " (the file is truncated; copy or download it again)");
          break;
        }
      } else if (rc != Z_OK) {
        consumed_ = raw_read_ - z_.avail_in;
        fail(std::string("the gzip data is damaged") + at_offset() + ": " +
             (z_.msg ? z_.msg : "unknown zlib error"));
        break;
      }
    }
    return finish_read(wanted - z_.avail_out, z_.avail_in);
  }

 private:
  z_stream z_{};
  bool member_open_ = false;
};

class ZstdStream final : public DecodingStream {
 public:
  ZstdStream(const std::string& path, std::unique_ptr<File> file, Chunk first)
      : DecodingStream(path, Compression::zstd, std::move(file), std::move(first)),
        dctx_(ZSTD_createDCtx()) {
    if (!dctx_) throw Error(ErrorCode::internal, path + ": cannot start the zstd decoder");
    // Dumps made with `zstd --long` need windows beyond the default limit.
    ZSTD_DCtx_setParameter(dctx_, ZSTD_d_windowLogMax, sizeof(void*) == 8 ? 31 : 30);
    input_ = {in_.get(), in_size_, 0};
  }
  ~ZstdStream() override { ZSTD_freeDCtx(dctx_); }

  std::size_t read(char* out, std::size_t size) override {
    if (failure_) throw *failure_;
    if (done_) return 0;
    ZSTD_outBuffer output{out, size, 0};
    while (output.pos < output.size) {
      if (input_.pos == input_.size && refill()) input_ = {in_.get(), in_size_, 0};
      const bool input_left = input_.pos < input_.size;
      if (!input_left && frame_done_) {
        done_ = true;
        break;
      }
      const std::size_t out_before = output.pos;
      // Several frames one after the other decode as one stream.
      std::size_t rc = ZSTD_decompressStream(dctx_, &output, &input_);
      if (ZSTD_isError(rc)) {
        consumed_ = raw_read_ - (input_.size - input_.pos);
        fail(std::string("the zstd data is damaged") + at_offset() + ": " +
             ZSTD_getErrorName(rc));
        break;
      }
      frame_done_ = rc == 0;
      if (!input_left && output.pos == out_before && !frame_done_) {
        consumed_ = raw_read_;
        fail("the zstd data ends abruptly" + at_offset() +
             " (the file is truncated; copy or download it again)");
        break;
      }
    }
    return finish_read(output.pos, input_.size - input_.pos);
  }

 private:
  ZSTD_DCtx* dctx_;
  ZSTD_inBuffer input_{};
  // Whether the last call ended a frame: the end of the file is then a
  // clean end. Starts false so a file holding only a header is truncated.
  bool frame_done_ = false;
};

}  // namespace

std::unique_ptr<InputStream> InputStream::open(const std::string& path) {
  auto file = std::make_unique<File>(path);
  Chunk first{std::unique_ptr<char[]>(new char[kChunkBytes]), 0};
  first.size = file->read(first.data.get(), kChunkBytes);

  Compression found =
      sniff_compression(reinterpret_cast<const unsigned char*>(first.data.get()), first.size);
  Compression named = Compression::none;
  if (ends_with(path, ".gz") || ends_with(path, ".gzip")) named = Compression::gzip;
  if (ends_with(path, ".zst") || ends_with(path, ".zstd")) named = Compression::zstd;
  // An empty file is an empty input whatever its name; otherwise a name that
  // promises compression over other bytes means a damaged or misnamed file,
  // and reading it as text would only produce a screen of bad records.
  if (named != Compression::none && found != named && first.size > 0) {
    throw Error(ErrorCode::corrupt, path + ": the name says " + compression_name(named) +
                                        " but the data is " + compression_name(found) +
                                        "; the file is damaged or misnamed");
  }
  switch (found) {
    case Compression::gzip:
      return std::make_unique<GzipStream>(path, std::move(file), std::move(first));
    case Compression::zstd:
      return std::make_unique<ZstdStream>(path, std::move(file), std::move(first));
    case Compression::none: break;
  }
  return std::make_unique<PlainStream>(path, std::move(file), std::move(first));
}

}  // namespace quire::ingest
