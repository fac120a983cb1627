// quire as an engine of the side-by-side benchmark in ../shared/peers: the
// same commands and output formats as the Lucene, FTS5 and Xapian drivers
// (see ../shared/peers/README.md), through quire's public API only.
//
//   quire_peer index CORPUS.jsonl INDEXDIR
//   quire_peer search INDEXDIR QUERIES.tsv REPEATS
//   quire_peer eval CORPUS.jsonl QUERIES.tsv INDEXDIR OUT.run
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "quire/quire.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

long peak_rss_kib() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

int cmd_index(const std::string& corpus, const std::string& dir) {
  auto t0 = Clock::now();
  auto index = quire::Index::open(dir);
  quire::ImportOptions options;
  if (const char* batch = std::getenv("QUIRE_BATCH")) options.batch_size = std::stoul(batch);
  options.on_issue = [](const quire::ImportIssue&) {};
  quire::ImportSummary summary = quire::import_file(index, corpus, options);
  double secs = seconds_since(t0);
  auto stats = index.stats();
  if (summary.rejected)
    std::fprintf(stderr, "quire_peer: skipped %llu malformed lines\n",
                 static_cast<unsigned long long>(summary.rejected));
  std::fprintf(stderr, "quire_peer: peak_rss_kib=%ld\n", peak_rss_kib());
  std::printf("index docs=%llu seconds=%.3f bytes=%llu\n",
              static_cast<unsigned long long>(stats.documents), secs,
              static_cast<unsigned long long>(stats.disk_bytes));
  return 0;
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  for (std::size_t start = 0;;) {
    std::size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return fields;
}

struct Query {
  std::string cls;
  quire::SearchRequest request;
  std::uint64_t count = 0;
  std::vector<std::string> ids;
  std::vector<quire::FacetResult> facets;
  double best_us = 1e300;
};

// The peer classes in quire's terms: words go through the query text,
// author and category restrictions through structured filters.
quire::SearchRequest request_for(const std::vector<std::string>& f) {
  quire::SearchRequest r;
  r.limit = 10;
  r.snippets = false;
  r.exact_total = true;
  const std::string& cls = f[0];
  if (cls == "and") {
    r.query = f[1];
  } else if (cls == "phrase") {
    r.query = "\"" + f[1] + "\"";
  } else if (cls == "author") {
    r.filters.push_back({quire::FilterField::author, f[1]});
  } else {
    r.query = f[1];
    r.default_operator = quire::DefaultOperator::any;
  }
  if (cls == "filtered" && f.size() >= 5) {
    r.filters.push_back({quire::FilterField::category, f[2]});
    r.date_from = f[3];
    r.date_to = f[4];
  }
  if (cls == "facet")
    r.facets = {{quire::FacetField::category, 0}, {quire::FacetField::year, 0}};
  return r;
}

int cmd_search(const std::string& dir, const std::string& file, int repeats) {
  auto index = quire::Index::open(dir, {quire::OpenMode::read_only});
  std::vector<Query> queries;
  std::ifstream in(file);
  if (!in) {
    std::perror(file.c_str());
    return 1;
  }
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto f = split_tabs(line);
    if (f.size() < 2) continue;
    Query q;
    q.cls = f[0];
    q.request = request_for(f);
    queries.push_back(std::move(q));
  }
  int warmup = std::getenv("PEERS_WARMUP") ? std::atoi(std::getenv("PEERS_WARMUP")) : 1;
  for (int rep = -warmup; rep < repeats; ++rep) {
    for (Query& q : queries) {
      auto t0 = Clock::now();
      quire::SearchResults results = index.search(q.request);
      double us = std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
      if (rep >= 0) q.best_us = std::min(q.best_us, us);
      q.count = results.total;
      q.ids.clear();
      for (const auto& h : results.hits) q.ids.push_back(h.id);
      q.facets = std::move(results.facets);
    }
  }
  for (const Query& q : queries) {
    std::printf("%s\t%llu\t", q.cls.c_str(), static_cast<unsigned long long>(q.count));
    for (std::size_t k = 0; k < q.ids.size(); ++k)
      std::printf("%s%s", k ? "," : "", q.ids[k].c_str());
    std::printf("\t%.0f\n", q.best_us);
    for (const auto& facet : q.facets) {
      std::map<std::string, std::uint64_t> sorted;
      for (const auto& v : facet.values) sorted[v.value] = v.count;
      std::printf("facet:%s\t", quire::facet_field_name(facet.field));
      bool first = true;
      for (const auto& [value, count] : sorted) {
        std::printf("%s%s=%llu", first ? "" : ",", value.c_str(),
                    static_cast<unsigned long long>(count));
        first = false;
      }
      std::printf("\n");
    }
  }
  return 0;
}

int cmd_eval(const std::string& corpus, const std::string& queries_file,
             const std::string& dir, const std::string& run_file) {
  auto t0 = Clock::now();
  auto index = quire::Index::open(dir);
  quire::ImportOptions options;
  options.on_issue = [](const quire::ImportIssue&) {};
  auto summary = quire::import_file(index, corpus, options);
  double index_secs = seconds_since(t0);

  auto t1 = Clock::now();
  std::ifstream in(queries_file);
  std::FILE* out = std::fopen(run_file.c_str(), "w");
  if (!in || !out) {
    std::perror("quire_peer eval");
    return 1;
  }
  std::size_t nqueries = 0, nlines = 0;
  for (std::string line; std::getline(in, line);) {
    auto f = split_tabs(line);
    if (f.size() < 2) continue;
    ++nqueries;
    // As `quire eval` runs them: plain text, any word, the tuned ranking.
    quire::SearchRequest r = quire::EvaluationOptions::default_request();
    r.query = f[1];
    r.limit = 100;
    auto results = index.search(r);
    int rank = 1;
    for (const auto& h : results.hits) {
      std::fprintf(out, "%s Q0 %s %d %.8f quire\n", f[0].c_str(), h.id.c_str(), rank++, h.score);
      ++nlines;
    }
  }
  std::fclose(out);
  const quire::Ranking ranking;
  std::printf("eval docs=%llu queries=%zu lines=%zu index_seconds=%.3f query_seconds=%.3f "
              "k1=%g b=%g fields=title+text(title:3)\n",
              static_cast<unsigned long long>(summary.added + summary.replaced), nqueries,
              nlines, index_secs, seconds_since(t1), ranking.k1, ranking.b);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    std::string cmd = argc > 1 ? argv[1] : "";
    if (cmd == "index" && argc == 4) return cmd_index(argv[2], argv[3]);
    if (cmd == "search" && argc == 5) return cmd_search(argv[2], argv[3], std::atoi(argv[4]));
    if (cmd == "eval" && argc == 6) return cmd_eval(argv[2], argv[3], argv[4], argv[5]);
  } catch (const quire::Error& e) {
    std::fprintf(stderr, "quire_peer: %s\n", e.what());
    return 1;
  }
  std::fprintf(stderr,
               "usage: quire_peer index CORPUS INDEXDIR | search INDEXDIR QUERIES REPEATS | "
               "eval CORPUS QUERIES INDEXDIR OUT.run\n");
  return 2;
}
