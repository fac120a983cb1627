// quire search DB QUERY: ranked, filtered, faceted search.
#include <unistd.h>

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common.h"
#include "json_writer.h"
#include "quire/quire.h"

namespace quire_cli {

namespace {

struct SearchOptions {
  std::string db;
  std::string query;
  std::vector<std::string> filters;
  std::string from;
  std::string to;
  std::vector<std::string> facets;
  std::size_t facet_size = quire::FacetRequest().top_n;
  std::string facet_sort = "count";
  bool collapse = false;
  std::string sort = "relevance";
  std::size_t limit = quire::SearchRequest().limit;
  std::size_t offset = 0;
  bool json = false;
  bool no_snippets = false;
  bool any = false;
  bool explain = false;
};

// "FIELD:VALUE" as a Filter, or nullopt with `error` saying what is wrong.
std::optional<quire::Filter> parse_filter(const std::string& text, std::string& error) {
  const std::size_t colon = text.find(':');
  if (colon == std::string::npos) {
    error = "expected FIELD:VALUE, got '" + text + "'";
    return std::nullopt;
  }
  const std::string field = text.substr(0, colon);
  quire::Filter filter;
  filter.value = text.substr(colon + 1);
  if (field == "category") {
    filter.field = quire::FilterField::category;
  } else if (field == "venue") {
    filter.field = quire::FilterField::venue;
  } else if (field == "author") {
    filter.field = quire::FilterField::author;
  } else {
    error = "unknown field '" + field + "' in '" + text + "' (use category, venue or author)";
    return std::nullopt;
  }
  if (filter.value.empty()) {
    error = "no value after '" + field + ":'";
    return std::nullopt;
  }
  return filter;
}

bool leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// Empty when `text` is a real date written YYYY, YYYY-MM or YYYY-MM-DD;
// otherwise what is wrong with it.
std::string check_date(const std::string& text) {
  const std::string wrong = "'" + text + "' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)";
  const std::size_t n = text.size();
  if (n != 4 && n != 7 && n != 10) return wrong;
  for (std::size_t i = 0; i < n; ++i) {
    const bool dash_here = i == 4 || i == 7;
    const char c = text[i];
    if (dash_here ? c != '-' : (c < '0' || c > '9')) return wrong;
  }
  if (n == 4) return {};
  const int year = std::stoi(text.substr(0, 4));
  const int month = std::stoi(text.substr(5, 2));
  if (month < 1 || month > 12) return wrong;
  if (n == 7) return {};
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int last = kDays[month - 1] + (month == 2 && leap_year(year) ? 1 : 0);
  const int day = std::stoi(text.substr(8, 2));
  if (day < 1 || day > last) return wrong;
  return {};
}

constexpr quire::FacetField kFacetFields[] = {
    quire::FacetField::category, quire::FacetField::year, quire::FacetField::venue,
    quire::FacetField::month, quire::FacetField::author};

// The library names each facet field; --facet takes those names.
std::vector<std::string> facet_names() {
  std::vector<std::string> names;
  for (quire::FacetField field : kFacetFields) names.emplace_back(quire::facet_field_name(field));
  return names;
}

quire::FacetField facet_field(const std::string& name) {
  for (quire::FacetField field : kFacetFields) {
    if (name == quire::facet_field_name(field)) return field;
  }
  return kFacetFields[0];  // unreachable: --facet accepts only the names above
}

// Between the parts of a hit's line and between facet counts.
constexpr const char* kDot = " \u00b7 ";

// "First Author, Second Author, Third Author et al."
std::string short_authors(const std::vector<std::string>& authors) {
  constexpr std::size_t kShown = 3;
  if (authors.size() <= kShown) return join(authors, ", ");
  std::vector<std::string> first(authors.begin(), authors.begin() + kShown);
  return join(first, ", ") + " et al.";
}

void print_text(const quire::SearchRequest& request, const quire::SearchResults& results) {
  std::ostream& out = std::cout;
  if (!results.exact) out << "about ";
  out << with_thousands(results.total) << (results.total == 1 ? " result" : " results");
  if (results.relaxed) out << " (relaxed: no paper had every word)";
  out << '\n';
  if (request.explain) out << "query: " << results.explanation << '\n';

  std::size_t rank = request.offset;
  for (const quire::Hit& hit : results.hits) {
    const std::string number = std::to_string(++rank) + ". ";
    const std::string indent(number.size(), ' ');
    const quire::Paper& paper = hit.paper;
    out << '\n' << number << paper.title << '\n';

    std::vector<std::string> about = {hit.id};
    for (const std::string& part : {paper.date, paper.venue, join(paper.categories, " "),
                                    short_authors(paper.authors)}) {
      if (!part.empty()) about.push_back(part);
    }
    out << indent << join(about, kDot) << '\n';
    if (!hit.snippet.empty()) out << indent << hit.snippet << '\n';
  }

  if (!results.warnings.empty()) out << '\n';
  for (const std::string& warning : results.warnings) out << "warning: " << warning << '\n';

  if (!results.facets.empty()) out << '\n';
  for (const quire::FacetResult& facet : results.facets) {
    std::vector<std::string> counts;
    for (const quire::FacetCount& count : facet.values) {
      std::string shown = count.value + " (" + with_thousands(count.count) + ")";
      std::vector<std::string> children;
      for (const quire::FacetCount& child : count.children)
        children.push_back(child.value + " " + with_thousands(child.count));
      if (!children.empty()) shown += " [" + join(children, ", ") + "]";
      counts.push_back(shown);
    }
    if (facet.distinct > facet.values.size()) {
      counts.push_back("+" + with_thousands(facet.distinct - facet.values.size()) + " more");
    }
    out << quire::facet_field_name(facet.field) << ": "
        << (counts.empty() ? "(none)" : join(counts, kDot)) << '\n';
  }
}

void print_json(const quire::SearchRequest& request, const quire::SearchResults& results) {
  JsonWriter json;
  json.begin_object()
      .member("query", request.query)
      .member("total", results.total)
      .member("exact", results.exact)
      .member("relaxed", results.relaxed)
      .member("warnings", results.warnings);
  if (request.explain) json.member("explanation", results.explanation);
  json.key("hits").begin_array();
  for (const quire::Hit& hit : results.hits) {
    json.begin_object()
        .member("id", hit.id)
        .member("score", hit.score)
        .member("title", hit.paper.title)
        .member("authors", hit.paper.authors)
        .member("date", hit.paper.date)
        .member("venue", hit.paper.venue)
        .member("categories", hit.paper.categories)
        .member("snippet", hit.snippet)
        .end_object();
  }
  json.end_array();
  json.key("facets").begin_object();
  for (const quire::FacetResult& facet : results.facets) {
    json.key(quire::facet_field_name(facet.field)).begin_array();
    for (const quire::FacetCount& count : facet.values) {
      json.begin_object().member("value", count.value).member("count", count.count);
      if (!count.children.empty()) {
        json.key("children").begin_array();
        for (const quire::FacetCount& child : count.children)
          json.begin_object().member("value", child.value).member("count", child.count).end_object();
        json.end_array();
      }
      json.end_object();
    }
    json.end_array();
  }
  json.end_object().end_object();
  std::cout << json.str() << '\n';
}

int run_search(const SearchOptions& options) {
  quire::SearchRequest request;
  request.query = options.query;
  request.default_operator =
      options.any ? quire::DefaultOperator::any : quire::DefaultOperator::all;
  for (const std::string& text : options.filters) {
    std::string error;
    // Already validated while parsing, so this cannot fail.
    if (auto filter = parse_filter(text, error)) request.filters.push_back(*filter);
  }
  request.date_from = options.from;
  request.date_to = options.to;
  for (const std::string& name : options.facets) {
    const quire::FacetField field = facet_field(name);
    bool repeated = false;
    for (const quire::FacetRequest& facet : request.facets) repeated |= facet.field == field;
    // Asking twice must not give the JSON object the same key twice.
    if (!repeated)
      request.facets.push_back({field, options.facet_size,
                                options.facet_sort == "value" ? quire::FacetSort::value
                                                              : quire::FacetSort::count});
  }
  request.sort = options.sort == "date" ? quire::Sort::date_desc : quire::Sort::relevance;
  request.offset = options.offset;
  request.limit = options.limit;
  request.snippets = !options.no_snippets;
  request.explain = options.explain;
  request.collapse_duplicates = options.collapse;
  if (!options.json) {
    const bool bold = is_terminal(STDOUT_FILENO);
    request.highlight_open = bold ? "\033[1m" : "[";
    request.highlight_close = bold ? "\033[0m" : "]";
  }

  const quire::Index index = quire::Index::open(options.db, {quire::OpenMode::read_only});
  const quire::SearchResults results = index.search(request);
  if (options.json) {
    print_json(request, results);
  } else {
    print_text(request, results);
  }
  return kExitSuccess;
}

}  // namespace

Command add_search_command(CLI::App& app) {
  auto options = std::make_shared<SearchOptions>();
  CLI::App* sub = app.add_subcommand("search", "Search the index in DB");
  sub->add_option("DB", options->db, "The index folder")->required();
  sub->add_option("QUERY", options->query,
                  "Words (all required), \"phrases\", OR, AND, NOT, -excluded, (groups), "
                  "fields (title: abstract: author: cat: venue: id: year: date:), "
                  "prefix*, year:2020..2024, an arXiv id or DOI; \"\" matches every "
                  "paper. See docs/query-syntax.md")
      ->required();

  const CLI::Validator filter_check(
      [](std::string& text) {
        std::string error;
        parse_filter(text, error);
        return error;
      },
      "FIELD:VALUE", "filter");
  sub->add_option("--filter", options->filters,
                  "Only papers with this category, venue or author (category:cs.LG, "
                  "venue:NeurIPS, \"author:Geoffrey Hinton\"); repeat for more, the same "
                  "field meaning any of them")
      ->allow_extra_args(false)
      ->check(filter_check);

  const CLI::Validator date_check([](std::string& text) { return check_date(text); },
                                  "DATE", "date");
  sub->add_option("--from", options->from, "Only papers dated on or after YYYY[-MM[-DD]]")
      ->check(date_check);
  sub->add_option("--to", options->to, "Only papers dated on or before YYYY[-MM[-DD]]")
      ->check(date_check);

  sub->add_option("--facet", options->facets, "Count the matches by category, year, venue, month or author")
      ->allow_extra_args(false)
      ->check(CLI::IsMember(facet_names()));
  sub->add_option("--facet-size", options->facet_size,
                  "Values shown per facet, most frequent first (0: all)")
      ->check(count_check(0))
      ->capture_default_str();
  sub->add_option("--facet-sort", options->facet_sort,
                  "Order facet values by count (highest first) or by value")
      ->check(CLI::IsMember({"count", "value"}))
      ->capture_default_str();
  sub->add_flag("--collapse", options->collapse,
                "Show each work once (a preprint and its proceedings version)");
  sub->add_option("--sort", options->sort, "relevance, or date (newest first)")
      ->check(CLI::IsMember({"relevance", "date"}))
      ->capture_default_str();
  sub->add_option("--limit", options->limit, "Hits to show")
      ->check(count_check(0))
      ->capture_default_str();
  sub->add_option("--offset", options->offset, "Hits to skip, for paging")
      ->check(count_check(0))
      ->capture_default_str();
  sub->add_flag("--any", options->any, "Match papers with any of the words, not all");
  sub->add_flag("--no-snippets", options->no_snippets, "Leave out the text around matches");
  sub->add_flag("--json", options->json, "Print one JSON object instead of text");
  sub->add_flag("--explain", options->explain,
                "Print how the query was read (the query tree that ran) before the hits");
  return {sub, [options] { return run_search(*options); }};
}

}  // namespace quire_cli
