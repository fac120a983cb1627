// The weighting scheme a request's Ranking asks for.
#ifndef QUIRE_LIB_SEARCH_RANKING_H
#define QUIRE_LIB_SEARCH_RANKING_H

#include <xapian.h>

#include "quire/search.h"

namespace quire::ranking {

// Xapian's BM25 with the request's k1 and b; k3 = 1 (a word typed twice
// counts a third more than once), no document-length correction term
// (k2 = 0), and lengths below half the average count as half the average
// (docs/ranking.md: the floor makes no measurable difference).
inline Xapian::BM25Weight weight(const Ranking& r) {
  return Xapian::BM25Weight(r.k1, 0.0, 1.0, r.b, 0.5);
}

}  // namespace quire::ranking

#endif  // QUIRE_LIB_SEARCH_RANKING_H
