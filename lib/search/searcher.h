// Running one search request against one database snapshot.
#ifndef QUIRE_LIB_SEARCH_SEARCHER_H
#define QUIRE_LIB_SEARCH_SEARCHER_H

#include <xapian.h>

#include "analysis/analyzer.h"
#include "facets/columns.h"
#include "quire/search.h"

namespace quire::search {

// Runs `request` on `db`. Throws Error(invalid_argument) for malformed date
// bounds and Xapian errors for database trouble; never throws for query text.
SearchResults run(Xapian::Database& db, const analysis::Analyzer& analyzer,
                  facets::ColumnCache& column_cache, const SearchRequest& request);

// The filter part of a request (filters and date range) as a boolean query;
// empty when the request has none.
Xapian::Query filter_query(const SearchRequest& request, const analysis::Analyzer& analyzer);

}  // namespace quire::search

#endif  // QUIRE_LIB_SEARCH_SEARCHER_H
