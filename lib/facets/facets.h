// Facet counting over a whole match set.
#ifndef QUIRE_LIB_FACETS_FACETS_H
#define QUIRE_LIB_FACETS_FACETS_H

#include <xapian.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "quire/search.h"

namespace quire::facets {

// Sees every matching document (the match must be run with check_at_least
// covering the whole database) and counts the values of the requested
// fields. Multi-valued fields count each value once per document.
class Counter : public Xapian::MatchSpy {
 public:
  explicit Counter(const std::vector<FacetRequest>& requests);

  void operator()(const Xapian::Document& doc, double weight) override;

  // The results in request order: top_n values by count, then value.
  std::vector<FacetResult> results() const;

 private:
  struct Field {
    FacetRequest request;
    unsigned slot;
    bool multi_valued;
    std::unordered_map<std::string, std::uint64_t> counts;
  };
  std::vector<Field> fields_;
};

// The top `top_n` (0 = all) of `counts`, sorted by count then value.
FacetResult top_values(FacetField field,
                       const std::unordered_map<std::string, std::uint64_t>& counts,
                       std::size_t top_n);

}  // namespace quire::facets

#endif  // QUIRE_LIB_FACETS_FACETS_H
