// Per-document facet columns: for every document, the ordinals of its facet
// values in per-facet dictionaries. Counting a match set then touches only
// dense integer arrays, never a document's stored data or value strings.
//
// Columns are built from the value slots once per index revision and shared
// (read-only) by every search of that revision.
#ifndef QUIRE_LIB_FACETS_COLUMNS_H
#define QUIRE_LIB_FACETS_COLUMNS_H

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace quire::facets {

constexpr std::uint32_t kNone = 0xffffffffu;

// One value per document (year, month, venue): ordinal or kNone.
struct SingleColumn {
  std::vector<std::string> values;    // ordinal -> value, sorted
  std::vector<std::uint32_t> by_doc;  // docid -> ordinal (index 0 unused)
};

// Several values per document (categories, authors), compressed rows:
// the ordinals of document d are ords[offsets[d] .. offsets[d + 1]).
struct MultiColumn {
  std::vector<std::string> values;
  std::vector<std::uint32_t> offsets;
  std::vector<std::uint32_t> ords;
};

struct Columns {
  Xapian::rev revision = 0;
  std::string shards_key;  // instead of the revision, for several shards
  Xapian::docid last_docid = 0;
  SingleColumn year;
  SingleColumn month;
  SingleColumn venue;
  MultiColumn category;        // leaf categories as written ("cs.LG", "hep-th")
  MultiColumn category_group;  // their groups ("cs"), once per document
  // For each category ordinal, its group's ordinal, or kNone when the
  // category has no group (it is a top-level value itself: "hep-th").
  std::vector<std::uint32_t> category_parent;
  // Authors by normalised identity; `values` holds each identity's most
  // common spelling.
  MultiColumn author;
};

// Builds the columns of `db` at its current revision.
std::shared_ptr<const Columns> build_columns(Xapian::Database& db);

// The columns of the latest revision seen, built at most once per revision
// however many threads ask. A database of several shards has no revision
// in Xapian 1.4; see shards_key() in columns.cc for what stands for it.
class ColumnCache {
 public:
  std::shared_ptr<const Columns> get(Xapian::Database& db);

 private:
  std::mutex mutex_;
  std::shared_ptr<const Columns> latest_;
};

}  // namespace quire::facets

#endif  // QUIRE_LIB_FACETS_COLUMNS_H
