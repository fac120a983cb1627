#include "ingest/jsonl_reader.h"

#include <gtest/gtest.h>

#include <string>

#include "ingest/line_reader.h"

namespace quire::ingest {
namespace {

// A literal's bytes, NULs included.
template <std::size_t N>
std::string bytes(const char (&literal)[N]) {
  return std::string(literal, N - 1);
}

class JsonlParserTest : public ::testing::Test {
 protected:
  // Parses `text` from a padded copy, as LineReader hands lines over.
  bool parse(const std::string& text) {
    buffer_ = text;
    buffer_.append(kLinePadding, '\0');
    return parser_.parse(std::string_view(buffer_.data(), text.size()), paper_, problem_);
  }

  // Expects `text` to be refused for `field`, with `reason_part` in the reason.
  void expect_bad(const std::string& text, const std::string& field,
                  const std::string& reason_part) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(parse(text));
    EXPECT_EQ(problem_.field, field) << problem_.reason;
    EXPECT_NE(problem_.reason.find(reason_part), std::string::npos) << problem_.reason;
  }

  JsonlParser parser_;
  Paper paper_;
  RecordProblem problem_;
  std::string buffer_;
};

TEST_F(JsonlParserTest, ReadsEveryKnownField) {
  ASSERT_TRUE(parse(R"({"id": "2503.11731", "title": "Gaussian \"Splatting\"",)"
                    R"( "abstract": "Line one\nline two \u00e9", "authors": ["Tim Rocktäschel",)"
                    R"( "Schölkopf, B."], "categories": ["cs.CV", "cs.RO"], "date": "2025-03-18",)"
                    R"( "venue": "CVPR"})"))
      << problem_.reason;
  EXPECT_EQ(paper_.id, "2503.11731");
  EXPECT_EQ(paper_.title, "Gaussian \"Splatting\"");
  EXPECT_EQ(paper_.abstract, "Line one\nline two \xc3\xa9");
  EXPECT_EQ(paper_.authors, (std::vector<std::string>{"Tim Rocktäschel", "Schölkopf, B."}));
  EXPECT_EQ(paper_.categories, (std::vector<std::string>{"cs.CV", "cs.RO"}));
  EXPECT_EQ(paper_.date, "2025-03-18");
  EXPECT_EQ(paper_.venue, "CVPR");
  EXPECT_TRUE(paper_.extra.empty());
}

TEST_F(JsonlParserTest, OtherKeysGoToExtraAsTextOrJson) {
  ASSERT_TRUE(parse(R"({"id": "x", "title": "t", "doi": "10.1/abc", "score": 4.5,)"
                    R"( "count": 12, "classes": ["I.4", "I.2.10"], "meta": {"a": [1, 2], "b": null},)"
                    R"( "open": true, "gone": null, "empty": ""})"))
      << problem_.reason;
  EXPECT_EQ(paper_.extra.at("doi"), "10.1/abc");
  EXPECT_EQ(paper_.extra.at("score"), "4.5");
  EXPECT_EQ(paper_.extra.at("count"), "12");
  EXPECT_EQ(paper_.extra.at("classes"), R"(["I.4","I.2.10"])");
  EXPECT_EQ(paper_.extra.at("meta"), R"({"a":[1,2],"b":null})");
  EXPECT_EQ(paper_.extra.at("open"), "true");
  EXPECT_EQ(paper_.extra.at("empty"), "");
  EXPECT_EQ(paper_.extra.count("gone"), 0u) << "null extras are left out";
  EXPECT_EQ(paper_.extra.size(), 7u);
}

TEST_F(JsonlParserTest, ReadsBeirCorpusLines) {
  ASSERT_TRUE(parse(R"({"_id": "4983", "title": "Microstructural development",)"
                    R"( "text": "Alterations of the architecture", "metadata": {}})"))
      << problem_.reason;
  EXPECT_EQ(paper_.id, "4983");
  EXPECT_EQ(paper_.abstract, "Alterations of the architecture");
  EXPECT_EQ(paper_.extra.at("metadata"), "{}");
  EXPECT_EQ(paper_.extra.size(), 1u);

  ASSERT_TRUE(parse(R"({"_id": 17, "title": "t", "text": null})")) << problem_.reason;
  EXPECT_EQ(paper_.id, "17");
  EXPECT_EQ(paper_.abstract, "");

  expect_bad(R"({"_id": "", "title": "t"})", "_id", "must not be empty");
}

TEST_F(JsonlParserTest, OwnIdAndAbstractWinOverBeirNamesInAnyOrder) {
  for (const char* line : {R"({"_id": "b", "text": "beir", "id": "a", "abstract": "own", "title": "t"})",
                           R"({"id": "a", "abstract": "own", "title": "t", "_id": "b", "text": "beir"})"}) {
    SCOPED_TRACE(line);
    ASSERT_TRUE(parse(line)) << problem_.reason;
    EXPECT_EQ(paper_.id, "a");
    EXPECT_EQ(paper_.abstract, "own");
    EXPECT_EQ(paper_.extra.at("_id"), "b");
    EXPECT_EQ(paper_.extra.at("text"), "beir");
  }
}

