#include "analysis/analyzer.h"

#include <limits>
#include <stdexcept>
#include <utility>

#include "analysis/identifiers.h"
#include "analysis/latex.h"
#include "analysis/stemmer.h"
#include "analysis/text.h"
#include "analysis/words.h"

namespace quire::analysis {
namespace {

using detail::IdentifierSpan;
using detail::known_stemmer;
using detail::TermStemmer;

bool parse_flag(std::string_view value, bool& out) {
  if (value == "1") {
    out = true;
  } else if (value == "0") {
    out = false;
  } else {
    return false;
  }
  return true;
}

bool parse_setting(std::string_view item, AnalyzerSettings& settings) {
  const std::size_t eq = item.find('=');
  if (eq == std::string_view::npos) return false;
  const std::string_view key = item.substr(0, eq);
  const std::string_view value = item.substr(eq + 1);
  if (key == "stemmer") {
    settings.stemmer = std::string(value);
    return known_stemmer(settings.stemmer);
  }
  if (key == "fold") return parse_flag(value, settings.fold_diacritics);
  if (key == "latex") return parse_flag(value, settings.decode_latex);
  return false;
}

bool has_ascii_digit(std::string_view s) {
  for (const char c : s) {
    if (detail::is_ascii_digit(c)) return true;
  }
  return false;
}

void append_lower_ascii(std::string_view text, std::string& out) {
  for (const char c : text) out.push_back(detail::ascii_lower(c));
}

// One word from the word breaker, before hyphenated words are grouped.
struct Word {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  bool has_digit = false;
  std::string term;
  std::string translit;
};

// Buffers reused from one analyze() call to the next on the same thread.
struct Scratch {
  std::string decoded;
  std::vector<std::uint32_t> begins;
  std::vector<std::uint32_t> ends;
  std::string clean;
  std::vector<IdentifierSpan> identifiers;
  std::vector<detail::WordSpan> spans;
  std::vector<Word> words;
  std::size_t word_count = 0;
  std::string joined;
  std::string hyphenated;

  Word& next_word() {
    if (word_count == words.size()) words.emplace_back();
    return words[word_count++];
  }
};

Scratch& thread_scratch() {
  thread_local Scratch scratch;
  return scratch;
}

bool hyphen_between(std::string_view text, std::uint32_t a, std::uint32_t b) {
  if (b - a == 1) return text[a] == '-';
  return b - a == 3 && text.compare(a, 3, "\u2010") == 0;
}

}  // namespace

std::string AnalyzerSettings::serialize() const {
  return "stemmer=" + stemmer + ";fold=" + (fold_diacritics ? "1" : "0") +
         ";latex=" + (decode_latex ? "1" : "0");
}

bool AnalyzerSettings::parse(std::string_view text, AnalyzerSettings& out) {
  if (text.empty()) return false;
  AnalyzerSettings parsed;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t semi = text.find(';', pos);
    if (semi == std::string_view::npos) semi = text.size();
    if (!parse_setting(text.substr(pos, semi - pos), parsed)) return false;
    pos = semi + 1;
  }
  out = std::move(parsed);
  return true;
}

struct Analyzer::Impl {
  explicit Impl(const AnalyzerSettings& s) : settings(s), stemmer(s.stemmer) {}

  AnalyzerSettings settings;
  TermStemmer stemmer;
};

namespace {

// Turns words into tokens: bounds and stems terms, numbers positions and
// maps byte ranges back to the caller's text.
class Emitter {
 public:
  Emitter(const TermStemmer& stemmer, std::vector<Token>& out,
          std::uint32_t position, const std::uint32_t* begins,
          const std::uint32_t* ends)
      : stem_(stemmer), out_(out), begins_(begins), ends_(ends),
        position_(position) {}

  std::uint32_t position() const { return position_; }
  std::uint32_t take_position() { return position_++; }

  void add(const std::string& term, std::uint32_t begin, std::uint32_t end,
           std::uint32_t position, bool alternative) {
    if (term.empty()) return;
    Token& token = out_.emplace_back();
    if (term.size() > kMaxTermBytes) {
      token.term = bound_term(term, kMaxTermBytes);
    } else {
      token.term = term;
    }
    stem_.stem(token.term, token.stem);
    token.position = position;
    token.begin = begins_ ? begins_[begin] : begin;
    token.end = ends_ ? ends_[end - 1] : end;
    token.alternative = alternative;
  }

  void word(const Word& w) {
    const std::uint32_t position = take_position();
    add(w.term, w.begin, w.end, position, false);
    if (!w.translit.empty() && w.translit != w.term) {
      add(w.translit, w.begin, w.end, position, true);
    }
  }

 private:
  const TermStemmer& stem_;
  std::vector<Token>& out_;
  const std::uint32_t* begins_;
  const std::uint32_t* ends_;
  std::uint32_t position_;
};

class TextAnalysis {
 public:
  TextAnalysis(const AnalyzerSettings& settings, Scratch& scratch,
               std::string_view text, Emitter& emit, bool ascii)
      : settings_(settings), s_(scratch), text_(text), emit_(emit),
        ascii_(ascii) {}

  void run() {
    s_.identifiers.clear();
    detail::find_identifiers(text_, s_.identifiers);
    std::uint32_t gap = 0;
    for (const IdentifierSpan& id : s_.identifiers) {
      words_between(gap, id.begin);
      identifier(id);
      gap = id.end;
    }
    words_between(gap, static_cast<std::uint32_t>(text_.size()));
  }

