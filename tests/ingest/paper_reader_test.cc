#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "ingest/ingest_test_util.h"
#include "quire/error.h"
#include "quire/import.h"
#include "support/test_support.h"

namespace quire {
namespace {

using testing::gzip_member;
using testing::read_papers;
using testing::same_paper;
using testing::TempDir;
using testing::write_file;
using testing::zstd_frame;

// `count` varied good records, one per line.
std::string good_records(int count, int first = 0) {
  std::string text;
  for (int i = first; i < first + count; ++i) {
    text += R"({"id": "p)" + std::to_string(i) + R"(", "title": "Paper )" + std::to_string(i) +
            R"(", "abstract": "About )" + std::string(static_cast<std::size_t>(i % 300), 'a') +
            R"(", "authors": ["Ann )" + std::to_string(i) + R"(", "Bo Ek"], "categories": "cs.LG stat.ML",)" +
            R"( "date": "2019-0)" + std::to_string(i % 9 + 1) + R"(", "n": )" + std::to_string(i) +
            "}\n";
  }
  return text;
}

TEST(PaperReader, PlainGzipAndZstdGiveTheSamePapers) {
  TempDir dir;
  const std::string text = good_records(5000);
  write_file(dir.file("p.jsonl"), text);
  write_file(dir.file("p.jsonl.gz"), gzip_member(text.substr(0, 100000)) + gzip_member(text.substr(100000)));
  write_file(dir.file("p.jsonl.zst"), zstd_frame(text.substr(0, 54321)) + zstd_frame(text.substr(54321)));
  auto plain = read_papers(dir.file("p.jsonl"));
  ASSERT_EQ(plain.size(), 5000u);
  EXPECT_EQ(plain[42].id, "p42");
  EXPECT_EQ(plain[42].categories, (std::vector<std::string>{"cs.LG", "stat.ML"}));
  EXPECT_EQ(plain[42].extra.at("n"), "42");
  for (const char* name : {"p.jsonl.gz", "p.jsonl.zst"}) {
    SCOPED_TRACE(name);
    auto other = read_papers(dir.file(name));
    ASSERT_EQ(other.size(), plain.size());
    for (std::size_t i = 0; i < plain.size(); ++i) ASSERT_TRUE(same_paper(plain[i], other[i])) << i;
  }
}

TEST(PaperReader, CountsAndBytes) {
  TempDir dir;
  write_file(dir.file("p.jsonl.zst"), zstd_frame(good_records(3) + "oops\n" + good_records(2, 3)));
  auto reader = PaperReader::open(dir.file("p.jsonl.zst"));
  EXPECT_EQ(reader.records_read(), 0u);
  Paper paper;
  std::uint64_t count = 0;
  while (reader.next(paper)) ++count;
  EXPECT_EQ(count, 5u);
  EXPECT_EQ(reader.records_read(), 5u);
  EXPECT_EQ(reader.records_rejected(), 1u);
  EXPECT_EQ(reader.bytes_read(), std::filesystem::file_size(dir.file("p.jsonl.zst")));
  EXPECT_FALSE(reader.next(paper)) << "the end stays the end";
}

TEST(PaperReader, BadRecordsAreReportedWithFileLineAndFieldAndSkipped) {
  TempDir dir;
  const std::string path = dir.file("mixed.jsonl");
  write_file(path,
             R"({"id": "a", "title": "A"})" "\n"                           // 1 good
             "this is not json\n"                                          // 2
             R"({"title": "no id"})" "\n"                                  // 3
             R"({"id": "b"})" "\n"                                         // 4
             "\n"                                                          // 5 blank, skipped
             R"({"id": "c", "title": "C", "authors": 5})" "\n"             // 6
             R"({"id": "d", "title": "D", "date": "2024-02-30"})" "\n"     // 7
             "{\"id\": \"e\", \"title\": \"caf\xe9\"}\n"                   // 8
             "   \t\r\n"                                                   // 9 blank
             R"({"id": "f", "title": "F", "categories": [1]})" "\n"        // 10
             + std::string("{\"id\": \"g\", \"title\": \"G\0\"}\n", 27) +  // 11
             R"({"id": "h", "title": "H"})" "\n");                         // 12 good
  std::vector<ImportIssue> issues;
  auto reader = PaperReader::open(path);
  reader.on_issue([&](const ImportIssue& issue) { issues.push_back(issue); });
  std::vector<std::string> ids;
  Paper paper;
  while (reader.next(paper)) ids.push_back(paper.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "h"})) << "the rest of the file is still read";
  EXPECT_EQ(reader.records_read(), 2u);
  EXPECT_EQ(reader.records_rejected(), 8u);

  struct Expected {
    std::uint64_t line;
    const char* field;
    const char* reason_part;
  };
  const Expected expected[] = {{2, "", "not valid JSON"},      {3, "id", "missing"},
                               {4, "title", "missing"},        {6, "authors", "not a number"},
                               {7, "date", "2024-02-30"},      {8, "", "invalid UTF-8"},
                               {10, "categories", "element 1"}, {11, "", "NUL byte"}};
  ASSERT_EQ(issues.size(), std::size(expected));
  for (std::size_t i = 0; i < issues.size(); ++i) {
    SCOPED_TRACE(to_string(issues[i]));
    EXPECT_EQ(issues[i].file, path);
    EXPECT_EQ(issues[i].line, expected[i].line);
    EXPECT_EQ(issues[i].field, expected[i].field);
    EXPECT_NE(issues[i].reason.find(expected[i].reason_part), std::string::npos);
  }
}

