#include "index/schema.h"

#include <cstdint>
#include <cstdio>

#include "analysis/analyzer.h"

namespace quire::schema {

namespace {

bool is_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int to_int(std::string_view s) {
  int value = 0;
  for (char c : s) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

std::string term(std::string_view prefix, std::string_view value) {
  std::string out(prefix);
  if (prefix.size() + value.size() <= kMaxTermBytes) {
    out.append(value);
    return out;
  }
  out += analysis::bound_term(value, kMaxTermBytes - prefix.size());
  return out;
}

std::string work_key(std::string_view normalized_title, std::string_view first_surname) {
  if (normalized_title.empty()) return {};
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) {
      hash ^= c;
      hash *= 0x100000001b3ULL;
    }
  };
  mix(normalized_title);
  mix("\n");
  mix(first_surname);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

std::string doi_term(std::string_view doi) {
  std::string key(doi);
  for (char& c : key)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return term(prefix::kDoi, key);
}

std::string category_key(std::string_view category) {
  std::size_t b = 0, e = category.size();
  while (b < e && static_cast<unsigned char>(category[b]) <= ' ') ++b;
  while (e > b && static_cast<unsigned char>(category[e - 1]) <= ' ') --e;
  std::string key(category.substr(b, e - b));
  for (char& c : key)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return key;
}

std::string archive_of(std::string_view key) {
  std::size_t dot = key.find('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  return std::string(key.substr(0, dot));
}

bool valid_date(std::string_view date) {
  if (date.size() != 4 && date.size() != 7 && date.size() != 10) return false;
  if (!is_digits(date.substr(0, 4))) return false;
  if (date.size() >= 7) {
    if (date[4] != '-' || !is_digits(date.substr(5, 2))) return false;
    int month = to_int(date.substr(5, 2));
    if (month < 1 || month > 12) return false;
  }
  if (date.size() == 10) {
    if (date[7] != '-' || !is_digits(date.substr(8, 2))) return false;
    int day = to_int(date.substr(8, 2));
    if (day < 1 || day > 31) return false;
  }
  return true;
}

namespace {

std::string pad_date(std::string_view date, const char* fill) {
  std::string out(date.substr(0, 4));
  out += date.size() >= 7 ? date.substr(5, 2) : std::string_view(fill, 2);
  out += date.size() == 10 ? date.substr(8, 2) : std::string_view(fill, 2);
  return out;
}

}  // namespace

std::string date_value(std::string_view date) {
  return date.empty() ? std::string() : pad_date(date, "00");
}

std::string date_lower_bound(std::string_view date) {
  return date.empty() ? std::string() : pad_date(date, "00");
}

std::string date_upper_bound(std::string_view date) {
  return date.empty() ? std::string() : pad_date(date, "99");
}

}  // namespace quire::schema
