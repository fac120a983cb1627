// English (or other Snowball) stemming of terms, with the rule for which
// terms are left alone.
#ifndef QUIRE_LIB_ANALYSIS_STEMMER_H
#define QUIRE_LIB_ANALYSIS_STEMMER_H

#include <string>

namespace quire::analysis::detail {

// Anything Xapian::Stem accepts (including aliases such as "en"), or "none".
bool known_stemmer(const std::string& name);

// Thread-safe: the Xapian stemmers it uses are kept per thread.
class TermStemmer {
 public:
  explicit TermStemmer(const std::string& name);

  // Writes the stem of `term` to `out`: `term` itself when stemming is off
  // or `term` is a name (has a digit, or is CJK/Thai/... text), and never
  // empty or longer than kMaxTermBytes.
  void stem(const std::string& term, std::string& out) const;

 private:
  std::string name_;
  bool enabled_;
};

}  // namespace quire::analysis::detail

#endif  // QUIRE_LIB_ANALYSIS_STEMMER_H
