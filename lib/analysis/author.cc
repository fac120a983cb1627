#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "analysis/latex.h"
#include "analysis/text.h"

namespace quire::analysis {
namespace {

using detail::fold_key;

UChar32 code_point_at(std::string_view s, std::size_t& i) {
  UChar32 c = 0;
  int32_t pos = static_cast<int32_t>(i);
  U8_NEXT(s.data(), pos, static_cast<int32_t>(s.size()), c);
  i = static_cast<std::size_t>(pos);
  return c;
}

bool has_letter(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (u_isalpha(code_point_at(s, i))) return true;
  }
  return false;
}

std::size_t letter_run(std::string_view s, std::size_t i) {
  std::size_t letters = 0;
  while (i < s.size()) {
    std::size_t next = i;
    if (!u_isalpha(code_point_at(s, next))) break;
    ++letters;
    i = next;
  }
  return letters;
}

bool is_name_space(std::string_view s, std::size_t i, std::size_t& width) {
  const char c = s[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
    width = 1;
    return true;
  }
  if (s.compare(i, 2, "\u00A0") == 0) {
    width = 2;
    return true;
  }
  return false;
}

// Splits on whitespace, and after an initial's dot glued to a name
// ("B.Schölkopf"), but not inside run-together initials ("B.J.").
std::vector<std::string_view> name_tokens(std::string_view part) {
  std::vector<std::string_view> tokens;
  std::size_t start = 0;
  auto flush = [&](std::size_t end) {
    if (end > start) tokens.push_back(part.substr(start, end - start));
  };
  for (std::size_t i = 0; i < part.size();) {
    std::size_t width = 0;
    if (is_name_space(part, i, width)) {
      flush(i);
      i += width;
      start = i;
    } else if (part[i] == '.' && letter_run(part, i + 1) >= 2) {
      flush(i + 1);
      start = ++i;
    } else {
      ++i;
    }
  }
  flush(part.size());
  return tokens;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = detail::ascii_lower(c);
  return out;
}

bool is_suffix(std::string_view token) {
  std::string t = lower_ascii(token);
  if (!t.empty() && t.back() == '.') t.pop_back();
  return t == "jr" || t == "sr" || t == "ii" || t == "iii" || t == "iv";
}

// Surname particles count only when written in lower case: "Van" and "Le"
// are also given names ("Nguyen Van Minh", "Le Song").
bool is_particle(std::string_view token) {
  static constexpr std::string_view kParticles[] = {
      "van", "von", "der", "den", "de", "del", "della", "di", "da",
      "du", "dos", "la", "le", "ten", "ter", "bin", "al"};
  for (const std::string_view p : kParticles) {
    if (token == p) return true;
  }
  return false;
}

// The letters of a token written as initials: "B.", "J.-P.", "B.J.", "J-P",
// a lone letter, or one or two capitals ("BJ"). Empty for a name.
std::vector<std::string_view> token_initials(std::string_view token) {
  std::vector<std::string_view> letters;
  bool marked = false;  // has '.' or '-'
  std::size_t seg_start = 0;
  for (std::size_t i = 0; i <= token.size(); ++i) {
    if (i < token.size() && token[i] != '.' && token[i] != '-') continue;
    if (i < token.size()) marked = true;
    const std::string_view seg = token.substr(seg_start, i - seg_start);
    seg_start = i + 1;
    if (seg.empty()) continue;
    std::size_t next = 0;
    const UChar32 c = code_point_at(seg, next);
    if (next != seg.size() || !u_isalpha(c)) {
      letters.clear();
      break;
    }
    letters.push_back(seg);
  }
  if (!letters.empty() && (marked || letters.size() == 1)) return letters;
  letters.clear();
  std::size_t i = 0;
  while (i < token.size() && letters.size() <= 2) {
    const std::size_t begin = i;
    if (!u_isupper(code_point_at(token, i))) return {};
    letters.push_back(token.substr(begin, i - begin));
  }
  if (letters.empty() || letters.size() > 2) return {};
  return letters;
}

bool is_initials(std::string_view token) { return !token_initials(token).empty(); }

void drop_suffixes(std::vector<std::string_view>& tokens) {
  while (tokens.size() > 1 && is_suffix(tokens.back())) tokens.pop_back();
}

std::string join(const std::vector<std::string_view>& tokens, std::size_t from,
                 std::size_t to) {
  std::string out;
  for (std::size_t k = from; k < to; ++k) {
    if (!out.empty()) out.push_back(' ');
    out.append(tokens[k]);
  }
  return out;
}

// The name split into raw (unnormalised) surname and given-name tokens.
struct NameParts {
  std::string surname;
  std::vector<std::string_view> given;
};

NameParts split_written_order(std::vector<std::string_view> tokens) {
  drop_suffixes(tokens);
  NameParts parts;
  const std::size_t n = tokens.size();
  if (n == 1) {
    parts.surname = std::string(tokens[0]);
    return parts;
  }
  // "Schölkopf B" / "Schölkopf B.": surname first, then bare initials.
  if (is_initials(tokens[n - 1]) && !is_initials(tokens[0])) {
    parts.surname = join(tokens, 0, n - 1);
    parts.given.push_back(tokens[n - 1]);
    return parts;
  }
  std::size_t surname_start = n - 1;
  while (surname_start > 0 && is_particle(tokens[surname_start - 1])) {
    --surname_start;
  }
  parts.surname = join(tokens, surname_start, n);
  parts.given.assign(tokens.begin(), tokens.begin() + surname_start);
  return parts;
}

std::string_view trim(std::string_view s) {
  const auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

NameParts split_name(std::string_view name) {
  std::vector<std::string_view> pieces;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    if (i < name.size() && name[i] != ',') continue;
    const std::string_view piece = trim(name.substr(start, i - start));
    start = i + 1;
    if (!has_letter(piece)) continue;
    const auto tokens = name_tokens(piece);
    if (tokens.size() == 1 && is_suffix(tokens[0]) && !pieces.empty()) continue;
    pieces.push_back(piece);
  }
  if (pieces.size() < 2) {
    return split_written_order(name_tokens(pieces.empty() ? name : pieces[0]));
  }
  // "Schölkopf, Bernhard": surname, then given names.
  auto surname_tokens = name_tokens(pieces[0]);
  drop_suffixes(surname_tokens);
  NameParts parts;
  parts.surname = join(surname_tokens, 0, surname_tokens.size());
  parts.given = name_tokens(pieces[1]);
  drop_suffixes(parts.given);
  return parts;
}

std::string first_letter(const std::string& key) {
  if (key.empty()) return key;
  std::size_t i = 0;
  code_point_at(key, i);
  return key.substr(0, i);
}

struct GivenKeys {
  std::string given;     // "" when only initials are known
  std::string initials;  // "jp"
  bool any = false;      // any given-name token at all
};

GivenKeys given_keys(const std::vector<std::string_view>& tokens, bool fold,
                     bool translit) {
  GivenKeys keys;
  std::string written;
  bool has_full_name = false;
  for (const std::string_view token : tokens) {
    const std::vector<std::string_view> letters = token_initials(token);
    if (!letters.empty()) {
      for (const std::string_view letter : letters) {
        const std::string initial = first_letter(fold_key(letter, fold, translit));
        keys.initials += initial;
        if (!written.empty()) written.push_back(' ');
        written += initial;
      }
      keys.any = true;
      continue;
    }
    const std::string name = fold_key(token, fold, translit);
    if (name.empty()) continue;
    keys.any = true;
    has_full_name = true;
    // "jean pierre" -> "jp"
    for (std::size_t i = 0; i < name.size();) {
      const std::size_t space = std::min(name.find(' ', i), name.size());
      keys.initials += first_letter(name.substr(i, space - i));
      i = space + 1;
    }
    if (!written.empty()) written.push_back(' ');
    written += name;
  }
  if (has_full_name) keys.given = written;
  return keys;
}

void fill_keys(const std::string& surname, const GivenKeys& given,
               std::string& full_key, std::string& initial_key) {
  if (!given.given.empty()) {
    full_key = given.given + " " + surname;
  } else if (!given.any) {
    full_key = surname;
  }
  initial_key = surname;
  if (!given.initials.empty()) {
    initial_key += " ";
    initial_key += first_letter(given.initials);
  }
}

}  // namespace

