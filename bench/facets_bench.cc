// Facet cost per hit per dimension: quire's column counting against Xapian's
// ValueCountMatchSpy, on match sets from 10^2 papers up to every paper.
//
//   facets_bench INDEX [--replicate K --work DIR] [--repeats N] [--build-only]
//
// INDEX is a quire index (e.g. built by bench/core.sh). With --replicate K
// the benchmark first builds K-1 more copies of it in DIR, every paper with
// a rewritten id ("ID~k"), and measures on all K searched as one database
// (a Xapian stub file lists them). Copies already complete in DIR are kept,
// so a second run measures at once; --build-only builds them and stops.
//
// For each match set: T0 = exact count, no facets; Tf = exact count plus
// category, year and venue facets. Cost per hit per dimension =
// (Tf - T0) / hits / 3, best of N runs, for quire and for raw Xapian with
// ValueCountMatchSpy on the same database in the same run. A second table
// times the parts of quire's counting pass alone: the query evaluated into
// a docid bitset, the three columns counted over it, and the results made.
#include <xapian.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "facets/columns.h"
#include "facets/facets.h"
#include "facets/matcher.h"
#include "index/document.h"
#include "index/schema.h"
#include "query/query.h"
#include "quire/quire.h"
#include "search/searcher.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Makes `out` a copy of the database `base` with every id rewritten to
// ID~k. The database files are copied as they are and only each document's
// id term and stored record are replaced in place: Xapian's writer then
// rewrites just what changed (no positions, no other postings), which is
// far cheaper than adding the documents one by one.
void build_copy(const std::string& base, const std::string& out, int k) {
  fs::remove_all(out);
  fs::create_directories(out);
  for (const auto& entry : fs::directory_iterator(base)) {
    const std::string name = entry.path().filename().string();
    if (name == "flintlock" || !entry.is_regular_file()) continue;
    fs::copy_file(entry.path(), fs::path(out) / name);
  }
  Xapian::WritableDatabase dst(out, Xapian::DB_OPEN);
  const std::string suffix = "~" + std::to_string(k);
  std::vector<Xapian::docid> docids;
  for (Xapian::PostingIterator it = dst.postlist_begin(""); it != dst.postlist_end(""); ++it)
    docids.push_back(*it);
  dst.begin_transaction(true);
  std::size_t n = 0;
  for (Xapian::docid did : docids) {
    Xapian::Document doc = dst.get_document(did);
    quire::Paper paper = quire::index::deserialize(doc.get_data());
    doc.remove_term(quire::schema::id_term(paper.id));
    paper.id += suffix;
    doc.add_boolean_term(quire::schema::id_term(paper.id));
    doc.set_data(quire::index::serialize(paper));
    dst.replace_document(did, doc);
    if (++n % 50000 == 0) {
      dst.commit_transaction();
      dst.begin_transaction(true);
    }
  }
  dst.commit_transaction();
}

std::string replicate(const std::string& base, const std::string& work, int copies) {
  fs::create_directories(work);
  std::vector<std::string> shards{fs::absolute(base).string()};
  std::vector<int> todo;
  for (int k = 1; k < copies; ++k) {
    std::string dir = (fs::absolute(work) / ("copy-" + std::to_string(k))).string();
    shards.push_back(dir);
    if (!fs::exists(fs::path(dir) / "iamglass")) todo.push_back(k);
  }
  // Two copies at a time: this machine has two cores.
  std::size_t next = 0;
  int running = 0;
  while (next < todo.size() || running > 0) {
    if (next < todo.size() && running < 2) {
      int k = todo[next++];
      std::fprintf(stderr, "facets_bench: building copy %d of %d\n", k, copies - 1);
      pid_t pid = fork();
      if (pid == 0) {
        build_copy(base, shards[k] + ".tmp", k);
        fs::rename(shards[k] + ".tmp", shards[k]);
        _exit(0);
      }
      ++running;
      continue;
    }
    int status = 0;
    wait(&status);
    --running;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      std::fprintf(stderr, "facets_bench: building a copy failed\n");
      std::exit(1);
    }
  }
  std::string stub = (fs::absolute(work) / "replica.stub").string();
  std::ofstream out(stub);
  for (const auto& s : shards) out << "auto " << s << "\n";
  return stub;
}

