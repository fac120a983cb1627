#include "analysis/words.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <utility>
#include <vector>

namespace quire::analysis::detail {
namespace {

using Spans = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

Spans ascii_spans(std::string_view text) {
  std::vector<WordSpan> words;
  find_words_ascii(text, words);
  Spans spans;
  for (const WordSpan& w : words) spans.emplace_back(w.begin, w.end);
  return spans;
}

Spans icu_spans(std::string_view text) {
  std::vector<WordSpan> words;
  find_words_icu(text, words);
  Spans spans;
  for (const WordSpan& w : words) spans.emplace_back(w.begin, w.end);
  return spans;
}

// The ASCII fast path must segment exactly as ICU does, or a word's terms
// would depend on whether some other part of its text was ASCII.
TEST(WordsTest, AsciiSegmenterMatchesIcuOnRandomText) {
  std::mt19937 rng(7);
  const std::string alphabet = "aZq09_.',;:-/ \n\t#$%&()\"?!+=<>[]*";
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> length(0, 16);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (int n = length(rng); n > 0; --n) text += alphabet[pick(rng)];
    ASSERT_EQ(ascii_spans(text), icu_spans(text)) << '"' << text << '"';
  }
}

TEST(WordsTest, AsciiSegmenterMatchesIcuOnProse) {
  for (const char* text :
       {"We propose e.g. a 1,000.5-fold U.S. speed-up; don't x_i __init__ a:b",
        "arXiv:2403.12345 v2, fig.3 (3.5%) 1;2 1'2 a'1 a.1 1.a a..b x_.y a._b",
        "http://x.org/a?b=c#d 'quoted' ''double'' end."}) {
    EXPECT_EQ(ascii_spans(text), icu_spans(text)) << text;
  }
}

TEST(WordsTest, SegmentsWithoutLettersOrDigitsAreNotWords) {
  EXPECT_TRUE(ascii_spans("___ _ -- ..").empty());
  EXPECT_TRUE(icu_spans("___ _ -- ..").empty());
  EXPECT_EQ(ascii_spans("a_b 12"), (Spans{{0, 3}, {4, 6}}));
}

TEST(WordsTest, IcuMarksNumbers) {
  std::vector<WordSpan> words;
  find_words_icu("abc 2024 深度", words);
  ASSERT_EQ(words.size(), 3u);
  EXPECT_FALSE(words[0].numeric);
  EXPECT_TRUE(words[1].numeric);
  EXPECT_FALSE(words[2].numeric);
}

}  // namespace
}  // namespace quire::analysis::detail
