// Facet counting over a whole match set through the per-document columns.
#ifndef QUIRE_LIB_FACETS_FACETS_H
#define QUIRE_LIB_FACETS_FACETS_H

#include <xapian.h>

#include <cstdint>
#include <vector>

#include "analysis/analyzer.h"
#include "facets/columns.h"
#include "facets/matcher.h"
#include "quire/search.h"

namespace quire::facets {

// Counts, per requested facet, each matching document's values into dense
// arrays indexed by ordinal.
class Counter {
 public:
  Counter(const Columns& columns, const std::vector<FacetRequest>& requests);

  void add(Xapian::docid did);
  // Every document of the set, in one pass over it for all the fields.
  void add(const DocSet& docs);

  std::uint64_t documents() const noexcept { return documents_; }

  // The results in request order, ordered and cut as each request asks.
  std::vector<FacetResult> results(const analysis::Analyzer& analyzer) const;

 private:
  struct Field {
    FacetRequest request;
    const SingleColumn* single = nullptr;
    const MultiColumn* multi = nullptr;
    std::vector<std::uint32_t> counts;
    std::vector<std::uint32_t> group_counts;  // category groups
  };

  const Columns& columns_;
  std::vector<Field> fields_;
  std::uint64_t documents_ = 0;
};

// Feeds a Counter from a Xapian match. Xapian builds a Document for every
// match it shows a spy; only its docid is read.
class Spy : public Xapian::MatchSpy {
 public:
  explicit Spy(Counter& counter) : counter_(counter) {}
  void operator()(const Xapian::Document& doc, double) override { counter_.add(doc.get_docid()); }

 private:
  Counter& counter_;
};

}  // namespace quire::facets

#endif  // QUIRE_LIB_FACETS_FACETS_H
