// facets::Matcher evaluates a query into a docid set without Xapian's
// matcher; it must match exactly the documents Xapian's matcher matches, for
// every construct of the query language, after replaces and deletes, and
// over a database of several shards.
#include <gtest/gtest.h>

#include <xapian.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "facets/columns.h"
#include "facets/matcher.h"
#include "index/schema.h"
#include "query/query.h"
#include "quire/quire.h"
#include "search/searcher.h"
#include "support/test_support.h"

namespace {

using quire::testing::TempDir;
using Q = Xapian::Query;
using Docids = std::vector<Xapian::docid>;

Q of(Q::op op, std::vector<Q> parts, Xapian::termcount parameter = 0) {
  return Q(op, parts.begin(), parts.end(), parameter);
}

// The reference: Xapian's own match, ranked as usual (an unranked BoolWeight
// match fails on a term that every document holds once documents have been
// deleted; see facets::UnrankedWeight).
Docids xapian_matches(Xapian::Database& db, const Q& query) {
  Xapian::Enquire enquire(db);
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  enquire.set_query(query);
  Xapian::MSet mset = enquire.get_mset(0, db.get_doccount() + 1);
  Docids out;
  for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(*it);
  std::sort(out.begin(), out.end());
  return out;
}

Docids evaluated(Xapian::Database& db, const Q& query) {
  quire::facets::Matcher matcher(db);
  quire::facets::DocSet set = matcher.match(query);
  Docids out;
  set.for_each([&](Xapian::docid did) { out.push_back(did); });
  EXPECT_EQ(set.size(), out.size());
  return out;
}

const quire::analysis::Analyzer& analyzer() {
  static const quire::analysis::Analyzer instance;
  return instance;
}

Q built(Xapian::Database& db, const std::string& text,
        quire::DefaultOperator op = quire::DefaultOperator::all) {
  quire::query::BuildContext context;
  context.db = &db;
  return quire::query::build(quire::query::parse(text, op).root, analyzer(), context);
}

class MatcherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    papers_ = new std::vector<quire::Paper>(quire::testing::shared_corpus_slice(3000));
    if (papers_->empty()) return;
    dir_ = new TempDir;
    auto write = [](const std::string& path, std::size_t from, std::size_t to) {
      auto index = quire::Index::open(path);
      for (std::size_t i = from; i < to; ++i) index.add((*papers_)[i]);
      index.commit();
    };
    write(dir_->file("whole"), 0, papers_->size());
    // The same papers, then every seventh replaced (moved to the end of the
    // docids, with another category and year) and every fifth deleted.
    write(dir_->file("changed"), 0, papers_->size());
    {
      auto index = quire::Index::open(dir_->file("changed"));
      for (std::size_t i = 0; i < papers_->size(); i += 7) {
        quire::Paper p = (*papers_)[i];
        p.categories = {"test.REPLACED"};
        p.date = "1999-02";
        index.add(p);
      }
      for (std::size_t i = 2; i < papers_->size(); i += 5) index.remove((*papers_)[i].id);
      index.commit();
    }
    // Two shards of different lengths, searched through a stub file; the
    // first also has deletions, so the combined docids have gaps.
    write(dir_->file("shard-a"), 0, 1700);
    write(dir_->file("shard-b"), 1700, papers_->size());
    {
      auto index = quire::Index::open(dir_->file("shard-a"));
      for (std::size_t i = 3; i < 1700; i += 11) index.remove((*papers_)[i].id);
      index.commit();
    }
    std::ofstream(dir_->file("shards.stub")) << "auto " << dir_->file("shard-a") << "\n"
                                            << "auto " << dir_->file("shard-b") << "\n";
  }
  static void TearDownTestSuite() {
      delete dir_;
    delete papers_;
    dir_ = nullptr;
    papers_ = nullptr;
  }
  void SetUp() override { QUIRE_REQUIRE_SHARED_CORPUS(); }

  static std::vector<std::string> databases() {
    return {dir_->file("whole"), dir_->file("changed"), dir_->file("shards.stub"),
            dir_->file("shard-a")};
  }

  // Query texts for every construct of docs/query-syntax.md, with values
  // taken from the papers so that they match something.
  static std::vector<std::string> texts() {
    const quire::Paper& p = (*papers_)[10];
    std::string venue, author, category;
    for (const auto& paper : *papers_) {
      if (venue.empty() && !paper.venue.empty()) venue = paper.venue;
      if (author.empty() && !paper.authors.empty()) author = paper.authors.front();
      if (category.empty() && !paper.categories.empty()) category = paper.categories.front();
    }
    std::string surname = author.substr(author.rfind(' ') + 1);
    return {
        "",
        "learning",
        "graph neural networks",
        "\"graph neural networks\"",
        "\"language model\" training",
        "transformer OR attention",
        "(gnn OR \"graph network\") molecule -survey",
        "a OR b AND c",
        "model AND data",
        "NOT learning",
        "-learning",
        "robot -learning -vision",
        "+learning robot vision",
        "learning -\"neural network\"",
        "title:diffusion",
        "abstract:\"we propose\"",
        "title:(graph neural)",
        "author:" + surname,
        "author:\"" + author + "\"",
        "cat:" + category,
        "cat:cs",
        "category:cs.LG learning",
        "venue:\"" + venue + "\"",
        "id:" + p.id,
        p.id,
        p.id + " learning",
        "year:2024",
        "year:2025",
        "date:2025-03",
        "year:2020..2025",
        "date:2025-03-01..2025-03-20",
        "year:2024..",
        "year:>2024",
        "year:..2024",
        "year:<2025",
        "learning year:>=2025",
        "transform*",
        "title:transf*",
        "author:sch*",
        "cat:cs.c*",
        "venue:neur*",
        "id:2*",
        "neur* -network",
        "self-supervised",
        "!!!",
        "\"graph neural",
        "(a b",
        "qqqqzzzznotaword",
        "learning qqqqzzzznotaword",
    };
  }

  static std::vector<quire::Paper>* papers_;
  static TempDir* dir_;
};

