// The parser: which tree each construct of docs/query-syntax.md reads as,
// and what it says about text it cannot read.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "query/lexer.h"
#include "query/query.h"
#include "query/values.h"

namespace {

using quire::DefaultOperator;
using quire::query::Field;
using quire::query::Node;
using quire::query::NodeKind;
using quire::query::ParsedQuery;
using quire::query::parse;
using quire::query::relax;
using quire::query::to_string;
namespace limits = quire::query::limits;

std::string tree(const std::string& text, DefaultOperator op = DefaultOperator::all) {
  return to_string(parse(text, op).root);
}

std::vector<std::string> warnings(const std::string& text) {
  return parse(text, DefaultOperator::all).warnings;
}

bool has_warning(const std::string& text, const std::string& part) {
  for (const std::string& w : warnings(text))
    if (w.find(part) != std::string::npos) return true;
  return false;
}

std::size_t count_leaves(const Node& node) {
  if (node.children.empty()) return node.kind == NodeKind::match_all ? 0 : 1;
  std::size_t n = 0;
  for (const Node& child : node.children) n += count_leaves(child);
  return n;
}

std::size_t depth(const Node& node) {
  std::size_t deepest = 0;
  for (const Node& child : node.children) deepest = std::max(deepest, depth(child));
  return deepest + 1;
}

// --- words and the default operator

TEST(Parse, WordsSideBySideAreAllRequiredAndRelaxable) {
  ParsedQuery q = parse("graph neural", DefaultOperator::all);
  EXPECT_EQ(to_string(q.root), "(and graph neural)");
  EXPECT_TRUE(q.relaxable);
  EXPECT_TRUE(q.warnings.empty());
  EXPECT_EQ(to_string(relax(q.root)), "(or graph neural)");
}

TEST(Parse, DefaultAnyNeedsOneWordAndIsNotRelaxable) {
  ParsedQuery q = parse("graph neural", DefaultOperator::any);
  EXPECT_EQ(to_string(q.root), "(or graph neural)");
  EXPECT_FALSE(q.relaxable);
}

TEST(Parse, OneWordIsNotRelaxable) {
  EXPECT_FALSE(parse("graph", DefaultOperator::all).relaxable);
  EXPECT_FALSE(parse("graph -survey", DefaultOperator::all).relaxable);
  EXPECT_FALSE(parse("+graph +neural", DefaultOperator::all).relaxable);
}

TEST(Parse, EmptyAndBlankQueriesMatchEverythingQuietly) {
  for (const char* text : {"", "   ", "\t\n"}) {
    ParsedQuery q = parse(text, DefaultOperator::all);
    EXPECT_EQ(q.root.kind, NodeKind::match_all) << text;
    EXPECT_TRUE(q.warnings.empty()) << text;
  }
}

TEST(Parse, LowerCaseOperatorsAreWords) {
  EXPECT_EQ(tree("war and peace"), "(and war and peace)");
  EXPECT_EQ(tree("this or that"), "(and this or that)");
  EXPECT_EQ(tree("not bad"), "(and not bad)");
}

// --- phrases

TEST(Parse, QuotedTextIsAPhrase) {
  EXPECT_EQ(tree("\"exact phrase\""), "\"exact phrase\"");
  EXPECT_EQ(tree("a \"b  c\" d"), "(and a \"b c\" d)");
}

TEST(Parse, TypographicQuotesMakePhrases) {
  EXPECT_EQ(tree("\xe2\x80\x9cgraph neural\xe2\x80\x9d"), "\"graph neural\"");
  EXPECT_EQ(tree("\xe2\x80\x9egraph neural\xe2\x80\x9c"), "\"graph neural\"");
}

TEST(Parse, EmptyPhraseIsLeftOut) {
  EXPECT_EQ(tree("a \"\" b"), "(and a b)");
  EXPECT_EQ(tree("a -\"\" b"), "(and a b)");
}

// --- operators and precedence

TEST(Parse, OrAndNot) {
  EXPECT_EQ(tree("a OR b"), "(or a b)");
  EXPECT_EQ(tree("a AND b"), "(and a b)");
  EXPECT_EQ(tree("a OR b OR c"), "(or a b c)");
  EXPECT_EQ(tree("NOT a"), "(not a)");
  EXPECT_EQ(tree("-a"), "(not a)");
  EXPECT_EQ(tree("a NOT b"), "(and a (not b))");
  EXPECT_EQ(tree("a -\"b c\""), "(and a (not \"b c\"))");
}

TEST(Parse, AndBindsTighterThanOrAndBothTighterThanSideBySide) {
  EXPECT_EQ(tree("a OR b AND c"), "(or a (and b c))");
  EXPECT_EQ(tree("a AND b OR c"), "(or (and a b) c)");
  EXPECT_EQ(tree("a b OR c d"), "(and a (or b c) d)");
  EXPECT_EQ(tree("NOT a OR b"), "(or (not a) b)");
}

TEST(Parse, ExplicitAndIsNotRelaxed) {
  ParsedQuery q = parse("a AND b", DefaultOperator::all);
  EXPECT_FALSE(q.relaxable);
  EXPECT_EQ(to_string(relax(q.root)), "(and a b)");
}

TEST(Parse, ParenthesesGroup) {
  EXPECT_EQ(tree("(a OR b) AND c"), "(and (or a b) c)");
  EXPECT_EQ(tree("-(a OR b) c"), "(and (not (or a b)) c)");
  EXPECT_EQ(tree("((a))"), "a");
  EXPECT_EQ(tree("a (b c)"), "(and a (and b c))");
}

TEST(Parse, RelaxingReadsEverySequenceAsAny) {
  ParsedQuery q = parse("a (b c) -d", DefaultOperator::all);
  EXPECT_EQ(to_string(relax(q.root)), "(and (or a (or b c)) (not d))");
}

TEST(Parse, PlusMarksRequiredWordsThatStayRequiredWhenRelaxed) {
  EXPECT_EQ(tree("+a b c"), "(and a b c)");
  EXPECT_EQ(tree("+a b c", DefaultOperator::any), "(and a (or b c))");
  ParsedQuery q = parse("+a b c -d", DefaultOperator::all);
  EXPECT_TRUE(q.relaxable);
  EXPECT_EQ(to_string(relax(q.root)), "(and a (or b c) (not d))");
}

// Relaxing a group must keep the '+' typed before it.
TEST(Parse, RelaxingKeepsAPlusOnAGroup) {
  ParsedQuery q = parse("+(a b) c d", DefaultOperator::all);
  EXPECT_EQ(to_string(relax(q.root)), "(and (or a b) (or c d))");
}

TEST(Parse, DoubleNegationCancels) {
  EXPECT_EQ(tree("NOT -a"), "a");
  EXPECT_EQ(tree("--a"), "a");
}

TEST(Parse, SignsMustTouchWhatTheyApplyTo) {
  EXPECT_EQ(tree("a - b"), "(and a b)");
  EXPECT_TRUE(has_warning("a - b", "stray '-'"));
  EXPECT_EQ(tree("self-supervised"), "self-supervised");
  EXPECT_EQ(tree("C++"), "C++");
}

// --- fields

TEST(Parse, FieldsApplyToAWordAPhraseOrAGroup) {
  EXPECT_EQ(tree("title:graph"), "title:graph");
  EXPECT_EQ(tree("abstract:graph"), "abstract:graph");
  EXPECT_EQ(tree("author:\"Julia Kempe\""), "author:\"Julia Kempe\"");
  EXPECT_EQ(tree("title:(graph neural)"), "(and title:graph title:neural)");
  EXPECT_EQ(tree("title:(graph OR \"neural net\")"), "(or title:graph title:\"neural net\")");
  EXPECT_EQ(tree("venue:NeurIPS"), "venue:NeurIPS");
  EXPECT_EQ(tree("id:2403.12345v2"), "id:2403.12345v2");
}

TEST(Parse, FieldNamesIgnoreCaseAndHaveAliases) {
  EXPECT_EQ(tree("Title:x"), "title:x");
  EXPECT_EQ(tree("TITLE:x"), "title:x");
  EXPECT_EQ(tree("cat:cs.LG"), "cat:cs.LG");
  EXPECT_EQ(tree("category:cs.LG"), "cat:cs.LG");
  EXPECT_EQ(tree("year:2024"), tree("date:2024"));
}

TEST(Parse, InnerFieldOverridesOuter) {
  EXPECT_EQ(tree("title:(graph author:kempe)"), "(and title:graph author:kempe)");
}

TEST(Parse, FieldCombinesWithSigns) {
  EXPECT_EQ(tree("-title:survey"), "(not title:survey)");
  EXPECT_EQ(tree("title:-survey"), "(not title:survey)");
  EXPECT_EQ(tree("NOT author:(kempe OR hinton)"), "(not (or author:kempe author:hinton))");
}

TEST(Parse, AColonAfterAnotherWordIsText) {
  EXPECT_EQ(tree("BERT: pretraining"), "(and BERT: pretraining)");
  EXPECT_EQ(tree("foo:bar"), "foo:bar");
}

TEST(Parse, FieldWithNothingDirectlyAfterItIsIgnored) {
  EXPECT_EQ(tree("title: graph"), "graph");
  EXPECT_TRUE(has_warning("title: graph", "nothing directly after 'title:'"));
  EXPECT_EQ(tree("graph title:"), "graph");
  EXPECT_TRUE(has_warning("graph title:", "nothing directly after 'title:'"));
  EXPECT_EQ(tree("title:()"), "(all papers)");
}

TEST(Parse, MetadataFiltersStayRequiredWithAnyAndWhenRelaxed) {
  EXPECT_EQ(tree("graph neural year:2024", DefaultOperator::any),
            "(and date:20240000..20249999 (or graph neural))");
  EXPECT_EQ(tree("graph (cat:cs OR venue:ICML)", DefaultOperator::any),
            "(and (or cat:cs venue:ICML) graph)");
  ParsedQuery q = parse("graph cat:cs", DefaultOperator::all);
  EXPECT_FALSE(q.relaxable);
}

// --- prefixes

TEST(Parse, TrailingStarIsAPrefix) {
  EXPECT_EQ(tree("transform*"), "transform*");
  EXPECT_EQ(tree("transform**"), "transform*");
  EXPECT_EQ(tree("title:transf*"), "title:transf*");
  EXPECT_EQ(tree("cat:cs.c*"), "cat:cs.c*");
  EXPECT_EQ(tree("trans*former"), "trans*former");
  EXPECT_EQ(tree("*"), "(all papers)");
}

TEST(Parse, PrefixesPastTheLimitBecomeWords) {
  std::string text;
  for (std::size_t i = 0; i < limits::kMaxPrefixes + 2; ++i) text += "pre" + std::to_string(i) + "* ";
  ParsedQuery q = parse(text, DefaultOperator::any);
  std::string printed = to_string(q.root);
  EXPECT_EQ(std::count(printed.begin(), printed.end(), '*'),
            static_cast<std::ptrdiff_t>(limits::kMaxPrefixes));
  EXPECT_TRUE(has_warning(text, "prefix searches"));
}

// --- dates

TEST(Parse, YearsDatesAndRanges) {
  EXPECT_EQ(tree("year:2024"), "date:20240000..20249999");
  EXPECT_EQ(tree("date:2024-03"), "date:20240300..20240399");
  EXPECT_EQ(tree("date:2024-03-05"), "date:20240305..20240305");
  EXPECT_EQ(tree("year:2020..2024"), "date:20200000..20249999");
  EXPECT_EQ(tree("year:2020-2024"), "date:20200000..20249999");
  EXPECT_EQ(tree("date:2024-03..2024-06"), "date:20240300..20240699");
  EXPECT_EQ(tree("year:2021.."), "date:20210000..");
  EXPECT_EQ(tree("year:..2020"), "date:..20209999");
  EXPECT_EQ(tree("year:>=2021"), "date:20210000..");
  EXPECT_EQ(tree("year:>2021"), "date:20220000..");
  EXPECT_EQ(tree("year:<=2020"), "date:..20209999");
  EXPECT_EQ(tree("year:<2020"), "date:..20199999");
  EXPECT_EQ(tree("date:>2024-03"), "date:20240400..");
  // A paper dated only 2024-03 (stored 20240300) is before 2024-03-01.
  EXPECT_EQ(tree("date:<2024-03-01"), "date:..20240300");
}

TEST(Parse, ReversedRangeIsReadLowToHigh) {
  EXPECT_EQ(tree("year:2024..2020"), "date:20200000..20249999");
  EXPECT_TRUE(has_warning("year:2024..2020", "low to high"));
}

TEST(Parse, BadDateIsSearchedAsWords) {
  for (const char* text : {"year:recent", "year:20245", "date:2024-13", "year:..", "year:>"}) {
    ParsedQuery q = parse(text, DefaultOperator::all);
    EXPECT_NE(q.root.kind, NodeKind::range) << text;
    EXPECT_FALSE(q.warnings.empty()) << text;
  }
  EXPECT_EQ(tree("year:recent"), "recent");
}

// --- ids

TEST(Parse, IdsTypedAsWordsAreLookups) {
  EXPECT_EQ(tree("2403.12345"), "(lookup 2403.12345)");
  EXPECT_EQ(tree("2403.12345v2"), "(lookup 2403.12345v2)");
  EXPECT_EQ(tree("hep-th/9901001"), "(lookup hep-th/9901001)");
  EXPECT_EQ(tree("arXiv:2403.12345"), "(lookup 2403.12345)");
  EXPECT_EQ(tree("https://arxiv.org/abs/2403.12345v3"), "(lookup 2403.12345v3)");
  EXPECT_EQ(tree("10.1145/3292500.3330701"), "(lookup 10.1145/3292500.3330701)");
  EXPECT_EQ(tree("doi:10.1145/3292500.3330701"), "(lookup 10.1145/3292500.3330701)");
  EXPECT_EQ(tree("https://doi.org/10.1145/3292500.3330701"), "(lookup 10.1145/3292500.3330701)");
  // Inside a field or a phrase an id is just text of that field.
  EXPECT_EQ(tree("title:2403.12345"), "title:2403.12345");
  EXPECT_EQ(tree("\"2403.12345\""), "\"2403.12345\"");
  EXPECT_EQ(tree("2403"), "2403");
}

// --- malformed input: each class gives the words it contains and a warning

TEST(Parse, UnbalancedQuoteIsIgnored) {
  ParsedQuery q = parse("\"graph neural", DefaultOperator::all);
  EXPECT_EQ(to_string(q.root), "(and graph neural)");
  EXPECT_EQ(q.warnings, std::vector<std::string>{"unbalanced quote ignored"});
  EXPECT_EQ(tree("\"a b\" \"c d"), "(and \"a b\" c d)");
}

TEST(Parse, UnbalancedParentheses) {
  EXPECT_EQ(tree("(a OR b"), "(or a b)");
  EXPECT_TRUE(has_warning("(a OR b", "')' added at the end"));
  EXPECT_EQ(tree("a OR b)"), "(or a b)");
  EXPECT_TRUE(has_warning("a OR b)", "unmatched ')' ignored"));
  EXPECT_EQ(tree(")))a((("), "a");
}

TEST(Parse, OperatorsWithoutOperands) {
  EXPECT_EQ(tree("a AND"), "a");
  EXPECT_TRUE(has_warning("a AND", "'AND' with nothing after it"));
  EXPECT_EQ(tree("OR b"), "b");
  EXPECT_TRUE(has_warning("OR b", "'OR' with nothing before it"));
  EXPECT_EQ(tree("a OR OR b"), "(or a b)");
  EXPECT_EQ(tree("a NOT"), "a");
  EXPECT_TRUE(has_warning("a NOT", "'NOT' with nothing after it"));
  EXPECT_EQ(tree("AND OR NOT"), "(all papers)");
  EXPECT_EQ(tree("(a AND) b"), "(and a b)");
}

TEST(Parse, NothingSearchableAfterAnOperatorTakesTheOperatorAlong) {
  // The sign must not jump to the next word.
  EXPECT_EQ(tree("-!!! b"), "b");
  EXPECT_EQ(tree("NOT ... b"), "b");
  EXPECT_EQ(tree("title:!!! b"), "b");
}

TEST(Parse, StraySyntaxCharacters) {
  EXPECT_EQ(tree("a : b"), "(and a b)");
  EXPECT_TRUE(has_warning("a : b", "stray ':'"));
  EXPECT_EQ(tree(": * - +"), "(all papers)");
}

TEST(Parse, ControlCharactersSeparateWords) {
  ParsedQuery q = parse(std::string("graph\x01neural\x7f" "net\0work", 22), DefaultOperator::all);
  EXPECT_EQ(to_string(q.root), "(and graph neural net work)");
  EXPECT_TRUE(std::find(q.warnings.begin(), q.warnings.end(), "control characters ignored") !=
              q.warnings.end());
  // Tabs and newlines are ordinary spaces.
  EXPECT_TRUE(warnings("graph\tneural\nnet").empty());
}

TEST(Parse, UnicodeSpacesSeparateWords) {
  EXPECT_EQ(tree("graph\xc2\xa0neural\xe3\x80\x80net"), "(and graph neural net)");
}

TEST(Parse, InvalidUtf8IsShownReplaced) {
  ParsedQuery q = parse("\xff\xfe abc\xc3", DefaultOperator::all);
  EXPECT_EQ(to_string(q.root), "(and \xef\xbf\xbd\xef\xbf\xbd abc\xef\xbf\xbd)");
}

TEST(Parse, LongQueriesAreCut) {
  ParsedQuery q = parse(std::string(10000, 'x'), DefaultOperator::all);
  EXPECT_EQ(q.root.kind, NodeKind::word);
  EXPECT_EQ(q.root.text.size(), limits::kMaxQueryBytes);
  EXPECT_TRUE(has_warning(std::string(10000, 'x'), "cut to its first 4096 bytes"));
  // Never inside a character.
  std::string accents;
  while (accents.size() < 2 * limits::kMaxQueryBytes) accents += "\xc3\xa9";
  ParsedQuery cut = parse("x" + accents, DefaultOperator::all);
  EXPECT_EQ(cut.root.text.size(), limits::kMaxQueryBytes - 1);
}

TEST(Parse, ClausesPastTheLimitAreDropped) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "w" + std::to_string(i) + " ";
  ParsedQuery q = parse(text, DefaultOperator::all);
  EXPECT_EQ(count_leaves(q.root), limits::kMaxClauses);
  EXPECT_TRUE(has_warning(text, "only the first 64"));
}

