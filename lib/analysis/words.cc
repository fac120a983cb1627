#include "analysis/words.h"

#include <array>

#include "analysis/text.h"

namespace quire::analysis::detail {
namespace {

constexpr std::array<bool, 256> make_word_byte_table() {
  std::array<bool, 256> table{};
  for (unsigned c = 0; c < 128; ++c) {
    table[c] = is_ascii_alnum(static_cast<unsigned char>(c)) || c == '_';
  }
  return table;
}

constexpr std::array<bool, 256> kWordByte = make_word_byte_table();

bool is_word_byte(char c) { return kWordByte[static_cast<unsigned char>(c)]; }

// UAX #29 rules WB6/WB7 (letter . letter, letter ' letter) and WB11/WB12
// (digit [.',;] digit), as ICU applies them to ASCII: ICU leaves ':' out of
// MidLetter.
bool mid_joins(char before, char mid, char after) {
  switch (mid) {
    case '.':
    case '\'':
      return (is_ascii_alpha(before) && is_ascii_alpha(after)) ||
             (is_ascii_digit(before) && is_ascii_digit(after));
    case ',':
    case ';':
      return is_ascii_digit(before) && is_ascii_digit(after);
    default:
      return false;
  }
}

bool is_ascii(std::string_view s) {
  for (const char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

bool has_word_character(std::string_view segment) {
  for (const char c : segment) {
    if (is_ascii_alnum(c) || static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

}  // namespace

void find_words_ascii(std::string_view text, std::vector<WordSpan>& out) {
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    if (!is_word_byte(text[i])) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    bool has_alnum = false;
    for (;;) {
      for (; i < n && is_word_byte(text[i]); ++i) has_alnum |= text[i] != '_';
      if (i + 1 < n && mid_joins(text[i - 1], text[i], text[i + 1])) {
        ++i;
        continue;
      }
      break;
    }
    if (has_alnum) {
      out.push_back({static_cast<std::uint32_t>(start),
                     static_cast<std::uint32_t>(i), false});
    }
  }
}

void find_words_icu(std::string_view text, std::vector<WordSpan>& out) {
  icu::BreakIterator& breaker = icu_thread_state().words_over(text);
  std::int32_t begin = breaker.first();
  for (std::int32_t end = breaker.next(); end != icu::BreakIterator::DONE;
       begin = end, end = breaker.next()) {
    const std::int32_t status = breaker.getRuleStatus();
    if (status < UBRK_WORD_NONE_LIMIT) continue;
    if (!has_word_character(text.substr(begin, end - begin))) continue;
    out.push_back({static_cast<std::uint32_t>(begin),
                   static_cast<std::uint32_t>(end),
                   status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT});
  }
}

void find_words(std::string_view text, std::vector<WordSpan>& out) {
  if (is_ascii(text)) {
    find_words_ascii(text, out);
  } else {
    find_words_icu(text, out);
  }
}

}  // namespace quire::analysis::detail
