#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "analysis/analyzer.h"
#include "index/schema.h"
#include "quire/quire.h"
#include "support/test_support.h"

namespace {

using quire::FacetField;
using quire::testing::TempDir;
using Counts = std::map<std::string, std::uint64_t>;
using Papers = std::vector<const quire::Paper*>;

std::string trimmed(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// Author identities as the facet defines them: the full name, or for an
// author known only by initials the one full name sharing surname and
// initial, else the initials themselves.
std::map<const quire::Paper*, std::set<std::string>> author_identities(const Papers& papers) {
  static quire::analysis::Analyzer analyzer;
  std::unordered_map<std::string, std::set<std::string>> fulls_by_initial;
  std::map<const quire::Paper*, std::vector<quire::analysis::AuthorName>> names;
  for (const auto* p : papers)
    for (const auto& a : p->authors) {
      auto name = quire::analysis::parse_author(analyzer, a);
      if (name.surname.empty()) continue;
      if (!name.full_key.empty()) fulls_by_initial[name.initial_key].insert(name.full_key);
      names[p].push_back(name);
    }
  std::map<const quire::Paper*, std::set<std::string>> out;
  for (const auto& [p, list] : names)
    for (const auto& name : list) {
      if (!name.full_key.empty()) {
        out[p].insert(name.full_key);
        continue;
      }
      const auto& fulls = fulls_by_initial[name.initial_key];
      out[p].insert(fulls.size() == 1 ? *fulls.begin() : "~" + name.initial_key);
    }
  return out;
}

// What a facet should say, counted the slow way from the papers themselves.
// Category counts are flattened: "cs" for the group, "cs/cs.LG" for a child.
// Author counts are keyed by identity, not by the spelling shown.
Counts brute_force(const Papers& papers, FacetField field, const Papers& universe) {
  Counts counts;
  if (field == FacetField::author) {
    auto identities = author_identities(universe);
    for (const auto* p : papers)
      for (const auto& id : identities[p]) ++counts[id];
    return counts;
  }
  for (const auto* p : papers) {
    switch (field) {
      case FacetField::category: {
        std::set<std::string> groups, leaves;
        for (const auto& raw : p->categories) {
          std::string c = trimmed(raw);
          std::string key = quire::schema::category_key(c);
          if (key.empty()) continue;
          std::size_t dot = key.find('.');
          if (dot == std::string::npos || dot == 0) {
            groups.insert(c);
          } else {
            groups.insert(c.substr(0, dot));
            leaves.insert(c.substr(0, dot) + "/" + c);
          }
        }
        for (const auto& g : groups) ++counts[g];
        for (const auto& l : leaves) ++counts[l];
        break;
      }
      case FacetField::year:
        if (!p->date.empty()) ++counts[p->date.substr(0, 4)];
        break;
      case FacetField::month:
        if (p->date.size() >= 7) ++counts[p->date.substr(0, 7)];
        break;
      case FacetField::venue:
        if (!p->venue.empty()) ++counts[p->venue];
        break;
      case FacetField::author: break;
    }
  }
  return counts;
}

Counts flatten(const quire::FacetResult& result) {
  Counts counts;
  for (const auto& v : result.values) {
    counts[v.value] = v.count;
    for (const auto& c : v.children) counts[v.value + "/" + c.value] = c.count;
  }
  return counts;
}

// Author facet values are spellings; map them back to identities through
// the papers that carry them.
Counts author_counts_by_identity(const quire::FacetResult& result, const Papers& universe) {
  static quire::analysis::Analyzer analyzer;
  auto identities = author_identities(universe);
  std::map<std::string, std::string> identity_of_spelling;
  for (const auto* p : universe) {
    std::vector<std::string> ids(identities[p].begin(), identities[p].end());
    for (const auto& a : p->authors) {
      auto name = quire::analysis::parse_author(analyzer, a);
      if (name.surname.empty()) continue;
      for (const auto& id : ids)
        if (id == name.full_key || id == "~" + name.initial_key ||
            (name.full_key.empty() && id.size() > name.surname.size() &&
             id.compare(id.size() - name.surname.size(), std::string::npos, name.surname) == 0))
          identity_of_spelling.emplace(a, id);
    }
  }
  Counts counts;
  for (const auto& v : result.values) counts[identity_of_spelling[v.value]] = v.count;
  return counts;
}

void expect_ordered(const std::vector<quire::FacetCount>& values, quire::FacetSort sort) {
  for (std::size_t i = 1; i < values.size(); ++i) {
    const auto& a = values[i - 1];
    const auto& b = values[i];
    if (sort == quire::FacetSort::value)
      EXPECT_LT(a.value, b.value);
    else
      EXPECT_TRUE(a.count > b.count || (a.count == b.count && a.value < b.value))
          << a.value << "=" << a.count << " before " << b.value << "=" << b.count;
  }
  for (const auto& v : values) expect_ordered(v.children, sort);
}

const FacetField kFlatFields[] = {FacetField::category, FacetField::year, FacetField::venue,
                                  FacetField::month};

quire::SearchRequest with_facets(quire::SearchRequest r) {
  for (auto f : kFlatFields) r.facets.push_back({f, 0});
  return r;
}

quire::Paper paper(std::string id, std::vector<std::string> categories, std::string date,
                   std::string venue, std::vector<std::string> authors = {}) {
  quire::Paper p;
  p.id = std::move(id);
  p.title = "paper " + p.id;
  p.categories = std::move(categories);
  p.date = std::move(date);
  p.venue = std::move(venue);
  p.authors = std::move(authors);
  return p;
}

TEST(Facets, RequestsListTheirFieldsInOrderAndDefaultTheRest) {
  const quire::FacetRequest whole;
  EXPECT_EQ(whole.field, FacetField::category);
  EXPECT_EQ(whole.top_n, 10u);
  const quire::FacetRequest some = {FacetField::venue, 0};
  EXPECT_EQ(some.field, FacetField::venue);
  EXPECT_EQ(some.top_n, 0u);
  EXPECT_EQ(some.sort, quire::FacetSort::count);
  EXPECT_EQ(some.min_count, 1u);
  EXPECT_EQ(some.prefix, "");
  const quire::FacetRequest all = {FacetField::author, 3, quire::FacetSort::value, 2, "smi"};
  EXPECT_EQ(all.field, FacetField::author);
  EXPECT_EQ(all.top_n, 3u);
  EXPECT_EQ(all.sort, quire::FacetSort::value);
  EXPECT_EQ(all.min_count, 2u);
  EXPECT_EQ(all.prefix, "smi");
}

TEST(Facets, CategoriesAreHierarchicalAndMultiValued) {
  TempDir dir;
  auto index = quire::Index::open(dir.path());
  index.add(paper("a", {"cs.LG", "stat.ML"}, "2020", ""));
  index.add(paper("b", {"cs.LG", "cs.CL"}, "2021-02", "ICML"));
  index.add(paper("c", {"hep-th"}, "2021-03-04", "ICML"));
  index.commit();
  auto r = index.search(with_facets({}));
  ASSERT_EQ(r.facets.size(), 4u);
  EXPECT_EQ(flatten(r.facets[0]), (Counts{{"cs", 2},
                                          {"cs/cs.LG", 2},
                                          {"cs/cs.CL", 1},
                                          {"stat", 1},
                                          {"stat/stat.ML", 1},
                                          {"hep-th", 1}}));
  EXPECT_EQ(r.facets[0].distinct, 3u);
  EXPECT_EQ(flatten(r.facets[1]), (Counts{{"2020", 1}, {"2021", 2}}));
  EXPECT_EQ(flatten(r.facets[2]), (Counts{{"ICML", 2}}));
  EXPECT_EQ(flatten(r.facets[3]), (Counts{{"2021-02", 1}, {"2021-03", 1}}));
}

TEST(Facets, MultiSelectCountsAFacetWithoutItsOwnFilters) {
  TempDir dir;
  auto index = quire::Index::open(dir.path());
  index.add(paper("1", {"cs.LG"}, "2020", "ICML"));
  index.add(paper("2", {"cs.LG"}, "2021", "NeurIPS"));
  index.add(paper("3", {"cs.CV"}, "2021", "CVPR"));
  index.add(paper("4", {"cs.CV"}, "2022", "NeurIPS"));
  index.add(paper("5", {"math.AG"}, "2022", "ICML"));
  index.commit();
  quire::SearchRequest r;
  r.filters = {{quire::FilterField::venue, "ICML"}, {quire::FilterField::venue, "NeurIPS"},
               {quire::FilterField::category, "cs.LG"}};
  r.facets = {{FacetField::venue, 0}, {FacetField::year, 0}, {FacetField::category, 0}};
  auto results = index.search(r);
  EXPECT_EQ(results.total, 2u);  // 1 and 2
  // Venues as if no venue were selected, with the category filter kept.
  EXPECT_EQ(flatten(results.facets[0]), (Counts{{"ICML", 1}, {"NeurIPS", 1}}));
  // Years over the match set itself.
  EXPECT_EQ(flatten(results.facets[1]), (Counts{{"2020", 1}, {"2021", 1}}));
  // Categories as if no category were selected, venues kept.
  EXPECT_EQ(flatten(results.facets[2]),
            (Counts{{"cs", 3}, {"cs/cs.LG", 2}, {"cs/cs.CV", 1}, {"math", 1}, {"math/math.AG", 1}}));
}

TEST(Facets, DateRangesNarrowTheYearHistogram) {
  TempDir dir;
  auto index = quire::Index::open(dir.path());
  for (int y = 2015; y <= 2024; ++y)
    index.add(paper("p" + std::to_string(y), {"cs.LG"}, std::to_string(y) + "-06", ""));
  index.commit();
  quire::SearchRequest r;
  r.date_from = "2019";
  r.date_to = "2021";
  r.facets = {{FacetField::year, 0, quire::FacetSort::value}};
  auto results = index.search(r);
  EXPECT_EQ(flatten(results.facets[0]), (Counts{{"2019", 1}, {"2020", 1}, {"2021", 1}}));
  EXPECT_EQ(results.facets[0].values.front().value, "2019");
}

TEST(Facets, OptionsSortCutMinimumAndPrefix) {
  TempDir dir;
  auto index = quire::Index::open(dir.path());
  int n = 0;
  for (auto [venue, count] : std::vector<std::pair<std::string, int>>{
           {"NeurIPS", 5}, {"Neural Computation", 3}, {"ICML", 4}, {"CVPR", 1}}) {
    for (int i = 0; i < count; ++i) index.add(paper(std::to_string(n++), {}, "2020", venue));
  }
  index.commit();
  auto venue = [&](quire::FacetRequest request) {
    quire::SearchRequest r;
    r.facets = {request};
    return index.search(r).facets.at(0);
  };
  auto top2 = venue({FacetField::venue, 2});
  ASSERT_EQ(top2.values.size(), 2u);
  EXPECT_EQ(top2.values[0].value, "NeurIPS");
  EXPECT_EQ(top2.values[1].value, "ICML");
  EXPECT_EQ(top2.distinct, 4u);

  auto by_value = venue({FacetField::venue, 0, quire::FacetSort::value});
  expect_ordered(by_value.values, quire::FacetSort::value);
  EXPECT_EQ(by_value.values.size(), 4u);

  auto frequent = venue({FacetField::venue, 0, quire::FacetSort::count, 4});
  EXPECT_EQ(flatten(frequent), (Counts{{"NeurIPS", 5}, {"ICML", 4}}));

  auto typed = venue({FacetField::venue, 0, quire::FacetSort::count, 1, "neur"});
  EXPECT_EQ(flatten(typed), (Counts{{"NeurIPS", 5}, {"Neural Computation", 3}}));
}

TEST(Facets, AuthorsGroupByIdentityShownInTheCommonestSpelling) {
  TempDir dir;
  auto index = quire::Index::open(dir.path());
  index.add(paper("1", {}, "", "", {"Bernhard Schölkopf", "John Smith"}));
  index.add(paper("2", {}, "", "", {"Bernhard Schölkopf"}));
  index.add(paper("3", {}, "", "", {"B. Schölkopf", "Jane Smith"}));
  index.add(paper("4", {}, "", "", {"Bernhard Scholkopf", "J. Smith"}));
  index.commit();
  quire::SearchRequest r;
  r.facets = {{FacetField::author, 0}};
  auto facet = index.search(r).facets.at(0);
  // One person in three spellings; "J. Smith" fits two full names and
  // stays apart.
  EXPECT_EQ(flatten(facet), (Counts{{"Bernhard Schölkopf", 4},
                                    {"John Smith", 1},
                                    {"Jane Smith", 1},
                                    {"J. Smith", 1}}));
  EXPECT_EQ(facet.values.front().value, "Bernhard Schölkopf");

  r.facets = {{FacetField::author, 0, quire::FacetSort::count, 1, "smi"}};
  EXPECT_EQ(index.search(r).facets.at(0).values.size(), 3u);
}

TEST(Facets, LiveReaderSeesCountsOfEachCommit) {
  TempDir dir;
  auto writer = quire::Index::open(dir.path());
  writer.add(paper("1", {"cs.LG"}, "2020", "ICML"));
  writer.commit();
  auto reader = quire::Index::open(dir.path(), {quire::OpenMode::read_only});
  quire::SearchRequest r;
  r.facets = {{FacetField::venue, 0}, {FacetField::category, 0}};
  EXPECT_EQ(flatten(reader.search(r).facets[0]), (Counts{{"ICML", 1}}));

  writer.add(paper("2", {"cs.CV"}, "2021", "CVPR"));
  writer.add(paper("1", {"cs.CL"}, "2020", "ACL"));  // replaces
  writer.commit();
  auto after = reader.search(r);
  EXPECT_EQ(flatten(after.facets[0]), (Counts{{"ACL", 1}, {"CVPR", 1}}));
  EXPECT_EQ(flatten(after.facets[1]), (Counts{{"cs", 2}, {"cs/cs.CL", 1}, {"cs/cs.CV", 1}}));

  writer.remove("2");
  writer.commit();
  EXPECT_EQ(flatten(reader.search(r).facets[0]), (Counts{{"ACL", 1}}));
}

// Xapian 1.4's unranked (BoolWeight) match fails with "Unexpected end of
// posting list" on a term that every remaining document holds once some
// documents were deleted; exact counts must not.
TEST(Facets, CountsSurviveATermEveryPaperHoldsAfterDeletes) {
  TempDir dir;
  auto index = quire::Index::open(dir.path());
  for (int i = 0; i < 120; ++i) {
    auto p = paper(std::to_string(i), {"cs.LG"}, "2020", i % 2 ? "ICML" : "NeurIPS");
    p.abstract = i % 3 ? "graph neural networks for molecules" : "language models";
    index.add(p);
  }
  index.commit();
  for (int i = 0; i < 120; i += 10) index.remove(std::to_string(i));
  index.commit();
  std::vector<std::string> queries = {"cat:cs.LG", "year:2020", "\"graph neural\" cat:cs.LG",
                                      "cat:cs -\"language models\""};
  for (bool collapse : {false, true}) {
    for (const auto& q : queries) {
      quire::SearchRequest r;
      r.query = q;
      r.collapse_duplicates = collapse;
      r.limit = 200;
      r.facets = {{FacetField::venue, 0}};
      quire::SearchResults results;
      ASSERT_NO_THROW(results = index.search(r)) << q;
      std::uint64_t venues = 0;
      for (const auto& v : results.facets[0].values) venues += v.count;
      EXPECT_EQ(venues, results.hits.size()) << q;
      // A collapsed search counts through Xapian's collapsing, whose total
      // may be an estimate.
      if (!collapse || results.exact) {
        EXPECT_EQ(results.total, results.hits.size()) << q;
      }
    }
  }
}

class CorpusFacets : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    papers_ = new std::vector<quire::Paper>(quire::testing::shared_corpus_slice(4000));
    if (papers_->empty()) return;
    dir_ = new TempDir;
    index_ = new quire::Index(quire::Index::open(dir_->path()));
    for (const auto& p : *papers_) index_->add(p);
    index_->commit();
    for (const auto& p : *papers_) universe_.push_back(&p);
  }
  static void TearDownTestSuite() {
    delete index_;
    delete dir_;
    delete papers_;
    index_ = nullptr;
    dir_ = nullptr;
    papers_ = nullptr;
    universe_.clear();
  }
  void SetUp() override { QUIRE_REQUIRE_SHARED_CORPUS(); }

