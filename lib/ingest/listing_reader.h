// Paper listings as copied from the text of researcher and institution
// pages. Two layouts, possibly mixed in one file:
//
//   a profile: a header (the person's name, category, h-index, counts,
//   scores), then per paper a line such as "96.5AIMay 28Code" (optional
//   relevance score, category code, date with or without year, optional
//   flags such as "Code"), the title, the author line ("A, B, C et al. ·
//   affiliation") and the abstract, separated by blank lines;
//
//   an institution's list: a first line naming it, then paragraphs that
//   start with "Abstract:" and carry nothing else.
//
// The parser keys on the shape of these lines, not on any one page: scores,
// categories, dates, flags, "et al." and affiliations vary freely. The
// mapping onto Paper is listed in listing_reader.cc and docs/formats.md.
#ifndef QUIRE_LIB_INGEST_LISTING_READER_H
#define QUIRE_LIB_INGEST_LISTING_READER_H

#include <string>
#include <string_view>
#include <vector>

namespace quire::ingest {

// A paper's first line in a profile listing.
struct ListingMeta {
  std::string score;     // "96.5"; empty when none is shown
  std::string category;  // "AI", "LG", ...
  int year = 0;          // 0 when the line shows no year
  int month = 0;
  int day = 0;
  std::vector<std::string> flags;  // "Code", ...
};

// Reads "96.5AIMay 28Code", "LGNov 13, 2023", "CVSeptember 5 2024",
// "ML2024-03-14". False for any other line.
bool parse_listing_meta(std::string_view line, ListingMeta& meta);

// Whether `line` is one only a listing has: a paper's first line or an
// "Abstract:" paragraph. Used to recognise the format.
bool looks_like_listing_line(std::string_view line);

// An author line: "A, B, C et al. · affiliation".
struct ListingAuthors {
  std::vector<std::string> names;
  bool truncated = false;    // ended with "et al."
  std::string affiliation;   // after " · " ("; " between several)
};

// Whether `line` reads as an author line, and its parts.
bool parse_listing_authors(std::string_view line, ListingAuthors& out);

// A title for a record that has none: the abstract's first sentence, cut
// on a word boundary near 200 bytes.
std::string title_from_abstract(std::string_view abstract);

}  // namespace quire::ingest

#endif  // QUIRE_LIB_INGEST_LISTING_READER_H
