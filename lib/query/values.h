// Reading the values of metadata fields in a query: date ranges and ids.
#ifndef QUIRE_LIB_QUERY_VALUES_H
#define QUIRE_LIB_QUERY_VALUES_H

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quire::query::detail {

// Inclusive bounds in the date value's form ("YYYYMMDD"); "" is open.
struct DateRange {
  std::string low;
  std::string high;
  bool swapped = false;  // typed high..low and read as low..high
};

// "2024", "2024-03", "2024-03-05", "2020..2024", "2020-2024", "2021..",
// "..2024", ">=2021", ">2021", "<=2024", "<2024", with dates of any of the
// three precisions. A bound covers the whole year or month it names.
// nullopt for anything else.
std::optional<DateRange> parse_date_range(std::string_view text);

// The arXiv id or DOI that `text` consists of, also when written
// "arXiv:ID", "doi:ID" or as an arxiv.org or doi.org link; "" when `text`
// is anything else.
std::string identifier_in(std::string_view text);

// The id-term values a typed id may be stored under: as typed, without an
// "arXiv:" or link around it, without an arXiv version ("v2"), lower-cased.
std::vector<std::string> id_candidates(std::string_view id);

}  // namespace quire::query::detail

#endif  // QUIRE_LIB_QUERY_VALUES_H
