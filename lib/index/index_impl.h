// The state behind an Index handle.
#ifndef QUIRE_LIB_INDEX_INDEX_IMPL_H
#define QUIRE_LIB_INDEX_INDEX_IMPL_H

#include <xapian.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "facets/columns.h"
#include "index/reader_pool.h"
#include "quire/index.h"

QUIRE_NAMESPACE_BEGIN

struct Index::Impl {
  Impl(std::string path, bool read_only);

  std::string path;
  bool read_only;
  // Set once at open, from the settings stored in the index.
  std::unique_ptr<analysis::Analyzer> analyzer;

  // Serialises writers; guards `writer` and `scratch`.
  std::mutex write_mutex;
  std::unique_ptr<Xapian::WritableDatabase> writer;
  // Changes are made inside a Xapian transaction so that nothing reaches
  // the disk (Xapian otherwise flushes on its own every few thousand
  // documents) until commit(); discard() and closing roll it back.
  bool in_transaction = false;
  // Set when a write failed inside the transaction. Xapian then drops every
  // change since the last commit, so commit() must report the loss instead
  // of succeeding with nothing; holds the failure's description.
  std::string lost_changes;
  std::vector<analysis::Token> scratch;

  index::ReaderPool readers;
  facets::ColumnCache facet_columns;
};

QUIRE_NAMESPACE_END

#endif  // QUIRE_LIB_INDEX_INDEX_IMPL_H
