#include "search/searcher.h"

#include <algorithm>
#include <limits>
#include <map>
#include <optional>

#include "facets/facets.h"
#include "facets/matcher.h"
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
    case FilterField::author:
      return query::author_key_terms(analyzer, filter.value);
  }
  return {};
}

Xapian::Query any_term(const std::vector<std::string>& terms) {
  std::vector<Xapian::Query> parts(terms.begin(), terms.end());
  if (parts.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

FilterField filter_field_of(FacetField facet, bool& has) {
  has = true;
  switch (facet) {
    case FacetField::category: return FilterField::category;
    case FacetField::venue: return FilterField::venue;
    case FacetField::author: return FilterField::author;
    case FacetField::year:
    case FacetField::month: break;
  }
  has = false;
  return FilterField::category;
}

// The filter part of a request, kept apart by field so that a facet can be
// counted without the filters on its own field.
struct Filters {
  std::map<FilterField, Xapian::Query> by_field;  // OR of one field's values
  Xapian::Query date_range;

  // Every filter, or every filter but those on `without`.
  Xapian::Query combined(const FilterField* without = nullptr) const {
    std::vector<Xapian::Query> parts;
    for (const auto& [field, q] : by_field)
      if (!without || field != *without) parts.push_back(q);
    if (!date_range.empty()) parts.push_back(date_range);
    if (parts.empty()) return {};
    if (parts.size() == 1) return parts.front();
    return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
  }
};

Filters make_filters(const SearchRequest& request, const analysis::Analyzer& analyzer) {
  Filters filters;
  std::map<FilterField, std::vector<std::string>> terms_by_field;
  for (const auto& filter : request.filters) {
    auto terms = filter_terms(filter, analyzer);
    auto& slot = terms_by_field[filter.field];
    slot.insert(slot.end(), terms.begin(), terms.end());
  }
  for (const auto& [field, terms] : terms_by_field) filters.by_field[field] = any_term(terms);
  if (!request.date_from.empty() || !request.date_to.empty()) {
    std::string lower = schema::date_lower_bound(request.date_from);
    std::string upper = request.date_to.empty() ? "99999999"
                                                : schema::date_upper_bound(request.date_to);
    if (lower.empty()) lower = "0";
    filters.date_range =
        Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::slot::kDate, lower, upper);
  }
  return filters;
}

Xapian::Query restrict(const Xapian::Query& query, const Xapian::Query& filter) {
  return filter.empty() ? query : Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
}

// The ranked pass: only as many matches as the page needs are scored in
// full, so Xapian can skip documents that cannot reach the page.
Xapian::MSet ranked(Xapian::Database& db, const Xapian::Query& query,
                    const SearchRequest& request) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(ranking::weight(request.ranking));
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
  if (request.collapse_duplicates) enquire.set_collapse_key(schema::slot::kWork);
  // At least one match is looked at even for an empty page, so that the
  // bounds tell an empty result (and relaxation) from an unknown count.
  // Xapian counts in 32 bits: a larger offset means past every paper and a
  // larger limit every paper, not whatever their low 32 bits say.
  constexpr std::size_t kMaxCount = std::numeric_limits<Xapian::doccount>::max();
  auto offset = static_cast<Xapian::doccount>(std::min(request.offset, kMaxCount));
  auto limit = static_cast<Xapian::doccount>(std::min(request.limit, kMaxCount - offset));
  return enquire.get_mset(offset, limit, std::max<Xapian::doccount>(offset + limit, 1));
}