TEST(PaperReader, ACompleteLastLineWithoutNewlineIsGood) {
  TempDir dir;
  write_file(dir.file("p.jsonl"), good_records(2) + R"({"id": "last", "title": "L"})");
  std::vector<ImportIssue> issues;
  auto papers = read_papers(dir.file("p.jsonl"), &issues);
  ASSERT_EQ(papers.size(), 3u);
  EXPECT_EQ(papers[2].id, "last");
  EXPECT_TRUE(issues.empty());
}

TEST(PaperReader, ATruncatedLastLineIsBadAndSaysSo) {
  TempDir dir;
  write_file(dir.file("p.jsonl"), good_records(2) + R"({"id": "last", "title": "cut sh)");
  std::vector<ImportIssue> issues;
  auto papers = read_papers(dir.file("p.jsonl"), &issues);
  EXPECT_EQ(papers.size(), 2u);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].line, 3u);
  EXPECT_NE(issues[0].reason.find("truncated"), std::string::npos) << issues[0].reason;
}

TEST(PaperReader, WindowsLineEndsAndByteOrderMark) {
  TempDir dir;
  write_file(dir.file("p.jsonl"), "\xEF\xBB\xBF{\"id\": \"a\", \"title\": \"A\"}\r\n"
                                  "{\"id\": \"b\", \"title\": \"B\"}\r\n\r\n");
  std::vector<ImportIssue> issues;
  auto papers = read_papers(dir.file("p.jsonl"), &issues);
  ASSERT_EQ(papers.size(), 2u);
  EXPECT_EQ(papers[0].id, "a");
  EXPECT_EQ(papers[1].title, "B");
  EXPECT_TRUE(issues.empty());
}

TEST(PaperReader, IssueTextNamesFileLineAndField) {
  EXPECT_EQ(to_string(ImportIssue{"papers.jsonl", 17, "date", "must be YYYY"}),
            "papers.jsonl:17: field date: must be YYYY");
  EXPECT_EQ(to_string(ImportIssue{"papers.jsonl", 3, "", "invalid UTF-8"}),
            "papers.jsonl:3: invalid UTF-8");
}

// Reads until the reader throws; returns the ids before the error.
std::vector<std::string> ids_until_error(const std::string& path, ErrorCode& code,
                                         std::string& message) {
  auto reader = PaperReader::open(path);
  std::vector<std::string> ids;
  Paper paper;
  try {
    while (reader.next(paper)) ids.push_back(paper.id);
    ADD_FAILURE() << "no error after " << ids.size() << " papers";
  } catch (const Error& error) {
    code = error.code();
    message = error.what();
  }
  EXPECT_EQ(reader.records_rejected(), 0u) << "the cut-off record is not a bad record";
  return ids;
}

TEST(PaperReader, ATruncatedCompressedFileGivesItsRecordsThenCorrupt) {
  TempDir dir;
  const std::string text = good_records(4000);
  const std::string gz = gzip_member(text);
  const std::string zst = zstd_frame(text);
  write_file(dir.file("cut.jsonl.gz"), gz.substr(0, gz.size() / 2));
  write_file(dir.file("cut.jsonl.zst"), zst.substr(0, zst.size() / 2));
  for (const char* name : {"cut.jsonl.gz", "cut.jsonl.zst"}) {
    SCOPED_TRACE(name);
    ErrorCode code{};
    std::string message;
    auto ids = ids_until_error(dir.file(name), code, message);
    EXPECT_EQ(code, ErrorCode::corrupt);
    EXPECT_EQ(message.rfind(dir.file(name) + ": ", 0), 0u) << message;
    ASSERT_GT(ids.size(), 1000u);
    for (std::size_t i = 0; i < ids.size(); ++i) ASSERT_EQ(ids[i], "p" + std::to_string(i));
  }
}