  // Every hit of `request` (so the test does not trust the counter).
  static Papers matching(quire::SearchRequest request) {
    request.limit = papers_->size();
    request.facets.clear();
    request.snippets = false;
    auto results = index_->search(request);
    std::map<std::string, const quire::Paper*> by_id;
    for (const auto& p : *papers_) by_id[p.id] = &p;
    Papers out;
    for (const auto& h : results.hits) out.push_back(by_id.at(h.id));
    EXPECT_EQ(out.size(), results.total);
    return out;
  }

  static void check(const quire::SearchRequest& plain) {
    auto request = with_facets(plain);
    request.facets.push_back({FacetField::author, 0});
    auto results = index_->search(request);
    auto papers = matching(plain);
    EXPECT_EQ(results.total, papers.size());
    ASSERT_EQ(results.facets.size(), 5u);
    for (std::size_t i = 0; i < 4; ++i) {
      // A facet whose field is filtered counts without that field's filters.
      quire::SearchRequest sideways = plain;
      auto& f = sideways.filters;
      auto field = kFlatFields[i] == FacetField::category ? quire::FilterField::category
                   : kFlatFields[i] == FacetField::venue  ? quire::FilterField::venue
                                                          : quire::FilterField::author;
      if (kFlatFields[i] == FacetField::category || kFlatFields[i] == FacetField::venue)
        f.erase(std::remove_if(f.begin(), f.end(),
                               [&](const quire::Filter& x) { return x.field == field; }),
                f.end());
      auto expected = brute_force(matching(sideways), kFlatFields[i], universe_);
      EXPECT_EQ(flatten(results.facets[i]), expected)
          << quire::facet_field_name(kFlatFields[i]) << " for '" << plain.query << "'";
      expect_ordered(results.facets[i].values, quire::FacetSort::count);
    }
    EXPECT_EQ(author_counts_by_identity(results.facets[4], universe_),
              brute_force(papers, FacetField::author, universe_))
        << "authors for '" << plain.query << "'";
  }

