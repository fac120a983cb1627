#include "analysis/analyzer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace quire::analysis {
namespace {

std::vector<Token> analyze(const Analyzer& analyzer, std::string_view text) {
  std::vector<Token> out;
  analyzer.analyze(text, out);
  return out;
}

std::vector<std::string> main_terms(const std::vector<Token>& tokens) {
  std::vector<std::string> terms;
  for (const Token& t : tokens) {
    if (!t.alternative) terms.push_back(t.term);
  }
  return terms;
}

std::vector<std::string> alternatives(const std::vector<Token>& tokens) {
  std::vector<std::string> terms;
  for (const Token& t : tokens) {
    if (t.alternative) terms.push_back(t.term);
  }
  return terms;
}

const Token* find_token(const std::vector<Token>& tokens, std::string_view term) {
  for (const Token& t : tokens) {
    if (t.term == term) return &t;
  }
  return nullptr;
}

std::string_view surface(std::string_view text, const Token& t) {
  return text.substr(t.begin, t.end - t.begin);
}

using Terms = std::vector<std::string>;

TEST(AnalyzerTest, LowercasesAndDropsPunctuation) {
  Analyzer analyzer;
  std::vector<Token> out;
  const std::uint32_t end = analyzer.analyze("Deep Learning, for BERT!", out);
  EXPECT_EQ(main_terms(out), (Terms{"deep", "learning", "for", "bert"}));
  ASSERT_EQ(out.size(), 4u);
  for (std::uint32_t i = 0; i < 4; ++i) EXPECT_EQ(out[i].position, i);
  EXPECT_EQ(end, 4u);
}

TEST(AnalyzerTest, NumbersPositionsFromTheCallersBaseAndAppends) {
  Analyzer analyzer;
  std::vector<Token> out;
  std::uint32_t next = analyzer.analyze("first title", out, 0);
  next = analyzer.analyze("second one", out, next + 100);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out[0].term, "first");
  EXPECT_EQ(out[2].term, "second");
  EXPECT_EQ(out[2].position, 102u);
  EXPECT_EQ(out[3].position, 103u);
  EXPECT_EQ(next, 104u);
}

TEST(AnalyzerTest, EmptyAndPunctuationOnlyTextYieldsNothing) {
  Analyzer analyzer;
  for (const char* text : {"", "   ", " ,.;!? -- ", "___", "(  ) [ ] / \\"}) {
    std::vector<Token> out;
    EXPECT_EQ(analyzer.analyze(text, out, 7), 7u) << text;
    EXPECT_TRUE(out.empty()) << text;
  }
}

TEST(AnalyzerTest, FoldsDiacritics) {
  Analyzer analyzer;
  const auto tokens = analyze(
      analyzer, "Schölkopf Poincaré naïve Ångström Łukasz Ørsted Œuvre Straße "
                "Þór Đorđe Ærø İstanbul ırmak");
  EXPECT_EQ(main_terms(tokens),
            (Terms{"scholkopf", "poincare", "naive", "angstrom", "lukasz",
                   "orsted", "oeuvre", "strasse", "thor", "dorde", "aero",
                   "istanbul", "irmak"}));
}

TEST(AnalyzerTest, DecomposedAccentsFoldLikeComposedOnes) {
  Analyzer analyzer;
  // "e" followed by U+0301 COMBINING ACUTE ACCENT.
  EXPECT_EQ(main_terms(analyze(analyzer, "Poincare\xCC\x81")), Terms{"poincare"});
}

TEST(AnalyzerTest, KeepsDiacriticsWhenFoldingIsOff) {
  AnalyzerSettings settings;
  settings.fold_diacritics = false;
  Analyzer analyzer(settings);
  EXPECT_EQ(main_terms(analyze(analyzer, "Schölkopf Poincaré")),
            (Terms{"schölkopf", "poincaré"}));
}

TEST(AnalyzerTest, GreekAndCyrillicAccentsFold) {
  Analyzer analyzer;
  // ά (alpha with tonos) and й (short i) lose their marks.
  EXPECT_EQ(main_terms(analyze(analyzer, "Άλφα Йошкар")),
            (Terms{"αλφα", "иошкар"}));
}

TEST(AnalyzerTest, JapaneseVoicingMarksAreKept) {
  Analyzer analyzer;
  const auto voiced = main_terms(analyze(analyzer, "ガス"));
  const auto plain = main_terms(analyze(analyzer, "カス"));
  ASSERT_FALSE(voiced.empty());
  EXPECT_NE(voiced, plain);
}