TEST_F(JsonlParserTest, StringInsideAStructuredExtraStaysEscaped) {
  ASSERT_TRUE(parse(R"({"id": "x", "title": "t", "notes": ["say \"hi\"", "a\\b"]})"));
  EXPECT_EQ(paper_.extra.at("notes"), R"(["say \"hi\"","a\\b"])");
}

TEST_F(JsonlParserTest, OneStringAuthorIsOneAuthor) {
  ASSERT_TRUE(parse(R"({"id": "x", "title": "t", "authors": "Geoffrey E. Hinton"})"));
  EXPECT_EQ(paper_.authors, (std::vector<std::string>{"Geoffrey E. Hinton"}));
}

TEST_F(JsonlParserTest, OneCategoriesStringIsSplitOnWhitespace) {
  ASSERT_TRUE(parse(R"({"id": "x", "title": "t", "categories": " hep-th  gr-qc\nmath.MP "})"));
  EXPECT_EQ(paper_.categories, (std::vector<std::string>{"hep-th", "gr-qc", "math.MP"}));
}

TEST_F(JsonlParserTest, WhitespaceInsideACategoryIsFolded) {
  ASSERT_TRUE(parse(R"({"id": "x", "title": "t", "categories": ["Computer\n  Vision ", " ", "cs.LG"]})"));
  EXPECT_EQ(paper_.categories, (std::vector<std::string>{"Computer Vision", "cs.LG"}))
      << "blank elements are dropped";
}

TEST_F(JsonlParserTest, NullAndMissingOptionalFieldsAreEmpty) {
  ASSERT_TRUE(parse(R"({"id": "x", "title": "", "abstract": null, "authors": null,)"
                    R"( "categories": null, "date": null, "venue": null})"))
      << problem_.reason;
  EXPECT_EQ(paper_.title, "");
  EXPECT_EQ(paper_.abstract, "");
  EXPECT_TRUE(paper_.authors.empty());
  EXPECT_TRUE(paper_.categories.empty());
  EXPECT_EQ(paper_.date, "");
  EXPECT_EQ(paper_.venue, "");
  ASSERT_TRUE(parse(R"({"title": "t", "id": "y", "date": ""})"));
  EXPECT_EQ(paper_.id, "y");
  EXPECT_EQ(paper_.date, "");
}

TEST_F(JsonlParserTest, ANumberIdBecomesItsDecimalText) {
  ASSERT_TRUE(parse(R"({"id": 123456, "title": "t"})"));
  EXPECT_EQ(paper_.id, "123456");
  ASSERT_TRUE(parse(R"({"id": 18446744073709551615, "title": "t"})"));
  EXPECT_EQ(paper_.id, "18446744073709551615");
  ASSERT_TRUE(parse(R"({"id": -7, "title": "t"})"));
  EXPECT_EQ(paper_.id, "-7");
  expect_bad(R"({"id": 2503.5, "title": "t"})", "id", "fractional");
}

TEST_F(JsonlParserTest, ARepeatedKeyTakesItsLastValue) {
  ASSERT_TRUE(parse(R"({"id": "a", "title": "t", "authors": ["A", "B"], "id": "b",)"
                    R"( "authors": ["C"], "doi": "1", "doi": null, "url": "u", "url": "v"})"));
  EXPECT_EQ(paper_.id, "b");
  EXPECT_EQ(paper_.authors, (std::vector<std::string>{"C"}));
  EXPECT_EQ(paper_.extra.count("doi"), 0u);
  EXPECT_EQ(paper_.extra.at("url"), "v");
}

TEST_F(JsonlParserTest, AReusedPaperKeepsNothingFromTheRecordBefore) {
  ASSERT_TRUE(parse(R"({"id": "a", "title": "long title", "abstract": "abs", "authors": ["A", "B", "C"],)"
                    R"( "categories": ["x"], "date": "2020", "venue": "V", "e1": "1", "e2": [2]})"));
  ASSERT_TRUE(parse(R"({"id": "b", "title": "t", "authors": ["Z"], "e3": "3"})"));
  EXPECT_EQ(paper_.id, "b");
  EXPECT_EQ(paper_.title, "t");
  EXPECT_EQ(paper_.abstract, "");
  EXPECT_EQ(paper_.authors, (std::vector<std::string>{"Z"}));
  EXPECT_TRUE(paper_.categories.empty());
  EXPECT_EQ(paper_.date, "");
  EXPECT_EQ(paper_.venue, "");
  EXPECT_EQ(paper_.extra, (std::map<std::string, std::string>{{"e3", "3"}}));
  ASSERT_TRUE(parse(R"({"id": "c", "title": "t"})"));
  EXPECT_TRUE(paper_.authors.empty());
  EXPECT_TRUE(paper_.extra.empty());
}