  static std::vector<quire::Paper>* papers_;
  static Papers universe_;
  static TempDir* dir_;
  static quire::Index* index_;
};

std::vector<quire::Paper>* CorpusFacets::papers_ = nullptr;
Papers CorpusFacets::universe_;
TempDir* CorpusFacets::dir_ = nullptr;
quire::Index* CorpusFacets::index_ = nullptr;

TEST_F(CorpusFacets, MatchAllEqualsBruteForceOverEveryPaper) { check({}); }

TEST_F(CorpusFacets, QueriesFiltersAndMultiSelectEqualBruteForce) {
  std::vector<quire::SearchRequest> requests(7);
  requests[0].query = "learning";
  requests[1].query = "graph neural";
  requests[2].query = "\"language model\"";
  requests[3].query = "robot -learning";
  requests[4].filters = {{quire::FilterField::category, "cs.CV"},
                         {quire::FilterField::category, "cs.RO"}};
  requests[5].query = "model";
  requests[5].filters = {{quire::FilterField::category, "cs.CL"}};
  requests[5].date_from = "2025-03-19";
  requests[6].query = "learning";
  requests[6].default_operator = quire::DefaultOperator::any;
  requests[6].filters = {{quire::FilterField::category, "cs.LG"},
                         {quire::FilterField::category, "cs.AI"}};
  requests[6].date_to = "2025-03-20";
  for (const auto& r : requests) check(r);
}

