// BibTeX: entries (@inproceedings{key, title = {...}, ...}) become papers;
// @string macros are expanded, @comment and @preamble skipped, and text
// between entries is ignored as BibTeX ignores it. The mapping onto Paper
// is listed in bibtex_reader.cc and docs/formats.md.
#ifndef QUIRE_LIB_INGEST_BIBTEX_READER_H
#define QUIRE_LIB_INGEST_BIBTEX_READER_H

#include <string>
#include <string_view>
#include <vector>

namespace quire::ingest {

// Splits a BibTeX name list at each top-level "and" ("A and {B and C}" is
// two names). Each name is LaTeX-decoded and spaces folded; a three-part
// "von Last, Jr, First" becomes "First von Last Jr". A final "others" is
// dropped and sets `truncated`.
std::vector<std::string> split_bibtex_names(std::string_view text, bool& truncated);

}  // namespace quire::ingest

#endif  // QUIRE_LIB_INGEST_BIBTEX_READER_H