// An unranked pass over every match: no weights are computed, and the
// counter (when given) sees each matching document once.
Xapian::MSet unranked(Xapian::Database& db, const Xapian::Query& query,
                      const SearchRequest& request, facets::Counter* counter) {
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(facets::UnrankedWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  if (request.collapse_duplicates) enquire.set_collapse_key(schema::slot::kWork);
  enquire.set_query(query);
  std::optional<facets::Spy> spy;
  if (counter) enquire.add_matchspy(&spy.emplace(*counter));
  return enquire.get_mset(0, 0, db.get_doccount());
}

struct Counts {
  std::uint64_t total = 0;
  bool exact = true;
  std::vector<FacetResult> facets;
};

// Which facet requests are counted over the match set itself and which,
// by filtered field, without that field's filters (multi-select).
struct FacetPlan {
  std::vector<FacetRequest> main_requests;
  std::map<FilterField, std::vector<std::size_t>> sideways;  // field -> request indexes

  FacetPlan(const SearchRequest& request, const Filters& filters) {
    for (std::size_t i = 0; i < request.facets.size(); ++i) {
      bool has_field = false;
      FilterField field = filter_field_of(request.facets[i].field, has_field);
      if (has_field && filters.by_field.count(field))
        sideways[field].push_back(i);
      else
        main_requests.push_back(request.facets[i]);
    }
  }

  static bool is_sideways(const FacetRequest& facet, const Filters& filters) {
    bool has_field = false;
    FilterField field = filter_field_of(facet.field, has_field);
    return has_field && filters.by_field.count(field);
  }
};

// Exact total and facets through Xapian's matcher, one unranked pass with
// every filter and one per multi-selected field. Collapsing duplicates is
// Xapian's, so a collapsed search counts this way.
Counts count_with_xapian(Xapian::Database& db, const analysis::Analyzer& analyzer,
                         facets::ColumnCache& column_cache, const Xapian::Query& text,
                         const Filters& filters, const SearchRequest& request) {
  std::shared_ptr<const facets::Columns> columns;
  if (!request.facets.empty()) columns = column_cache.get(db);

  FacetPlan plan(request, filters);
  const auto& main_requests = plan.main_requests;
  const auto& sideways = plan.sideways;

  Counts counts;
  counts.facets.resize(request.facets.size());
  std::optional<facets::Counter> counter;
  if (!main_requests.empty()) counter.emplace(*columns, main_requests);
  Xapian::MSet all = unranked(db, restrict(text, filters.combined()), request,
                              counter ? &*counter : nullptr);
  counts.total = all.get_matches_estimated();
  counts.exact = all.get_matches_lower_bound() == all.get_matches_upper_bound();
  if (counter) {
    auto results = counter->results(analyzer);
    for (std::size_t i = 0, r = 0; i < request.facets.size(); ++i)
      if (!FacetPlan::is_sideways(request.facets[i], filters))
        counts.facets[i] = std::move(results[r++]);
  }
  for (const auto& [field, indexes] : sideways) {
    std::vector<FacetRequest> requests;
    for (std::size_t i : indexes) requests.push_back(request.facets[i]);
    facets::Counter side(*columns, requests);
    unranked(db, restrict(text, filters.combined(&field)), request, &side);
    auto results = side.results(analyzer);
    for (std::size_t k = 0; k < indexes.size(); ++k) counts.facets[indexes[k]] = std::move(results[k]);
  }
  return counts;
}

// Exact total and facets from docid sets: the query's posting lists are
// walked into a bitset (facets::Matcher) rather than matched by Xapian, the
// total is its size, and the facet columns are counted over it. The text's
// set and each filter field's set are made once and combined per pass, so
// a multi-selected field costs one intersection and one count, not a match.
Counts count(Xapian::Database& db, const analysis::Analyzer& analyzer,
             facets::ColumnCache& column_cache, const Xapian::Query& text,
             const Filters& filters, const SearchRequest& request) {
  if (request.collapse_duplicates)
    return count_with_xapian(db, analyzer, column_cache, text, filters, request);
  std::shared_ptr<const facets::Columns> columns;
  if (!request.facets.empty()) columns = column_cache.get(db);
  FacetPlan plan(request, filters);

  facets::Matcher matcher(db);
  // A text query that needs Xapian's matcher (a phrase under an AND, say)
  // is matched with the filters of each pass, so that Xapian can skip
  // through them together.
  std::optional<facets::DocSet> text_set;
  if (facets::Matcher::native(text)) text_set = matcher.match(text);
  std::map<FilterField, facets::DocSet> field_sets;
  auto match_set = [&](const FilterField* without) {
    if (!text_set) return matcher.match(restrict(text, filters.combined(without)));
    facets::DocSet set = *text_set;
    for (const auto& [field, q] : filters.by_field) {
      if (without && field == *without) continue;
      if (set.empty()) return set;
      auto it = field_sets.find(field);
      if (it == field_sets.end()) it = field_sets.emplace(field, matcher.match(q)).first;
      set.intersect(it->second);
    }
    // The dates of the documents left, not of every document.
    if (!filters.date_range.empty()) matcher.restrict(set, filters.date_range);
    return set;
  };

  Counts counts;
  counts.facets.resize(request.facets.size());
  {
    facets::DocSet all = match_set(nullptr);
    counts.total = all.size();
    if (!plan.main_requests.empty()) {
      facets::Counter counter(*columns, plan.main_requests);
      counter.add(all);
      auto results = counter.results(analyzer);
      for (std::size_t i = 0, r = 0; i < request.facets.size(); ++i)
        if (!FacetPlan::is_sideways(request.facets[i], filters))
          counts.facets[i] = std::move(results[r++]);
    }
  }
  for (const auto& [field, indexes] : plan.sideways) {
    std::vector<FacetRequest> requests;
    for (std::size_t i : indexes) requests.push_back(request.facets[i]);
    facets::Counter side(*columns, requests);
    side.add(match_set(&field));
    auto results = side.results(analyzer);
    for (std::size_t k = 0; k < indexes.size(); ++k) counts.facets[indexes[k]] = std::move(results[k]);
  }
  return counts;
}

}  // namespace

