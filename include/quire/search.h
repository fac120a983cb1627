// quire/search.h: what a search asks for and what it returns.
//
// SearchRequest and SearchResults are plain values that own their strings;
// build a request, pass it to Index::search(), read the results. Distinct
// objects may be used from distinct threads; one object is not synchronised.
#ifndef QUIRE_SEARCH_H
#define QUIRE_SEARCH_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "quire/paper.h"
#include "quire/version.h"

QUIRE_NAMESPACE_BEGIN

// A metadata field a filter can restrict.
enum class FilterField {
  category = 1,  // exact category ("cs.LG"), case-insensitive
  venue = 2,     // exact venue name, case- and accent-insensitive
  author = 3,    // an author in any common spelling ("B. Schölkopf", "Scholkopf, Bernhard")
};

// Restricts results to papers whose `field` has `value`. Several filters on
// the same field mean "any of them"; filters on different fields must all hold.
struct Filter {
  FilterField field = FilterField::category;
  std::string value;
};

// A field facet counts can be requested for.
enum class FacetField {
  // Hierarchical and multi-valued: "cs" counts every paper in any cs.*
  // category once and lists cs.LG, cs.CL, ... as its children; a paper in
  // cs.LG and stat.ML counts under both. A category without a dot
  // ("hep-th") is a top-level value with no children.
  category = 1,
  year = 2,
  venue = 3,
  month = 4,   // "YYYY-MM"; papers dated only by year have no month
  author = 5,  // authors by normalised identity, shown in their most common spelling
};

// The name used in the CLI and JSON: "category", "year", "venue", "month",
// "author".
QUIRE_API const char* facet_field_name(FacetField field) noexcept;

enum class FacetSort {
  count = 1,  // highest count first, then by value
  value = 2,  // by value (years and months in time order)
};

struct FacetRequest {
  FacetField field = FacetField::category;
  std::size_t top_n = 10;  // the values to return (per level); 0 means all
  FacetSort sort = FacetSort::count;
  std::uint64_t min_count = 1;  // leave out values counted fewer times
  // Only values that start with this text, ignoring case and accents
  // ("neur" finds "NeurIPS"); for authors, also any word of the name.
  std::string prefix;

  FacetRequest() = default;
  // `{FacetField::venue, 0}` and the like: the fields in order, the rest
  // left at their defaults.
  FacetRequest(FacetField field_, std::size_t top_n_ = 10, FacetSort sort_ = FacetSort::count,
               std::uint64_t min_count_ = 1, std::string prefix_ = {})
      : field(field_), top_n(top_n_), sort(sort_), min_count(min_count_),
        prefix(std::move(prefix_)) {}
};

enum class Sort {
  relevance = 1,  // best BM25 score first; ties by date, newest first
  date_desc = 2,  // newest first; ties by relevance
  date_asc = 3,   // oldest first; ties by relevance
};

// How the plain words of a query combine.
enum class DefaultOperator {
  all = 1,  // every word required (relaxed to `any` when nothing matches)
  any = 2,  // any word may match; more matching words rank higher
};

// How the query text is read.
enum class QuerySyntax {
  full = 1,   // the query language of docs/query-syntax.md
  plain = 2,  // words only: no character is syntax (for sentences, pasted
              // abstracts, text from elsewhere)
};

// How relevance is scored: BM25 over the words of title and abstract read
// as one text, in which a title word counts three times, and over author
// names; and what a query's words add beyond that. The defaults are the
// ones quire is tuned to (docs/ranking.md has the measurements behind
// each); `quire eval` measures a change on judged test collections.
struct Ranking {
  double k1 = 1.2;  // BM25: how fast repeats of a word stop adding score
  double b = 0.75;  // BM25: how much longer papers are discounted, 0 to 1
  // Extra score for a word found in the title, as a share of its BM25
  // score over titles alone; 0 adds nothing beyond the title's threefold
  // count.
  double title_boost = 0.1;
  // What a word found in an author's name scores, relative to the text.
  double author_weight = 1.0;
  // Among optional words (`any`, relaxed), leave out words as common as
  // "the", "of" and "which" when the query has other words; phrases and
  // explicit OR keep them (docs/query-syntax.md lists them).
  bool skip_common_words = true;
  // What a word found in the form it was typed adds (not only by its
  // stem: "learning" as "learning", not as "learned"), relative to the
  // word; 0 for nothing.
  double exact_form_weight = 0;
  // Among optional words, what two neighbouring query words add when they
  // stand next to each other in the paper, relative to their own score;
  // 0 for nothing.
  double proximity_weight = 0;
};

