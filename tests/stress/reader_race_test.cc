// Regression: a search that raced a burst of commits failed with
// ErrorCode::corrupt ("Expected block 0 to be level 1, not 0; rebuild the
// index from its sources") although the index was sound. Xapian 1.4 lets a
// writer reuse the blocks of a revision two commits old; a reader still on
// that revision can read such a block while it is being rewritten, and glass
// reports what it read as corruption rather than as a modification. The
// stress test met it at about 50 commits a second.
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "quire/quire.h"
#include "support/test_support.h"

namespace {

quire::Paper paper(int i, int round) {
  quire::Paper p;
  p.id = "p" + std::to_string(i);
  p.title = "Racing commits round " + std::to_string(round);
  p.abstract = "Readers search while the writer commits as fast as it can; paper " +
               std::to_string(i) + " of round " + std::to_string(round) + ".";
  p.authors = {"Ada Lovelace", "Alan Turing"};
  p.categories = {round % 2 ? "cs.DC" : "cs.DB"};
  p.date = std::to_string(2000 + round % 20);
  p.venue = "Venue " + std::to_string(round % 5);
  return p;
}

TEST(ReaderRegression, SearchesRacingFastCommitsAreNeverReportedAsCorrupt) {
  // On tmpfs a commit costs no disk sync, so commits come fast and the
  // window is hit often; elsewhere the test still runs, more slowly.
  std::string base = std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : "";
  quire::testing::TempDir fallback;
  std::string path = base.empty() ? fallback.file("index")
                                  : base + "/quire-race-" + std::to_string(getpid());
  struct Cleanup {
    std::string path;
    ~Cleanup() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
  } cleanup{path};

  constexpr int kPapers = 200;
  auto writer = quire::Index::open(path);
  for (int i = 0; i < kPapers; ++i) writer.add(paper(i, 0));
  writer.commit();

  std::atomic<bool> stop{false};
  std::atomic<int> errors{0};
  std::mutex mutex;
  std::string first_error;
  auto read = [&](quire::Index index) {
    quire::SearchRequest request;
    request.query = "racing readers";
    request.limit = 50;
    quire::FacetRequest venues, categories;
    venues.field = quire::FacetField::venue;
    venues.top_n = 0;
    categories.field = quire::FacetField::category;
    categories.top_n = 0;
    request.facets = {venues, categories};
    while (!stop.load()) {
      try {
        auto results = index.search(request);
        if (results.total != kPapers) throw std::runtime_error("saw a partial commit");
        // A block read mid-rewrite must not come back as a wrong paper either.
        for (const auto& hit : results.hits)
          if (hit.paper.abstract.find("paper " + hit.id.substr(1) + " of round") ==
              std::string::npos)
            throw std::runtime_error("hit " + hit.id + " holds another paper's fields");
        auto p7 = index.get("p7");
        if (!p7) throw std::runtime_error("p7 is missing");
        if (p7->authors != paper(7, 0).authors) throw std::runtime_error("p7 is garbled");
      } catch (const std::exception& e) {
        if (errors++ == 0) {
          std::lock_guard<std::mutex> lock(mutex);
          first_error = e.what();
        }
      }
    }
  };
  auto read_only = quire::Index::open(path, {quire::OpenMode::read_only});
  std::vector<std::thread> readers;
  for (int r = 0; r < 4; ++r) readers.emplace_back(read, r % 2 ? read_only : writer);

  int round = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(4);
  while (std::chrono::steady_clock::now() < deadline) {
    ++round;
    for (int i = round % 10; i < kPapers; i += 10) writer.add(paper(i, round));
    writer.commit();
  }
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(errors.load(), 0) << "first: " << first_error;
  std::cout << round << " commits raced by 4 readers\n";
}

}  // namespace