TEST(Parse, DeepNestingIsFlattened) {
  std::string text = std::string(1000, '(') + "a b" + std::string(1000, ')') + " c";
  ParsedQuery q = parse(text, DefaultOperator::all);
  EXPECT_LE(depth(q.root), limits::kMaxDepth + 2);
  EXPECT_TRUE(has_warning(text, "nested deeper than 16"));
  // Every word is still there, and the closing parentheses of the ignored
  // ones were not taken for stray ones.
  EXPECT_EQ(count_leaves(q.root), 3u);
  EXPECT_FALSE(has_warning(text, "unmatched"));
}

TEST(Parse, LongChainsOfSignsStayShallow) {
  std::string text = std::string(3000, '-') + "a";
  ParsedQuery q = parse(text, DefaultOperator::all);
  EXPECT_LE(depth(q.root), 2u);
  std::string nots;
  for (int i = 0; i < 1000; ++i) nots += "NOT ";
  EXPECT_EQ(tree(nots + "a"), "a");
  std::string fields;
  for (int i = 0; i < 500; ++i) fields += "title:";
  EXPECT_EQ(tree(fields + "a"), "title:a");
}

TEST(Parse, WarningsAreNotRepeated) {
  std::vector<std::string> w = warnings("a - b - c - d");
  EXPECT_EQ(std::count(w.begin(), w.end(), "stray '-' ignored"), 1);
}

