#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "quire/quire.h"
#include "support/test_support.h"

namespace {

using quire::testing::TempDir;

using quire::testing::make_paper;

class Search : public ::testing::Test {
 protected:
  void SetUp() override {
    papers_ = {
        make_paper("p1", "Graph Neural Networks for Molecules",
                   "We apply message passing to predict chemical properties.",
                   {"Bernhard Schölkopf", "Ada Lovelace"}, {"cs.LG", "stat.ML"}, "2020-05-01",
                   "NeurIPS"),
        make_paper("p2", "A Survey of Kernel Methods",
                   "Support vector machines and graph kernels are reviewed; neural approaches "
                   "are compared.",
                   {"B. Scholkopf", "Alan Turing"}, {"stat.ML"}, "2002", "JMLR"),
        make_paper("p3", "Attention Is All You Need",
                   "The transformer replaces recurrence with self-attention for translation.",
                   {"Ashish Vaswani", "Noam Shazeer"}, {"cs.CL", "cs.LG"}, "2017-06-12", "NeurIPS"),
        make_paper("p4", "Deep Residual Learning",
                   "Residual connections let very deep networks train on ImageNet.",
                   {"Kaiming He"}, {"cs.CV"}, "2016-06", "CVPR"),
        make_paper("p5", "Neural Machine Translation by Jointly Learning to Align",
                   "An attention mechanism over source words improves neural translation.",
                   {"Dzmitry Bahdanau", "Yoshua Bengio"}, {"cs.CL"}, "2014-09-01", "ICLR"),
        make_paper("p6", "Quantum Error Correction",
                   "Stabilizer codes protect qubits; no networks are involved.",
                   {"Peter Shor"}, {"quant-ph"}, "1995", ""),
    };
    for (const auto& p : papers_) index_.add(p);
    index_.commit();
  }

  quire::SearchResults search(const std::string& query) {
    quire::SearchRequest r;
    r.query = query;
    r.limit = 100;
    return index_.search(r);
  }

  static std::set<std::string> ids(const quire::SearchResults& r) {
    std::set<std::string> out;
    for (const auto& h : r.hits) out.insert(h.id);
    return out;
  }

