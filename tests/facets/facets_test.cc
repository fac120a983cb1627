#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "index/schema.h"
#include "quire/quire.h"
#include "support/test_support.h"

namespace {

using quire::testing::TempDir;
using Counts = std::map<std::string, std::uint64_t>;

// What a facet should say, counted the slow way from the papers themselves.
Counts brute_force(const std::vector<const quire::Paper*>& papers, quire::FacetField field) {
  Counts counts;
  for (const auto* p : papers) {
    switch (field) {
      case quire::FacetField::category: {
        std::set<std::string> distinct;
        for (const auto& c : p->categories)
          if (!quire::schema::category_key(c).empty()) distinct.insert(c);
        for (const auto& c : distinct) ++counts[c];
        break;
      }
      case quire::FacetField::year:
        if (!p->date.empty()) ++counts[p->date.substr(0, 4)];
        break;
      case quire::FacetField::venue:
        if (!p->venue.empty()) ++counts[p->venue];
        break;
    }
  }
  return counts;
}

Counts as_map(const quire::FacetResult& result) {
  Counts counts;
  for (const auto& v : result.values) counts[v.value] = v.count;
  return counts;
}

void expect_sorted_by_count_then_value(const quire::FacetResult& result) {
  for (std::size_t i = 1; i < result.values.size(); ++i) {
    const auto& a = result.values[i - 1];
    const auto& b = result.values[i];
    EXPECT_TRUE(a.count > b.count || (a.count == b.count && a.value < b.value))
        << a.value << "=" << a.count << " before " << b.value << "=" << b.count;
  }
}

const quire::FacetField kAllFields[] = {quire::FacetField::category, quire::FacetField::year,
                                        quire::FacetField::venue};

quire::SearchRequest with_all_facets(quire::SearchRequest r) {
  for (auto f : kAllFields) r.facets.push_back({f, 0});
  return r;
}

TEST(Facets, MultiValuedCategoriesCountInEachCategory) {
  TempDir dir;
  auto index = quire::Index::open(dir.path());
  quire::Paper a;
  a.id = "a";
  a.title = "one";
  a.categories = {"cs.LG", "stat.ML"};
  a.date = "2020";
  quire::Paper b = a;
  b.id = "b";
  b.categories = {"cs.LG"};
  b.date = "2021-02";
  b.venue = "ICML";
  index.add(a);
  index.add(b);
  index.commit();
  auto r = index.search(with_all_facets({}));
  ASSERT_EQ(r.facets.size(), 3u);
  EXPECT_EQ(as_map(r.facets[0]), (Counts{{"cs.LG", 2}, {"stat.ML", 1}}));
  EXPECT_EQ(as_map(r.facets[1]), (Counts{{"2020", 1}, {"2021", 1}}));
  EXPECT_EQ(as_map(r.facets[2]), (Counts{{"ICML", 1}}));
  EXPECT_EQ(r.facets[0].field, quire::FacetField::category);
}

class CorpusFacets : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    papers_ = new std::vector<quire::Paper>(quire::testing::shared_corpus_slice(4000));
    if (papers_->empty()) return;
    dir_ = new TempDir;
    index_ = new quire::Index(quire::Index::open(dir_->path()));
    // Take papers from three sources so venues and years vary.
    for (const auto& p : *papers_) index_->add(p);
    index_->commit();
  }
  static void TearDownTestSuite() {
    delete index_;
    delete dir_;
    delete papers_;
    index_ = nullptr;
    dir_ = nullptr;
    papers_ = nullptr;
  }
  void SetUp() override { QUIRE_REQUIRE_SHARED_CORPUS(); }

  // Every hit of `request` (so the test does not trust the counter).
  static std::vector<const quire::Paper*> matching(quire::SearchRequest request) {
    request.limit = papers_->size();
    request.facets.clear();
    request.snippets = false;
    auto results = index_->search(request);
    std::map<std::string, const quire::Paper*> by_id;
    for (const auto& p : *papers_) by_id[p.id] = &p;
    std::vector<const quire::Paper*> out;
    for (const auto& h : results.hits) out.push_back(by_id.at(h.id));
    EXPECT_EQ(out.size(), results.total);
    return out;
  }

  static void check(const quire::SearchRequest& plain) {
    auto request = with_all_facets(plain);
    auto results = index_->search(request);
    auto papers = matching(plain);
    EXPECT_EQ(results.total, papers.size());
    ASSERT_EQ(results.facets.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
      auto expected = brute_force(papers, kAllFields[i]);
      EXPECT_EQ(as_map(results.facets[i]), expected)
          << quire::facet_field_name(kAllFields[i]) << " for '" << plain.query << "'";
      EXPECT_EQ(results.facets[i].distinct, expected.size());
      expect_sorted_by_count_then_value(results.facets[i]);
    }
  }

  static std::vector<quire::Paper>* papers_;
  static TempDir* dir_;
  static quire::Index* index_;
};

