// Ranking constants shared by query building and searching.
#ifndef QUIRE_LIB_SEARCH_RANKING_H
#define QUIRE_LIB_SEARCH_RANKING_H

namespace quire::ranking {

// A word in the title counts this many times a word in the abstract.
constexpr double kTitleWeight = 2.0;
// A word in an author's name, relative to the abstract.
constexpr double kAuthorWeight = 1.0;

// BM25 parameters. k1 and b as in Lucene and SQLite FTS5, which do better
// than Xapian's own defaults on scholarly abstracts.
constexpr double kBm25K1 = 1.2;
constexpr double kBm25K2 = 0.0;
constexpr double kBm25K3 = 1.0;
constexpr double kBm25B = 0.75;
constexpr double kBm25MinNormLen = 0.5;

}  // namespace quire::ranking

#endif  // QUIRE_LIB_SEARCH_RANKING_H
