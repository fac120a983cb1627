// The text analyzer: one code path turns both indexed text and query words
// into terms, so that what is searched for is spelled as what was stored.
#ifndef QUIRE_LIB_ANALYSIS_ANALYZER_H
#define QUIRE_LIB_ANALYSIS_ANALYZER_H

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace quire::analysis {

// Settings that change which terms text produces. They are stored in every
// index so a reader analyses queries exactly as the writer analysed papers.
struct AnalyzerSettings {
  std::string stemmer = "english";  // a Snowball stemmer name, or "none"
  bool fold_diacritics = true;      // Schölkopf -> scholkopf
  bool decode_latex = true;         // {\"o} -> ö, $\alpha$ -> alpha, \textit{x} -> x

  // "stemmer=english;fold=1;latex=1": the stored form.
  std::string serialize() const;
  // Parses serialize()'s output; unknown keys are an error (returns false).
  static bool parse(std::string_view text, AnalyzerSettings& out);
};

// One term produced from text.
struct Token {
  // Normalised surface form: NFKC, case-folded, diacritics folded. Never
  // empty, at most kMaxTermBytes bytes.
  std::string term;
  // English stem of `term`; equal to `term` for words that are not stemmed
  // (identifiers, numbers, words with digits, CJK).
  std::string stem;
  // Word position within the analysed text (starting at the caller's base).
  // Alternative forms of one word share the position of its first part.
  std::uint32_t position = 0;
  // Byte range [begin, end) of the word in the original UTF-8 text.
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  // True for an extra form of a word that also appears as ordinary tokens:
  // the joined form of a hyphenated word ("selfsupervised" beside "self" and
  // "supervised"), or a transliteration ("schoelkopf" beside "scholkopf").
  // Extra forms are indexed but not part of phrases.
  bool alternative = false;
};

// Terms longer than this are shortened (keeping a hash of the rest) so that
// with a prefix they stay under Xapian's 245-byte limit.
constexpr std::size_t kMaxTermBytes = 120;

// `term` itself when it has at most `max_bytes` bytes; otherwise its longest
// prefix that ends on a UTF-8 character boundary and leaves room for "#" and
// 8 hex digits of a stable hash of the whole of `term`, so that distinct long
// terms stay distinct. The result never exceeds `max_bytes` (for max_bytes
// >= 9) and is the same on every platform and run.
std::string bound_term(std::string_view term, std::size_t max_bytes);

// Analyses text into tokens. Thread-safe: one Analyzer may be used from any
// number of threads at once (per-thread ICU state is kept internally).
class Analyzer {
 public:
  explicit Analyzer(const AnalyzerSettings& settings = {});
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  const AnalyzerSettings& settings() const noexcept;

  // Appends the tokens of `text` (UTF-8; invalid bytes are treated as
  // separators) to `out`, numbering positions from `first_position`.
  // Returns the position after the last word.
  //
  // - Words are split by ICU's UAX #29 word breaker (dictionary-based for
  //   Chinese, Japanese, Thai, ...); punctuation and spaces yield nothing.
  // - Identifiers stay whole: arXiv ids (2403.12345, 2403.12345v2,
  //   hep-th/9901001), DOIs (10.1145/3292500.3330701), and hyphenated words
  //   with a digit (GPT-4 -> "gpt-4").
  // - Other hyphenated words yield each part at its own position, plus the
  //   joined form as an alternative at the first part's position.
  // - With decode_latex, LaTeX in the text is decoded first (offsets still
  //   refer to the original text).
  std::uint32_t analyze(std::string_view text, std::vector<Token>& out,
                        std::uint32_t first_position = 0) const;

  // Normalises a whole string as one key: NFKC, case fold, diacritic fold,
  // LaTeX decoding, runs of whitespace and punctuation become one space,
  // trimmed. Used for venue and category keys. "Advances in Neural
  // Information Processing Systems" -> "advances in neural information
  // processing systems".
  std::string normalize_key(std::string_view text) const;

  // The stem of one already-normalised term.
  std::string stem(std::string_view term) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// An author name split into parts and the keys it is found by.
struct AuthorName {
  std::string surname;   // normalised ("scholkopf", "van der maaten")
  std::string given;     // normalised given names, "" when only initials
  std::string initials;  // first letters of the given names ("b", "jp")
  // Keys (normalised, space-separated):
  std::string full_key;     // "bernhard scholkopf"; empty if only initials are known
  std::string initial_key;  // "scholkopf b": surname + first initial
  // Transliterated variants of the keys ("bernhard schoelkopf"), when the
  // name has letters such as ö, ä, ü; empty otherwise.
  std::string full_key_alt;
  std::string initial_key_alt;
  std::string surname_alt;  // "schoelkopf"; empty when equal to surname
};

// Parses "Bernhard Schölkopf", "B. Schölkopf", "Schölkopf, Bernhard",
// "Schölkopf, B.", "Laurens van der Maaten", "J.-P. Sartre", "Martin Luther
// King Jr." Returns an AuthorName whose surname is empty when `name` has no
// letters.
AuthorName parse_author(const Analyzer& analyzer, std::string_view name);

// Decodes LaTeX markup into plain Unicode text: accents ({\"o}, \'e, \c{c}),
// symbols (\&, \%, ~ -> space, --, ---), commands whose argument is text
// (\textit{x}, \emph{x}, \mathrm{x} -> x), Greek letters and common math
// macros ($\alpha$ -> alpha), and grouping braces ({GAN} -> GAN). Text
// without a backslash, brace, dollar or tilde is returned unchanged.
// `offsets`, if given, receives for each output byte the input byte it came
// from (size = output size + 1; the last entry is the input size).
std::string decode_latex(std::string_view text,
                         std::vector<std::uint32_t>* offsets = nullptr);

}  // namespace quire::analysis

#endif  // QUIRE_LIB_ANALYSIS_ANALYZER_H