TEST(AnalyzerTest, TransliteratesUmlautsAsAlternatives) {
  Analyzer analyzer;
  const auto tokens = analyze(analyzer, "Bernhard Schölkopf and Müller");
  EXPECT_EQ(main_terms(tokens),
            (Terms{"bernhard", "scholkopf", "and", "muller"}));
  EXPECT_EQ(alternatives(tokens), (Terms{"schoelkopf", "mueller"}));
  const Token* main = find_token(tokens, "scholkopf");
  const Token* alt = find_token(tokens, "schoelkopf");
  ASSERT_TRUE(main && alt);
  EXPECT_EQ(alt->position, main->position);
  EXPECT_EQ(alt->begin, main->begin);
  EXPECT_EQ(alt->end, main->end);
  EXPECT_TRUE(alt->alternative);
  EXPECT_FALSE(main->alternative);
}

TEST(AnalyzerTest, NoAlternativeWithoutUmlauts) {
  Analyzer analyzer;
  EXPECT_TRUE(alternatives(analyze(analyzer, "Poincaré Ørsted Scholkopf")).empty());
}

TEST(AnalyzerTest, CompatibilityFormsNormalise) {
  Analyzer analyzer;
  // The "ﬁ" ligature and full-width letters.
  EXPECT_EQ(main_terms(analyze(analyzer, "\xEF\xAC\x81le ＢＥＲＴ")),
            (Terms{"file", "bert"}));
}

TEST(AnalyzerTest, SplitsChineseIntoWords) {
  Analyzer analyzer;
  const std::string text = "深度学习模型";
  const auto tokens = analyze(analyzer, text);
  ASSERT_GE(tokens.size(), 2u);
  std::string joined;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    EXPECT_EQ(tokens[i].position, i);
    EXPECT_EQ(tokens[i].stem, tokens[i].term);
    EXPECT_EQ(surface(text, tokens[i]), tokens[i].term);
    joined += tokens[i].term;
  }
  EXPECT_EQ(joined, text);
}

TEST(AnalyzerTest, SplitsJapaneseIntoWords) {
  Analyzer analyzer;
  const std::string text = "自然言語処理の研究";
  const auto tokens = analyze(analyzer, text);
  ASSERT_GE(tokens.size(), 3u);
  EXPECT_NE(find_token(tokens, "研究"), nullptr);
  for (const Token& t : tokens) EXPECT_EQ(surface(text, t), t.term);
}

TEST(AnalyzerTest, HyphenatedWordsSplitWithJoinedAlternative) {
  Analyzer analyzer;
  const std::string text = "self-supervised learning";
  const auto tokens = analyze(analyzer, text);
  EXPECT_EQ(main_terms(tokens), (Terms{"self", "supervised", "learning"}));
  EXPECT_EQ(alternatives(tokens), Terms{"selfsupervised"});
  EXPECT_EQ(find_token(tokens, "self")->position, 0u);
  EXPECT_EQ(find_token(tokens, "supervised")->position, 1u);
  EXPECT_EQ(find_token(tokens, "learning")->position, 2u);
  const Token* joined = find_token(tokens, "selfsupervised");
  EXPECT_EQ(joined->position, 0u);
  EXPECT_TRUE(joined->alternative);
  EXPECT_EQ(surface(text, *joined), "self-supervised");
}

TEST(AnalyzerTest, LongHyphenChainsKeepConsecutivePositions) {
  Analyzer analyzer;
  std::vector<Token> out;
  const std::uint32_t end = analyzer.analyze("state-of-the-art results", out);
  EXPECT_EQ(main_terms(out), (Terms{"state", "of", "the", "art", "results"}));
  const Token* joined = find_token(out, "stateoftheart");
  ASSERT_NE(joined, nullptr);
  EXPECT_EQ(joined->position, 0u);
  EXPECT_EQ(find_token(out, "art")->position, 3u);
  EXPECT_EQ(end, 5u);
}

TEST(AnalyzerTest, OnlyHyphensJoinWords) {
  Analyzer analyzer;
  // U+2010 HYPHEN joins; an en dash, spaced hyphens and a slash do not.
  EXPECT_EQ(alternatives(analyze(analyzer, "self\u2010supervised")),
            Terms{"selfsupervised"});
  EXPECT_TRUE(alternatives(analyze(analyzer, "north\u2013south")).empty());
  EXPECT_TRUE(alternatives(analyze(analyzer, "self - supervised")).empty());
  EXPECT_TRUE(alternatives(analyze(analyzer, "input/output")).empty());
}

