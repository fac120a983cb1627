// One writer thread and eight reader threads on one index, for a fixed time.
//
// The writer moves the index from generation to generation. Generation g
// holds kSlots "slot" papers (replaced at every commit, so each carries g)
// and ephemeral(g) "eph" papers (those of g-1 deleted, new ones added), all
// with venue "Generation g" and categories that record their kind and g's
// parity. Changes are applied in a shuffled order, and some generations are
// first staged with junk and discarded. A reader therefore knows exactly
// what every commit holds, and a commit seen half-applied shows up as mixed
// generations, wrong counts or a paper that differs from its generation's.
//
// Readers search (with facets, snippets, filters, sorting), get and read
// stats, through copies of the writer's handle and of a read-only handle,
// and check that what they see is one whole commit, never older than one
// they saw before. QUIRE_STRESS_SECONDS sets the run time (default 5).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "crash/checks.h"
#include "quire/quire.h"
#include "support/test_support.h"

namespace {

using quire::testing::TempDir;

constexpr std::uint64_t kSlots = 16;
constexpr int kReaders = 8;

std::uint64_t ephemeral(std::uint64_t generation) { return 1 + generation % 7; }

std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Words that no query of the test looks for.
const char* const kWords[] = {
    "graph",    "kernel",  "bayesian", "sparse",   "convex",    "tensor",  "latent",
    "manifold", "spectral", "gradient", "boosting", "markov",   "entropy", "ranking",
    "lattice",  "quantum", "protein",  "galaxy",   "topology",  "wavelet", "fourier",
    "robust",   "neural",  "causal",   "diffusion", "transport", "optimal", "random",
    "matrix",   "inference", "sampling", "variational", "attention", "retrieval",
    "Schölkopf", "naïve",  "$\\alpha$-divergence", "self-supervised", "GPT-4", "深度学习"};
const char* const kAuthors[] = {"Bernhard Schölkopf", "Y. LeCun",          "Hinton, Geoffrey",
                                "Fei-Fei Li",         "Jürgen Schmidhuber", "Yoshua Bengio",
                                "李 明",              "Daphne Koller"};

std::string words(std::uint64_t seed, int count) {
  std::string text;
  for (int i = 0; i < count; ++i) {
    seed = mix(seed);
    if (i) text += ' ';
    text += kWords[seed % (sizeof kWords / sizeof kWords[0])];
  }
  return text;
}

std::string venue_of(std::uint64_t generation) {
  return "Generation " + std::to_string(generation);
}

std::string parity_of(std::uint64_t generation) {
  return generation % 2 ? "stress.odd" : "stress.even";
}

std::string two_digits(std::uint64_t n) { return (n < 10 ? "0" : "") + std::to_string(n); }

quire::Paper slot_paper(std::uint64_t i, std::uint64_t generation) {
  quire::Paper p;
  p.id = "slot-" + std::to_string(i);
  p.title = "Stable slot record " + words(i, 2);
  p.abstract = words(mix(i) ^ generation, 40) + " steady";
  p.authors = {kAuthors[(i + generation) % 8], kAuthors[(i * 7 + generation) % 8]};
  p.categories = {"stress.slot", parity_of(generation)};
  p.date = std::to_string(2000 + (i + generation) % 20) + "-" + two_digits(1 + generation % 12);
  p.venue = venue_of(generation);
  p.extra = {{"generation", std::to_string(generation)}, {"kind", "slot"}};
  return p;
}

std::string eph_id(std::uint64_t generation, std::uint64_t j) {
  return "eph-" + std::to_string(generation) + "-" + std::to_string(j);
}

quire::Paper eph_paper(std::uint64_t generation, std::uint64_t j) {
  quire::Paper p;
  p.id = eph_id(generation, j);
  p.title = "Ephemeral record " + words(generation * 31 + j, 3);
  p.abstract = words(generation * 1000 + j, 25);
  p.authors = {kAuthors[j % 8]};
  p.categories = {"stress.eph", parity_of(generation)};
  p.date = std::to_string(1990 + generation % 30);
  p.venue = venue_of(generation);
  p.extra = {{"generation", std::to_string(generation)}, {"kind", "eph"}};
  return p;
}

// What a paper with this id must be in generation `generation`.
bool expected_paper(const std::string& id, std::uint64_t generation, quire::Paper& out) {
  if (id.rfind("slot-", 0) == 0) {
    out = slot_paper(std::stoull(id.substr(5)), generation);
    return true;
  }
  if (id.rfind("eph-", 0) == 0) {
    std::size_t dash = id.find('-', 4);
    if (dash == std::string::npos || std::stoull(id.substr(4, dash - 4)) != generation)
      return false;
    out = eph_paper(generation, std::stoull(id.substr(dash + 1)));
    return true;
  }
  return false;
}

// Facet values at every level, children included, by value.
void flatten(const std::vector<quire::FacetCount>& values,
             std::map<std::string, std::uint64_t>& out) {
  for (const auto& v : values) {
    out[v.value] += v.count;
    flatten(v.children, out);
  }
}

struct Shared {
  std::atomic<bool> stop{false};
  // The generation the writer is committing (or has committed) last.
  std::atomic<std::uint64_t> committing{0};
  std::atomic<std::uint64_t> failures{0};
  std::mutex mutex;
  std::vector<std::string> messages;

