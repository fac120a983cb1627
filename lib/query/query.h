// What a person typed, read into a tree: the query language's parser and
// the builder that turns a tree into a Xapian query. Query words go through
// the same analyzer as indexed text.
#ifndef QUIRE_LIB_QUERY_QUERY_H
#define QUIRE_LIB_QUERY_QUERY_H

#include <xapian.h>

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "analysis/analyzer.h"
#include "quire/search.h"

namespace quire::query {

enum class NodeKind {
  match_all,  // no positive condition: every paper
  word,       // one typed word, matched by stem in title, abstract and authors
  phrase,     // quoted words, matched exactly and in order inside one field
  all_of,     // every child must match
  any_of,     // at least one child must match
  exclude,    // children[0] must match and none of children[1..]
};

struct Node {
  NodeKind kind = NodeKind::match_all;
  std::string text;  // word or phrase as typed
  std::vector<Node> children;
};

struct ParsedQuery {
  Node root;
  std::vector<std::string> warnings;
  // Whether relaxing the default `all` to `any` could find more papers.
  bool relaxable = false;
};

// Never throws; any text gives a tree (at worst match_all with a warning).
ParsedQuery parse(std::string_view text, DefaultOperator default_operator);

// The same tree with the top-level `all_of` of plain words made `any_of`.
Node relax(const Node& root);

// The tree in a compact, readable form: (all "graph" "neural" -"survey").
std::string to_string(const Node& node);

// The analysed forms a snippet should highlight.
struct Highlights {
  std::unordered_set<std::string> stems;  // from words: any form with this stem
  std::unordered_set<std::string> terms;  // from phrases: this exact form
};

// A query matching every document. Xapian::Query::MatchAll is one shared
// object whose reference count is not atomic, so copying it from several
// searching threads at once corrupts memory; each use builds its own.
inline Xapian::Query match_all() { return Xapian::Query(std::string()); }

// Builds the Xapian query for `root`. Collects the positive terms into
// `highlights` when given.
Xapian::Query build(const Node& root, const analysis::Analyzer& analyzer,
                    Highlights* highlights = nullptr);

}  // namespace quire::query

#endif  // QUIRE_LIB_QUERY_QUERY_H
