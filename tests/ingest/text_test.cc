#include <gtest/gtest.h>

#include <string>

#include "ingest/limits.h"
#include "ingest/text.h"

namespace quire::ingest {
namespace {

TEST(ArxivIds, SplitOffTheVersion) {
  std::string base, version;
  ASSERT_TRUE(split_arxiv_id("2403.12345v2", base, version));
  EXPECT_EQ(base, "2403.12345");
  EXPECT_EQ(version, "v2");
  ASSERT_TRUE(split_arxiv_id("arXiv:0704.0001", base, version));
  EXPECT_EQ(base, "0704.0001");
  EXPECT_EQ(version, "");
  ASSERT_TRUE(split_arxiv_id("hep-th/9901001v10", base, version));
  EXPECT_EQ(base, "hep-th/9901001");
  EXPECT_EQ(version, "v10");
  ASSERT_TRUE(split_arxiv_id("math.AG/0601001", base, version));
  EXPECT_EQ(base, "math.AG/0601001");
  for (const char* other : {"p42", "10.1145/3292500.3330701", "2403.123", "2403.123456",
                            "2403.12345v", "abc/123", "HEP-TH/9901001", "v2", ""}) {
    EXPECT_FALSE(split_arxiv_id(other, base, version)) << other;
  }
  EXPECT_EQ(version_number("v12"), 12);
  EXPECT_EQ(version_number("12"), 0);
  EXPECT_EQ(version_number("vx"), 0);
}

TEST(Dates, MonthsAndRfc2822) {
  EXPECT_EQ(month_number("Jan"), 1);
  EXPECT_EQ(month_number("september"), 9);
  EXPECT_EQ(month_number("Sept"), 9);
  EXPECT_EQ(month_number("Dec."), 12);
  EXPECT_EQ(month_number("07"), 7);
  EXPECT_EQ(month_number("13"), 0);
  EXPECT_EQ(month_number("Ma"), 0) << "too short to tell March from May";
  EXPECT_EQ(month_number("Maybe"), 0);
  EXPECT_EQ(rfc2822_to_iso_date("Mon, 2 Apr 2007 19:18:42 GMT"), "2007-04-02");
  EXPECT_EQ(rfc2822_to_iso_date("24 Jul 2007"), "2007-07-24");
  EXPECT_EQ(rfc2822_to_iso_date("2007-07-24"), "");
}

TEST(Utf8, InvalidBytesAreReadAsWindows1252) {
  std::string text = "Caf\xe9 \x93quoted\x94 ok \xc3\xa9";
  EXPECT_FALSE(is_valid_utf8(text));
  EXPECT_EQ(repair_utf8(text), 3u);
  EXPECT_EQ(text, "Café \u201cquoted\u201d ok é");
  EXPECT_TRUE(is_valid_utf8(text));
  // Overlongs, surrogates and truncated sequences are not UTF-8.
  for (const char* bad : {"\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82"}) {
    EXPECT_FALSE(is_valid_utf8(bad)) << bad;
  }
  EXPECT_EQ(utf8_cut("aé", 2), 1u);
  EXPECT_EQ(utf8_cut("aé", 3), 3u);
}

TEST(Limits, CutEachFieldOnACharacterBoundaryAndSaySo) {
  Paper paper;
  paper.title = "é" + std::string(kMaxTitleBytes, 'x');
  paper.authors.assign(kMaxAuthors + 1, "A");
  paper.authors[3] = std::string(kMaxAuthorBytes + 5, 'n');
  paper.extra["note"] = std::string(kMaxExtraValueBytes + 1, 'z');
  std::vector<std::string> fields;
  enforce_limits(paper, [&](const std::string& field, std::string reason) {
    EXPECT_FALSE(reason.empty());
    fields.push_back(field);
  });
  EXPECT_EQ(fields, (std::vector<std::string>{"title", "authors", "authors", "note"}));
  EXPECT_EQ(paper.title.size(), kMaxTitleBytes);
  EXPECT_TRUE(is_valid_utf8(paper.title));
  EXPECT_EQ(paper.authors.size(), kMaxAuthors);
  EXPECT_EQ(paper.authors[3].size(), kMaxAuthorBytes);
  EXPECT_EQ(paper.extra["note"].size(), kMaxExtraValueBytes);

  Paper small;
  small.title = "fine";
  enforce_limits(small, [&](const std::string&, std::string) { ADD_FAILURE(); });
}

TEST(ComparisonWords, IgnoreCasePunctuationAndMarkup) {
  EXPECT_EQ(comparison_words("  Mixture-of-Experts (MoE)\nmodels!"), "mixture of experts moe models");
  EXPECT_EQ(comparison_words("Schölkopf"), "schölkopf");
}

}  // namespace
}  // namespace quire::ingest
