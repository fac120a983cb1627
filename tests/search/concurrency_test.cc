#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "quire/quire.h"
#include "support/test_support.h"

namespace {

using quire::testing::TempDir;

quire::Paper numbered(int i) {
  quire::Paper p;
  p.id = "paper-" + std::to_string(i);
  p.title = "Concurrent paper number " + std::to_string(i);
  p.abstract = "Every paper mentions concurrency.";
  p.categories = {i % 2 ? "cs.DC" : "cs.DB"};
  p.date = "2020";
  return p;
}

// One thread adds and commits in batches of a fixed size while several
// threads search through the same handle: every search must see a whole
// number of batches, never fewer than a search before it, and never fail.
TEST(Concurrency, SearchesSeeEveryCommitWholeAndInOrder) {
  TempDir dir;
  auto index = quire::Index::open(dir.path());
  constexpr int kBatch = 25;
  constexpr int kBatches = 40;
  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::atomic<long> searches{0};

  auto reader = [&](int which) {
    std::uint64_t last_seen = 0;
    quire::SearchRequest request;
    request.query = which % 2 ? "concurrency" : "";
    request.facets = {{quire::FacetField::category, 0}};
    while (!done.load()) {
      try {
        auto results = index.search(request);
        std::uint64_t counted = 0;
        for (const auto& v : results.facets[0].values) counted += v.count;
        if (results.total % kBatch != 0 || results.total < last_seen || counted != results.total)
          ++failures;
        last_seen = results.total;
        if (results.total > 0 && !index.get("paper-0")) ++failures;
        ++searches;
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
        ++failures;
      }
    }
  };
  std::vector<std::thread> readers;
  for (int i = 0; i < 4; ++i) readers.emplace_back(reader, i);

  for (int b = 0; b < kBatches; ++b) {
    for (int i = 0; i < kBatch; ++i) index.add(numbered(b * kBatch + i));
    index.commit();
  }
  // Let the readers observe the final state too.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  done = true;
  for (auto& t : readers) t.join();

  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(searches.load(), 0);
  EXPECT_EQ(index.search({}).total, static_cast<std::uint64_t>(kBatch * kBatches));
}

// A handle opened read-only before a writer commits sees the commit on its
// next search without being reopened.
TEST(Concurrency, ReadOnlyHandleSeesLaterCommits) {
  TempDir dir;
  auto writer = quire::Index::open(dir.path());
  writer.commit();
  auto reader = quire::Index::open(dir.path(), {quire::OpenMode::read_only});
  EXPECT_EQ(reader.search({}).total, 0u);
  writer.add(numbered(1));
  writer.commit();
  EXPECT_EQ(reader.search({}).total, 1u);
  EXPECT_TRUE(reader.get("paper-1").has_value());
}

}  // namespace
