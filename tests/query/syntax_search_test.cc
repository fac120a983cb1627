// Each construct of docs/query-syntax.md run against a small index through
// Index::search, checking which papers it finds.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "query/query.h"
#include "quire/quire.h"
#include "support/test_support.h"

namespace {

using quire::testing::TempDir;
using Ids = std::set<std::string>;

using quire::testing::make_paper;

class Syntax : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    index_ = new quire::Index(quire::Index::open(dir_->path()));
    const std::vector<quire::Paper> papers = {
        make_paper("2403.00001", "Graph Neural Networks for Molecules",
                   "Message passing predicts chemical properties.", {"Julia Kempe", "Alan Turing"},
                   {"cs.LG", "stat.ML"}, "2024-03-05", "NeurIPS"),
        make_paper("2403.00002", "Transformers for Translation",
                   "Attention replaces recurrence; a graph of tokens is not used.",
                   {"Kempe, Julia"}, {"cs.CL"}, "2024-03", "ICML"),
        make_paper("2106.00003", "A Survey of Kernel Methods",
                   "Kernel machines and graph kernels are reviewed; transformation of features.",
                   {"J. Kempe", "Ada Lovelace"}, {"stat.ML"}, "2021-06-01",
                   "Advances in Neural Information Processing Systems"),
        make_paper("hep-th/9901001", "Strings and Branes",
                   "Dualities in string theory. See also 2403.00001 and 2403.00001v2 and "
                   "2403.00001 again.",
                   {"Edward Witten"}, {"hep-th"}, "1999"),
        make_paper("2403.00005", "Neural Fields",
                   "Julia sets rendered by neural fields; Kempe's method.",
                   {"Julia Roberts", "Max Kempe"}, {"cs.GR"}, "2024", "SIGGRAPH"),
        make_paper("10.1145/3292500.3330701", "Applied Data Mining at Scale",
                   "Graph mining in industry.", {"Grace Hopper"}, {"cs.DB"}, "2019-08-04", "KDD"),
    };
    for (const auto& p : papers) index_->add(p);
    index_->commit();
  }
  static void TearDownTestSuite() {
    delete index_;
    delete dir_;
  }

  static quire::SearchResults run(const std::string& query,
                                  quire::DefaultOperator op = quire::DefaultOperator::all,
                                  quire::QuerySyntax syntax = quire::QuerySyntax::full) {
    quire::SearchRequest request;
    request.query = query;
    request.default_operator = op;
    request.syntax = syntax;
    request.limit = 100;
    request.explain = true;
    return index_->search(request);
  }

  static Ids ids(const std::string& query,
                 quire::DefaultOperator op = quire::DefaultOperator::all) {
    Ids out;
    for (const auto& hit : run(query, op).hits) out.insert(hit.id);
    return out;
  }

  static Ids all_but(const Ids& excluded) {
    Ids out = {"2403.00001", "2403.00002", "2106.00003", "hep-th/9901001", "2403.00005",
               "10.1145/3292500.3330701"};
    for (const auto& id : excluded) out.erase(id);
    return out;
  }

  static TempDir* dir_;
  static quire::Index* index_;
};

TempDir* Syntax::dir_ = nullptr;
quire::Index* Syntax::index_ = nullptr;

TEST_F(Syntax, WordsAreAllRequiredAndRelaxedWhenNothingHasAll) {
  EXPECT_EQ(ids("graph molecules"), Ids{"2403.00001"});
  quire::SearchResults relaxed = run("molecules translation");
  EXPECT_TRUE(relaxed.relaxed);
  EXPECT_EQ(relaxed.total, 2u);
  EXPECT_EQ(relaxed.explanation, "(or molecules translation)");
}

TEST_F(Syntax, DefaultAnyNeedsOneWord) {
  quire::SearchResults r = run("molecules translation", quire::DefaultOperator::any);
  EXPECT_FALSE(r.relaxed);
  EXPECT_EQ(r.total, 2u);
}

TEST_F(Syntax, OrAndNotAndPrecedence) {
  EXPECT_EQ(ids("molecules OR branes"), (Ids{"2403.00001", "hep-th/9901001"}));
  EXPECT_EQ(ids("graph AND kernel"), Ids{"2106.00003"});
  EXPECT_EQ(ids("graph -kernel"), (Ids{"2403.00001", "2403.00002", "10.1145/3292500.3330701"}));
  EXPECT_EQ(ids("graph NOT kernel"), ids("graph -kernel"));
  // AND binds tighter: branes OR (graph AND kernel).
  EXPECT_EQ(ids("branes OR graph AND kernel"), (Ids{"hep-th/9901001", "2106.00003"}));
  EXPECT_EQ(ids("(branes OR graph) AND kernel"), Ids{"2106.00003"});
}