  TempDir dir_;
  quire::Index index_ = quire::Index::open(dir_.path());
  std::vector<quire::Paper> papers_;
};

TEST_F(Search, EmptyQueryMatchesEveryPaperExactly) {
  auto r = search("");
  EXPECT_EQ(r.total, papers_.size());
  EXPECT_TRUE(r.exact);
  EXPECT_FALSE(r.relaxed);
  EXPECT_EQ(r.hits.size(), papers_.size());
}

TEST_F(Search, AllWordsAreRequired) {
  auto r = search("neural translation");
  EXPECT_EQ(ids(r), (std::set<std::string>{"p5"}));
  EXPECT_FALSE(r.relaxed);
}

TEST_F(Search, RelaxesToAnyWordWhenNothingHasAll) {
  auto r = search("transformer qubits");
  EXPECT_TRUE(r.relaxed);
  EXPECT_EQ(ids(r), (std::set<std::string>{"p3", "p6"}));
  auto none = search("zzyzx qqqqq");
  EXPECT_EQ(none.total, 0u);
  EXPECT_FALSE(none.relaxed);
}

// An empty page (limit 0, as for "how many?") still gives the true total
// and still relaxes.
TEST_F(Search, EmptyPageStillCountsAndRelaxes) {
  quire::SearchRequest r;
  r.limit = 0;
  r.query = "neural translation";
  auto all = index_.search(r);
  EXPECT_EQ(all.total, 1u);
  EXPECT_TRUE(all.exact);
  EXPECT_TRUE(all.hits.empty());
  r.query = "transformer qubits";
  auto relaxed = index_.search(r);
  EXPECT_TRUE(relaxed.relaxed);
  EXPECT_EQ(relaxed.total, 2u);
}

TEST_F(Search, AnyOperatorMatchesAnyWord) {
  quire::SearchRequest r;
  r.query = "transformer qubits";
  r.default_operator = quire::DefaultOperator::any;
  auto results = index_.search(r);
  EXPECT_FALSE(results.relaxed);
  EXPECT_EQ(results.total, 2u);
}

TEST_F(Search, StemsMatchOtherForms) {
  EXPECT_EQ(ids(search("network")), (std::set<std::string>{"p1", "p4", "p6"}));
  EXPECT_EQ(ids(search("translating")), (std::set<std::string>{"p3", "p5"}));
}

TEST_F(Search, PhrasesMatchExactWordsInOrderWithinOneField) {
  EXPECT_EQ(ids(search("\"graph neural networks\"")), (std::set<std::string>{"p1"}));
  EXPECT_TRUE(ids(search("\"networks neural graph\"")).empty());
  // Quoted words are matched as written, without stemming.
  EXPECT_TRUE(ids(search("\"graph neural network\"")).empty());
  // Title "... Molecules" then abstract "We apply ...": not one phrase.
  EXPECT_TRUE(ids(search("\"molecules we apply\"")).empty());
}

TEST_F(Search, ExcludedWordsRemovePapers) {
  EXPECT_EQ(ids(search("attention -transformer")), (std::set<std::string>{"p5"}));
  EXPECT_EQ(ids(search("-networks")), (std::set<std::string>{"p2", "p3", "p5"}));
}

TEST_F(Search, DiacriticsAndTransliterationsFold) {
  EXPECT_EQ(ids(search("Scholkopf")), (std::set<std::string>{"p1", "p2"}));
  EXPECT_EQ(ids(search("Schölkopf")), (std::set<std::string>{"p1", "p2"}));
  EXPECT_EQ(ids(search("Schoelkopf")), (std::set<std::string>{"p1"}));
}

TEST(SearchSpelling, UmlautInQueryFindsOeSpellingAndLoneSurnamesFilter) {
  TempDir dir;
  auto index = quire::Index::open(dir.path());
  index.add(make_paper("oe", "Learning with kernels", "", {"Bernhard Schoelkopf"}, {}, "", ""));
  index.add(make_paper("o", "Kernel machines", "", {"Bernhard Schölkopf"}, {}, "", ""));
  index.add(make_paper("x", "Unrelated", "", {"Ada Lovelace", "OpenAI"}, {}, "", ""));
  index.commit();
  quire::SearchRequest r;
  r.query = "Schölkopf";
  auto results = index.search(r);
  EXPECT_EQ(results.total, 2u);

  for (const char* surname : {"Schölkopf", "schoelkopf"}) {
    quire::SearchRequest by_surname;
    by_surname.filters = {{quire::FilterField::author, surname}};
    EXPECT_EQ(index.search(by_surname).total, 2u) << surname;
  }
  quire::SearchRequest org;
  org.filters = {{quire::FilterField::author, "OpenAI"}};
  auto found = index.search(org);
  ASSERT_EQ(found.total, 1u);
  EXPECT_EQ(found.hits[0].id, "x");
}

TEST_F(Search, AuthorFilterAcceptsEveryCommonSpelling) {
  for (const char* name : {"B. Schölkopf", "Bernhard Scholkopf", "Schölkopf, Bernhard"}) {
    quire::SearchRequest r;
    r.filters = {{quire::FilterField::author, name}};
    EXPECT_EQ(ids(index_.search(r)), (std::set<std::string>{"p1", "p2"})) << name;
  }
  quire::SearchRequest other;
  other.filters = {{quire::FilterField::author, "Peter Shor"}};
  EXPECT_EQ(ids(index_.search(other)), (std::set<std::string>{"p6"}));
}

TEST_F(Search, FiltersAreOrWithinAFieldAndAndAcross) {
  quire::SearchRequest r;
  r.limit = 100;
  r.filters = {{quire::FilterField::venue, "neurips"}};
  EXPECT_EQ(ids(index_.search(r)), (std::set<std::string>{"p1", "p3"}));
  r.filters.push_back({quire::FilterField::venue, "CVPR"});
  EXPECT_EQ(ids(index_.search(r)), (std::set<std::string>{"p1", "p3", "p4"}));
  r.filters.push_back({quire::FilterField::category, "CS.CL"});
  EXPECT_EQ(ids(index_.search(r)), (std::set<std::string>{"p3"}));
  r.query = "translation";
  EXPECT_EQ(ids(index_.search(r)), (std::set<std::string>{"p3"}));
  r.filters = {{quire::FilterField::category, "math.AG"}};
  EXPECT_EQ(index_.search(r).total, 0u);
}

TEST_F(Search, DateRangesCoverWholeYearsAndMonths) {
  quire::SearchRequest r;
  r.limit = 100;
  r.date_from = "2016";
  r.date_to = "2017";
  EXPECT_EQ(ids(index_.search(r)), (std::set<std::string>{"p3", "p4"}));
  r.date_from = "2016-07";
  EXPECT_EQ(ids(index_.search(r)), (std::set<std::string>{"p3"}));
  r.date_from = "";
  r.date_to = "2002-12-31";
  EXPECT_EQ(ids(index_.search(r)), (std::set<std::string>{"p2", "p6"}));
  r.date_to = "2002-13";
  EXPECT_THROW(index_.search(r), quire::Error);
}

TEST_F(Search, SortsByDateBothWays) {
  quire::SearchRequest r;
  r.sort = quire::Sort::date_desc;
  auto newest = index_.search(r);
  ASSERT_EQ(newest.hits.size(), 6u);
  EXPECT_EQ(newest.hits.front().id, "p1");
  EXPECT_EQ(newest.hits.back().id, "p6");
  r.sort = quire::Sort::date_asc;
  auto oldest = index_.search(r);
  EXPECT_EQ(oldest.hits.front().id, "p6");
  EXPECT_EQ(oldest.hits.back().id, "p1");
}

TEST_F(Search, PagingWalksTheSameOrder) {
  quire::SearchRequest r;
  r.query = "networks";
  r.default_operator = quire::DefaultOperator::any;
  r.limit = 100;
  auto all = index_.search(r);
  std::vector<std::string> paged;
  for (std::size_t offset = 0; offset < all.total; offset += 2) {
    r.offset = offset;
    r.limit = 2;
    auto page = index_.search(r);
    EXPECT_EQ(page.total, all.total);
    for (const auto& h : page.hits) paged.push_back(h.id);
  }
  std::vector<std::string> expected;
  for (const auto& h : all.hits) expected.push_back(h.id);
  EXPECT_EQ(paged, expected);
}

TEST_F(Search, TitleMatchOutranksAbstractOnlyMatch) {
  // "attention" is in p3's title and only in p5's abstract.
  auto r = search("attention");
  ASSERT_EQ(r.hits.size(), 2u);
  EXPECT_EQ(r.hits[0].id, "p3");
  EXPECT_GT(r.hits[0].score, r.hits[1].score);
}

TEST_F(Search, SnippetsHighlightMatchedWordsIncludingOtherForms) {
  quire::SearchRequest r;
  r.query = "network";
  r.highlight_open = "[";
  r.highlight_close = "]";
  r.filters = {{quire::FilterField::category, "cs.CV"}};
  auto results = index_.search(r);
  ASSERT_EQ(results.hits.size(), 1u);
  EXPECT_NE(results.hits[0].snippet.find("[networks]"), std::string::npos)
      << results.hits[0].snippet;

  r.snippets = false;
  EXPECT_TRUE(index_.search(r).hits[0].snippet.empty());
}

TEST_F(Search, HitsCarryEveryStoredField) {
  auto r = search("residual");
  ASSERT_EQ(r.hits.size(), 1u);
  const auto& p = r.hits[0].paper;
  EXPECT_EQ(p.title, papers_[3].title);
  EXPECT_EQ(p.authors, papers_[3].authors);
  EXPECT_EQ(p.venue, "CVPR");
  EXPECT_EQ(p.date, "2016-06");
}

TEST_F(Search, AnyTextIsASearchNeverAnError) {
  const std::string junk[] = {
      "\"unbalanced quote",  "((((", "-", "--", "\"\"", ":", "title:", "AND", "a AND",
      std::string("nul\0byte", 8), "\x01\x02\x03", "\xff\xfe invalid utf8 \xc3",
      std::string(10000, 'x'), std::string(5000, '"'), "- - - + + +", "😀 🚀",
      "名前 深度学习",
  };
  for (const auto& text : junk) {
    quire::SearchResults r;
    EXPECT_NO_THROW(r = search(text)) << text.substr(0, 40);
  }
  auto r = search("\"graph neural");
  EXPECT_FALSE(r.warnings.empty());
  EXPECT_TRUE(ids(r).count("p1"));
}

}  // namespace

