// Reading a file in a given format into papers and issues, for the format
// readers' tests.
#ifndef QUIRE_TESTS_INGEST_READER_TEST_UTIL_H
#define QUIRE_TESTS_INGEST_READER_TEST_UTIL_H

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "quire/import.h"
#include "support/test_support.h"

namespace quire::testing {

struct ReadResult {
  std::vector<Paper> papers;
  std::vector<ImportIssue> errors;
  std::vector<ImportIssue> warnings;
  InputFormat format = InputFormat::automatic;

  const Paper* find(const std::string& id) const {
    for (const Paper& paper : papers) {
      if (paper.id == id) return &paper;
    }
    return nullptr;
  }
};

inline ReadResult read_as(const std::string& path, InputFormat format, int listing_year = 0) {
  ReaderOptions options;
  options.format = format;
  options.listing_year = listing_year;
  ReadResult result;
  auto reader = PaperReader::open(path, options);
  reader.on_issue([&](const ImportIssue& issue) {
    (issue.severity == IssueSeverity::warning ? result.warnings : result.errors).push_back(issue);
  });
  Paper paper;
  while (reader.next(paper)) result.papers.push_back(paper);
  result.format = reader.format();
  EXPECT_EQ(reader.records_read(), result.papers.size());
  EXPECT_EQ(reader.records_rejected(), result.errors.size());
  EXPECT_EQ(reader.warnings(), result.warnings.size());
  return result;
}

// Writes `text` to `name` in a fresh file of `dir` and reads it.
inline ReadResult read_text(const TempDir& dir, const std::string& name, const std::string& text,
                            InputFormat format, int listing_year = 0) {
  write_file(dir.file(name), text);
  return read_as(dir.file(name), format, listing_year);
}

inline std::string extra(const Paper& paper, const std::string& key) {
  const auto found = paper.extra.find(key);
  return found == paper.extra.end() ? std::string("<none>") : found->second;
}

inline std::string issues_text(const std::vector<ImportIssue>& issues) {
  std::string text;
  for (const ImportIssue& issue : issues) text += to_string(issue) + "\n";
  return text;
}

// The 1-based line of `text` where `needle` first occurs.
inline std::uint64_t line_of(const std::string& text, const std::string& needle) {
  const std::size_t at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  std::uint64_t line = 1;
  for (std::size_t i = 0; i < at && i < text.size(); ++i) line += text[i] == '\n';
  return line;
}

// A file under ../shared, or empty (and the test skips) when absent.
#define QUIRE_SHARED_FILE(var, relative)                                                  \
  const std::string var = ::quire::testing::shared_dir().empty()                          \
                              ? std::string()                                             \
                              : ::quire::testing::shared_dir() + "/" + (relative);        \
  if (var.empty() || !std::ifstream(var).good())                                         \
    GTEST_SKIP() << "../shared/" << (relative) << " not found beside the project; "      \
                 << "skipping the test that reads it"

}  // namespace quire::testing

#endif  // QUIRE_TESTS_INGEST_READER_TEST_UTIL_H