TEST_F(JsonlParserTest, TextThatIsNotJsonIsBad) {
  expect_bad("not json at all", "", "not valid JSON");
  expect_bad(R"({"id": "x", "title": "t",})", "", "not valid JSON");
  expect_bad(R"({"id": "x", "title": "t"} {"id": "y"})", "", "not valid JSON");
  expect_bad(R"({"id": "x", "title": "unclosed)", "", "not valid JSON");
  expect_bad(R"({"id": "x", "title": "t", "n": 1e999999})", "", "number");
  expect_bad(R"({"id": "x", "title": "bad \q escape"})", "", "escape");
}

TEST_F(JsonlParserTest, ALineMustHoldAnObject) {
  expect_bad(R"(["id", "title"])", "", "not a list");
  expect_bad(R"("just a string")", "", "not a string");
  expect_bad("42", "", "not a number");
}

TEST_F(JsonlParserTest, IdAndTitleAreRequired) {
  expect_bad(R"({"title": "t"})", "id", "missing");
  expect_bad(R"({"id": "x"})", "title", "missing");
  expect_bad(R"({"id": "", "title": "t"})", "id", "empty");
  expect_bad(R"({"id": null, "title": "t"})", "id", "not null");
  expect_bad(R"({"id": ["x"], "title": "t"})", "id", "not a list");
  expect_bad(R"({"id": "x", "title": null})", "title", "not null");
  expect_bad(R"({"id": "x", "title": 5})", "title", "not a number");
}

TEST_F(JsonlParserTest, AKnownFieldOfTheWrongTypeIsBad) {
  expect_bad(R"({"id": "x", "title": "t", "abstract": 12})", "abstract", "must be a string");
  expect_bad(R"({"id": "x", "title": "t", "venue": ["NeurIPS"]})", "venue", "not a list");
  expect_bad(R"({"id": "x", "title": "t", "authors": {"name": "A"}})", "authors",
             "not an object");
  expect_bad(R"({"id": "x", "title": "t", "authors": ["A", 7]})", "authors",
             "element 2 must be a string, not a number");
  expect_bad(R"({"id": "x", "title": "t", "authors": [["A"]]})", "authors", "not a list");
  expect_bad(R"({"id": "x", "title": "t", "categories": true})", "categories",
             "not true or false");
  expect_bad(R"({"id": "x", "title": "t", "categories": ["cs.LG", null]})", "categories",
             "element 2");
  expect_bad(R"({"id": "x", "title": "t", "date": 2019})", "date", "not a number");
}

TEST_F(JsonlParserTest, DatesMustBeRealCalendarDates) {
  for (const char* good : {"2024", "2024-03", "2024-03-18", "2024-02-29", "2000-02-29", "1987-12-31"}) {
    EXPECT_TRUE(parse(std::string(R"({"id": "x", "title": "t", "date": ")") + good + "\"}"))
        << good << ": " << problem_.reason;
    EXPECT_EQ(paper_.date, good);
  }
  for (const char* bad : {"2024-13", "2024-00", "2024-03-32", "2023-02-29", "1900-02-29",
                          "2024-04-31", "March 2024", "24", "2024/03/18", "2024-3-18",
                          "0000", "2024-03-18T10:00"}) {
    expect_bad(std::string(R"({"id": "x", "title": "t", "date": ")") + bad + "\"}", "date",
               std::string("\"") + bad + "\"");
  }
}

TEST_F(JsonlParserTest, InvalidUtf8IsBad) {
  expect_bad("{\"id\": \"x\", \"title\": \"caf\xe9\"}", "", "invalid UTF-8");
  expect_bad("{\"id\": \"x\", \"title\": \"t\", \"abstract\": \"\xed\xa0\x80\"}", "",
             "invalid UTF-8");
}

TEST_F(JsonlParserTest, NulBytesAreBad) {
  expect_bad(bytes("{\"id\": \"x\", \"title\": \"a\0b\"}"), "", "NUL byte");
  expect_bad(bytes("{\"id\": \"x\", \"title\": \"ab\"}\0"), "", "NUL byte");
  expect_bad(bytes("{\"id\": \"x\", \"title\":\0\"ab\"}"), "", "NUL byte");
  expect_bad(bytes("\0\0\0\0"), "", "NUL byte");
}

TEST_F(JsonlParserTest, RawControlCharactersInStringsAreBad) {
  expect_bad("{\"id\": \"x\", \"title\": \"tab\there\"}", "", "control character");
}

TEST(JsonlHelpers, BlankLines) {
  EXPECT_TRUE(is_blank(""));
  EXPECT_TRUE(is_blank(" \t \r"));
  EXPECT_FALSE(is_blank(" x "));
  EXPECT_FALSE(is_blank(std::string_view("\0", 1)));
}

TEST(JsonlHelpers, DateShapes) {
  EXPECT_TRUE(is_valid_date("2025"));
  EXPECT_TRUE(is_valid_date("2025-01"));
  EXPECT_TRUE(is_valid_date("2024-02-29"));
  EXPECT_FALSE(is_valid_date("2025-02-29"));
  EXPECT_FALSE(is_valid_date(""));
  EXPECT_FALSE(is_valid_date("2025-01-"));
  EXPECT_FALSE(is_valid_date("２０２５"));
}

}  // namespace
}  // namespace quire::ingest
