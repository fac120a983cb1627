// Helpers for the ingest tests: compressing test data the way real dumps are
// compressed, and reading a file to the end.
#ifndef QUIRE_TESTS_INGEST_INGEST_TEST_UTIL_H
#define QUIRE_TESTS_INGEST_INGEST_TEST_UTIL_H

#include <zlib.h>
#include <zstd.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "quire/import.h"

namespace quire::testing {

// One gzip member holding `text`, as `gzip` writes it.
inline std::string gzip_member(const std::string& text, int level = 6) {
  z_stream z{};
  if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2 failed");
  }
  std::string out(deflateBound(&z, static_cast<uLong>(text.size())) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate failed");
  out.resize(z.total_out);
  return out;
}

// One zstd frame holding `text`.
inline std::string zstd_frame(const std::string& text, int level = 3) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  std::size_t size = ZSTD_compress(out.data(), out.size(), text.data(), text.size(), level);
  if (ZSTD_isError(size)) throw std::runtime_error(ZSTD_getErrorName(size));
  out.resize(size);
  return out;
}

// Every good paper of `path`.
inline std::vector<Paper> read_papers(const std::string& path,
                                      std::vector<ImportIssue>* issues = nullptr) {
  auto reader = PaperReader::open(path);
  if (issues) reader.on_issue([issues](const ImportIssue& issue) { issues->push_back(issue); });
  std::vector<Paper> papers;
  Paper paper;
  while (reader.next(paper)) papers.push_back(paper);
  return papers;
}

inline bool same_paper(const Paper& a, const Paper& b) {
  return a.id == b.id && a.title == b.title && a.abstract == b.abstract &&
         a.authors == b.authors && a.categories == b.categories && a.date == b.date &&
         a.venue == b.venue && a.extra == b.extra;
}

}  // namespace quire::testing

#endif  // QUIRE_TESTS_INGEST_INGEST_TEST_UTIL_H