  void fail(const std::string& message) {
    ++failures;
    std::lock_guard<std::mutex> lock(mutex);
    if (messages.size() < 20) messages.push_back(message);
  }
};

// One reader's state: the newest generation and revision it has seen.
class Reader {
 public:
  Reader(quire::Index index, Shared& shared, int number)
      : index_(std::move(index)), shared_(shared), number_(number), random_(number) {}

  void run() {
    while (!shared_.stop.load()) {
      try {
        switch (operations_++ % 6) {
          case 0: whole_commit(); break;
          case 1: ephemeral_words(); break;
          case 2: fetch(); break;
          case 3: by_venue(); break;
          case 4: statistics(); break;
          case 5: phrase(); break;
        }
      } catch (const std::exception& e) {
        fail(std::string("threw: ") + e.what());
      }
    }
  }

  std::uint64_t operations() const { return operations_; }
  std::uint64_t generations_seen() const { return generations_seen_; }

 private:
  void fail(const std::string& what) {
    shared_.fail("reader " + std::to_string(number_) + " (last generation " +
                 std::to_string(last_generation_) + "): " + what);
  }

  // Reads the one generation a result's venue facet shows; false if the
  // result mixes generations.
  bool generation_of(const quire::SearchResults& results, std::uint64_t& generation) {
    const quire::FacetResult* venues = nullptr;
    for (const auto& f : results.facets)
      if (f.field == quire::FacetField::venue) venues = &f;
    if (!venues || venues->values.size() != 1 || venues->values[0].count != results.total) {
      std::string seen;
      if (venues)
        for (const auto& v : venues->values) seen += " '" + v.value + "' " + std::to_string(v.count);
      fail("a search saw a mix of generations (total " + std::to_string(results.total) + "):" +
           seen);
      return false;
    }
    const std::string& venue = venues->values[0].value;
    if (venue.rfind("Generation ", 0) != 0) {
      fail("a search saw venue '" + venue + "'; the writer discarded it");
      return false;
    }
    generation = std::stoull(venue.substr(11));
    return true;
  }

  void saw(std::uint64_t generation) {
    if (generation < last_generation_)
      fail("saw generation " + std::to_string(generation) + " after " +
           std::to_string(last_generation_));
    if (generation > shared_.committing.load())
      fail("saw generation " + std::to_string(generation) + " before the writer made it");
    if (generation > last_generation_) ++generations_seen_;
    last_generation_ = std::max(last_generation_, generation);
  }

  void check_hits(const quire::SearchResults& results, std::uint64_t generation) {
    for (const auto& hit : results.hits) {
      quire::Paper expected;
      if (!expected_paper(hit.id, generation, expected)) {
        fail("hit " + hit.id + " does not belong to generation " + std::to_string(generation));
        continue;
      }
      std::string field = quire::testing::paper_difference(expected, hit.paper);
      if (!field.empty())
        fail("hit " + hit.id + " differs from generation " + std::to_string(generation) +
             " in " + field);
    }
  }