TEST(AnalyzerTest, HyphenatedWordsWithDigitsStayWhole) {
  Analyzer analyzer;
  const std::string text = "GPT-4 beats COVID-19 and Llama-2-7B";
  const auto tokens = analyze(analyzer, text);
  EXPECT_EQ(main_terms(tokens),
            (Terms{"gpt-4", "beats", "covid-19", "and", "llama-2-7b"}));
  EXPECT_EQ(alternatives(tokens), (Terms{"gpt4", "covid19", "llama27b"}));
  const Token* gpt = find_token(tokens, "gpt-4");
  EXPECT_EQ(gpt->stem, "gpt-4");
  EXPECT_EQ(surface(text, *gpt), "GPT-4");
  EXPECT_EQ(find_token(tokens, "gpt4")->position, gpt->position);
  EXPECT_EQ(find_token(tokens, "beats")->position, 1u);
}

TEST(AnalyzerTest, AcronymsAreLowercasedWords) {
  Analyzer analyzer;
  const auto tokens = analyze(analyzer, "BERT");
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].term, "bert");
}

TEST(AnalyzerTest, ArxivIdentifiersStayWhole) {
  Analyzer analyzer;
  const std::string text =
      "See arXiv:2403.12345, 0704.0001v2 (hep-th/9901001) and math.AG/0601001v3.";
  const auto tokens = analyze(analyzer, text);
  EXPECT_EQ(main_terms(tokens),
            (Terms{"see", "arxiv", "2403.12345", "0704.0001v2", "hep-th/9901001",
                   "and", "math.ag/0601001v3"}));
  // A versioned id is also findable by its versionless form.
  EXPECT_EQ(alternatives(tokens), (Terms{"0704.0001", "math.ag/0601001"}));
  const Token* old_style = find_token(tokens, "hep-th/9901001");
  EXPECT_EQ(old_style->stem, old_style->term);
  EXPECT_EQ(surface(text, *old_style), "hep-th/9901001");
  EXPECT_EQ(surface(text, *find_token(tokens, "math.ag/0601001v3")),
            "math.AG/0601001v3");
}

TEST(AnalyzerTest, DoisStayWholeAndLowercase) {
  Analyzer analyzer;
  const std::string text =
      "doi:10.1145/3292500.3330701. Also (https://doi.org/10.1016/S0140-6736(20)30183-5).";
  const auto tokens = analyze(analyzer, text);
  const Token* kdd = find_token(tokens, "10.1145/3292500.3330701");
  ASSERT_NE(kdd, nullptr);
  EXPECT_EQ(kdd->stem, kdd->term);
  const Token* lancet = find_token(tokens, "10.1016/s0140-6736(20)30183-5");
  ASSERT_NE(lancet, nullptr);
  EXPECT_EQ(surface(text, *lancet), "10.1016/S0140-6736(20)30183-5");
}

TEST(AnalyzerTest, LookalikesAreNotIdentifiers) {
  Analyzer analyzer;
  EXPECT_EQ(main_terms(analyze(analyzer, "and/9901001")),
            (Terms{"and", "9901001"}));
  EXPECT_EQ(main_terms(analyze(analyzer, "10.12/345")), (Terms{"10.12", "345"}));
}

TEST(AnalyzerTest, StemsEnglishAndKeepsTheSurfaceForm) {
  Analyzer analyzer;
  const auto tokens = analyze(analyzer, "networks network learning");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].term, "networks");
  EXPECT_EQ(tokens[1].term, "network");
  EXPECT_EQ(tokens[0].stem, tokens[1].stem);
  EXPECT_EQ(tokens[0].stem, "network");
  EXPECT_EQ(tokens[2].stem, "learn");
}

TEST(AnalyzerTest, WordsWithDigitsAreNotStemmed) {
  Analyzer analyzer;
  const auto tokens = analyze(analyzer, "word2vecs 1990s");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].stem, "word2vecs");
  EXPECT_EQ(tokens[1].stem, "1990s");
}

TEST(AnalyzerTest, StemmerNoneKeepsTerms) {
  AnalyzerSettings settings;
  settings.stemmer = "none";
  Analyzer analyzer(settings);
  const auto tokens = analyze(analyzer, "networks learning");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].stem, "networks");
  EXPECT_EQ(tokens[1].stem, "learning");
  EXPECT_EQ(analyzer.stem("networks"), "networks");
}