namespace {

TEST(Collapse, RecordsOfOneWorkShowOnceWhenAsked) {
  quire::testing::TempDir dir;
  auto index = quire::Index::open(dir.path());
  // A preprint and its proceedings version: same title (up to case and
  // punctuation), same first author in another spelling.
  index.add(make_paper("2001.00001", "Deep Sets", "Permutation invariant functions.",
                 {"Manzil Zaheer", "Satwik Kottur"}, {"cs.LG"}, "2017-03", ""));
  index.add(make_paper("nips-2017-deep-sets", "Deep sets.", "Functions on sets.",
                 {"M. Zaheer"}, {}, "2017", "NeurIPS"));
  index.add(make_paper("other", "Deep Sets", "A different work by someone else.", {"Ada Lovelace"},
                 {}, "2019", ""));
  index.commit();

  quire::SearchRequest r;
  r.query = "deep sets";
  EXPECT_EQ(index.search(r).total, 3u);
  r.collapse_duplicates = true;
  auto collapsed = index.search(r);
  EXPECT_EQ(collapsed.total, 2u);
  ASSERT_EQ(collapsed.hits.size(), 2u);
  std::uint64_t folded = 0;
  for (const auto& h : collapsed.hits) folded += h.duplicates;
  EXPECT_EQ(folded, 1u);
}

}  // namespace