AuthorName parse_author(const Analyzer& analyzer, std::string_view name) {
  const AnalyzerSettings& settings = analyzer.settings();
  std::string text(name);
  if (settings.decode_latex && detail::has_latex(text)) text = decode_latex(text);
  std::string clean;
  if (detail::blank_separator_bytes(text, clean)) text = std::move(clean);
  AuthorName author;
  if (!has_letter(text)) return author;

  const NameParts parts = split_name(text);
  const bool fold = settings.fold_diacritics;
  author.surname = fold_key(parts.surname, fold, false);
  if (author.surname.empty()) return AuthorName{};
  const GivenKeys given = given_keys(parts.given, fold, false);
  author.given = given.given;
  author.initials = given.initials;
  fill_keys(author.surname, given, author.full_key, author.initial_key);

  const std::string surname_alt = fold_key(parts.surname, fold, true);
  const GivenKeys given_alt = given_keys(parts.given, fold, true);
  if (surname_alt != author.surname) author.surname_alt = surname_alt;
  if (surname_alt != author.surname || given_alt.given != given.given) {
    std::string full_alt;
    fill_keys(surname_alt, given_alt, full_alt, author.initial_key_alt);
    if (!author.full_key.empty()) author.full_key_alt = full_alt;
  }
  return author;
}

}  // namespace quire::analysis