TEST(AnalyzerTest, StemOfATermEqualsTheTokensStem) {
  Analyzer analyzer;
  EXPECT_EQ(analyzer.stem("networks"), "network");
  const auto tokens = analyze(
      analyzer, "Schölkopf's self-supervised GPT-4 networks 2403.12345 深度学习");
  ASSERT_FALSE(tokens.empty());
  for (const Token& t : tokens) EXPECT_EQ(analyzer.stem(t.term), t.stem) << t.term;
}

TEST(AnalyzerTest, StripsPossessives) {
  Analyzer analyzer;
  EXPECT_EQ(main_terms(analyze(analyzer, "Hopfield's network")),
            (Terms{"hopfield", "network"}));
  EXPECT_EQ(main_terms(analyze(analyzer, "Hopfield’s network")),
            (Terms{"hopfield", "network"}));
  EXPECT_EQ(main_terms(analyze(analyzer, "don’t O'Neil")),
            (Terms{"don't", "o'neil"}));
}

TEST(AnalyzerTest, BoundsLongWordsKeepingThemDistinct) {
  Analyzer analyzer;
  const std::string a(300, 'a');
  const std::string b = std::string(299, 'a') + "b";
  const auto ta = analyze(analyzer, a);
  const auto tb = analyze(analyzer, b);
  ASSERT_EQ(ta.size(), 1u);
  ASSERT_EQ(tb.size(), 1u);
  EXPECT_LE(ta[0].term.size(), kMaxTermBytes);
  EXPECT_LE(ta[0].stem.size(), kMaxTermBytes);
  EXPECT_LE(tb[0].term.size(), kMaxTermBytes);
  EXPECT_NE(ta[0].term, tb[0].term);
  EXPECT_EQ(ta[0].term.compare(0, 10, "aaaaaaaaaa"), 0);
  EXPECT_EQ(ta[0].end, 300u);
}

TEST(AnalyzerTest, BoundsLongJoinedHyphenatedForms) {
  Analyzer analyzer;
  std::string text = "x";
  for (int i = 0; i < 100; ++i) text += "-word";
  const auto tokens = analyze(analyzer, text);
  ASSERT_FALSE(alternatives(tokens).empty());
  for (const Token& t : tokens) {
    EXPECT_FALSE(t.term.empty());
    EXPECT_LE(t.term.size(), kMaxTermBytes);
  }
}

TEST(BoundTermTest, ShortTermsAreUnchanged) {
  EXPECT_EQ(bound_term("network", kMaxTermBytes), "network");
  EXPECT_EQ(bound_term(std::string(120, 'x'), 120), std::string(120, 'x'));
}

TEST(BoundTermTest, LongTermsAreCutAndHashed) {
  const std::string long_a(121, 'x');
  const std::string long_b = std::string(120, 'x') + "y";
  const std::string a = bound_term(long_a, 120);
  EXPECT_EQ(a.size(), 120u);
  EXPECT_EQ(a[111], '#');
  EXPECT_EQ(a, bound_term(long_a, 120));
  EXPECT_NE(a, bound_term(long_b, 120));
}

TEST(BoundTermTest, CutsOnACharacterBoundary) {
  std::string word;
  for (int i = 0; i < 100; ++i) word += "é";  // two bytes each
  const std::string bounded = bound_term(word, 20);
  ASSERT_LE(bounded.size(), 20u);
  const std::size_t hash = bounded.find('#');
  ASSERT_NE(hash, std::string::npos);
  EXPECT_EQ(hash % 2, 0u);  // whole "é"s before the hash
  EXPECT_EQ(bounded.substr(0, hash), word.substr(0, hash));
}

TEST(AnalyzerTest, OffsetsPointAtTheOriginalBytes) {
  Analyzer analyzer;
  const std::string text = "Über naïve 深度学习 GPT-4 self-supervised";
  const auto tokens = analyze(analyzer, text);
  EXPECT_EQ(surface(text, *find_token(tokens, "uber")), "Über");
  EXPECT_EQ(surface(text, *find_token(tokens, "ueber")), "Über");
  EXPECT_EQ(surface(text, *find_token(tokens, "naive")), "naïve");
  EXPECT_EQ(surface(text, *find_token(tokens, "gpt-4")), "GPT-4");
  EXPECT_EQ(surface(text, *find_token(tokens, "supervised")), "supervised");
  std::string cjk;
  for (const Token& t : tokens) {
    if (static_cast<unsigned char>(t.term[0]) >= 0xE0) cjk += surface(text, t);
  }
  EXPECT_EQ(cjk, "深度学习");
}