 private:
  void identifier(const IdentifierSpan& id) {
    const std::uint32_t position = emit_.take_position();
    s_.joined.clear();
    append_lower_ascii(text_.substr(id.begin, id.end - id.begin), s_.joined);
    emit_.add(s_.joined, id.begin, id.end, position, false);
    if (id.version_begin < id.end) {
      s_.joined.resize(id.version_begin - id.begin);
      emit_.add(s_.joined, id.begin, id.version_begin, position, true);
    }
  }

  void words_between(std::uint32_t from, std::uint32_t to) {
    if (from >= to) return;
    const std::string_view part = text_.substr(from, to - from);
    s_.spans.clear();
    if (ascii_) {
      detail::find_words_ascii(part, s_.spans);
    } else {
      detail::find_words(part, s_.spans);
    }
    s_.word_count = 0;
    for (const detail::WordSpan& span : s_.spans) {
      Word& w = s_.next_word();
      detail::fold_word(part.substr(span.begin, span.end - span.begin),
                        settings_.fold_diacritics, w.term, &w.translit);
      if (w.term.empty()) {
        --s_.word_count;
        continue;
      }
      w.begin = from + span.begin;
      w.end = from + span.end;
      w.has_digit = span.numeric || has_ascii_digit(w.term);
    }
    group_hyphenated();
  }

  void group_hyphenated() {
    const std::vector<Word>& words = s_.words;
    std::size_t i = 0;
    while (i < s_.word_count) {
      std::size_t j = i + 1;
      while (j < s_.word_count &&
             hyphen_between(text_, words[j - 1].end, words[j].begin)) {
        ++j;
      }
      if (j - i == 1) {
        emit_.word(words[i]);
      } else {
        hyphenated(i, j);
      }
      i = j;
    }
  }

  // Words [first, last) joined by hyphens. With a digit the whole is a name
  // (GPT-4, COVID-19) and stays one token; otherwise (self-supervised) each
  // part is a word of its own, and the joined spelling is an alternative.
  void hyphenated(std::size_t first, std::size_t last) {
    const std::vector<Word>& words = s_.words;
    bool any_digit = false;
    s_.joined.clear();
    for (std::size_t k = first; k < last; ++k) {
      any_digit = any_digit || words[k].has_digit;
      s_.joined += words[k].term;
    }
    const std::uint32_t begin = words[first].begin;
    const std::uint32_t end = words[last - 1].end;
    if (any_digit) {
      s_.hyphenated.clear();
      for (std::size_t k = first; k < last; ++k) {
        if (k > first) s_.hyphenated.push_back('-');
        s_.hyphenated += words[k].term;
      }
      const std::uint32_t position = emit_.take_position();
      emit_.add(s_.hyphenated, begin, end, position, false);
      emit_.add(s_.joined, begin, end, position, true);
      return;
    }
    const std::uint32_t position = emit_.position();
    for (std::size_t k = first; k < last; ++k) emit_.word(words[k]);
    emit_.add(s_.joined, begin, end, position, true);
  }

  const AnalyzerSettings& settings_;
  Scratch& s_;
  std::string_view text_;
  Emitter& emit_;
  bool ascii_;
};

const AnalyzerSettings& checked(const AnalyzerSettings& settings) {
  if (!known_stemmer(settings.stemmer)) {
    throw std::invalid_argument("quire: unknown stemmer \"" + settings.stemmer +
                                "\"; use a Snowball language name or \"none\"");
  }
  return settings;
}

}  // namespace

Analyzer::Analyzer(const AnalyzerSettings& settings)
    : impl_(std::make_unique<Impl>(checked(settings))) {}

Analyzer::~Analyzer() = default;

const AnalyzerSettings& Analyzer::settings() const noexcept {
  return impl_->settings;
}

std::uint32_t Analyzer::analyze(std::string_view text, std::vector<Token>& out,
                                std::uint32_t first_position) const {
  // Byte offsets are 32-bit; nothing analysed here comes near 4 GiB.
  if (text.size() > std::numeric_limits<std::uint32_t>::max() - 1) {
    text = text.substr(0, std::numeric_limits<std::uint32_t>::max() - 1);
  }
  Scratch& s = thread_scratch();
  const std::uint32_t* begins = nullptr;
  const std::uint32_t* ends = nullptr;
  unsigned traits = detail::text_traits(text);
  if (impl_->settings.decode_latex && (traits & detail::kHasLatexChar)) {
    detail::decode_latex_spans(text, s.decoded, s.begins, s.ends);
    text = s.decoded;
    begins = s.begins.data();
    ends = s.ends.data();
    traits = detail::text_traits(text);
  }
  if ((traits & (detail::kHasSeparatorByte | detail::kHasNonAscii)) &&
      detail::blank_separator_bytes(text, s.clean)) {
    text = s.clean;
  }
  Emitter emit(impl_->stemmer, out, first_position, begins, ends);
  TextAnalysis(impl_->settings, s, text, emit,
               !(traits & detail::kHasNonAscii)).run();
  return emit.position();
}

std::string Analyzer::normalize_key(std::string_view text) const {
  if (impl_->settings.decode_latex && detail::has_latex(text)) {
    const std::string decoded = decode_latex(text);
    return detail::fold_key(decoded, impl_->settings.fold_diacritics, false);
  }
  return detail::fold_key(text, impl_->settings.fold_diacritics, false);
}

std::string Analyzer::stem(std::string_view term) const {
  std::string stemmed;
  impl_->stemmer.stem(std::string(term), stemmed);
  return stemmed;
}

}  // namespace quire::analysis