// Words whose document frequency is closest to each target size.
std::map<std::size_t, std::string> words_for_sizes(Xapian::Database& db,
                                                   const std::vector<std::size_t>& sizes) {
  std::map<std::size_t, std::pair<double, std::string>> best;
  // Unprefixed terms are abstract words (prefixes are upper case, so a
  // lower-case first letter means no prefix); a word of letters only reads
  // the same through the analyzer.
  for (char first = 'a'; first <= 'z'; ++first) {
    std::string start(1, first);
    for (Xapian::TermIterator t = db.allterms_begin(start); t != db.allterms_end(start); ++t) {
      const std::string& term = *t;
      if (!std::all_of(term.begin(), term.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
        continue;
      // The word is found by its stem; use words that are their own stem,
      // sized by how many abstracts hold that stem.
      double tf = db.get_termfreq("Z" + term);
      if (tf == 0) continue;
      for (std::size_t size : sizes) {
        double d = std::fabs(std::log(tf / size));
        auto it = best.find(size);
        if (it == best.end() || d < it->second.first) best[size] = {d, term};
      }
    }
  }
  std::map<std::size_t, std::string> out;
  for (const auto& [size, pick] : best) out[size] = pick.second;
  return out;
}

template <typename Body>
double best_seconds(int repeats, Body&& body) {
  double best = 1e30;
  for (int i = 0; i < repeats; ++i) {
    auto t0 = Clock::now();
    body();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  return best;
}

// The same spies the raw Xapian peer uses: a stock ValueCountMatchSpy per
// single-valued slot, and one that splits the multi-valued category slot.
class CategorySpy : public Xapian::MatchSpy {
 public:
  std::map<std::string, Xapian::doccount> counts;
  void operator()(const Xapian::Document& doc, double) override {
    std::string v = doc.get_value(quire::schema::slot::kCategories);
    std::size_t start = 0;
    while (start < v.size()) {
      std::size_t end = v.find('\n', start);
      if (end == std::string::npos) end = v.size();
      ++counts[v.substr(start, end - start)];
      start = end + 1;
    }
  }
};

double xapian_pass(Xapian::Database& db, const Xapian::Query& q, bool facets) {
  Xapian::Enquire enquire(db);
  enquire.set_query(q);
  enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5));
  Xapian::ValueCountMatchSpy year(quire::schema::slot::kYear);
  Xapian::ValueCountMatchSpy venue(quire::schema::slot::kVenue);
  CategorySpy category;
  if (facets) {
    enquire.add_matchspy(&category);
    enquire.add_matchspy(&year);
    enquire.add_matchspy(&venue);
  }
  Xapian::MSet mset = enquire.get_mset(0, 10, db.get_doccount());
  return mset.get_matches_estimated();
}

void measure(const std::string& label, const std::string& path, int repeats) {
  // quire's search over the database itself: quire::Index opens one
  // database, and the replica is several shards behind a stub file.
  Xapian::Database db(path);
  static const quire::analysis::Analyzer analyzer;
  quire::facets::ColumnCache columns;
  auto search = [&](const quire::SearchRequest& request) {
    return quire::search::run(db, analyzer, columns, request);
  };
  std::size_t n = db.get_doccount();
  std::vector<std::size_t> sizes;
  for (std::size_t s = 100; s < n; s *= 10) sizes.push_back(s);
  auto words = words_for_sizes(db, sizes);

  std::printf("\n== %s: %zu papers ==\n", label.c_str(), n);
  std::printf("%-10s %-16s %9s | %9s %9s %8s | %9s %9s %8s | %6s\n", "set", "query", "hits",
              "quire T0", "Tf ms", "ns/h/d", "xapian T0", "Tf ms", "ns/h/d", "ratio");
  std::vector<std::pair<std::string, std::string>> cases;
  for (std::size_t s : sizes) cases.push_back({"~10^" + std::to_string(int(std::log10(s))), words[s]});
  cases.push_back({"all", ""});

  bool columns_loaded = false;
  struct Parts {
    std::string name;
    std::uint64_t hits;
    double match, count, results;
  };
  std::vector<Parts> breakdown;
  for (const auto& [name, word] : cases) {
    quire::SearchRequest plain;
    plain.query = word;
    plain.snippets = false;
    plain.exact_total = true;
    quire::SearchRequest faceted = plain;
    faceted.facets = {{quire::FacetField::category, 10},
                      {quire::FacetField::year, 10},
                      {quire::FacetField::venue, 10}};
    if (!columns_loaded) {
      // Built once per index revision, as a live index would have them.
      auto t0 = Clock::now();
      search(faceted);
      columns_loaded = true;
      std::printf("(facet columns built in %.2f s)\n",
                  std::chrono::duration<double>(Clock::now() - t0).count());
    }
    std::uint64_t hits = search(plain).total;
    if (hits == 0) continue;
    double q0 = best_seconds(repeats, [&] { search(plain); });
    double qf = best_seconds(repeats, [&] { search(faceted); });

    // Raw Xapian runs the very query quire runs, so both count one match set.
    Xapian::Query xq = quire::query::build(
        quire::query::parse(word, quire::DefaultOperator::all).root, analyzer);

    // The parts of quire's counting pass on their own: evaluating the
    // query into a bitset, and counting the three facets over it.
    quire::facets::Matcher matcher(db);
    double qm = best_seconds(repeats, [&] { matcher.match(xq); });
    quire::facets::DocSet docs = matcher.match(xq);
    auto cached = columns.get(db);
    double qc = best_seconds(repeats, [&] {
      quire::facets::Counter counter(*cached, faceted.facets);
      counter.add(docs);
    });
    double qr = best_seconds(repeats, [&] {
      quire::facets::Counter counter(*cached, faceted.facets);
      counter.add(docs);
      counter.results(analyzer);
    });
    breakdown.push_back({name, docs.size(), qm, qc, qr});
    double x0 = best_seconds(repeats, [&] { xapian_pass(db, xq, false); });
    double xf = best_seconds(repeats, [&] { xapian_pass(db, xq, true); });
    double hits_d = std::max<double>(1, hits);
    double q_ns = std::max(0.0, qf - q0) * 1e9 / hits_d / 3;
    double x_ns = std::max(0.0, xf - x0) * 1e9 / hits_d / 3;
    std::printf("%-10s %-16s %9llu | %9.2f %9.2f %8.2f | %9.2f %9.2f %8.2f | %6.3f\n",
                name.c_str(), word.empty() ? "(empty)" : word.c_str(),
                static_cast<unsigned long long>(hits), q0 * 1e3, qf * 1e3, q_ns, x0 * 1e3,
                xf * 1e3, x_ns, x_ns > 0 ? q_ns / x_ns : 0.0);
    std::fflush(stdout);
  }
  std::printf("(T0: exact count without facets; Tf: with category+year+venue; ns/h/d: facet\n"
              " cost per hit per dimension; ratio: quire / xapian ValueCountMatchSpy)\n");
  std::printf("\nquire's counting pass in parts (best of %d):\n", repeats);
  std::printf("%-10s %9s | %10s %8s | %10s %8s | %10s %8s\n", "set", "hits", "match ms", "ns/hit",
              "count ms", "ns/h/d", "+results", "ns/h/d");
  for (const auto& b : breakdown) {
    double h = std::max<double>(1, b.hits);
    std::printf("%-10s %9llu | %10.2f %8.2f | %10.2f %8.2f | %10.2f %8.2f\n", b.name.c_str(),
                static_cast<unsigned long long>(b.hits), b.match * 1e3, b.match * 1e9 / h,
                b.count * 1e3, b.count * 1e9 / h / 3, b.results * 1e3, b.results * 1e9 / h / 3);
  }
  std::printf("(match: the query evaluated into a docid bitset, no facets; count: the\n"
              " category, year and venue columns counted over it; +results: also the\n"
              " values ordered, cut and copied out)\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: facets_bench INDEX [--replicate K --work DIR] [--repeats N] [--build-only]\n");
    return 2;
  }
  std::string base = argv[1], work = "/tmp/quire-facets-bench";
  int copies = 0, repeats = 5;
  bool build_only = false;
  for (int i = 2; i < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--build-only") {
      build_only = true;
      --i;
      continue;
    }
    if (i + 1 >= argc) break;
    if (flag == "--replicate") copies = std::atoi(argv[i + 1]);
    if (flag == "--work") work = argv[i + 1];
    if (flag == "--repeats") repeats = std::atoi(argv[i + 1]);
  }
  try {
    if (build_only) {
      if (copies > 1) replicate(base, work, copies);
      return 0;
    }
    measure("corpus", base, repeats);
    if (copies > 1) {
      std::string stub = replicate(base, work, copies);
      measure(std::to_string(copies) + "x replica", stub, repeats);
    }
  } catch (const quire::Error& e) {
    std::fprintf(stderr, "facets_bench: %s\n", e.what());
    return 1;
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "facets_bench: %s\n", e.get_description().c_str());
    return 1;
  }
  return 0;
}
