#include "ingest/text.h"

#include <cstdio>

#include "analysis/analyzer.h"

namespace quire::ingest {

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

void fold_spaces(std::string_view text, std::string& out) {
  text = trim(text);
  out.clear();
  out.reserve(text.size());
  bool in_space = false;
  for (char c : text) {
    if (is_space(c)) {
      in_space = true;
      continue;
    }
    if (in_space) out.push_back(' ');
    in_space = false;
    out.push_back(c);
  }
}

std::string fold_spaces(std::string_view text) {
  std::string out;
  fold_spaces(text, out);
  return out;
}

std::string decode_tex(std::string_view text) {
  for (char c : text) {
    if (c == '\\' || c == '{' || c == '}' || c == '$' || c == '~') {
      return fold_spaces(analysis::decode_latex(text));
    }
  }
  return fold_spaces(text);
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

namespace {

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The length of the well-formed UTF-8 sequence at `i`, or 0.
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 < 0x80) return 1;
  std::size_t length;
  unsigned char low = 0x80, high = 0xbf;  // the range of the second byte
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    length = 2;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    length = 3;
    if (b0 == 0xe0) low = 0xa0;  // overlong
    if (b0 == 0xed) high = 0x9f; // surrogates
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    length = 4;
    if (b0 == 0xf0) low = 0x90;  // overlong
    if (b0 == 0xf4) high = 0x8f; // past U+10FFFF
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  const auto b1 = static_cast<unsigned char>(text[i + 1]);
  if (b1 < low || b1 > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if (b < 0x80 || b > 0xbf) return 0;
  }
  return length;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

// Windows-1252's 0x80-0x9F; the five bytes it leaves undefined keep their
// Latin-1 control meaning.
constexpr char16_t kCp1252High[32] = {
    0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
    0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
    0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
    0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178};

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t length = utf8_sequence(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

std::size_t repair_utf8(std::string& text) {
  if (is_valid_utf8(text)) return 0;
  std::string out;
  out.reserve(text.size() + 16);
  std::size_t replaced = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t length = utf8_sequence(text, i);
    if (length > 0) {
      out.append(text, i, length);
      i += length;
      continue;
    }
    const auto byte = static_cast<unsigned char>(text[i]);
    append_utf8(out, byte >= 0x80 && byte < 0xa0 ? kCp1252High[byte - 0x80] : byte);
    ++replaced;
    ++i;
  }
  text = std::move(out);
  return replaced;
}

std::size_t utf8_cut(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text.size();
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;
  return cut;
}

bool split_arxiv_id(std::string_view id, std::string& base, std::string& version) {
  id = trim(id);
  if (id.size() > 6 && iequals(id.substr(0, 6), "arxiv:")) id.remove_prefix(6);
  // The version: "v" and digits at the end.
  std::size_t end = id.size();
  std::size_t v = end;
  while (v > 0 && is_digit(id[v - 1])) --v;
  std::string_view tag;
  if (v < end && v > 0 && (id[v - 1] == 'v' || id[v - 1] == 'V')) {
    tag = id.substr(v - 1);
    end = v - 1;
  }
  const std::string_view core = id.substr(0, end);
  bool ok = false;
  if (const std::size_t dot = core.find('.');
      core.find('/') == std::string_view::npos && dot == 4) {
    // Since 2007: YYMM.NNNN (to 2014) or YYMM.NNNNN.
    const std::size_t digits = core.size() - 5;
    ok = digits == 4 || digits == 5;
    for (std::size_t i = 0; ok && i < core.size(); ++i) {
      ok = i == 4 || is_digit(core[i]);
    }
  } else if (const std::size_t slash = core.find('/'); slash != std::string_view::npos) {
    // Before 2007: archive[.SUBJECT]/YYMMNNN, e.g. hep-th/9901001, math.AG/0601001.
    const std::string_view archive = core.substr(0, slash);
    const std::string_view number = core.substr(slash + 1);
    ok = !archive.empty() && number.size() == 7 && archive[0] >= 'a' && archive[0] <= 'z';
    for (char c : number) ok = ok && is_digit(c);
    for (char c : archive) {
      ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '.');
    }
  }
  if (!ok) return false;
  base.assign(core);
  version.clear();
  if (!tag.empty()) {
    version.push_back('v');
    version.append(tag.substr(1));
  }
  return true;
}

int version_number(std::string_view version) {
  if (version.size() < 2 || (version[0] != 'v' && version[0] != 'V') || version.size() > 10) {
    return 0;
  }
  int number = 0;
  for (char c : version.substr(1)) {
    if (!is_digit(c)) return 0;
    number = number * 10 + (c - '0');
  }
  return number;
}

int month_number(std::string_view text) {
  text = trim(text);
  if (text.empty()) return 0;
  if (is_digit(text[0])) {
    if (text.size() > 2) return 0;
    int value = 0;
    for (char c : text) {
      if (!is_digit(c)) return 0;
      value = value * 10 + (c - '0');
    }
    return value >= 1 && value <= 12 ? value : 0;
  }
  static constexpr std::string_view kNames[] = {"january", "february", "march",     "april",
                                                "may",     "june",     "july",      "august",
                                                "september", "october", "november", "december"};
  if (text.size() < 3) return 0;
  std::string lower;
  for (char c : text) lower.push_back(ascii_lower(c));
  if (!lower.empty() && lower.back() == '.') lower.pop_back();
  for (int m = 0; m < 12; ++m) {
    const std::string_view name = kNames[m];
    if (lower.size() <= name.size() && name.compare(0, lower.size(), lower) == 0) return m + 1;
  }
  if (lower == "sept") return 9;
  return 0;
}

std::string rfc2822_to_iso_date(std::string_view text) {
  // [Day, ]D Mon YYYY ...
  text = trim(text);
  if (const std::size_t comma = text.find(','); comma != std::string_view::npos && comma < 5) {
    text = trim(text.substr(comma + 1));
  }
  std::size_t i = 0;
  int day = 0;
  while (i < text.size() && is_digit(text[i]) && i < 2) day = day * 10 + (text[i++] - '0');
  if (day < 1 || day > 31 || i >= text.size() || text[i] != ' ') return {};
  const std::size_t month_start = ++i;
  while (i < text.size() && text[i] != ' ') ++i;
  const int month = month_number(text.substr(month_start, i - month_start));
  if (month == 0 || i + 5 > text.size()) return {};
  const std::string_view year = text.substr(i + 1, 4);
  for (char c : year) {
    if (!is_digit(c)) return {};
  }
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.4s-%02d-%02d", year.data(), month, day);
  return buffer;
}

void append_json_string(std::string& out, std::string_view text) {
  out.push_back('"');
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (byte < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", byte);
          out += buffer;
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

std::string json_string_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_json_string(out, items[i]);
  }
  out.push_back(']');
  return out;
}

std::string quote(std::string_view value, std::size_t max_bytes) {
  if (value.size() <= max_bytes) return "\"" + std::string(value) + "\"";
  return "\"" + std::string(value.substr(0, utf8_cut(value, max_bytes))) + "...\"";
}

std::uint64_t stable_hash(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ull;
  }
  return hash;
}

std::string hex64(std::uint64_t value) {
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
  return buffer;
}

std::string comparison_words(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool gap = false;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool word = byte >= 0x80 || is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!word) {
      gap = true;
      continue;
    }
    if (gap && !out.empty()) out.push_back(' ');
    gap = false;
    out.push_back(ascii_lower(c));
  }
  return out;
}

}  // namespace quire::ingest
