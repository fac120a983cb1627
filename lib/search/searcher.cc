#include "search/searcher.h"

#include <map>
#include <optional>

#include "facets/facets.h"
#include "index/document.h"
#include "index/schema.h"
#include "query/query.h"
#include "quire/error.h"
#include "search/ranking.h"
#include "search/snippet.h"

namespace quire::search {

namespace {

namespace p = schema::prefix;

void check_date(const std::string& date, const char* which) {
  if (!date.empty() && !schema::valid_date(date))
    throw Error(ErrorCode::invalid_argument, std::string("the ") + which + " date '" + date +
                                                 "' is not YYYY, YYYY-MM or YYYY-MM-DD");
}

std::vector<std::string> filter_terms(const Filter& filter, const analysis::Analyzer& analyzer) {
  switch (filter.field) {
    case FilterField::category:
      return {schema::term(p::kCategory, schema::category_key(filter.value))};
    case FilterField::venue:
      return {schema::term(p::kVenue, analyzer.normalize_key(filter.value))};
    case FilterField::author: {
      analysis::AuthorName name = analysis::parse_author(analyzer, filter.value);
      if (name.surname.empty()) return {};
      // A lone name ("Schölkopf", "OpenAI") is taken as a surname.
      if (name.given.empty() && name.initials.empty()) {
        std::vector<std::string> terms{schema::term(p::kAuthorSurname, name.surname)};
        if (!name.surname_alt.empty())
          terms.push_back(schema::term(p::kAuthorSurname, name.surname_alt));
        return terms;
      }
      // A full name also finds papers that give this author only initials;
      // initials find every given name with that initial.
      std::vector<std::string> terms;
      auto add = [&](const std::string& full, const std::string& initial) {
        if (initial.empty()) return;
        if (full.empty()) {
          terms.push_back(schema::term(p::kAuthorInitial, initial));
        } else {
          terms.push_back(schema::term(p::kAuthorFull, full));
          terms.push_back(schema::term(p::kAuthorInitialOnly, initial));
        }
      };
      add(name.full_key, name.initial_key);
      add(name.full_key_alt, name.initial_key_alt);
      return terms;
    }
  }
  return {};
}

Xapian::Query any_term(const std::vector<std::string>& terms) {
  std::vector<Xapian::Query> parts(terms.begin(), terms.end());
  if (parts.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

struct Run {
  Xapian::MSet mset;
  std::vector<FacetResult> facets;
};

Run match(Xapian::Database& db, const Xapian::Query& query, const SearchRequest& request) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BM25Weight(ranking::kBm25K1, ranking::kBm25K2,
                                                  ranking::kBm25K3, ranking::kBm25B,
                                                  ranking::kBm25MinNormLen));
  switch (request.sort) {
    case Sort::relevance:
      enquire.set_sort_by_relevance_then_value(schema::slot::kDate, true);
      break;
    case Sort::date_desc:
      enquire.set_sort_by_value_then_relevance(schema::slot::kDate, true);
      break;
    case Sort::date_asc:
      enquire.set_sort_by_value_then_relevance(schema::slot::kDate, false);
      break;
  }
  std::optional<facets::Counter> counter;
  if (!request.facets.empty()) {
    counter.emplace(request.facets);
    enquire.add_matchspy(&*counter);
  }
  Xapian::doccount wanted = static_cast<Xapian::doccount>(request.offset + request.limit);
  Xapian::doccount check_at_least =
      request.exact_total || counter ? db.get_doccount() : wanted;
  Run run;
  run.mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                              static_cast<Xapian::doccount>(request.limit), check_at_least);
  if (counter) run.facets = counter->results();
  return run;
}

}  // namespace

Xapian::Query filter_query(const SearchRequest& request, const analysis::Analyzer& analyzer) {
  // OR within a field, AND across fields.
  std::map<FilterField, std::vector<std::string>> by_field;
  for (const auto& filter : request.filters) {
    auto terms = filter_terms(filter, analyzer);
    auto& slot = by_field[filter.field];
    slot.insert(slot.end(), terms.begin(), terms.end());
  }
  std::vector<Xapian::Query> parts;
  for (const auto& [field, terms] : by_field) parts.push_back(any_term(terms));
  if (!request.date_from.empty() || !request.date_to.empty()) {
    std::string lower = schema::date_lower_bound(request.date_from);
    std::string upper = request.date_to.empty() ? "99999999"
                                                : schema::date_upper_bound(request.date_to);
    if (lower.empty()) lower = "0";
    parts.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::slot::kDate, lower, upper);
  }
  if (parts.empty()) return {};
  if (parts.size() == 1) return parts.front();
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

SearchResults run(Xapian::Database& db, const analysis::Analyzer& analyzer,
                  const SearchRequest& request) {
  check_date(request.date_from, "from");
  check_date(request.date_to, "to");

  query::ParsedQuery parsed = query::parse(request.query, request.default_operator);
  Xapian::Query filter = filter_query(request, analyzer);
  auto full_query = [&](const query::Node& root, query::Highlights* highlights) {
    Xapian::Query q = query::build(root, analyzer, highlights);
    return filter.empty() ? q : Xapian::Query(Xapian::Query::OP_FILTER, q, filter);
  };

  SearchResults results;
  results.warnings = parsed.warnings;
  query::Highlights highlights;
  Run run = match(db, full_query(parsed.root, &highlights), request);
  if (run.mset.get_matches_upper_bound() == 0 && parsed.relaxable) {
    query::Highlights relaxed_highlights;
    Run relaxed = match(db, full_query(query::relax(parsed.root), &relaxed_highlights), request);
    if (relaxed.mset.get_matches_upper_bound() > 0) {
      run = std::move(relaxed);
      highlights = std::move(relaxed_highlights);
      results.relaxed = true;
    }
  }

  const Xapian::MSet& mset = run.mset;
  results.total = mset.get_matches_estimated();
  results.exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  results.facets = std::move(run.facets);

  SnippetStyle style{request.snippet_length, request.highlight_open, request.highlight_close};
  results.hits.reserve(mset.size());
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
    Hit hit;
    hit.paper = index::deserialize(it.get_document().get_data());
    hit.id = hit.paper.id;
    hit.score = it.get_weight();
    if (request.snippets) {
      const std::string& source = hit.paper.abstract.empty() ? hit.paper.title
                                                             : hit.paper.abstract;
      hit.snippet = make_snippet(source, analyzer, highlights, style);
    }
    results.hits.push_back(std::move(hit));
  }
  return results;
}

}  // namespace quire::search