TEST(AnalyzerTest, OffsetsAfterLatexDecodingPointAtTheMarkup) {
  Analyzer analyzer;
  const std::string text =
      "Sch{\\\"o}lkopf on \\textit{kernels}, $\\alpha$-stable and na\\\"{\\i}ve";
  const auto tokens = analyze(analyzer, text);
  EXPECT_EQ(main_terms(tokens), (Terms{"scholkopf", "on", "kernels", "alpha",
                                       "stable", "and", "naive"}));
  EXPECT_EQ(surface(text, *find_token(tokens, "scholkopf")), "Sch{\\\"o}lkopf");
  EXPECT_EQ(surface(text, *find_token(tokens, "kernels")), "kernels");
  EXPECT_EQ(surface(text, *find_token(tokens, "alpha")), "\\alpha");
  EXPECT_EQ(surface(text, *find_token(tokens, "naive")), "na\\\"{\\i}ve");
  EXPECT_EQ(surface(text, *find_token(tokens, "alphastable")), "\\alpha$-stable");
}

TEST(AnalyzerTest, LatexDecodingCanBeTurnedOff) {
  AnalyzerSettings settings;
  settings.decode_latex = false;
  Analyzer analyzer(settings);
  EXPECT_EQ(main_terms(analyze(analyzer, "\\textit{kernels}")),
            (Terms{"textit", "kernels"}));
}

TEST(AnalyzerTest, InvalidUtf8IsASeparator) {
  Analyzer analyzer;
  const std::string text = "abc\xFF\xFE" "def \xC0\xAF ghi\xED\xA0\x80jkl \xE6\xB7";
  const auto tokens = analyze(analyzer, text);
  EXPECT_EQ(main_terms(tokens), (Terms{"abc", "def", "ghi", "jkl"}));
  EXPECT_EQ(surface(text, *find_token(tokens, "def")), "def");
  EXPECT_EQ(surface(text, *find_token(tokens, "jkl")), "jkl");
}

TEST(AnalyzerTest, ControlCharactersAndNulsAreSeparators) {
  Analyzer analyzer;
  const std::string text("one\x01two\0three\x7F" "four\xC2\x85" "five", 24);
  EXPECT_EQ(main_terms(analyze(analyzer, text)),
            (Terms{"one", "two", "three", "four", "five"}));
}

TEST(AnalyzerTest, AtSignSeparates) {
  Analyzer analyzer;
  EXPECT_EQ(main_terms(analyze(analyzer, "mail user@example.com")),
            (Terms{"mail", "user", "example.com"}));
}

TEST(AnalyzerTest, ArbitraryBytesNeverBreakTheInvariants) {
  Analyzer analyzer;
  std::mt19937 rng(1234);
  const std::string alphabet[] = {"a", "Z", "9", "-", ".", "/", "'", "\\",
                                  "{", "}", "$", "~", "\"", " ", "\xFF",
                                  "\xC3", "\xB6", "ö", "深", "\xE2\x80\x90",
                                  "10.1234/", "2403.", "hep-th/", "\\'",
                                  "\\textit{", std::string(1, '\0')};
  std::uniform_int_distribution<std::size_t> pick(0, std::size(alphabet) - 1);
  std::uniform_int_distribution<int> length(0, 40);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    for (int n = length(rng); n > 0; --n) text += alphabet[pick(rng)];
    std::vector<Token> out;
    const std::uint32_t end = analyzer.analyze(text, out, 5);
    for (const Token& t : out) {
      ASSERT_FALSE(t.term.empty());
      ASSERT_LE(t.term.size(), kMaxTermBytes);
      ASSERT_FALSE(t.stem.empty());
      ASSERT_LT(t.begin, t.end);
      ASSERT_LE(t.end, text.size());
      ASSERT_GE(t.position, 5u);
      ASSERT_LT(t.position, end);
    }
  }
}

TEST(AnalyzerTest, RejectsAnUnknownStemmer) {
  AnalyzerSettings settings;
  settings.stemmer = "klingon";
  EXPECT_THROW(Analyzer{settings}, std::invalid_argument);
}

TEST(AnalyzerSettingsTest, SerializesDefaults) {
  EXPECT_EQ(AnalyzerSettings{}.serialize(), "stemmer=english;fold=1;latex=1");
}

