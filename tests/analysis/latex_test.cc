#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "analysis/analyzer.h"

namespace quire::analysis {
namespace {

TEST(DecodeLatexTest, AccentsInEveryBracing) {
  EXPECT_EQ(decode_latex("{\\\"o}"), "ö");
  EXPECT_EQ(decode_latex("\\\"{o}"), "ö");
  EXPECT_EQ(decode_latex("\\\"o"), "ö");
  EXPECT_EQ(decode_latex("Sch\\\"{o}lkopf"), "Schölkopf");
  EXPECT_EQ(decode_latex("\\'{\\i}"), "í");
  EXPECT_EQ(decode_latex("{\\'\\i}"), "í");
  EXPECT_EQ(decode_latex("Poincar\\'e"), "Poincaré");
}

TEST(DecodeLatexTest, EveryAccentCommand) {
  EXPECT_EQ(decode_latex("\\`a\\^o\\~n\\=a\\.z"), "àôñāż");
  EXPECT_EQ(decode_latex("\\u{g}\\v{s}\\H{o}\\c{c}\\k{a}\\r{a}"), "ğšőçąå");
  // Letter-named accents also take a space-separated argument.
  EXPECT_EQ(decode_latex("\\v s\\c c"), "šç");
  EXPECT_EQ(decode_latex("Erd\\H{o}s and Ko\\c{c}"), "Erdős and Koç");
}

TEST(DecodeLatexTest, SpecialLetters) {
  EXPECT_EQ(decode_latex("\\ss{} \\o{} \\O{} \\l{} \\L{} \\aa{} \\AA{} \\ae{} \\oe{}"),
            "ß ø Ø ł Ł å Å æ œ");
  // TeX eats the space after a control word, so this is one word.
  EXPECT_EQ(decode_latex("Gro\\ss e"), "Große");
  EXPECT_EQ(decode_latex("{\\O}rsted and \\L ukasz"), "Ørsted and Łukasz");
}

TEST(DecodeLatexTest, EscapedSymbols) {
  EXPECT_EQ(decode_latex("R\\&D 50\\% \\$5 a\\_b \\#1 \\{x\\}"),
            "R&D 50% $5 a_b #1 {x}");
}

TEST(DecodeLatexTest, TextPunctuationCommands) {
  // As NeurIPS's BibTeX export writes quotes: the space ending the command
  // is eaten, a second one is kept.
  EXPECT_EQ(decode_latex("A \\textquotesingle Neural\\textquotesingle  Network"),
            "A 'Neural' Network");
  EXPECT_EQ(decode_latex("\\textquotedblleft x\\textquotedblright{} and \\ldots"),
            "\u201cx\u201d and \u2026");
  EXPECT_EQ(decode_latex("a\\textbackslash b \\textendash\\ c"), "a\\b \u2013 c");
}

TEST(DecodeLatexTest, DashesAndTies) {
  EXPECT_EQ(decode_latex("pages 1--2 and---so~on {x}"), "pages 1\u20132 and\u2014so on x");
  EXPECT_EQ(decode_latex("a-b {}"), "a-b ");
}

TEST(DecodeLatexTest, TextCommandsKeepTheirArgument) {
  for (const char* command : {"textit", "textbf", "emph", "mathrm", "mathbf",
                              "text", "textsc", "texttt"}) {
    EXPECT_EQ(decode_latex(std::string("a \\") + command + "{word} b"), "a word b")
        << command;
  }
}

TEST(DecodeLatexTest, UnknownCommandsAreDroppedButTheirArgumentIsKept) {
  EXPECT_EQ(decode_latex("see \\footnote{note}"), "see note");
  EXPECT_EQ(decode_latex("$\\mathcal{O}(n \\log n)$"), "O(n log n)");
  // Words around a dropped macro stay apart.
  EXPECT_EQ(decode_latex("$n \\times m$"), "n m");
  // Consecutive arguments are separate words.
  EXPECT_EQ(decode_latex("\\frac{a}{b}"), "a b");
}

TEST(DecodeLatexTest, MathGreekLettersBecomeTheirNames) {
  EXPECT_EQ(decode_latex("$\\alpha$"), "alpha");
  EXPECT_EQ(decode_latex("$\\Omega$ and $\\varepsilon$"), "Omega and epsilon");
  EXPECT_EQ(decode_latex("$\\alpha\\beta$"), "alpha beta");
  EXPECT_EQ(decode_latex("$2\\gamma$"), "2 gamma");
  EXPECT_EQ(decode_latex("$\\ell_1$"), "ell 1");
  EXPECT_EQ(decode_latex("$O(n^2)$"), "O(n 2)");
  EXPECT_EQ(decode_latex("$\\infty$"), "infinity");
}

TEST(DecodeLatexTest, UnderscoreOutsideMathIsKept) {
  EXPECT_EQ(decode_latex("snake_case {x}"), "snake_case x");
}

TEST(DecodeLatexTest, GroupingBracesAreRemoved) {
  EXPECT_EQ(decode_latex("{GAN}s and {{BERT}}"), "GANs and BERT");
}

TEST(DecodeLatexTest, PlainTextIsReturnedUnchanged) {
  const std::string text = "Plain text -- with dashes' and \"quotes\" 100%";
  std::vector<std::uint32_t> offsets;
  EXPECT_EQ(decode_latex(text, &offsets), text);
  ASSERT_EQ(offsets.size(), text.size() + 1);
  for (std::size_t i = 0; i < offsets.size(); ++i) EXPECT_EQ(offsets[i], i);
}

TEST(DecodeLatexTest, OffsetsMapOutputBytesToInputBytes) {
  std::vector<std::uint32_t> offsets;
  const std::string out = decode_latex("a{\\\"o}b", &offsets);
  ASSERT_EQ(out, "aöb");
  // 'a' from 0; both bytes of ö from the construct at 2 ("\\\"o"); 'b' from 6.
  EXPECT_EQ(offsets, (std::vector<std::uint32_t>{0, 2, 2, 6, 7}));
}

TEST(DecodeLatexTest, BackslashBeforeNonAsciiKeepsTheCharacterWhole) {
  EXPECT_EQ(decode_latex("\\é"), "é");
}

TEST(DecodeLatexTest, UnbalancedInputTerminates) {
  for (const char* text : {"{{{", "}}}", "$$$", "\\", "\\\"", "\\textit{",
                           "$\\alpha", "\\\"{", "\\'{\\i", "\\c", "\\v{",
                           "{\\\"}", "\\\"{}x", "---", "--", "~~~"}) {
    std::vector<std::uint32_t> offsets;
    const std::string out = decode_latex(text, &offsets);
    ASSERT_EQ(offsets.size(), out.size() + 1) << text;
    EXPECT_EQ(offsets.back(), std::string_view(text).size()) << text;
  }
  EXPECT_EQ(decode_latex("\\\"{}x"), "x");
  EXPECT_EQ(decode_latex("\\textit{open"), "open");
}

TEST(DecodeLatexTest, RandomMarkupKeepsOffsetsConsistent) {
  std::mt19937 rng(99);
  const std::string pieces[] = {"\\", "{", "}", "$", "~", "\"", "'", "a",
                                "e", "i", " ", "-", "^", "_", "\\i", "c",
                                "\\alpha", "\\textit", "ö", "\xFF"};
  std::uniform_int_distribution<std::size_t> pick(0, std::size(pieces) - 1);
  std::uniform_int_distribution<int> length(0, 30);
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    for (int n = length(rng); n > 0; --n) text += pieces[pick(rng)];
    std::vector<std::uint32_t> offsets;
    const std::string out = decode_latex(text, &offsets);
    ASSERT_EQ(offsets.size(), out.size() + 1) << text;
    ASSERT_EQ(offsets.back(), text.size()) << text;
    for (std::size_t i = 1; i < offsets.size(); ++i) {
      ASSERT_LE(offsets[i - 1], offsets[i]) << text;
    }
  }
}

}  // namespace
}  // namespace quire::analysis