TEST(Parse, NothingSearchableMatchesEverythingWithAWarning) {
  ParsedQuery q = parse("!!! ...", DefaultOperator::all);
  EXPECT_EQ(q.root.kind, NodeKind::match_all);
  EXPECT_TRUE(has_warning("!!! ...", "nothing to search for"));
}

// --- pieces

TEST(Values, DateRangeBoundsCoverWholeYearsAndMonths) {
  auto r = quire::query::detail::parse_date_range("2020..2024-02");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->low, "20200000");
  EXPECT_EQ(r->high, "20240299");
  EXPECT_FALSE(quire::query::detail::parse_date_range("<0000"));
  EXPECT_FALSE(quire::query::detail::parse_date_range(">9999-12-99"));
}

TEST(Values, IdCandidates) {
  using quire::query::detail::id_candidates;
  EXPECT_EQ(id_candidates("2403.12345v2"),
            (std::vector<std::string>{"2403.12345v2", "2403.12345"}));
  EXPECT_EQ(id_candidates("arXiv:2403.12345"),
            (std::vector<std::string>{"arXiv:2403.12345", "2403.12345", "arxiv:2403.12345"}));
  EXPECT_EQ(id_candidates("10.1145/ABC.1"),
            (std::vector<std::string>{"10.1145/ABC.1", "10.1145/abc.1"}));
  EXPECT_EQ(id_candidates("A00-1001"), (std::vector<std::string>{"A00-1001", "a00-1001"}));
}

