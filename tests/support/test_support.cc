#include "support/test_support.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <utility>

#include "quire/import.h"

namespace quire::testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
  std::string templ = (fs::temp_directory_path() / "quire-test-XXXXXX").string();
  if (!mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed");
  path_ = templ;
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

std::string source_dir() { return QUIRE_SOURCE_DIR; }

std::string shared_dir() {
  if (const char* env = std::getenv("QUIRE_SHARED_DIR"); env && *env) {
    return fs::is_directory(env) ? std::string(env) : std::string();
  }
  fs::path candidate = fs::path(QUIRE_SOURCE_DIR).parent_path() / "shared";
  return fs::is_directory(candidate) ? candidate.string() : std::string();
}

std::string shared_corpus() {
  std::string dir = shared_dir();
  if (dir.empty()) return {};
  fs::path corpus = fs::path(dir) / "corpora" / "papers.jsonl.zst";
  return fs::exists(corpus) ? corpus.string() : std::string();
}

std::vector<quire::Paper> shared_corpus_slice(std::size_t count) {
  std::vector<quire::Paper> papers;
  std::string corpus = shared_corpus();
  if (corpus.empty()) return papers;
  auto reader = quire::PaperReader::open(corpus);
  quire::Paper paper;
  while (papers.size() < count && reader.next(paper)) papers.push_back(paper);
  return papers;
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path);
}

quire::Paper make_paper(std::string id, std::string title, std::string abstract,
                        std::vector<std::string> authors, std::vector<std::string> categories,
                        std::string date, std::string venue) {
  quire::Paper p;
  p.id = std::move(id);
  p.title = std::move(title);
  p.abstract = std::move(abstract);
  p.authors = std::move(authors);
  p.categories = std::move(categories);
  p.date = std::move(date);
  p.venue = std::move(venue);
  return p;
}

}  // namespace quire::testing