struct SearchRequest {
  // What a person typed into a search box: words, "quoted phrases", OR,
  // AND, NOT, -excluded, +required, parentheses, fields (title:, author:,
  // cat:, year:2020..2024, ...), prefix* and ids; docs/query-syntax.md has
  // it all. Never throws for any text: what cannot be read is left out and
  // said so in SearchResults::warnings. An empty query matches every paper.
  std::string query;
  DefaultOperator default_operator = DefaultOperator::all;
  QuerySyntax syntax = QuerySyntax::full;

  std::vector<Filter> filters;
  // Inclusive date bounds, "YYYY", "YYYY-MM" or "YYYY-MM-DD"; empty = open.
  // A bound at a coarser precision covers the whole year or month.
  std::string date_from;
  std::string date_to;

  std::vector<FacetRequest> facets;

  Sort sort = Sort::relevance;
  std::size_t offset = 0;  // hits to skip, for paging
  std::size_t limit = 10;  // hits to return

  // Count every match exactly. When false, `total` may be an estimate
  // (SearchResults::exact says which) and searching is faster. Facets are
  // always counted exactly and imply an exact total.
  bool exact_total = true;

  // Show each work once: records that share a work key (the same
  // normalised title and first-author surname, e.g. a preprint and its
  // proceedings version) collapse into the best-ranked one, and
  // Hit::duplicates counts the others. `total` then counts works.
  bool collapse_duplicates = false;

  bool snippets = true;             // build a highlighted snippet for each hit
  std::size_t snippet_length = 240; // approximate length in bytes
  std::string highlight_open = "<b>";   // inserted before each matched word
  std::string highlight_close = "</b>"; // inserted after each matched word

  // Fill SearchResults::explanation with how the query was read.
  bool explain = false;

  Ranking ranking;
};

struct Hit {
  std::string id;
  double score = 0;  // relevance; 0 for an empty query
  Paper paper;       // every stored field
  // Text around the matched words with each match wrapped in the request's
  // highlight markers; the start of the abstract (or the title) when no word
  // matched; empty when snippets were not requested.
  std::string snippet;
  // With collapse_duplicates: how many other matching records of the same
  // work were folded into this hit.
  std::uint64_t duplicates = 0;
};

struct FacetCount {
  std::string value;
  std::uint64_t count = 0;
  // For the category facet: the categories under this group, ordered and
  // cut like the top level.
  std::vector<FacetCount> children;
};

// Counts are exact over the whole match set. A facet whose field has
// filters in the request is counted as if those filters were absent (and
// every other filter present), so an application can show the values a
// person may add to the selection.
struct FacetResult {
  FacetField field = FacetField::category;
  // Ordered as the request asked: by count (highest first) then value, or
  // by value.
  std::vector<FacetCount> values;
  // How many distinct top-level values the match set has (`values` may
  // hold fewer).
  std::uint64_t distinct = 0;
};

struct SearchResults {
  std::uint64_t total = 0;  // papers matching the query and filters
  bool exact = true;        // false when `total` is an estimate
  // True when no paper had every word, so any word was accepted instead.
  bool relaxed = false;
  std::vector<Hit> hits;
  std::vector<FacetResult> facets;  // in the order requested
  // Things a person may want to know about how the query was read
  // ("unbalanced quote ignored"). Empty for a clean query.
  std::vector<std::string> warnings;
  // With SearchRequest::explain: the query tree that was run (after
  // relaxing, if it was), e.g. `(and title:graph (or gnn "graph network"))`.
  // Its form is described in docs/query-syntax.md; meant for people, not
  // for parsing. Empty otherwise.
  std::string explanation;
};

QUIRE_NAMESPACE_END

#endif  // QUIRE_SEARCH_H