TEST(Values, IdentifierMustBeTheWholeWord) {
  using quire::query::detail::identifier_in;
  EXPECT_EQ(identifier_in("2403.12345"), "2403.12345");
  EXPECT_EQ(identifier_in("arxiv.org/pdf/2403.12345v1.pdf"), "2403.12345v1");
  EXPECT_EQ(identifier_in("2403.12345,"), "");
  EXPECT_EQ(identifier_in("see2403.12345"), "");
  EXPECT_EQ(identifier_in("arXiv:"), "");
}

TEST(Lexer, Tokens) {
  using quire::query::detail::lex;
  using quire::query::detail::TokenKind;
  std::vector<std::string> w;
  auto tokens = lex("-title:(a* OR \"b c\") +d", w);
  std::vector<TokenKind> kinds;
  for (const auto& t : tokens) kinds.push_back(t.kind);
  EXPECT_EQ(kinds, (std::vector<TokenKind>{TokenKind::minus, TokenKind::field, TokenKind::open,
                                           TokenKind::prefix, TokenKind::op_or,
                                           TokenKind::phrase, TokenKind::close, TokenKind::plus,
                                           TokenKind::word}));
  EXPECT_EQ(tokens[1].field, Field::title);
  EXPECT_EQ(tokens[3].text, "a");
  EXPECT_EQ(tokens[5].text, "b c");
  EXPECT_TRUE(w.empty());
}

