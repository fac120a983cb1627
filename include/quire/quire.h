// quire/quire.h: the umbrella header. Include this one.
//
//   #include <quire/quire.h>
//
//   quire::Index index = quire::Index::open("papers.quire");
//   index.add(paper);
//   index.commit();
//   quire::SearchRequest request;
//   request.query = "graph neural networks";
//   quire::SearchResults results = index.search(request);
//
// Ownership and thread-safety are described in each sub-header.
#ifndef QUIRE_QUIRE_H
#define QUIRE_QUIRE_H

#include "quire/error.h"
#include "quire/evaluation.h"
#include "quire/export.h"
#include "quire/import.h"
#include "quire/index.h"
#include "quire/paper.h"
#include "quire/search.h"
#include "quire/version.h"

#endif  // QUIRE_QUIRE_H
