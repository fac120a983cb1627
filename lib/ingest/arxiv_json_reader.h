// arXiv's bulk metadata snapshot (the JSON-lines dump arXiv publishes of
// all its papers): one object per line with `id`, `authors` as one string,
// `authors_parsed`, `title`, `abstract`, `categories` as one space-separated
// string, `journal-ref`, `doi`, `versions` with dates and `update_date`.
// The mapping onto Paper is listed in arxiv_json_reader.cc and
// docs/formats.md.
#ifndef QUIRE_LIB_INGEST_ARXIV_JSON_READER_H
#define QUIRE_LIB_INGEST_ARXIV_JSON_READER_H

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/jsonl_reader.h"
#include "quire/paper.h"

namespace quire::ingest {

// Not thread-safe: it keeps its parse buffers from one record to the next.
class ArxivJsonParser {
 public:
  ArxivJsonParser();
  ~ArxivJsonParser();
  ArxivJsonParser(const ArxivJsonParser&) = delete;
  ArxivJsonParser& operator=(const ArxivJsonParser&) = delete;

  // As JsonlParser::parse: `text` must be followed by kLinePadding readable
  // bytes.
  bool parse(std::string_view text, Paper& paper, RecordProblem& problem);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Splits arXiv's one-string author list ("A. Smith, B. Jones and C. Lee",
// with optional parenthesised affiliations) into names, LaTeX decoded.
std::vector<std::string> split_arxiv_authors(std::string_view text);

// "First Last Suffix" from arXiv's [last, first, suffix] triple, LaTeX
// decoded and spaces folded.
std::string arxiv_author_name(std::string_view last, std::string_view first,
                              std::string_view suffix);

// "YYYY-MM" from a version-less arXiv id (2403.12345 -> 2024-03,
// hep-th/9901001 -> 1999-01); empty for other ids.
std::string date_from_arxiv_id(std::string_view id);

}  // namespace quire::ingest

#endif  // QUIRE_LIB_INGEST_ARXIV_JSON_READER_H