std::vector<quire::Paper>* CorpusFacets::papers_ = nullptr;
TempDir* CorpusFacets::dir_ = nullptr;
quire::Index* CorpusFacets::index_ = nullptr;

TEST_F(CorpusFacets, MatchAllEqualsBruteForceOverEveryPaper) {
  auto results = index_->search(with_all_facets({}));
  std::vector<const quire::Paper*> all;
  for (const auto& p : *papers_) all.push_back(&p);
  for (std::size_t i = 0; i < 3; ++i)
    EXPECT_EQ(as_map(results.facets[i]), brute_force(all, kAllFields[i]));
}

TEST_F(CorpusFacets, QueriesAndFiltersEqualBruteForce) {
  std::vector<quire::SearchRequest> requests(6);
  requests[0].query = "learning";
  requests[1].query = "graph neural";
  requests[2].query = "\"language model\"";
  requests[3].query = "robot -learning";
  requests[4].filters = {{quire::FilterField::category, "cs.CV"},
                         {quire::FilterField::category, "cs.RO"}};
  requests[5].query = "model";
  requests[5].filters = {{quire::FilterField::category, "cs.CL"}};
  requests[5].date_from = "2025-03-19";
  for (const auto& r : requests) check(r);
}

TEST_F(CorpusFacets, TopNKeepsTheMostFrequentValues) {
  quire::SearchRequest all = with_all_facets({});
  auto full = index_->search(all);
  quire::SearchRequest top = {};
  top.facets = {{quire::FacetField::category, 5}};
  auto cut = index_->search(top);
  ASSERT_EQ(cut.facets[0].values.size(), std::min<std::size_t>(5, full.facets[0].values.size()));
  for (std::size_t i = 0; i < cut.facets[0].values.size(); ++i) {
    EXPECT_EQ(cut.facets[0].values[i].value, full.facets[0].values[i].value);
    EXPECT_EQ(cut.facets[0].values[i].count, full.facets[0].values[i].count);
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
  request.facets = {{quire::FacetField::category, 0}, {quire::FacetField::year, 0}};

  // Replace a third of them with another category and year, delete a third.
  for (std::size_t i = 0; i < papers.size(); i += 3) {
    papers[i].categories = {"test.REPLACED"};
    papers[i].date = "1999";
    index.add(papers[i]);
  }
  std::vector<const quire::Paper*> kept;
  for (std::size_t i = 0; i < papers.size(); ++i) {
    if (i % 3 == 1)
      index.remove(papers[i].id);
    else
      kept.push_back(&papers[i]);
  }
  index.commit();
  auto results = index.search(request);
  EXPECT_EQ(results.total, kept.size());
  EXPECT_EQ(as_map(results.facets[0]), brute_force(kept, quire::FacetField::category));
  EXPECT_EQ(as_map(results.facets[1]), brute_force(kept, quire::FacetField::year));
}

}  // namespace
