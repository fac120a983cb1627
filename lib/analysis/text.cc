#include "analysis/text.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <array>
#include <cstdio>
#include <stdexcept>

#include "analysis/analyzer.h"

namespace quire::analysis {

std::string bound_term(std::string_view term, std::size_t max_bytes) {
  if (term.size() <= max_bytes) return std::string(term);
  const std::uint64_t hash = detail::fnv1a64(term);
  char suffix[16];
  std::snprintf(suffix, sizeof suffix, "#%08x",
                static_cast<unsigned>((hash ^ (hash >> 32)) & 0xffffffffu));
  const std::size_t suffix_size = 9;
  if (max_bytes < suffix_size) return std::string(suffix, max_bytes);
  std::size_t keep = max_bytes - suffix_size;
  while (keep > 0 && (static_cast<unsigned char>(term[keep]) & 0xC0) == 0x80) {
    --keep;
  }
  std::string out;
  out.reserve(keep + suffix_size);
  out.append(term.data(), keep);
  out.append(suffix, suffix_size);
  return out;
}

namespace detail {

std::size_t utf8_sequence_length(const unsigned char* s, std::size_t n) {
  const unsigned char c = s[0];
  if (c < 0x80) return 1;
  auto cont = [&](std::size_t i, unsigned char lo = 0x80,
                  unsigned char hi = 0xBF) {
    return i < n && s[i] >= lo && s[i] <= hi;
  };
  if (c < 0xC2) return 0;
  if (c < 0xE0) return cont(1) ? 2 : 0;
  if (c < 0xF0) {
    const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
    const unsigned char hi = c == 0xED ? 0x9F : 0xBF;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c < 0xF5) {
    const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
    const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

namespace {

constexpr bool is_ascii_separator(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F ||
         c == '@';
}

// Bytes at text[i] that must become spaces: 0 when the character there is
// fine, else how many bytes to blank.
std::size_t bad_bytes_at(const unsigned char* s, std::size_t n) {
  if (s[0] < 0x80) return is_ascii_separator(s[0]) ? 1 : 0;
  const std::size_t len = utf8_sequence_length(s, n);
  if (len == 0) return 1;
  // C1 controls, U+0080..U+009F.
  if (len == 2 && s[0] == 0xC2 && s[1] < 0xA0) return 2;
  return 0;
}

}  // namespace

bool blank_separator_bytes(std::string_view text, std::string& out) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  for (; i < n; ++i) {
    const unsigned char c = s[i];
    if (c >= 0x20 && c < 0x7F && c != '@') continue;
    if (bad_bytes_at(s + i, n - i) != 0) break;
    if (c >= 0x80) i += utf8_sequence_length(s + i, n - i) - 1;
  }
  if (i == n) return false;
  out.assign(text.data(), n);
  while (i < n) {
    const std::size_t bad = bad_bytes_at(s + i, n - i);
    if (bad != 0) {
      for (std::size_t k = 0; k < bad; ++k) out[i + k] = ' ';
      i += bad;
    } else {
      const std::size_t len = s[i] < 0x80 ? 1 : utf8_sequence_length(s + i, n - i);
      i += len;
    }
  }
  return true;
}

namespace {

constexpr std::array<unsigned char, 256> make_trait_table() {
  std::array<unsigned char, 256> table{};
  for (unsigned c = 0; c < 256; ++c) {
    if (c >= 0x80) {
      table[c] = kHasNonAscii;
    } else if (is_ascii_separator(static_cast<unsigned char>(c))) {
      table[c] = kHasSeparatorByte;
    } else if (c == '\\' || c == '{' || c == '}' || c == '$' || c == '~') {
      table[c] = kHasLatexChar;
    }
  }
  return table;
}

constexpr std::array<unsigned char, 256> kTraitTable = make_trait_table();

}  // namespace

unsigned text_traits(std::string_view text) {
  unsigned traits = 0;
  for (const char c : text) traits |= kTraitTable[static_cast<unsigned char>(c)];
  return traits;
}

std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

IcuThreadState::IcuThreadState() {
  UErrorCode status = U_ZERO_ERROR;
  nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  nfd = icu::Normalizer2::getNFDInstance(status);
  nfc = icu::Normalizer2::getNFCInstance(status);
  words.reset(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  utext = utext_openUTF8(nullptr, "", 0, &status);
  if (U_FAILURE(status) || !words) {
    if (utext) utext_close(utext);
    throw std::runtime_error(std::string("quire: cannot load ICU data: ") +
                             u_errorName(status));
  }
}

IcuThreadState::~IcuThreadState() { utext_close(utext); }

icu::BreakIterator& IcuThreadState::words_over(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const char* data = text.empty() ? "" : text.data();
  utext = utext_openUTF8(utext, data, static_cast<int64_t>(text.size()),
                         &status);
  words->setText(utext, status);
  return *words;
}

IcuThreadState& icu_thread_state() {
  thread_local IcuThreadState state;
  return state;
}

namespace {

constexpr UChar32 kRightSingleQuote = 0x2019;

// Letters that carry no combining mark to strip but are still "a letter with
// a diacritic" to a reader of Latin script.
const char16_t* plain_spelling(UChar32 c) {
  switch (c) {
    case 0x00F8: return u"o";   // ø
    case 0x0142: return u"l";   // ł
    case 0x0111: return u"d";   // đ
    case 0x00F0: return u"d";   // ð
    case 0x00E6: return u"ae";  // æ
    case 0x0153: return u"oe";  // œ
    case 0x00DF: return u"ss";  // ß
    case 0x00FE: return u"th";  // þ
    case 0x0131: return u"i";   // ı
    default: return nullptr;
  }
}

// Marks are stripped only after letters of scripts where they are optional
// accents; in Japanese (dakuten), Indic scripts or Hebrew they change the
// letter itself.
bool marks_are_accents(UChar32 base) {
  if (base < 0x80) return true;
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(base, &status);
  return script == USCRIPT_LATIN || script == USCRIPT_GREEK ||
         script == USCRIPT_CYRILLIC || script == USCRIPT_COMMON;
}

bool is_ascii(const icu::UnicodeString& s) {
  const char16_t* p = s.getBuffer();
  for (int32_t i = 0, n = s.length(); i < n; ++i) {
    if (p[i] >= 0x80) return false;
  }
  return true;
}

bool is_ascii(std::string_view s) {
  for (const char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// Folds accents in `s` (already NFKC + case folded) in place.
void fold_marks(icu::UnicodeString& s, IcuThreadState& st) {
  if (is_ascii(s)) return;
  UErrorCode status = U_ZERO_ERROR;
  st.nfd->normalize(s, st.scratch, status);
  st.source.remove();
  bool strip = true;
  for (int32_t i = 0, n = st.scratch.length(); i < n;) {
    const UChar32 c = st.scratch.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) {
      if (!strip) st.source.append(c);
      continue;
    }
    strip = marks_are_accents(c);
    if (const char16_t* plain = plain_spelling(c)) {
      st.source.append(plain, -1);
    } else {
      st.source.append(c);
    }
  }
  st.nfc->normalize(st.source, s, status);
  if (U_FAILURE(status)) s = st.source;
}

bool has_umlaut(const icu::UnicodeString& s) {
  return s.indexOf(char16_t{0x00F6}) >= 0 || s.indexOf(char16_t{0x00E4}) >= 0 ||
         s.indexOf(char16_t{0x00FC}) >= 0;
}

void spell_umlauts(icu::UnicodeString& s) {
  s.findAndReplace(icu::UnicodeString(char16_t{0x00F6}), icu::UnicodeString(u"oe"));
  s.findAndReplace(icu::UnicodeString(char16_t{0x00E4}), icu::UnicodeString(u"ae"));
  s.findAndReplace(icu::UnicodeString(char16_t{0x00FC}), icu::UnicodeString(u"ue"));
}

// NFKC + case fold of UTF-8 `text` into st.folded, with ’ folded to '.
void casefold(std::string_view text, IcuThreadState& st) {
  st.source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  UErrorCode status = U_ZERO_ERROR;
  st.nfkc_cf->normalize(st.source, st.folded, status);
  if (U_FAILURE(status)) st.folded = st.source;
  if (st.folded.indexOf(static_cast<char16_t>(kRightSingleQuote)) >= 0) {
    st.folded.findAndReplace(icu::UnicodeString(kRightSingleQuote),
                             icu::UnicodeString(u"'"));
  }
}

void strip_possessive(std::string& term) {
  const std::size_t n = term.size();
  if (n > 2 && term[n - 2] == '\'' && term[n - 1] == 's') term.resize(n - 2);
}

}  // namespace

void fold_word(std::string_view word, bool fold_diacritics, std::string& term,
               std::string* translit) {
  term.clear();
  if (translit) translit->clear();
  if (is_ascii(word)) {
    term.assign(word.data(), word.size());
    for (char& c : term) c = ascii_lower(c);
    strip_possessive(term);
    return;
  }
  IcuThreadState& st = icu_thread_state();
  casefold(word, st);
  if (translit && has_umlaut(st.folded)) {
    icu::UnicodeString spelled(st.folded);
    spell_umlauts(spelled);
    if (fold_diacritics) fold_marks(spelled, st);
    spelled.toUTF8String(*translit);
    strip_possessive(*translit);
  }
  if (fold_diacritics) fold_marks(st.folded, st);
  st.folded.toUTF8String(term);
  strip_possessive(term);
}

namespace {

enum class KeyClass : unsigned char { kKeep, kSeparator, kJoin };

KeyClass classify_key_char(UChar32 c) {
  if (c == '\'' || c == kRightSingleQuote) return KeyClass::kJoin;
  if (u_isUWhiteSpace(c)) return KeyClass::kSeparator;
  const std::uint32_t mask = U_GET_GC_MASK(c);
  if (mask & (U_GC_P_MASK | U_GC_C_MASK | U_GC_Z_MASK)) {
    return KeyClass::kSeparator;
  }
  return KeyClass::kKeep;
}

// The ASCII answers of classify_key_char, so both paths agree by
// construction.
const std::array<KeyClass, 128>& ascii_key_classes() {
  static const std::array<KeyClass, 128> table = [] {
    std::array<KeyClass, 128> t{};
    for (UChar32 c = 0; c < 128; ++c) t[c] = classify_key_char(c);
    return t;
  }();
  return table;
}

class KeyBuilder {
 public:
  explicit KeyBuilder(std::string& out) : out_(out) {}
  void add(KeyClass cls, const char* bytes, std::size_t n) {
    if (cls == KeyClass::kJoin) return;
    if (cls == KeyClass::kSeparator) {
      pending_space_ = !out_.empty();
      return;
    }
    if (pending_space_) out_.push_back(' ');
    pending_space_ = false;
    out_.append(bytes, n);
  }

 private:
  std::string& out_;
  bool pending_space_ = false;
};

}  // namespace

std::string fold_key(std::string_view text, bool fold_diacritics,
                     bool translit) {
  std::string clean;
  if (blank_separator_bytes(text, clean)) text = clean;
  std::string key;
  KeyBuilder builder(key);
  if (is_ascii(text)) {
    const auto& classes = ascii_key_classes();
    for (const char c : text) {
      const char lower = ascii_lower(c);
      builder.add(classes[static_cast<unsigned char>(c)], &lower, 1);
    }
    return key;
  }
  IcuThreadState& st = icu_thread_state();
  casefold(text, st);
  if (translit) spell_umlauts(st.folded);
  if (fold_diacritics) fold_marks(st.folded, st);
  std::string utf8;
  for (int32_t i = 0, n = st.folded.length(); i < n;) {
    const UChar32 c = st.folded.char32At(i);
    i += U16_LENGTH(c);
    char bytes[4];
    int32_t len = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<std::uint8_t*>(bytes), len, 4, c, error);
    if (error) continue;
    builder.add(classify_key_char(c), bytes, static_cast<std::size_t>(len));
  }
  return key;
}

}  // namespace detail
}  // namespace quire::analysis
