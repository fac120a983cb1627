// quire/paper.h: one scholarly paper, as the library stores and returns it.
//
// A Paper is a plain value: it owns all its strings, copies are deep, and
// distinct objects may be used from distinct threads. Nothing in it refers
// back to an index.
#ifndef QUIRE_PAPER_H
#define QUIRE_PAPER_H

#include <map>
#include <string>
#include <vector>

#include "quire/version.h"

QUIRE_NAMESPACE_BEGIN

struct Paper {
  // Stable key: an arXiv id without version, a DOI, or the source's own id.
  // Required; adding a paper whose id is already stored replaces that paper.
  std::string id;

  std::string title;     // searched, weighted above the abstract
  std::string abstract;  // searched; may be empty

  // In byline order, each as written ("Bernhard Schölkopf", "Schölkopf, B.").
  std::vector<std::string> authors;

  // arXiv-style categories ("cs.LG", "stat.ML") or short codes ("LG").
  std::vector<std::string> categories;

  // "YYYY", "YYYY-MM" or "YYYY-MM-DD"; empty when unknown.
  std::string date;

  // Journal or proceedings name ("NeurIPS", "ACL"); empty when unknown.
  std::string venue;

  // Open fields kept and returned but not searched (doi, url, comment, ...).
  // Values are text; a structured value from JSON is kept as its JSON text.
  std::map<std::string, std::string> extra;
};

QUIRE_NAMESPACE_END

#endif  // QUIRE_PAPER_H
