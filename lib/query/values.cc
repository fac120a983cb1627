#include "query/values.h"

#include <algorithm>

#include "analysis/identifiers.h"
#include "index/schema.h"

namespace quire::query::detail {

namespace {

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

bool is_year(std::string_view s) {
  return s.size() == 4 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The next and previous 8-digit date value; "" past either end.
std::string step(std::string value, int delta) {
  for (std::size_t i = value.size(); i-- > 0;) {
    if (delta > 0 && value[i] != '9') {
      ++value[i];
      return value;
    }
    if (delta < 0 && value[i] != '0') {
      --value[i];
      return value;
    }
    value[i] = delta > 0 ? '0' : '9';
  }
  return {};
}

std::optional<DateRange> between(std::string_view from, std::string_view to) {
  if (from.empty() && to.empty()) return std::nullopt;
  if ((!from.empty() && !schema::valid_date(from)) || (!to.empty() && !schema::valid_date(to)))
    return std::nullopt;
  DateRange range;
  range.low = schema::date_lower_bound(from);
  range.high = schema::date_upper_bound(to);
  if (!from.empty() && !to.empty() && range.low > range.high) {
    range.low = schema::date_lower_bound(to);
    range.high = schema::date_upper_bound(from);
    range.swapped = true;
  }
  return range;
}

// Strips what people paste around an id: "arXiv:", "doi:", a link.
std::string_view bare_id(std::string_view text) {
  static constexpr std::string_view kPrefixes[] = {
      "arxiv:", "doi:", "https://", "http://", "www.", "dx.", "arxiv.org/abs/",
      "arxiv.org/pdf/", "doi.org/"};
  bool stripped = true;
  while (stripped) {
    stripped = false;
    for (std::string_view prefix : kPrefixes) {
      if (starts_with_nocase(text, prefix)) {
        text.remove_prefix(prefix.size());
        stripped = true;
      }
    }
  }
  if (text.size() > 4 && starts_with_nocase(text.substr(text.size() - 4), ".pdf"))
    text.remove_suffix(4);
  return text;
}

}  // namespace

std::optional<DateRange> parse_date_range(std::string_view text) {
  if (const std::size_t dots = text.find(".."); dots != std::string_view::npos)
    return between(text.substr(0, dots), text.substr(dots + 2));
  if (text.size() == 9 && text[4] == '-' && is_year(text.substr(0, 4)) && is_year(text.substr(5)))
    return between(text.substr(0, 4), text.substr(5));
  const bool equal = text.size() > 1 && text[1] == '=';
  if (!text.empty() && (text[0] == '>' || text[0] == '<')) {
    const std::string_view date = text.substr(equal ? 2 : 1);
    if (date.empty() || !schema::valid_date(date)) return std::nullopt;
    DateRange range;
    if (text[0] == '>') {
      range.low = equal ? schema::date_lower_bound(date) : step(schema::date_upper_bound(date), 1);
      if (range.low.empty()) return std::nullopt;
    } else {
      range.high = equal ? schema::date_upper_bound(date) : step(schema::date_lower_bound(date), -1);
      if (range.high.empty()) return std::nullopt;
    }
    return range;
  }
  if (text.empty() || !schema::valid_date(text)) return std::nullopt;
  return between(text, text);
}

std::string identifier_in(std::string_view text) {
  const std::string_view id = bare_id(text);
  if (id.empty()) return {};
  std::vector<analysis::detail::IdentifierSpan> spans;
  analysis::detail::find_identifiers(id, spans);
  if (spans.size() != 1 || spans[0].begin != 0 || spans[0].end != id.size()) return {};
  return std::string(id);
}

std::vector<std::string> id_candidates(std::string_view id) {
  std::vector<std::string> out;
  auto add = [&](std::string_view value) {
    if (!value.empty() && std::find(out.begin(), out.end(), value) == out.end())
      out.emplace_back(value);
  };
  add(id);
  const std::string_view bare = bare_id(id);
  add(bare);
  std::vector<analysis::detail::IdentifierSpan> spans;
  analysis::detail::find_identifiers(bare, spans);
  if (spans.size() == 1 && spans[0].begin == 0 && spans[0].end == bare.size() &&
      spans[0].version_begin < spans[0].end)
    add(bare.substr(0, spans[0].version_begin));
  const std::size_t typed = out.size();
  for (std::size_t i = 0; i < typed; ++i) {
    std::string lower = out[i];
    for (char& c : lower)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    add(lower);
  }
  return out;
}

}  // namespace quire::query::detail
