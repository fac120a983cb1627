// Regression: SearchRequest::offset and limit are size_t, Xapian counts in
// 32 bits, and the search cut them to their low 32 bits, so an offset of
// 2^32 (a page number times a page size from a URL, say) returned the first
// page again and a limit of 2^32 + 5 returned five hits.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "quire/quire.h"
#include "support/test_support.h"

namespace {

TEST(SearchRegression, OffsetAndLimitBeyond32BitsAreNotCut) {
  quire::testing::TempDir dir;
  auto index = quire::Index::open(dir.path());
  for (int i = 0; i < 30; ++i) {
    quire::Paper p;
    p.id = "p" + std::to_string(i);
    p.title = "Graph networks " + std::to_string(i);
    index.add(p);
  }
  index.commit();

  quire::SearchRequest request;
  request.query = "graph";
  request.offset = std::uint64_t{1} << 32;
  auto results = index.search(request);
  EXPECT_EQ(results.total, 30u);
  EXPECT_TRUE(results.hits.empty()) << "an offset past every paper returned a page";

  request.offset = 0;
  request.limit = (std::uint64_t{1} << 32) + 5;
  EXPECT_EQ(index.search(request).hits.size(), 30u);

  request.offset = 25;
  request.limit = std::numeric_limits<std::size_t>::max();
  EXPECT_EQ(index.search(request).hits.size(), 5u);

  request.offset = std::numeric_limits<std::size_t>::max();
  request.limit = 10;
  EXPECT_TRUE(index.search(request).hits.empty());
}

}  // namespace