  // Everything: one whole commit, every paper as its generation made it.
  void whole_commit() {
    quire::SearchRequest request;
    request.limit = 100;
    request.snippets = operations_ % 4 == 0;
    request.sort = operations_ % 3 == 0 ? quire::Sort::date_desc : quire::Sort::relevance;
    request.facets = {{quire::FacetField::venue, 0},
                      {quire::FacetField::category, 0},
                      {quire::FacetField::year, 0}};
    auto results = index_.search(request);
    std::uint64_t g = 0;
    if (!generation_of(results, g)) return;
    saw(g);
    std::uint64_t expected = kSlots + ephemeral(g);
    if (results.total != expected || results.hits.size() != expected) {
      fail("generation " + std::to_string(g) + " has " + std::to_string(results.total) +
           " papers (" + std::to_string(results.hits.size()) + " hits), expected " +
           std::to_string(expected));
      return;
    }
    check_hits(results, g);
    std::map<std::string, std::uint64_t> categories;
    flatten(results.facets[1].values, categories);
    if (categories["stress.slot"] != kSlots || categories["stress.eph"] != ephemeral(g) ||
        categories[parity_of(g)] != expected || categories[parity_of(g + 1)] != 0)
      fail("category counts of generation " + std::to_string(g) + " are wrong");
    std::uint64_t years = 0;
    for (const auto& v : results.facets[2].values) years += v.count;
    if (years != expected) fail("year counts add up to " + std::to_string(years));
  }

  void ephemeral_words() {
    quire::SearchRequest request;
    request.query = "ephemeral";
    request.limit = 10;
    request.facets = {{quire::FacetField::venue, 0}};
    auto results = index_.search(request);
    std::uint64_t g = 0;
    if (!generation_of(results, g)) return;
    saw(g);
    if (results.total != ephemeral(g))
      fail("'ephemeral' matched " + std::to_string(results.total) + " papers in generation " +
           std::to_string(g));
    check_hits(results, g);
  }

  void phrase() {
    quire::SearchRequest request;
    request.query = "\"stable slot record\" steady";
    request.limit = 5;
    request.facets = {{quire::FacetField::venue, 0}};
    auto results = index_.search(request);
    std::uint64_t g = 0;
    if (!generation_of(results, g)) return;
    saw(g);
    if (results.total != kSlots)
      fail("the slot phrase matched " + std::to_string(results.total) + " papers");
    check_hits(results, g);
  }

  void fetch() {
    std::uint64_t i = random_() % kSlots;
    auto paper = index_.get("slot-" + std::to_string(i));
    if (!paper) {
      fail("slot-" + std::to_string(i) + " is missing");
      return;
    }
    std::uint64_t g = std::stoull(paper->extra["generation"]);
    saw(g);
    std::string field = quire::testing::paper_difference(slot_paper(i, g), *paper);
    if (!field.empty()) fail("slot-" + std::to_string(i) + " differs in " + field);
    // An ephemeral paper of a generation seen is either still there, whole,
    // or gone with a later commit.
    auto eph = index_.get(eph_id(g, 0));
    if (eph && !quire::testing::paper_difference(eph_paper(g, 0), *eph).empty())
      fail(eph_id(g, 0) + " is not as its generation made it");
  }

  // A filter on the newest generation seen finds all of it or, once the
  // writer has moved on, nothing.
  void by_venue() {
    quire::SearchRequest request;
    request.filters = {{quire::FilterField::venue, venue_of(last_generation_)}};
    request.limit = 0;
    auto results = index_.search(request);
    if (results.total != 0 && results.total != kSlots + ephemeral(last_generation_))
      fail("the venue filter found " + std::to_string(results.total) + " papers");
  }

  void statistics() {
    auto stats = index_.stats();
    if (stats.revision < last_revision_)
      fail("revision went from " + std::to_string(last_revision_) + " to " +
           std::to_string(stats.revision));
    last_revision_ = stats.revision;
    if (stats.documents < kSlots + 1 || stats.documents > kSlots + 7)
      fail("stats count " + std::to_string(stats.documents) + " papers");
  }

