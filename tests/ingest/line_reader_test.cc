#include "ingest/line_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/ingest_test_util.h"
#include "support/test_support.h"

namespace quire::ingest {
namespace {

using quire::testing::TempDir;
using quire::testing::write_file;

struct Got {
  std::string text;
  std::uint64_t number;
  bool terminated;
  bool too_long;
};

std::vector<Got> read_lines(const std::string& path, std::size_t buffer_bytes,
                            std::size_t max_line = LineReader::kDefaultMaxLineBytes) {
  LineReader reader(InputStream::open(path), buffer_bytes, max_line);
  std::vector<Got> lines;
  Line line;
  while (reader.next(line)) {
    lines.push_back({std::string(line.text), line.number, line.terminated, line.too_long});
  }
  return lines;
}

TEST(LineReader, SplitsOnNewlinesAndCountsFromOne) {
  TempDir dir;
  write_file(dir.file("l.txt"), "one\r\ntwo\n\n  \nlast");
  auto lines = read_lines(dir.file("l.txt"), 1 << 20);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0].text, "one") << "\\r\\n is one line end";
  EXPECT_EQ(lines[1].text, "two");
  EXPECT_EQ(lines[2].text, "");
  EXPECT_EQ(lines[3].text, "  ");
  EXPECT_EQ(lines[4].text, "last");
  for (std::size_t i = 0; i < lines.size(); ++i) EXPECT_EQ(lines[i].number, i + 1);
  EXPECT_TRUE(lines[3].terminated);
  EXPECT_FALSE(lines[4].terminated);
}

TEST(LineReader, FinalNewlineMakesNoExtraLine) {
  TempDir dir;
  write_file(dir.file("l.txt"), "a\nb\n");
  auto lines = read_lines(dir.file("l.txt"), 1 << 20);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_TRUE(lines[1].terminated);
  write_file(dir.file("empty.txt"), "");
  EXPECT_TRUE(read_lines(dir.file("empty.txt"), 1 << 20).empty());
}

TEST(LineReader, LinesAcrossBufferEndsComeOutWhole) {
  TempDir dir;
  std::vector<std::string> expected;
  std::string text;
  for (int i = 0; i < 500; ++i) {
    expected.push_back(std::string(static_cast<std::size_t>(i * 7 % 53), 'x') + std::to_string(i));
    text += expected.back() + (i % 3 == 0 ? "\r\n" : "\n");
  }
  write_file(dir.file("l.txt"), text);
  write_file(dir.file("l.txt.zst"), quire::testing::zstd_frame(text));
  for (const char* name : {"l.txt", "l.txt.zst"}) {
    for (std::size_t buffer : {16, 17, 64, 1000}) {
      SCOPED_TRACE(std::string(name) + " buffer " + std::to_string(buffer));
      auto lines = read_lines(dir.file(name), buffer);
      ASSERT_EQ(lines.size(), expected.size());
      for (std::size_t i = 0; i < lines.size(); ++i) {
        ASSERT_EQ(lines[i].text, expected[i]);
        ASSERT_EQ(lines[i].number, i + 1);
      }
    }
  }
}

TEST(LineReader, ALineLongerThanTheBufferGrowsIt) {
  TempDir dir;
  const std::string longer(5000, 'y');
  write_file(dir.file("l.txt"), "short\n" + longer + "\nafter\n");
  auto lines = read_lines(dir.file("l.txt"), 16);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1].text, longer);
  EXPECT_EQ(lines[2].text, "after");
}

TEST(LineReader, ALineOverTheLimitIsSkippedAndFlagged) {
  TempDir dir;
  write_file(dir.file("l.txt"),
             "before\n" + std::string(1000, 'z') + "\nafter\n" + std::string(300, 'w'));
  auto lines = read_lines(dir.file("l.txt"), 16, 100);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].text, "before");
  EXPECT_TRUE(lines[1].too_long);
  EXPECT_EQ(lines[1].text, "");
  EXPECT_EQ(lines[1].number, 2u);
  EXPECT_TRUE(lines[1].terminated);
  EXPECT_EQ(lines[2].text, "after");
  EXPECT_EQ(lines[2].number, 3u);
  EXPECT_FALSE(lines[2].too_long);
  EXPECT_TRUE(lines[3].too_long);
  EXPECT_FALSE(lines[3].terminated);
}

TEST(LineReader, EveryLineHasPaddingAfterIt) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 200; ++i) text += std::string(static_cast<std::size_t>(i % 40), 'p') + "\n";
  write_file(dir.file("l.txt"), text);
  LineReader reader(InputStream::open(dir.file("l.txt")), 32);
  Line line;
  unsigned sum = 0;
  while (reader.next(line)) {
    // Reading the padding must be allowed (address sanitizer checks it).
    for (std::size_t i = 0; i < kLinePadding; ++i) {
      sum += static_cast<unsigned char>(line.text.data()[line.text.size() + i]);
    }
  }
  EXPECT_GE(sum, 0u);
}

TEST(LineReader, BytesConsumedReachesTheFileSize) {
  TempDir dir;
  std::string text(100000, 'q');
  text += "\n";
  write_file(dir.file("l.txt.gz"), quire::testing::gzip_member(text));
  LineReader reader(InputStream::open(dir.file("l.txt.gz")), 1024);
  Line line;
  while (reader.next(line)) {
  }
  EXPECT_EQ(reader.bytes_consumed(), quire::testing::gzip_member(text).size());
}

}  // namespace
}  // namespace quire::ingest