std::vector<quire::Paper>* MatcherTest::papers_ = nullptr;
TempDir* MatcherTest::dir_ = nullptr;

TEST_F(MatcherTest, EveryQueryConstructMatchesAsXapianDoes) {
  for (const std::string& path : databases()) {
    Xapian::Database db(path);
    for (const std::string& text : texts()) {
      for (auto op : {quire::DefaultOperator::all, quire::DefaultOperator::any}) {
        Q query = built(db, text, op);
        EXPECT_EQ(evaluated(db, query), xapian_matches(db, query))
            << "'" << text << "' on " << path << ": " << query.get_description();
      }
    }
  }
}

TEST_F(MatcherTest, FiltersAndDateRangesMatchAsXapianDoes) {
  for (const std::string& path : databases()) {
    Xapian::Database db(path);
    std::vector<quire::SearchRequest> requests(5);
    requests[0].filters = {{quire::FilterField::category, "cs.LG"},
                           {quire::FilterField::category, "cs.CV"}};
    requests[1].filters = {{quire::FilterField::category, "cs"},
                           {quire::FilterField::author, (*papers_)[5].authors.front()}};
    requests[2].date_from = "2025-03-10";
    requests[3].date_to = "2025-03";
    requests[4].date_from = "2024";
    requests[4].date_to = "2025-03-15";
    requests[4].filters = {{quire::FilterField::venue, "NeurIPS"},
                           {quire::FilterField::category, "cs.CL"}};
    for (const auto& request : requests) {
      Q filter = quire::search::filter_query(request, analyzer());
      EXPECT_EQ(evaluated(db, filter), xapian_matches(db, filter)) << filter.get_description();
      Q both(Q::OP_FILTER, built(db, "learning"), filter);
      EXPECT_EQ(evaluated(db, both), xapian_matches(db, both)) << both.get_description();
      // As the counting pass applies filters to the text's set.
      quire::facets::Matcher matcher(db);
      quire::facets::DocSet set = matcher.match(built(db, "learning"));
      matcher.restrict(set, filter);
      Docids restricted;
      set.for_each([&](Xapian::docid did) { restricted.push_back(did); });
      EXPECT_EQ(restricted, xapian_matches(db, both)) << both.get_description();
    }
  }
}

