#include "ingest/input_stream.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "ingest/ingest_test_util.h"
#include "quire/error.h"
#include "support/test_support.h"

namespace quire::ingest {
namespace {

using quire::testing::gzip_member;
using quire::testing::TempDir;
using quire::testing::write_file;
using quire::testing::zstd_frame;

// Several MiB of varied lines, so decoding crosses many input and output
// chunks.
std::string sample_text(std::size_t lines = 60000) {
  std::string text;
  std::uint32_t state = 12345;
  for (std::size_t i = 0; i < lines; ++i) {
    state = state * 1103515245u + 12345u;
    text += "{\"id\": \"" + std::to_string(i) + "\", \"n\": " + std::to_string(state) +
            ", \"pad\": \"" + std::string(state % 97, static_cast<char>('a' + state % 26)) +
            "\"}\n";
  }
  return text;
}

// Reads everything, in pieces of `piece` bytes.
std::string read_all(InputStream& in, std::size_t piece = 65536) {
  std::string out;
  std::string buffer(piece, '\0');
  while (std::size_t got = in.read(buffer.data(), buffer.size())) out.append(buffer, 0, got);
  return out;
}

// Reads until the stream throws; returns what came before and the error.
std::string read_until_error(InputStream& in, ErrorCode& code, std::string& message) {
  std::string out;
  std::string buffer(65536, '\0');
  try {
    while (std::size_t got = in.read(buffer.data(), buffer.size())) out.append(buffer, 0, got);
    ADD_FAILURE() << "no error after " << out.size() << " bytes";
  } catch (const Error& error) {
    code = error.code();
    message = error.what();
  }
  return out;
}

TEST(InputStream, SniffsCompressionFromMagicBytes) {
  const unsigned char gzip[] = {0x1f, 0x8b, 0x08, 0x00};
  const unsigned char zstd[] = {0x28, 0xb5, 0x2f, 0xfd};
  const unsigned char skippable[] = {0x5e, 0x2a, 0x4d, 0x18};
  const unsigned char text[] = {'{', '"', 'i', 'd'};
  EXPECT_EQ(sniff_compression(gzip, 4), Compression::gzip);
  EXPECT_EQ(sniff_compression(zstd, 4), Compression::zstd);
  EXPECT_EQ(sniff_compression(skippable, 4), Compression::zstd);
  EXPECT_EQ(sniff_compression(text, 4), Compression::none);
  EXPECT_EQ(sniff_compression(zstd, 3), Compression::none);
  EXPECT_EQ(sniff_compression(gzip, 0), Compression::none);
}

TEST(InputStream, PlainGzipAndZstdGiveTheSameBytes) {
  TempDir dir;
  const std::string text = sample_text();
  ASSERT_GT(text.size(), 3 * InputStream::kChunkBytes);
  write_file(dir.file("a.jsonl"), text);
  write_file(dir.file("a.jsonl.gz"), gzip_member(text));
  write_file(dir.file("a.jsonl.zst"), zstd_frame(text));

  struct Case {
    std::string name;
    Compression compression;
  };
  for (const Case& c : {Case{"a.jsonl", Compression::none}, Case{"a.jsonl.gz", Compression::gzip},
                        Case{"a.jsonl.zst", Compression::zstd}}) {
    SCOPED_TRACE(c.name);
    for (std::size_t piece : {std::size_t{1000}, std::size_t{1} << 20, std::size_t{3} << 20}) {
      auto in = InputStream::open(dir.file(c.name));
      EXPECT_EQ(in->compression(), c.compression);
      EXPECT_EQ(read_all(*in, piece), text);
      EXPECT_EQ(in->bytes_consumed(), std::filesystem::file_size(dir.file(c.name)));
      char byte;
      EXPECT_EQ(in->read(&byte, 1), 0u) << "the end stays the end";
    }
  }
}

TEST(InputStream, ConcatenatedGzipMembersReadAsOne) {
  TempDir dir;
  write_file(dir.file("m.gz"), gzip_member("first\n") + gzip_member("") +
                                   gzip_member("second\nthird\n", 9));
  auto in = InputStream::open(dir.file("m.gz"));
  EXPECT_EQ(read_all(*in), "first\nsecond\nthird\n");
}

TEST(InputStream, SeveralZstdFramesReadAsOne) {
  TempDir dir;
  const std::string big = sample_text(20000);
  // A skippable frame first, as some archivers write one for metadata.
  std::string skippable("\x50\x2a\x4d\x18\x03\x00\x00\x00xyz", 11);
  write_file(dir.file("f.zst"),
             skippable + zstd_frame("one\n") + zstd_frame(big, 1) + zstd_frame("two\n", 19));
  auto in = InputStream::open(dir.file("f.zst"));
  EXPECT_EQ(in->compression(), Compression::zstd);
  EXPECT_EQ(read_all(*in), "one\n" + big + "two\n");
}

TEST(InputStream, CompressionIsFoundFromTheDataNotTheName) {
  TempDir dir;
  write_file(dir.file("papers.jsonl"), gzip_member("gz\n"));
  write_file(dir.file("papers.data"), zstd_frame("zst\n"));
  auto gz = InputStream::open(dir.file("papers.jsonl"));
  EXPECT_EQ(gz->compression(), Compression::gzip);
  EXPECT_EQ(read_all(*gz), "gz\n");
  auto zst = InputStream::open(dir.file("papers.data"));
  EXPECT_EQ(read_all(*zst), "zst\n");
}

TEST(InputStream, CompressedNameOverOtherDataIsCorrupt) {
  TempDir dir;
  write_file(dir.file("plain.jsonl.gz"), "{\"id\": \"1\"}\n");
  write_file(dir.file("gz.jsonl.zst"), gzip_member("x\n"));
  for (const char* name : {"plain.jsonl.gz", "gz.jsonl.zst"}) {
    try {
      InputStream::open(dir.file(name));
      ADD_FAILURE() << name << " opened";
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), ErrorCode::corrupt);
      EXPECT_NE(std::string(error.what()).find(name), std::string::npos) << error.what();
    }
  }
}

