// Small text helpers the readers share: whitespace folding, UTF-8 checks and
// repair, arXiv identifiers, month names, and JSON text for list-valued
// extra fields.
#ifndef QUIRE_LIB_INGEST_TEXT_H
#define QUIRE_LIB_INGEST_TEXT_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quire::ingest {

inline bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view text);

// `text` with every run of whitespace made one space and the ends trimmed:
// hard line breaks in titles and abstracts are layout, not content.
void fold_spaces(std::string_view text, std::string& out);
std::string fold_spaces(std::string_view text);

// `text` with LaTeX markup decoded into Unicode ({\"o} -> ö, \& -> &,
// {GAN} -> GAN) and spaces folded.
std::string decode_tex(std::string_view text);

bool starts_with(std::string_view text, std::string_view prefix);
bool ends_with(std::string_view text, std::string_view suffix);
bool iequals(std::string_view a, std::string_view b);  // ASCII case-insensitive

// Whether `text` is well-formed UTF-8 (no overlongs, surrogates or code
// points past U+10FFFF).
bool is_valid_utf8(std::string_view text);

// Replaces each byte of `text` that is not part of a well-formed UTF-8
// sequence by the character it stands for in Windows-1252 (Latin-1 with
// typographic quotes at 0x80-0x9F), the encoding such bytes almost always
// come from in hand-edited .bib and text files. Returns how many bytes were
// replaced.
std::size_t repair_utf8(std::string& text);

// The largest size <= `max_bytes` that does not split a UTF-8 character.
std::size_t utf8_cut(std::string_view text, std::size_t max_bytes);

// Splits an arXiv identifier into its version-less form and its version:
// "2403.12345v2" -> "2403.12345" + "v2", "hep-th/9901001v1" ->
// "hep-th/9901001" + "v1", "arXiv:2403.12345" -> "2403.12345" + "".
// Returns false (leaving the outputs alone) when `id` is not an arXiv id.
bool split_arxiv_id(std::string_view id, std::string& base, std::string& version);

// The number of a version tag ("v12" -> 12), 0 when it is not one.
int version_number(std::string_view version);

// 1-12 for a month written as a name or abbreviation in English ("Jan",
// "january", "Sept"), or a number ("7", "07"); 0 otherwise.
int month_number(std::string_view text);

// "YYYY-MM-DD" from an RFC 2822 date as arXiv writes version dates
// ("Mon, 2 Apr 2007 19:18:42 GMT"); empty when it is not one.
std::string rfc2822_to_iso_date(std::string_view text);

// A JSON string literal holding `text` (which must be valid UTF-8).
void append_json_string(std::string& out, std::string_view text);
// A JSON list of strings, the form list-valued extra fields are kept in.
std::string json_string_list(const std::vector<std::string>& items);

// A value quoted in a reason, cut short on a character boundary.
std::string quote(std::string_view value, std::size_t max_bytes = 40);

// A stable 64-bit hash (FNV-1a), for ids of records that have none.
std::uint64_t stable_hash(std::string_view text);
std::string hex64(std::uint64_t value);

// The words of `text` for comparing two spellings of one text: ASCII
// letters lowercased, every run of other ASCII bytes made one space,
// non-ASCII bytes kept, trimmed. Punctuation, spacing and LaTeX's
// backslashes, braces and dollars so stop mattering.
std::string comparison_words(std::string_view text);

}  // namespace quire::ingest

#endif  // QUIRE_LIB_INGEST_TEXT_H