TEST_F(Syntax, ExclusionAloneIsEveryPaperExceptThose) {
  EXPECT_EQ(ids("-graph"), all_but({"2403.00001", "2403.00002", "2106.00003",
                                    "10.1145/3292500.3330701"}));
  EXPECT_EQ(ids("NOT graph"), ids("-graph"));
  EXPECT_EQ(ids("-graph -neural"), Ids{"hep-th/9901001"});
}

TEST_F(Syntax, PlainTextHasNoSyntax) {
  using quire::DefaultOperator;
  using quire::QuerySyntax;
  auto plain = [](const std::string& text, DefaultOperator op = DefaultOperator::all) {
    Ids out;
    for (const auto& hit : run(text, op, QuerySyntax::plain).hits) out.insert(hit.id);
    return out;
  };
  // Each of these is syntax in the query language and a word here.
  EXPECT_EQ(plain("-graph molecules"), Ids{"2403.00001"});
  // OR is a word, required like the others: no paper has all three.
  EXPECT_TRUE(run("graph OR branes", DefaultOperator::all, QuerySyntax::plain).relaxed);
  EXPECT_EQ(plain("graph OR branes", DefaultOperator::any),
            (Ids{"2403.00001", "2403.00002", "2106.00003", "hep-th/9901001",
                 "10.1145/3292500.3330701"}));
  EXPECT_EQ(plain("title: Strings"), Ids{"hep-th/9901001"}) << "relaxed: no paper has 'title'";
  EXPECT_EQ(plain("(Strings) \"branes"), Ids{"hep-th/9901001"});
  EXPECT_FALSE(ids("kern*").empty());
  EXPECT_EQ(plain("kern*"), Ids{}) << "no prefix search: the word kern is nowhere";
  const quire::SearchResults r = run("graph -kernel", DefaultOperator::all, QuerySyntax::plain);
  EXPECT_EQ(r.explanation, "(and graph -kernel)");
  EXPECT_TRUE(run("  ", DefaultOperator::all, QuerySyntax::plain).warnings.empty());
}

TEST_F(Syntax, AnyQueriesLeaveOutCommonWordsUnlessThereIsNothingElse) {
  using quire::DefaultOperator;
  // "the" and "of" are in nearly every abstract; they must not find papers
  // that have none of the other words.
  EXPECT_EQ(ids("the survey of kernels", DefaultOperator::any), Ids{"2106.00003"});
  EXPECT_FALSE(ids("of the", DefaultOperator::any).empty());
  // The option turned off, the common words count like any other.
  quire::SearchRequest request;
  request.query = "the survey of kernels";
  request.default_operator = DefaultOperator::any;
  request.ranking.skip_common_words = false;
  request.limit = 100;
  EXPECT_GT(index_->search(request).total, 1u);
}

TEST_F(Syntax, AnyQueriesMatchAHyphenatedWordByItsParts) {
  using quire::DefaultOperator;
  // As a required word, "graph-kernels" is the phrase; as an optional one,
  // a paper with only one of its parts is still found, the phrase first.
  EXPECT_EQ(ids("graph-kernels"), Ids{"2106.00003"});
  const quire::SearchResults r = run("graph-kernels", DefaultOperator::any);
  EXPECT_EQ(r.total, 4u);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits.front().id, "2106.00003");
}

TEST_F(Syntax, PhrasesAreExactAndInOrder) {
  EXPECT_EQ(ids("\"graph neural networks\""), Ids{"2403.00001"});
  EXPECT_TRUE(ids("\"networks neural graph\"").empty());
}

TEST_F(Syntax, TitleAndAbstractFields) {
  // "graph" is in the title of one paper and the abstract of three.
  EXPECT_EQ(ids("title:graph"), Ids{"2403.00001"});
  EXPECT_EQ(ids("abstract:graph"),
            (Ids{"2403.00002", "2106.00003", "10.1145/3292500.3330701"}));
  EXPECT_EQ(ids("title:(graph molecules)"), Ids{"2403.00001"});
  EXPECT_EQ(ids("title:\"neural networks\""), Ids{"2403.00001"});
  EXPECT_TRUE(ids("abstract:\"neural networks\"").empty());
}

