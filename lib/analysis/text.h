// Internal text helpers shared by the analyzer, the author parser and the
// LaTeX decoder: UTF-8 checks, per-thread ICU state and Unicode folding.
#ifndef QUIRE_LIB_ANALYSIS_TEXT_H
#define QUIRE_LIB_ANALYSIS_TEXT_H

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace quire::analysis::detail {

constexpr bool is_ascii_alpha(unsigned char c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}
constexpr bool is_ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }
constexpr bool is_ascii_alnum(unsigned char c) {
  return is_ascii_alpha(c) || is_ascii_digit(c);
}
constexpr char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
}

// Length of the well-formed UTF-8 sequence starting at s[0] (n bytes
// available), or 0 when s[0] does not start one (Unicode table 3-7).
std::size_t utf8_sequence_length(const unsigned char* s, std::size_t n);

// When `text` holds bytes that must act as separators, writes a copy with
// each such byte replaced by a space to `out` and returns true; byte offsets
// are unchanged. Separators are ill-formed UTF-8, C0 and C1 controls other
// than tab/newline/CR, DEL, and '@': ICU 72 reads '@' as a letter (to keep
// e-mail addresses whole) where other ICU versions do not, and terms must
// not depend on the ICU version. Returns false, leaving `out` alone, when
// `text` is clean.
bool blank_separator_bytes(std::string_view text, std::string& out);

// What a text contains, found in one pass so that plain ASCII text (almost
// every abstract) can skip LaTeX decoding, UTF-8 repair and ICU.
enum TextTraits : unsigned {
  kHasLatexChar = 1,    // \ { } $ ~
  kHasSeparatorByte = 2,  // a control character or '@'
  kHasNonAscii = 4,
};
unsigned text_traits(std::string_view text);

std::uint64_t fnv1a64(std::string_view bytes);

// ICU objects that are not safe to share between threads, plus scratch
// buffers, one set per thread.
struct IcuThreadState {
  IcuThreadState();
  ~IcuThreadState();
  IcuThreadState(const IcuThreadState&) = delete;
  IcuThreadState& operator=(const IcuThreadState&) = delete;

  // Points the word breaker at `text` (UTF-8, native byte indices).
  icu::BreakIterator& words_over(std::string_view text);

  const icu::Normalizer2* nfkc_cf = nullptr;
  const icu::Normalizer2* nfd = nullptr;
  const icu::Normalizer2* nfc = nullptr;
  std::unique_ptr<icu::BreakIterator> words;
  UText* utext = nullptr;
  icu::UnicodeString source, folded, scratch;
};

IcuThreadState& icu_thread_state();

// Normalises one word: NFKC + case fold, ’ -> ', and with `fold_diacritics`
// accents removed and ø/ł/æ/... spelled in plain letters. When `translit` is
// given it receives the German-style spelling (ö -> oe, ä -> ae, ü -> ue)
// if the word has one of those letters, and is cleared otherwise.
void fold_word(std::string_view word, bool fold_diacritics, std::string& term,
               std::string* translit);

// The whole-string key described at Analyzer::normalize_key, without LaTeX
// decoding (callers decode first when they want it). With `translit`,
// ö/ä/ü are spelled oe/ae/ue.
std::string fold_key(std::string_view text, bool fold_diacritics,
                     bool translit);

}  // namespace quire::analysis::detail

#endif  // QUIRE_LIB_ANALYSIS_TEXT_H
