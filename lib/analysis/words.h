// Word segmentation: ICU's UAX #29 word breaker, with an exact ASCII-only
// equivalent for the common case of plain English text.
#ifndef QUIRE_LIB_ANALYSIS_WORDS_H
#define QUIRE_LIB_ANALYSIS_WORDS_H

#include <cstdint>
#include <string_view>
#include <vector>

namespace quire::analysis::detail {

struct WordSpan {
  std::uint32_t begin = 0;  // byte offsets into the segmented text
  std::uint32_t end = 0;
  bool numeric = false;     // ICU classed the word as a number
};

// Appends the words of `text` (well-formed UTF-8 without '@'; see
// blank_separator_bytes). Segments with no letter or digit ("___") are not
// words.
void find_words(std::string_view text, std::vector<WordSpan>& out);

// The two implementations behind find_words, visible for tests that check
// they agree on ASCII text.
void find_words_icu(std::string_view text, std::vector<WordSpan>& out);
void find_words_ascii(std::string_view text, std::vector<WordSpan>& out);

}  // namespace quire::analysis::detail

#endif  // QUIRE_LIB_ANALYSIS_WORDS_H