  quire::Index index_;
  Shared& shared_;
  int number_;
  std::mt19937_64 random_;
  std::uint64_t operations_ = 0;
  std::uint64_t last_generation_ = 0;
  std::uint64_t last_revision_ = 0;
  std::uint64_t generations_seen_ = 0;
};

// Moves the index to `generation` in one commit, changes in random order.
void write_generation(quire::Index& index, std::uint64_t generation, std::mt19937_64& random,
                      Shared& shared) {
  enum Kind { slot, remove_old, add_new };
  std::vector<std::pair<Kind, std::uint64_t>> changes;
  for (std::uint64_t i = 0; i < kSlots; ++i) changes.push_back({slot, i});
  if (generation > 0)
    for (std::uint64_t j = 0; j < ephemeral(generation - 1); ++j) changes.push_back({remove_old, j});
  for (std::uint64_t j = 0; j < ephemeral(generation); ++j) changes.push_back({add_new, j});
  std::shuffle(changes.begin(), changes.end(), random);

  for (auto [kind, n] : changes) {
    switch (kind) {
      case slot:
        if (index.add(slot_paper(n, generation)) !=
            (generation == 0 ? quire::AddOutcome::added : quire::AddOutcome::replaced))
          shared.fail("writer: slot-" + std::to_string(n) + " added/replaced wrongly");
        break;
      case remove_old:
        if (!index.remove(eph_id(generation - 1, n)))
          shared.fail("writer: " + eph_id(generation - 1, n) + " was not there to remove");
        break;
      case add_new:
        if (index.add(eph_paper(generation, n)) != quire::AddOutcome::added)
          shared.fail("writer: " + eph_id(generation, n) + " already existed");
        break;
    }
  }
}

// Changes that are discarded: nobody may ever see them.
void stage_and_discard(quire::Index& index, std::uint64_t generation) {
  for (std::uint64_t i = 0; i < kSlots; i += 3) {
    quire::Paper junk = slot_paper(i, generation);
    junk.venue = "Discarded";
    junk.title = "ephemeral junk";
    index.add(junk);
  }
  index.remove(eph_id(generation, 0));
  quire::Paper extra = eph_paper(generation, 99);
  extra.venue = "Discarded";
  index.add(extra);
  index.discard();
}

double stress_seconds() {
  const char* env = std::getenv("QUIRE_STRESS_SECONDS");
  double seconds = env ? std::atof(env) : 0;
  return seconds > 0 ? seconds : 5;
}

TEST(Stress, OneWriterAndEightReadersSeeOnlyWholeCommitsInOrder) {
  TempDir dir;
  auto writer = quire::Index::open(dir.path());
  std::mt19937_64 random(42);
  Shared shared;
  write_generation(writer, 0, random, shared);
  writer.commit();
  auto read_only = quire::Index::open(dir.path(), {quire::OpenMode::read_only});

  std::vector<std::unique_ptr<Reader>> readers;
  for (int r = 0; r < kReaders; ++r)
    readers.push_back(std::make_unique<Reader>(r % 2 ? read_only : writer, shared, r));
  std::vector<std::thread> threads;
  for (auto& reader : readers) threads.emplace_back([&reader] { reader->run(); });

  std::uint64_t generation = 0;
  std::thread writing([&] {
    auto deadline = std::chrono::steady_clock::now() +
                    std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                        std::chrono::duration<double>(stress_seconds()));
    try {
      while (std::chrono::steady_clock::now() < deadline) {
        ++generation;
        if (generation % 4 == 0) stage_and_discard(writer, generation);
        shared.committing = generation;
        write_generation(writer, generation, random, shared);
        writer.commit();
        // The writer's own handle reads its commit at once.
        quire::SearchRequest request;
        request.filters = {{quire::FilterField::venue, venue_of(generation)}};
        request.limit = 0;
        if (writer.search(request).total != kSlots + ephemeral(generation))
          shared.fail("the writer does not see its own commit " + std::to_string(generation));
      }
    } catch (const std::exception& e) {
      shared.fail(std::string("writer threw: ") + e.what());
    }
    shared.stop = true;
  });
  writing.join();
  for (auto& t : threads) t.join();

  for (const auto& message : shared.messages) ADD_FAILURE() << message;
  EXPECT_EQ(shared.failures.load(), 0u);
  EXPECT_GE(generation, 5u) << "too few commits to mean anything";
  std::uint64_t operations = 0;
  for (const auto& reader : readers) {
    operations += reader->operations();
    EXPECT_GT(reader->operations(), 6u);
    EXPECT_GE(reader->generations_seen(), 1u) << "a reader never saw a new commit";
  }
  std::cout << "stress: " << generation << " commits, " << operations << " reader operations in "
            << stress_seconds() << " s\n";
}

}  // namespace