Xapian::Query filter_query(const SearchRequest& request, const analysis::Analyzer& analyzer) {
  return make_filters(request, analyzer).combined();
}

SearchResults run(Xapian::Database& db, const analysis::Analyzer& analyzer,
                  facets::ColumnCache& column_cache, const SearchRequest& request) {
  check_date(request.date_from, "from");
  check_date(request.date_to, "to");

  query::ParsedQuery parsed = request.syntax == QuerySyntax::plain
                                   ? query::parse_plain(request.query, request.default_operator)
                                   : query::parse(request.query, request.default_operator);
  Filters filters = make_filters(request, analyzer);
  Xapian::Query all_filters = filters.combined();

  SearchResults results;
  results.warnings = parsed.warnings;
  query::Highlights highlights;
  std::vector<std::string> build_warnings;
  const bool any = request.default_operator == DefaultOperator::any;
  Xapian::Query text =
      query::build(parsed.root, analyzer,
                   {&db, &highlights, &build_warnings, &request.ranking, any});
  Xapian::MSet mset = ranked(db, restrict(text, all_filters), request);
  query::Node relaxed_root;
  const query::Node* run_root = &parsed.root;
  if (mset.get_matches_upper_bound() == 0 && parsed.relaxable) {
    relaxed_root = query::relax(parsed.root);
    query::Highlights relaxed_highlights;
    std::vector<std::string> relaxed_warnings;
    Xapian::Query relaxed_text =
        query::build(relaxed_root, analyzer,
                     {&db, &relaxed_highlights, &relaxed_warnings, &request.ranking, any});
    Xapian::MSet relaxed = ranked(db, restrict(relaxed_text, all_filters), request);
    if (relaxed.get_matches_upper_bound() > 0) {
      mset = relaxed;
      text = relaxed_text;
      highlights = std::move(relaxed_highlights);
      build_warnings = std::move(relaxed_warnings);
      run_root = &relaxed_root;
      results.relaxed = true;
    }
  }
  for (std::string& warning : build_warnings)
    if (std::find(results.warnings.begin(), results.warnings.end(), warning) ==
        results.warnings.end())
      results.warnings.push_back(std::move(warning));
  if (request.explain) results.explanation = query::to_string(*run_root);

  results.total = mset.get_matches_estimated();
  results.exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  // The ranked pass stops early; an exact total or facets need a pass over
  // every match.
  if ((request.exact_total && !results.exact) || !request.facets.empty()) {
    Counts counts = count(db, analyzer, column_cache, text, filters, request);
    results.total = counts.total;
    results.exact = counts.exact;
    results.facets = std::move(counts.facets);
  }

  SnippetStyle style{request.snippet_length, request.highlight_open, request.highlight_close};
  results.hits.reserve(mset.size());
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
    Hit hit;
    hit.paper = index::deserialize(it.get_document().get_data());
    hit.id = hit.paper.id;
    hit.score = it.get_weight();
    if (request.collapse_duplicates) hit.duplicates = it.get_collapse_count();
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
