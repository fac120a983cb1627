// What a person typed, read into a tree: the query language's parser and
// the builder that turns a tree into a Xapian query. Query words go through
// the same analyzer as indexed text. docs/query-syntax.md describes the
// language for people; this is its code.
#ifndef QUIRE_LIB_QUERY_QUERY_H
#define QUIRE_LIB_QUERY_QUERY_H

#include <xapian.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "analysis/analyzer.h"
#include "quire/search.h"

namespace quire::query {

// Every bound on the cost of a query; docs/query-syntax.md lists them too.
namespace limits {
// Past this, text is ignored: no search box needs more.
constexpr std::size_t kMaxQueryBytes = 4096;
// Words, phrases, prefixes, ranges and ids; later ones are dropped.
constexpr std::size_t kMaxClauses = 64;
// Parentheses nested deeper than this are read as if they were not there.
constexpr std::size_t kMaxDepth = 16;
// Words of one phrase; the rest of a longer phrase is dropped.
constexpr std::size_t kMaxPhraseWords = 32;
// Prefix searches (`transform*`) in one query; later ones become words.
constexpr std::size_t kMaxPrefixes = 8;
// Terms one prefix expands to in one field; past it, the most frequent.
constexpr unsigned kMaxPrefixExpansion = 100;
// A shorter prefix ("a*") is searched as a word.
constexpr std::size_t kMinPrefixChars = 2;
}  // namespace limits

// Added to the score of the paper whose id a lookup names: more than any
// text match can score, so that paper ranks first.
constexpr double kIdMatchWeight = 1e6;

// Where a leaf looks. `date` covers both `year:` and `date:`.
enum class Field { any, title, abstract, author, category, venue, id, date };

enum class NodeKind {
  match_all,  // no positive condition: every paper
  word,       // one typed word: by stem in text fields, as a key in metadata fields
  phrase,     // quoted words, exactly and in order inside one field
  prefix,     // words starting with `text` (typed with a trailing '*')
  range,      // a date range: `low`..`high` on the date value
  lookup,     // an arXiv id or DOI as a word: the paper with that id, ranked
              // first, or papers whose text has it
  all_of,     // every child must match; `exclude` children must not
  any_of,     // at least one child must match
  exclude,    // papers that do not match children[0]
};

struct Node {
  NodeKind kind = NodeKind::match_all;
  Field field = Field::any;  // for leaves
  // word, phrase, prefix: as typed (a prefix without its '*'); lookup: the
  // id without "arXiv:" or a URL around it.
  std::string text;
  // range: inclusive bounds in the date value's form "YYYYMMDD"; an empty
  // bound is open.
  std::string low, high;
  // Made of clauses side by side, not by AND or OR. An all_of: relaxing
  // reads it again as if the default operator were `any`. An any_of: its
  // words are optional words, which leave out common words and match a
  // hyphenated word by its parts (docs/query-syntax.md).
  bool implicit = false;
  // Typed with '+': required even where other clauses are optional.
  bool required = false;
  std::vector<Node> children;
};

struct ParsedQuery {
  Node root;
  // What a person may want to know about how the text was read.
  std::vector<std::string> warnings;
  // Whether relax(root) may find papers that root does not.
  bool relaxable = false;
};

// Never throws; any text gives a tree (at worst match_all with a warning).
ParsedQuery parse(std::string_view text, DefaultOperator default_operator);

// Text read as words only: nothing in it is syntax (quotes, parentheses,
// '-', '+', "field:", '*' and AND/OR/NOT are all plain text, and a word's
// punctuation goes where the analyzer puts it). Never throws.
ParsedQuery parse_plain(std::string_view text, DefaultOperator default_operator);

// `root` read as if its default operator had been `any`: each group of
// clauses side by side needs only one of its words, phrases and groups;
// clauses typed with '+', metadata filters and exclusions still apply.
Node relax(const Node& root);

// The tree in a compact, readable form, stable from one release to the
// next (it is what `quire search --explain` prints):
//   (and title:graph "neural network" (not survey) date:20200000..20249999)
std::string to_string(const Node& node);

// The analysed forms a snippet should highlight.
struct Highlights {
  std::unordered_set<std::string> stems;  // from words: any form with this stem
  std::unordered_set<std::string> terms;  // from phrases and prefixes: this exact form
};

// A query matching every document. Xapian::Query::MatchAll is one shared
// object whose reference count is not atomic, so copying it from several
// searching threads at once corrupts memory; each use builds its own.
inline Xapian::Query match_all() { return Xapian::Query(std::string()); }

struct BuildContext {
  // The database the query will run on. With it, prefixes that expand past
  // the limit are reported and their words highlighted; without it they
  // still expand, silently.
  const Xapian::Database* db = nullptr;
  Highlights* highlights = nullptr;        // receives the positive terms
  std::vector<std::string>* warnings = nullptr;  // receives what was cut or changed
  const Ranking* ranking = nullptr;              // field weights; the defaults when null
  // The query was read with DefaultOperator::any: a query of one word is
  // an optional word like those of a longer one.
  bool any = false;
};

// Builds the Xapian query for `root`. Never throws for any tree parse()
// returns.
Xapian::Query build(const Node& root, const analysis::Analyzer& analyzer,
                    const BuildContext& context);

inline Xapian::Query build(const Node& root, const analysis::Analyzer& analyzer,
                           Highlights* highlights = nullptr) {
  BuildContext context;
  context.highlights = highlights;
  return build(root, analyzer, context);
}

// The author-key terms that find `name` in any common spelling, as the
// author filter does: a name with a given name finds its full-name key and
// authors listed by initials only; a name with initials finds every given
// name with that first initial; a lone word is a surname.
std::vector<std::string> author_key_terms(const analysis::Analyzer& analyzer,
                                          std::string_view name);

}  // namespace quire::query

#endif  // QUIRE_LIB_QUERY_QUERY_H
