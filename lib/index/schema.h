// The on-disk schema: how a paper is laid out in a Xapian database. Every
// term prefix and value slot is named here and nowhere else; docs/schema.md
// describes the same layout for people.
#ifndef QUIRE_LIB_INDEX_SCHEMA_H
#define QUIRE_LIB_INDEX_SCHEMA_H

#include <string>
#include <string_view>

namespace quire::schema {

// Bumped whenever documents written by one version cannot be read or
// searched correctly by another.
constexpr int kVersion = 2;

// Metadata keys stored in the database.
inline constexpr const char* kMetaSchema = "quire:schema";
inline constexpr const char* kMetaAnalyzer = "quire:analyzer";

// Term prefixes. Free-text terms are case-folded, so they never start with
// an upper-case ASCII letter and cannot be mistaken for a prefix.
namespace prefix {
inline constexpr std::string_view kId = "Q";             // unique id (boolean)
inline constexpr std::string_view kTitle = "S";          // title words, positional
inline constexpr std::string_view kTitleStem = "ZS";     // title stems
inline constexpr std::string_view kAbstract = "";        // abstract words, positional
inline constexpr std::string_view kAbstractStem = "Z";   // abstract stems
inline constexpr std::string_view kTextStem = "ZX";      // title and abstract stems as one text
inline constexpr std::string_view kAuthor = "A";         // author name words, positional
inline constexpr std::string_view kCategory = "XC";      // category, lower-cased (boolean)
inline constexpr std::string_view kArchive = "XG";       // category group: "cs" of "cs.LG" (boolean)
inline constexpr std::string_view kVenue = "XV";         // venue key (boolean)
inline constexpr std::string_view kYear = "XY";          // "2024" (boolean)
inline constexpr std::string_view kMonth = "XM";         // "2024-03" (boolean)
inline constexpr std::string_view kAuthorFull = "XF";    // "bernhard scholkopf" (boolean)
inline constexpr std::string_view kAuthorInitial = "XI"; // "scholkopf b", every author (boolean)
inline constexpr std::string_view kAuthorInitialOnly = "XN";  // "scholkopf b", authors known only by initials
inline constexpr std::string_view kAuthorSurname = "XL";     // "scholkopf", every author (boolean)
inline constexpr std::string_view kWork = "XW";              // work key (boolean), see work_key()
inline constexpr std::string_view kDoi = "XD";               // DOI from the `doi` extra field, lower-cased (boolean)
}  // namespace prefix

// How many times a title word counts in the kTextStem terms, where title
// and abstract are one text: one occurrence in the title weighs as much as
// this many in the abstract (docs/ranking.md has the measurements).
constexpr unsigned kTitleRepeat = 3;

// Value slots.
namespace slot {
constexpr unsigned kDate = 0;        // "YYYYMMDD", "00" for an unknown month or day
constexpr unsigned kYear = 1;        // "YYYY"
constexpr unsigned kCategories = 2;  // the categories as written, joined by '\n'
constexpr unsigned kVenue = 3;       // the venue as written
constexpr unsigned kWork = 4;        // work key, for collapsing records of one work
// One line per author: full-name key, tab, surname+initial key, tab, the
// name as written. Facets group authors by these keys.
constexpr unsigned kAuthors = 5;
}  // namespace slot

// Positions between the authors of one paper, so that a phrase never
// matches across two names.
constexpr unsigned kAuthorGap = 100;

// Xapian refuses terms longer than 245 bytes. Boolean terms built from
// metadata (ids, venues, author keys) can be longer in real data; past this
// length the value is cut and a hash of the whole value is appended, which
// keeps distinct values distinct.
constexpr std::size_t kMaxTermBytes = 240;

// prefix + value, bounded to kMaxTermBytes.
std::string term(std::string_view prefix, std::string_view value);

// The unique-id term of a paper id.
inline std::string id_term(std::string_view id) { return term(prefix::kId, id); }

// The term of a DOI kept beside another id ("10.1145/3292500.3330701"),
// matched without regard to ASCII case, as DOIs are.
std::string doi_term(std::string_view doi);

// Key forms of metadata used for boolean terms.
std::string category_key(std::string_view category);  // trimmed, ASCII lower-cased
std::string archive_of(std::string_view category_key); // "cs" of "cs.lg"; "" if none

// The key shared by records of one work from different sources (a preprint
// and its proceedings version): 16 hex digits of a hash of the normalised
// title and the first author's normalised surname. Empty when the title
// normalises to nothing.
std::string work_key(std::string_view normalized_title, std::string_view first_surname);

// Dates: "YYYY", "YYYY-MM", "YYYY-MM-DD" (validated) to the slot form.
bool valid_date(std::string_view date);
std::string date_value(std::string_view date);      // "20240300"
// Inclusive range bounds; an empty bound gives "".
std::string date_lower_bound(std::string_view date);  // "2024" -> "20240000"
std::string date_upper_bound(std::string_view date);  // "2024-03" -> "20240399"

}  // namespace quire::schema

#endif  // QUIRE_LIB_INDEX_SCHEMA_H