TEST_F(Syntax, AuthorWordAndNameInAnySpelling) {
  EXPECT_EQ(ids("author:turing"), Ids{"2403.00001"});
  // "Julia" and "Kempe" are in the abstract of 2403.00005 and in two
  // different authors' names there: neither is this author.
  EXPECT_EQ(ids("author:\"Julia Kempe\""), (Ids{"2403.00001", "2403.00002", "2106.00003"}));
  EXPECT_EQ(ids("author:\"J. Kempe\""), (Ids{"2403.00001", "2403.00002", "2106.00003"}));
  EXPECT_EQ(ids("author:\"Kempe\""), (Ids{"2403.00001", "2403.00002", "2106.00003", "2403.00005"}));
  // Unfielded, the words are found anywhere.
  EXPECT_TRUE(ids("julia kempe").count("2403.00005"));
}

TEST_F(Syntax, Categories) {
  EXPECT_EQ(ids("cat:cs.LG"), Ids{"2403.00001"});
  EXPECT_EQ(ids("cat:CS.lg"), Ids{"2403.00001"});
  EXPECT_EQ(ids("category:stat.ML"), (Ids{"2403.00001", "2106.00003"}));
  EXPECT_EQ(ids("cat:cs"), (Ids{"2403.00001", "2403.00002", "2403.00005",
                                "10.1145/3292500.3330701"}));
  EXPECT_EQ(ids("cat:hep-th"), Ids{"hep-th/9901001"});
  EXPECT_EQ(ids("cat:cs.c*"), (Ids{"2403.00002"}));
  EXPECT_EQ(ids("graph -cat:cs"), Ids{"2106.00003"});
}

TEST_F(Syntax, Venues) {
  EXPECT_EQ(ids("venue:neurips"), Ids{"2403.00001"});
  EXPECT_EQ(ids("venue:\"advances in neural information processing systems\""),
            Ids{"2106.00003"});
  EXPECT_EQ(ids("venue:(ICML OR KDD)"), (Ids{"2403.00002", "10.1145/3292500.3330701"}));
  EXPECT_EQ(ids("venue:adv*"), Ids{"2106.00003"});
}

TEST_F(Syntax, IdField) {
  EXPECT_EQ(ids("id:2403.00002"), Ids{"2403.00002"});
  EXPECT_EQ(ids("id:2403.00002v3"), Ids{"2403.00002"});
  EXPECT_EQ(ids("id:arXiv:2403.00002"), Ids{"2403.00002"});
  EXPECT_EQ(ids("id:hep-th/9901001"), Ids{"hep-th/9901001"});
  EXPECT_EQ(ids("id:2403.*"), (Ids{"2403.00001", "2403.00002", "2403.00005"}));
}

TEST_F(Syntax, AnIdTypedAloneFindsThatPaperFirst) {
  // hep-th/9901001 names 2403.00001 three times in its abstract, but the
  // paper with that id ranks first.
  for (const char* text : {"2403.00001", "2403.00001v2", "arXiv:2403.00001",
                           "https://arxiv.org/abs/2403.00001v1"}) {
    quire::SearchResults r = run(text);
    ASSERT_EQ(r.hits.size(), 2u) << text;
    EXPECT_EQ(r.hits[0].id, "2403.00001") << text;
    EXPECT_EQ(r.hits[1].id, "hep-th/9901001") << text;
    EXPECT_GE(r.hits[0].score, quire::query::kIdMatchWeight) << text;
  }
  quire::SearchResults old_style = run("hep-th/9901001");
  ASSERT_FALSE(old_style.hits.empty());
  EXPECT_EQ(old_style.hits[0].id, "hep-th/9901001");
  quire::SearchResults doi = run("doi:10.1145/3292500.3330701");
  ASSERT_FALSE(doi.hits.empty());
  EXPECT_EQ(doi.hits[0].id, "10.1145/3292500.3330701");
  // An excluded id excludes the paper and the papers that name it.
  EXPECT_EQ(ids("-2403.00001"), all_but({"2403.00001", "hep-th/9901001"}));
}

