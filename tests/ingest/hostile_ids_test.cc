// Ids no index may hold, arriving through an import: each bad record is
// reported with its line and the reason, skipped, and the rest imported;
// a strict import stops at the first with ErrorCode::parse.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "quire/quire.h"
#include "support/test_support.h"

namespace {

using quire::testing::TempDir;

std::string line(const std::string& id_json, const std::string& title) {
  return "{\"id\": \"" + id_json + "\", \"title\": \"" + title + "\"}\n";
}

// Lines 1 and 5 are good; 2 to 4 and 6 have ids the index refuses.
std::string hostile_file() {
  return line("2403.00001", "Good") +                          // 1
         line(std::string(1025, 'x'), "One byte too long") +     // 2
         line("a\\u0001b", "Control character") +                // 3
         line("tab\\u007fdel", "DEL") +                          // 4
         line(std::string(1024, 'y'), "Exactly at the limit") +  // 5
         line(std::string(1 << 20, 'z'), "A megabyte of id");    // 6
}

TEST(HostileIds, ImportReportsEachBadIdWithItsLineAndKeepsTheRest) {
  TempDir dir;
  std::string input = dir.file("papers.jsonl");
  quire::testing::write_file(input, hostile_file());
  auto index = quire::Index::open(dir.file("index"));
  std::vector<quire::ImportIssue> issues;
  quire::ImportOptions options;
  options.format = quire::InputFormat::jsonl;
  options.on_issue = [&](const quire::ImportIssue& issue) { issues.push_back(issue); };
  quire::ImportSummary summary = quire::import_file(index, input, options);

  EXPECT_EQ(summary.added, 2u);
  EXPECT_EQ(summary.rejected, 4u);
  ASSERT_EQ(issues.size(), 4u);
  const std::uint64_t lines[] = {2, 3, 4, 6};
  const char* reasons[] = {"1025 bytes long; the limit is 1024", "control character",
                           "control character", "1048576 bytes long; the limit is 1024"};
  for (std::size_t i = 0; i < issues.size(); ++i) {
    std::string text = quire::to_string(issues[i]);
    EXPECT_EQ(issues[i].line, lines[i]) << text;
    EXPECT_NE(text.find("'id'"), std::string::npos) << text;
    EXPECT_NE(text.find(reasons[i]), std::string::npos) << text;
    // The report quotes no megabyte of id back at the reader.
    EXPECT_LT(text.size(), 400u) << text.substr(0, 400);
  }
  EXPECT_EQ(index.stats().documents, 2u);
  EXPECT_TRUE(index.get("2403.00001").has_value());
  EXPECT_TRUE(index.get(std::string(1024, 'y')).has_value());
}

TEST(HostileIds, StrictImportStopsAtTheFirstBadIdWithParse) {
  TempDir dir;
  std::string input = dir.file("papers.jsonl");
  quire::testing::write_file(input, hostile_file());
  auto index = quire::Index::open(dir.file("index"));
  quire::ImportOptions options;
  options.format = quire::InputFormat::jsonl;
  options.strict = true;
  try {
    quire::import_file(index, input, options);
    FAIL() << "a strict import accepted an id over the limit";
  } catch (const quire::Error& e) {
    EXPECT_EQ(e.code(), quire::ErrorCode::parse) << e.what();
    EXPECT_NE(std::string(e.what()).find("papers.jsonl:2:"), std::string::npos) << e.what();
  }
  // The good paper before it was committed.
  EXPECT_EQ(index.stats().documents, 1u);
}

}  // namespace