TEST_F(MatcherTest, OperatorsTheQueryLanguageDoesNotBuildMatchAsXapianDoes) {
  namespace p = quire::schema::prefix;
  for (const std::string& path : databases()) {
    Xapian::Database db(path);
    Q learning("Zlearn"), model("Zmodel"), cs(quire::schema::term(p::kArchive, "cs"));
    std::vector<Q> queries = {
        Q(Q::OP_XOR, learning, model),
        of(Q::OP_XOR, {learning, model, cs}),
        Q(Q::OP_AND_MAYBE, learning, model),
        Q(Q::OP_AND_MAYBE, model, of(Q::OP_PHRASE, {Q("Xgraph"), Q("Xneural")})),
        Q(Q::OP_SYNONYM, learning, model),
        Q(Q::OP_MAX, learning, model),
        Q(Q::OP_SCALE_WEIGHT, learning, 0.0),
        of(Q::OP_ELITE_SET, {learning, model, cs}, 3),
        of(Q::OP_NEAR, {Q("Xgraph"), Q("Xneural")}, 3),
        Q(Q::OP_VALUE_GE, quire::schema::slot::kDate, "20250315"),
        Q(Q::OP_VALUE_LE, quire::schema::slot::kDate, "20250305"),
        Q(Q::OP_VALUE_RANGE, quire::schema::slot::kYear, "2020", "2024"),
        Q(Q::OP_VALUE_RANGE, quire::schema::slot::kVenue, "A", "N"),
        Q(Q::OP_AND, Q(Q::OP_VALUE_GE, quire::schema::slot::kDate, "20250310"),
          Q(Q::OP_VALUE_LE, quire::schema::slot::kDate, "20250320")),
        Q(Q::OP_FILTER, Q(Q::OP_VALUE_GE, quire::schema::slot::kDate, "20250310"), learning),
        Q(Q::OP_AND_NOT, Q(std::string()), Q(Q::OP_OR, learning, model)),
        Q(Q::OP_FILTER, Q((new Xapian::FixedWeightPostingSource(2.0))->release()), cs),
        Q(Q::OP_AND, Q(Q::OP_OR, learning, Q(Q::OP_WILDCARD, "Xneur")), cs),
        Q(std::string()),
        Q(),
    };
    for (const Q& query : queries)
      EXPECT_EQ(evaluated(db, query), xapian_matches(db, query)) << query.get_description();
  }
}

TEST_F(MatcherTest, WordsAndBooleansAreNativePhrasesAndWildcardsAreNot) {
  Xapian::Database db(dir_->file("whole"));
  using quire::facets::Matcher;
  EXPECT_TRUE(Matcher::native(built(db, "graph neural -survey year:2020..2024 cat:cs")));
  EXPECT_TRUE(Matcher::native(built(db, (*papers_)[0].id)));
  EXPECT_TRUE(Matcher::native(built(db, "")));
  // A phrase or wildcard under OR is matched by Xapian on its own; under
  // AND the whole AND is.
  EXPECT_TRUE(Matcher::native(Q(Q::OP_AND_MAYBE, Q("a"), Q(Q::OP_WILDCARD, "b"))));
  EXPECT_FALSE(Matcher::native(built(db, "\"graph neural\" learning")));
  EXPECT_FALSE(Matcher::native(built(db, "transform* learning")));
}

// Facets and totals over the two shards are those of each shard added up.
// (quire::Index reads a single database; the search itself takes any.)
TEST_F(MatcherTest, FacetsOverShardsAreTheSumOfTheShards) {
  struct Reader {
    explicit Reader(const std::string& path) : db(path) {}
    quire::SearchResults search(const quire::SearchRequest& request) {
      return quire::search::run(db, analyzer(), columns, request);
    }
    Xapian::Database db;
    quire::facets::ColumnCache columns;
  };
  Reader stub(dir_->file("shards.stub")), a(dir_->file("shard-a")), b(dir_->file("shard-b"));
  std::vector<quire::SearchRequest> requests(3);
  requests[1].query = "learning -\"neural network\"";
  requests[2].query = "model";
  requests[2].filters = {{quire::FilterField::category, "cs.CL"},
                         {quire::FilterField::category, "cs.LG"}};
  for (auto& request : requests) {
    request.limit = 0;
    request.facets.clear();
    for (auto field : {quire::FacetField::category, quire::FacetField::year,
                       quire::FacetField::venue}) {
      quire::FacetRequest facet;
      facet.field = field;
      facet.top_n = 0;
      request.facets.push_back(facet);
    }
    auto whole = stub.search(request), ra = a.search(request), rb = b.search(request);
    EXPECT_EQ(whole.total, ra.total + rb.total) << request.query;
    EXPECT_TRUE(whole.exact);
    for (std::size_t f = 0; f < request.facets.size(); ++f) {
      std::map<std::string, std::uint64_t> expected, got;
      auto add = [](std::map<std::string, std::uint64_t>& to, const quire::FacetResult& r) {
        for (const auto& v : r.values) {
          to[v.value] += v.count;
          for (const auto& c : v.children) to[v.value + "/" + c.value] += c.count;
        }
      };
      add(expected, ra.facets[f]);
      add(expected, rb.facets[f]);
      add(got, whole.facets[f]);
      EXPECT_EQ(got, expected) << request.query << " facet " << f;
    }
  }
}

}  // namespace
