// The --json output's emitter on its own: escaping, UTF-8 repair, nesting and
// numbers, checked byte for byte.
#include "json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

namespace {

using quire_cli::append_json_string;
using quire_cli::JsonWriter;

std::string as_json(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

const std::string kReplacement = "\xEF\xBF\xBD";

TEST(JsonString, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(as_json("a\"b\\c/d"), R"("a\"b\\c/d")");
  EXPECT_EQ(as_json("\n\r\t\b\f"), R"("\n\r\t\b\f")");
  EXPECT_EQ(as_json(std::string("\x01\x1f\x1b", 3)), R"("\u0001\u001f\u001b")");
  EXPECT_EQ(as_json(std::string("nul\0here", 8)), R"("nul\u0000here")");
  // DEL is not a control character in JSON's sense.
  EXPECT_EQ(as_json("\x7f"), "\"\x7f\"");
}

TEST(JsonString, PassesValidUtf8Through) {
  const std::string text = "Sch\xC3\xB6lkopf \xE2\x82\xAC \xE4\xB8\xAD \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF";
  EXPECT_EQ(as_json(text), "\"" + text + "\"");
}

TEST(JsonString, ReplacesEachInvalidSequenceWithOneReplacementCharacter) {
  // A lone continuation byte and bytes that never occur in UTF-8.
  EXPECT_EQ(as_json("a\x80z"), "\"a" + kReplacement + "z\"");
  EXPECT_EQ(as_json("\xFF\xFE"), "\"" + kReplacement + kReplacement + "\"");
  // A truncated sequence followed by ASCII: the ASCII survives.
  EXPECT_EQ(as_json("\xC3("), "\"" + kReplacement + "(\"");
  EXPECT_EQ(as_json("\xE2\x82"), "\"" + kReplacement + "\"");
  EXPECT_EQ(as_json("x\xF0\x9F\x98"), "\"x" + kReplacement + "\"");
  // A truncated sequence followed by a good one: the good one survives.
  EXPECT_EQ(as_json("\xE2\x82\xC3\xB6"), "\"" + kReplacement + "\xC3\xB6\"");
}

TEST(JsonString, RejectsOverlongFormsSurrogatesAndOutOfRangeCodePoints) {
  // Overlong "/" (C0 AF) and overlong NUL in three bytes (E0 80 80).
  EXPECT_EQ(as_json("\xC0\xAF"), "\"" + kReplacement + kReplacement + "\"");
  EXPECT_EQ(as_json("\xE0\x80\x80"), "\"" + kReplacement + kReplacement + kReplacement + "\"");
  // The surrogate U+D800 encoded directly.
  EXPECT_EQ(as_json("\xED\xA0\x80"), "\"" + kReplacement + kReplacement + kReplacement + "\"");
  // U+110000, above the last code point.
  EXPECT_EQ(as_json("\xF4\x90\x80\x80"),
            "\"" + kReplacement + kReplacement + kReplacement + kReplacement + "\"");
  // The last code points before those limits are fine.
  EXPECT_EQ(as_json("\xED\x9F\xBF"), "\"\xED\x9F\xBF\"");
  EXPECT_EQ(as_json("\xEE\x80\x80"), "\"\xEE\x80\x80\"");
}

TEST(JsonWriter, NestsContainersWithCommasInTheRightPlaces) {
  JsonWriter json;
  json.begin_object()
      .member("name", "quire")
      .member("empty", std::vector<std::string>{})
      .member("list", std::vector<std::string>{"a", "b"})
      .key("nested")
      .begin_array()
      .begin_object()
      .member("x", 1)
      .end_object()
      .begin_array()
      .end_array()
      .null()
      .end_array()
      .member("map", std::map<std::string, std::string>{{"k", "v"}, {"l", "w"}})
      .end_object();
  EXPECT_EQ(json.str(),
            R"({"name":"quire","empty":[],"list":["a","b"],"nested":[{"x":1},[],null],)"
            R"("map":{"k":"v","l":"w"}})");
}

TEST(JsonWriter, WritesNumbersAndBooleans) {
  JsonWriter json;
  json.begin_array()
      .value(0)
      .value(-42)
      .value(std::numeric_limits<std::uint64_t>::max())
      .value(0.5)
      .value(1e300)
      .value(std::nan(""))
      .value(std::numeric_limits<double>::infinity())
      .value(true)
      .value(false)
      .end_array();
  EXPECT_EQ(json.str(), "[0,-42,18446744073709551615,0.5,1e+300,null,null,true,false]");
}

TEST(JsonWriter, StringLiteralsAreStringsNotBooleans) {
  JsonWriter json;
  json.begin_object().member("k", "v").end_object();
  EXPECT_EQ(json.str(), R"({"k":"v"})");
}

TEST(JsonWriter, EscapesKeysToo) {
  JsonWriter json;
  json.begin_object().member("a\"b\n", 1).end_object();
  EXPECT_EQ(json.str(), R"({"a\"b\n":1})");
}

}  // namespace