TEST(InputStream, EmptyFilesAreEmptyWhateverTheirName) {
  TempDir dir;
  for (const char* name : {"e.jsonl", "e.jsonl.gz", "e.jsonl.zst"}) {
    write_file(dir.file(name), "");
    auto in = InputStream::open(dir.file(name));
    EXPECT_EQ(read_all(*in), "") << name;
  }
}

TEST(InputStream, TruncatedGzipGivesItsDataThenCorrupt) {
  TempDir dir;
  const std::string text = sample_text();
  const std::string packed = gzip_member(text);
  write_file(dir.file("cut.gz"), packed.substr(0, packed.size() * 6 / 10));
  auto in = InputStream::open(dir.file("cut.gz"));
  ErrorCode code{};
  std::string message;
  std::string got = read_until_error(*in, code, message);
  EXPECT_EQ(code, ErrorCode::corrupt);
  EXPECT_EQ(message.rfind(dir.file("cut.gz") + ": ", 0), 0u) << message;
  EXPECT_NE(message.find("truncated"), std::string::npos) << message;
  EXPECT_GT(got.size(), text.size() / 2);
  EXPECT_EQ(text.compare(0, got.size(), got), 0) << "the bytes before the cut are exact";
  char byte;
  EXPECT_THROW(in->read(&byte, 1), Error) << "the failure is reported again";
}

TEST(InputStream, TruncatedZstdGivesItsDataThenCorrupt) {
  TempDir dir;
  const std::string text = sample_text();
  const std::string packed = zstd_frame(text);
  write_file(dir.file("cut.zst"), packed.substr(0, packed.size() * 6 / 10));
  auto in = InputStream::open(dir.file("cut.zst"));
  ErrorCode code{};
  std::string message;
  std::string got = read_until_error(*in, code, message);
  EXPECT_EQ(code, ErrorCode::corrupt);
  EXPECT_EQ(message.rfind(dir.file("cut.zst") + ": ", 0), 0u) << message;
  EXPECT_GT(got.size(), text.size() / 3);
  EXPECT_EQ(text.compare(0, got.size(), got), 0);
}

TEST(InputStream, ZstdHeaderAloneIsTruncated) {
  TempDir dir;
  write_file(dir.file("head.zst"), zstd_frame("some text\n").substr(0, 6));
  auto in = InputStream::open(dir.file("head.zst"));
  ErrorCode code{};
  std::string message;
  EXPECT_EQ(read_until_error(*in, code, message), "");
  EXPECT_EQ(code, ErrorCode::corrupt);
}

TEST(InputStream, GarbageAfterTheCompressedDataIsCorrupt) {
  TempDir dir;
  write_file(dir.file("tail.gz"), gzip_member("good\n") + "not gzip at all");
  write_file(dir.file("tail.zst"), zstd_frame("good\n") + "not zstd at all");
  for (const char* name : {"tail.gz", "tail.zst"}) {
    SCOPED_TRACE(name);
    auto in = InputStream::open(dir.file(name));
    ErrorCode code{};
    std::string message;
    EXPECT_EQ(read_until_error(*in, code, message), "good\n");
    EXPECT_EQ(code, ErrorCode::corrupt);
  }
}

TEST(InputStream, MissingFileIsNotFound) {
  TempDir dir;
  try {
    InputStream::open(dir.file("nope.jsonl.zst"));
    FAIL() << "opened a missing file";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::not_found);
    EXPECT_NE(std::string(error.what()).find("nope.jsonl.zst"), std::string::npos);
  }
}

TEST(InputStream, FolderIsAnIoError) {
  TempDir dir;
  try {
    InputStream::open(dir.path());
    FAIL() << "opened a folder";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::io);
  }
}

}  // namespace
}  // namespace quire::ingest