TEST(AnalyzerSettingsTest, ParseRoundTrips) {
  AnalyzerSettings settings;
  settings.stemmer = "none";
  settings.fold_diacritics = false;
  settings.decode_latex = false;
  AnalyzerSettings parsed;
  ASSERT_TRUE(AnalyzerSettings::parse(settings.serialize(), parsed));
  EXPECT_EQ(parsed.stemmer, "none");
  EXPECT_FALSE(parsed.fold_diacritics);
  EXPECT_FALSE(parsed.decode_latex);
  EXPECT_EQ(parsed.serialize(), settings.serialize());

  AnalyzerSettings french;
  french.stemmer = "french";
  ASSERT_TRUE(AnalyzerSettings::parse(french.serialize(), parsed));
  EXPECT_EQ(parsed.stemmer, "french");
  EXPECT_TRUE(parsed.fold_diacritics);
}

TEST(AnalyzerSettingsTest, ParseRejectsWhatItDoesNotKnow) {
  AnalyzerSettings out;
  out.stemmer = "sentinel";
  for (const char* bad :
       {"", "stemmer=english;fold=1;latex=1;colour=blue", "fold=2",
        "stemmer=klingon", "stemmer", "latex=yes", "stemmer=english;;fold=1",
        "stemmer=english;"}) {
    EXPECT_FALSE(AnalyzerSettings::parse(bad, out)) << bad;
  }
  EXPECT_EQ(out.stemmer, "sentinel");
}

TEST(AnalyzerTest, NormalizeKeyFoldsAWholeString) {
  Analyzer analyzer;
  EXPECT_EQ(analyzer.normalize_key(
                "Advances in Neural Information Processing Systems"),
            "advances in neural information processing systems");
  EXPECT_EQ(analyzer.normalize_key("  Proc. of the   ACM's\tKDD -- 2019 "),
            "proc of the acms kdd 2019");
  EXPECT_EQ(analyzer.normalize_key("Gr{\\\"o}bner Bases, Zürich"),
            "grobner bases zurich");
  EXPECT_EQ(analyzer.normalize_key("C++ Users"), "c++ users");
  EXPECT_EQ(analyzer.normalize_key("..."), "");
  EXPECT_EQ(analyzer.normalize_key("ＩＣＭＬ"), "icml");
}

TEST(AnalyzerTest, ConcurrentUseGivesIdenticalResults) {
  Analyzer analyzer;
  const std::vector<std::string> texts = {
      "Schölkopf's self-supervised GPT-4 networks, arXiv:2403.12345v2",
      "深度学习模型 自然言語処理の研究",
      "Sch{\\\"o}lkopf \\textit{kernels} $\\alpha$-stable -- 10.1145/3292500.3330701",
      "state-of-the-art hep-th/9901001 Hopfield’s don't \xFF bytes",
  };
  std::vector<std::vector<Token>> expected;
  for (const auto& t : texts) expected.push_back(analyze(analyzer, t));
  const std::string expected_key = analyzer.normalize_key("Zürich Proc.");

  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int id = 0; id < 4; ++id) {
    threads.emplace_back([&, id] {
      for (int round = 0; round < 200; ++round) {
        const std::size_t i = static_cast<std::size_t>(round + id) % texts.size();
        const auto got = analyze(analyzer, texts[i]);
        bool same = got.size() == expected[i].size();
        for (std::size_t k = 0; same && k < got.size(); ++k) {
          const Token& a = got[k];
          const Token& b = expected[i][k];
          same = a.term == b.term && a.stem == b.stem &&
                 a.position == b.position && a.begin == b.begin &&
                 a.end == b.end && a.alternative == b.alternative;
        }
        if (!same || analyzer.normalize_key("Zürich Proc.") != expected_key) {
          ++mismatches[id];
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int id = 0; id < 4; ++id) EXPECT_EQ(mismatches[id], 0) << "thread " << id;
}

TEST(AnalyzerTest, AnalyzersWithDifferentStemmersCoexistOnOneThread) {
  AnalyzerSettings none;
  none.stemmer = "none";
  Analyzer plain(none);
  Analyzer english;
  AnalyzerSettings french_settings;
  french_settings.stemmer = "french";
  Analyzer french(french_settings);
  EXPECT_EQ(english.stem("networks"), "network");
  EXPECT_EQ(plain.stem("networks"), "networks");
  EXPECT_EQ(french.stem("continuellement"), "continuel");
  EXPECT_EQ(english.stem("networks"), "network");
}

}  // namespace
}  // namespace quire::analysis