TEST_F(Syntax, YearsAndDateRanges) {
  EXPECT_EQ(ids("year:2024"), (Ids{"2403.00001", "2403.00002", "2403.00005"}));
  // 2403.00005 is dated only 2024: not in any month.
  EXPECT_EQ(ids("date:2024-03"), (Ids{"2403.00001", "2403.00002"}));
  EXPECT_EQ(ids("date:2024-03-05"), Ids{"2403.00001"});
  EXPECT_EQ(ids("year:2019..2021"), (Ids{"2106.00003", "10.1145/3292500.3330701"}));
  EXPECT_EQ(ids("year:..2000"), Ids{"hep-th/9901001"});
  EXPECT_EQ(ids("year:<2021"), (Ids{"hep-th/9901001", "10.1145/3292500.3330701"}));
  EXPECT_EQ(ids("year:>2021"), (Ids{"2403.00001", "2403.00002", "2403.00005"}));
  EXPECT_EQ(ids("year:>=2021"), (Ids{"2403.00001", "2403.00002", "2403.00005", "2106.00003"}));
  // Stored as 20240000, a paper dated only 2024 is before 2024-02 ends.
  EXPECT_EQ(ids("date:2021-06..2024-02"), (Ids{"2106.00003", "2403.00005"}));
  EXPECT_EQ(ids("date:2024-03-05.."), Ids{"2403.00001"});
  EXPECT_EQ(ids("year:2024 -date:2024-03"), Ids{"2403.00005"});
  EXPECT_EQ(ids("graph year:2024"), (Ids{"2403.00001", "2403.00002"}));
}

TEST_F(Syntax, RelaxingKeepsFiltersRequired) {
  quire::SearchResults r = run("molecules translation year:2021");
  // Nothing from 2021 has either word: relaxing must not drop the year.
  EXPECT_EQ(r.total, 0u);
  quire::SearchResults s = run("kernel branes cat:stat.ML");
  EXPECT_TRUE(s.relaxed);
  EXPECT_EQ(s.hits.size(), 1u);
  EXPECT_EQ(s.hits[0].id, "2106.00003");
}

TEST_F(Syntax, PrefixesMatchWordsAsWritten) {
  EXPECT_EQ(ids("transform*"), (Ids{"2403.00002", "2106.00003"}));
  EXPECT_EQ(ids("title:transform*"), Ids{"2403.00002"});
  EXPECT_EQ(ids("author:kem*"), (Ids{"2403.00001", "2403.00002", "2106.00003", "2403.00005"}));
  // The words a prefix expanded to are highlighted.
  quire::SearchResults r = run("transf*");
  EXPECT_TRUE(r.warnings.empty());
  bool seen = false;
  for (const auto& hit : r.hits) {
    if (hit.id != "2106.00003") continue;
    seen = true;
    EXPECT_NE(hit.snippet.find("<b>transformation</b>"), std::string::npos) << hit.snippet;
  }
  EXPECT_TRUE(seen);
}

TEST_F(Syntax, ShortPrefixIsAWord) {
  quire::SearchResults r = run("a*");
  EXPECT_FALSE(r.warnings.empty());
  EXPECT_EQ(r.explanation, "a*");
  EXPECT_EQ(ids("a*"), (Ids{"2106.00003", "2403.00002"}));  // "A Survey", "a graph"
}

TEST_F(Syntax, ExplanationIsTheTreeThatRan) {
  quire::SearchRequest request;
  request.query = "title:(graph neural) -survey year:>=2021";
  EXPECT_TRUE(index_->search(request).explanation.empty());
  request.explain = true;
  EXPECT_EQ(index_->search(request).explanation,
            "(and (and title:graph title:neural) (not survey) date:20210000..)");
}

TEST_F(Syntax, WarningsReachTheResults) {
  quire::SearchResults r = run("\"graph molecules");
  EXPECT_EQ(r.warnings, std::vector<std::string>{"unbalanced quote ignored"});
  EXPECT_EQ(ids("\"graph molecules"), Ids{"2403.00001"});

  std::string long_phrase = "\"graph neural networks for molecules";
  for (int i = 0; i < 40; ++i) long_phrase += " w" + std::to_string(i);
  r = run(long_phrase + "\"");
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("only the first 32 words of \"graph neural"), std::string::npos)
      << r.warnings[0];
}

