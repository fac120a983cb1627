// Helpers shared by the test programs: temporary folders and access to the
// real data in ../shared beside the project.
#ifndef QUIRE_TESTS_SUPPORT_TEST_SUPPORT_H
#define QUIRE_TESTS_SUPPORT_TEST_SUPPORT_H

#include <cstddef>
#include <string>
#include <vector>

#include "quire/paper.h"

namespace quire::testing {

// A fresh empty folder under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// The shared data folder: $QUIRE_SHARED_DIR if set, else ../shared beside the
// project root. Empty when it does not exist.
std::string shared_dir();

// ../shared/corpora/papers.jsonl.zst, or empty when absent.
std::string shared_corpus();

// The first `count` papers of the shared corpus (fewer if it is shorter);
// empty when the corpus is absent.
std::vector<quire::Paper> shared_corpus_slice(std::size_t count);

// The project's source root.
std::string source_dir();

// A paper with the fields that search and facets look at.
quire::Paper make_paper(std::string id, std::string title, std::string abstract,
                        std::vector<std::string> authors, std::vector<std::string> categories,
                        std::string date, std::string venue = "");

// Writes `text` to `path`, replacing it.
void write_file(const std::string& path, const std::string& text);

}  // namespace quire::testing

// Skips the current test, saying why, when the shared corpus is absent.
#define QUIRE_REQUIRE_SHARED_CORPUS()                                        \
  do {                                                                       \
    if (::quire::testing::shared_corpus().empty())                           \
      GTEST_SKIP() << "../shared/corpora/papers.jsonl.zst not found beside " \
                      "the project; skipping the test that reads it";        \
  } while (0)

#endif  // QUIRE_TESTS_SUPPORT_TEST_SUPPORT_H