TEST(PaperReader, AnIssueCallbackMayStopTheReading) {
  TempDir dir;
  write_file(dir.file("p.jsonl"), good_records(1) + "bad\n" + good_records(1, 1));
  auto reader = PaperReader::open(dir.file("p.jsonl"));
  reader.on_issue([](const ImportIssue& issue) { throw std::runtime_error(to_string(issue)); });
  Paper paper;
  ASSERT_TRUE(reader.next(paper));
  EXPECT_THROW(reader.next(paper), std::runtime_error);
  EXPECT_EQ(reader.records_rejected(), 1u);
  ASSERT_TRUE(reader.next(paper)) << "reading may go on after the bad record";
  EXPECT_EQ(paper.id, "p1");
}

TEST(PaperReader, AMissingFileIsNotFound) {
  TempDir dir;
  try {
    PaperReader::open(dir.file("missing.jsonl"));
    FAIL() << "opened a missing file";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::not_found);
    EXPECT_NE(std::string(error.what()).find("missing.jsonl"), std::string::npos);
  }
}

TEST(PaperReader, AnUnknownFormatIsInvalid) {
  TempDir dir;
  write_file(dir.file("p.jsonl"), good_records(1));
  try {
    PaperReader::open(dir.file("p.jsonl"), static_cast<InputFormat>(99));
    FAIL() << "opened with an unknown format";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::invalid_argument);
  }
}

TEST(PaperReader, MovedReaderKeepsReading) {
  TempDir dir;
  write_file(dir.file("p.jsonl"), good_records(3));
  auto first = PaperReader::open(dir.file("p.jsonl"));
  Paper paper;
  ASSERT_TRUE(first.next(paper));
  PaperReader second = std::move(first);
  ASSERT_TRUE(second.next(paper));
  EXPECT_EQ(paper.id, "p1");
  EXPECT_EQ(second.records_read(), 2u);
}

TEST(PaperReaderSharedCorpus, FirstRecordsAreAllGood) {
  QUIRE_REQUIRE_SHARED_CORPUS();
  auto reader = PaperReader::open(testing::shared_corpus());
  std::vector<ImportIssue> issues;
  reader.on_issue([&](const ImportIssue& issue) { issues.push_back(issue); });
  Paper paper;
  Paper first;
  Paper line72;
  for (int i = 1; i <= 2000; ++i) {
    ASSERT_TRUE(reader.next(paper)) << i;
    if (i == 1) first = paper;
    if (i == 72) line72 = paper;
  }
  EXPECT_EQ(reader.records_rejected(), 0u);
  for (const auto& issue : issues) ADD_FAILURE() << to_string(issue);

  EXPECT_EQ(first.id, "2503.11731");
  EXPECT_EQ(first.title.rfind("Industrial-Grade Sensor Simulation via Gaussian Splatting", 0), 0u);
  EXPECT_EQ(first.authors.size(), 16u);
  EXPECT_EQ(first.authors.front(), "Xianming Zeng");
  EXPECT_EQ(first.authors.back(), "Qiang Li");

  EXPECT_EQ(line72.id, "2503.12260");
  EXPECT_EQ(line72.title,
            "Enhancing Facial Expression Recognition through Dual-Direction Attention Mixed "
            "Feature Networks and CLIP: Application to 8th ABAW Challenge");
  EXPECT_EQ(line72.abstract.rfind("We present our contribution to the 8th ABAW challenge", 0), 0u);
  EXPECT_EQ(line72.abstract.size(), 585u);
  EXPECT_EQ(line72.authors, (std::vector<std::string>{"Josep Cabacas-Maso", "Elena Ortega-Beltrán",
                                                      "Ismael Benito-Altamirano", "Carles Ventura"}));
  EXPECT_EQ(line72.categories, (std::vector<std::string>{"cs.CV"}));
  EXPECT_EQ(line72.date, "2025-03-18");
  EXPECT_EQ(line72.venue, "");
  EXPECT_EQ(line72.extra, (std::map<std::string, std::string>{{"source", "arxiv"},
                                                              {"classes", R"(["I.4"])"}}));
}

TEST(PaperReaderSharedCorpus, WholeFileIsReadWithoutRejects) {
  QUIRE_REQUIRE_SHARED_CORPUS();
  const auto start = std::chrono::steady_clock::now();
  auto reader = PaperReader::open(testing::shared_corpus());
  Paper paper;
  std::uint64_t count = 0;
  while (reader.next(paper)) ++count;
  // `zstd -dc papers.jsonl.zst | wc -l`
  EXPECT_EQ(count, 233116u);
  EXPECT_EQ(reader.records_rejected(), 0u);
  EXPECT_EQ(reader.bytes_read(), std::filesystem::file_size(testing::shared_corpus()));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  RecordProperty("seconds", std::to_string(seconds));
}

}  // namespace
}  // namespace quire