TEST_F(CorpusFacets, TopNKeepsTheMostFrequentValues) {
  auto full = index_->search(with_facets({}));
  quire::SearchRequest top;
  top.facets = {{FacetField::category, 5}};
  auto cut = index_->search(top);
  ASSERT_EQ(cut.facets[0].values.size(), std::min<std::size_t>(5, full.facets[0].values.size()));
  for (std::size_t i = 0; i < cut.facets[0].values.size(); ++i) {
    EXPECT_EQ(cut.facets[0].values[i].value, full.facets[0].values[i].value);
    EXPECT_EQ(cut.facets[0].values[i].count, full.facets[0].values[i].count);
    EXPECT_LE(cut.facets[0].values[i].children.size(), 5u);
  }
  EXPECT_EQ(cut.facets[0].distinct, full.facets[0].distinct);
}

TEST_F(CorpusFacets, CountsFollowReplaceAndDelete) {
  TempDir dir;
  auto index = quire::Index::open(dir.path());
  std::vector<quire::Paper> papers(papers_->begin(), papers_->begin() + 300);
  for (const auto& p : papers) index.add(p);
  index.commit();
  quire::SearchRequest request;
  request.facets = {{FacetField::category, 0}, {FacetField::year, 0}};

  // Replace a third of them with another category and year, delete a third.
  for (std::size_t i = 0; i < papers.size(); i += 3) {
    papers[i].categories = {"test.REPLACED"};
    papers[i].date = "1999";
    index.add(papers[i]);
  }
  Papers kept;
  for (std::size_t i = 0; i < papers.size(); ++i) {
    if (i % 3 == 1)
      index.remove(papers[i].id);
    else
      kept.push_back(&papers[i]);
  }
  index.commit();
  auto results = index.search(request);
  EXPECT_EQ(results.total, kept.size());
  EXPECT_EQ(flatten(results.facets[0]), brute_force(kept, FacetField::category, kept));
  EXPECT_EQ(flatten(results.facets[1]), brute_force(kept, FacetField::year, kept));
}

}  // namespace