TEST_F(Syntax, MalformedTextSearchesTheWordsItContains) {
  const std::vector<std::pair<std::string, Ids>> cases = {
      {"(graph molecules", {"2403.00001"}},
      {"graph molecules)", {"2403.00001"}},
      {"graph molecules AND", {"2403.00001"}},
      {"OR graph molecules", {"2403.00001"}},
      {"graph : molecules", {"2403.00001"}},
      {"graph\x01molecules", {"2403.00001"}},
      {"title: molecules", {"2403.00001"}},
      {"graph molecules NOT", {"2403.00001"}},
      {"year:recent molecules", {}},
  };
  for (const auto& [text, expected] : cases) {
    quire::SearchResults r;
    ASSERT_NO_THROW(r = run(text)) << text;
    Ids found;
    for (const auto& hit : r.hits) found.insert(hit.id);
    if (!r.relaxed) {
      EXPECT_EQ(found, expected) << text;
    }
    EXPECT_FALSE(r.warnings.empty()) << text;
  }
}

TEST_F(Syntax, NoTextThrows) {
  std::vector<std::string> junk = {
      "\"", "((((", ")))", "-", "--", "+", "\"\"", ":", "title:", "AND", "OR OR", "NOT NOT",
      "a AND", "*", "**", "a*", "year:", "year:..", "id:", "cat:", "venue:\"\"", "author:()",
      std::string("nul\0byte", 8), "\x01\x02\x03", "\xff\xfe invalid utf8 \xc3",
      std::string(10000, 'x'), std::string(5000, '"'), std::string(5000, '('),
      std::string(5000, '-') + "x", "- - - + + +", "\xf0\x9f\x98\x80 \xf0\x9f\x9a\x80",
      "\xe5\x90\x8d\xe5\x89\x8d*", "title:(author:(cat:(venue:(id:(year:(x))))))",
      "arXiv:", "doi:", "10.", "year:0000..9999", "year:<0000", "date:>9999-12-31"};
  std::string mixed;
  for (int i = 0; i < 300; ++i) mixed += "(a" + std::to_string(i) + "* OR \"b -c\" AND NOT ";
  junk.push_back(mixed);
  for (const auto& text : junk) {
    for (auto op : {quire::DefaultOperator::all, quire::DefaultOperator::any}) {
      EXPECT_NO_THROW(run(text, op)) << text.substr(0, 40);
    }
  }
}

// A prefix with more words than the limit: the most frequent are kept and
// the results say so.
TEST(SyntaxPrefixCap, PastTheLimitTheMostFrequentAreSearched) {
  TempDir dir;
  quire::Index index = quire::Index::open(dir.path());
  const unsigned papers = quire::query::limits::kMaxPrefixExpansion + 50;
  for (unsigned i = 0; i < papers; ++i) {
    quire::Paper p;
    p.id = "p" + std::to_string(i);
    p.title = "zq" + std::to_string(1000 + i);
    // zq9999 is in every abstract: the most frequent word with the prefix,
    // and the last in byte order.
    p.abstract = p.title + " zq9999";
    index.add(p);
  }
  index.commit();

  quire::SearchRequest request;
  request.limit = 1000;
  request.query = "title:zq*";
  quire::SearchResults r = index.search(request);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("'zq*' matches more than 100 words"), std::string::npos);
  // 100 title words were searched, each in one paper.
  EXPECT_EQ(r.total, quire::query::limits::kMaxPrefixExpansion);

  request.query = "abstract:zq*";
  r = index.search(request);
  EXPECT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.total, papers);

  request.query = "zq10*";
  r = index.search(request);
  EXPECT_TRUE(r.warnings.empty());
  EXPECT_EQ(r.total, 100u);
}

}  // namespace

namespace {

// A paper whose id is not its DOI is still found first by the DOI, typed
// alone or with id:, in any case.
TEST(DoiLookup, FindsAPaperByTheDoiInItsExtraFields) {
  quire::testing::TempDir dir;
  auto index = quire::Index::open(dir.path());
  quire::Paper target;
  target.id = "acl-P19-1001";
  target.title = "A paper";
  target.extra = {{"doi", "10.18653/v1/P19-1001"}};
  quire::Paper other;
  other.id = "other";
  other.title = "Another paper citing 10.18653/v1/P19-1001 in its title";
  index.add(target);
  index.add(other);
  index.commit();
  for (const char* text :
       {"10.18653/v1/P19-1001", "10.18653/V1/p19-1001", "id:10.18653/v1/P19-1001"}) {
    quire::SearchRequest r;
    r.query = text;
    auto results = index.search(r);
    ASSERT_FALSE(results.hits.empty()) << text;
    EXPECT_EQ(results.hits[0].id, "acl-P19-1001") << text;
  }
}

}  // namespace