TEST(Printable, ReplacesWhatCannotBeShownAndCutsLongText) {
  using quire::query::detail::printable;
  EXPECT_EQ(printable("ok \xc3\xa9"), "ok \xc3\xa9");
  EXPECT_EQ(printable("a\x01" "b"), "a\xef\xbf\xbd" "b");
  EXPECT_EQ(printable("\xed\xa0\x80"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
  EXPECT_EQ(printable(std::string(100, 'x'), 10), std::string(10, 'x') + "\xe2\x80\xa6");
}

}  // namespace

namespace {

TEST(ParsePlain, EveryCharacterIsTextAndWordsStaySideBySide) {
  const ParsedQuery any =
      quire::query::parse_plain("  \"graph\" -neural OR title:x* (y)\t", DefaultOperator::any);
  EXPECT_EQ(quire::query::to_string(any.root), "(or \"graph\" -neural OR title:x* (y))");
  ASSERT_EQ(any.root.kind, NodeKind::any_of);
  EXPECT_TRUE(any.root.implicit) << "optional words, not an explicit OR";
  for (const Node& word : any.root.children) {
    EXPECT_EQ(word.kind, NodeKind::word);
    EXPECT_EQ(word.field, Field::any);
  }
  EXPECT_TRUE(any.warnings.empty());

  const ParsedQuery all = quire::query::parse_plain("a b", DefaultOperator::all);
  EXPECT_EQ(all.root.kind, NodeKind::all_of);
  EXPECT_TRUE(all.relaxable);
  EXPECT_EQ(quire::query::parse_plain(" \t ", DefaultOperator::all).root.kind, NodeKind::match_all);
}

TEST(ParsePlain, KeepsTheLimitsOfTheQueryLanguage) {
  std::string many;
  for (int i = 0; i < 100; ++i) many += "w" + std::to_string(i) + " ";
  const ParsedQuery words = quire::query::parse_plain(many, DefaultOperator::any);
  EXPECT_EQ(words.root.children.size(), quire::query::limits::kMaxClauses);
  ASSERT_EQ(words.warnings.size(), 1u);
  EXPECT_NE(words.warnings[0].find("first 64 words"), std::string::npos) << words.warnings[0];

  const ParsedQuery cut =
      quire::query::parse_plain(std::string(5000, 'x'), DefaultOperator::any);
  ASSERT_FALSE(cut.warnings.empty());
  EXPECT_NE(cut.warnings[0].find("4096 bytes"), std::string::npos) << cut.warnings[0];
  EXPECT_EQ(cut.root.text.size(), quire::query::limits::kMaxQueryBytes);
}

}  // namespace
