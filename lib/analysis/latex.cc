#include "analysis/latex.h"

#include <unicode/unistr.h>

#include <numeric>
#include <unordered_map>

#include "analysis/analyzer.h"
#include "analysis/text.h"

namespace quire::analysis {
namespace detail {
namespace {

enum class MacroKind { kAccent, kSymbol, kPunct, kWord };

struct Macro {
  MacroKind kind;
  std::string_view text;  // UTF-8 output; for accents, unused
  UChar32 mark = 0;       // combining mark of an accent
};

// Control words with a meaning here. Every other control word is dropped and
// whatever follows it (usually its braced argument) is kept.
const std::unordered_map<std::string_view, Macro>& control_words() {
  static const std::unordered_map<std::string_view, Macro> table = [] {
    std::unordered_map<std::string_view, Macro> t;
    auto accent = [&](std::string_view name, UChar32 mark) {
      t.emplace(name, Macro{MacroKind::kAccent, {}, mark});
    };
    auto symbol = [&](std::string_view name, std::string_view text) {
      t.emplace(name, Macro{MacroKind::kSymbol, text});
    };
    auto punct = [&](std::string_view name, std::string_view text) {
      t.emplace(name, Macro{MacroKind::kPunct, text});
    };
    auto word = [&](std::string_view name, std::string_view text) {
      t.emplace(name, Macro{MacroKind::kWord, text.empty() ? name : text});
    };
    accent("u", 0x0306);
    accent("v", 0x030C);
    accent("H", 0x030B);
    accent("c", 0x0327);
    accent("k", 0x0328);
    accent("r", 0x030A);
    accent("d", 0x0323);
    symbol("ss", "ß");
    symbol("SS", "SS");
    symbol("o", "ø");
    symbol("O", "Ø");
    symbol("l", "ł");
    symbol("L", "Ł");
    symbol("aa", "å");
    symbol("AA", "Å");
    symbol("ae", "æ");
    symbol("AE", "Æ");
    symbol("oe", "œ");
    symbol("OE", "Œ");
    symbol("i", "ı");
    symbol("j", "ȷ");
    symbol("dh", "ð");
    symbol("DH", "Ð");
    symbol("th", "þ");
    symbol("TH", "Þ");
    // Text-mode punctuation (BibTeX exports write quotes this way).
    punct("textquotesingle", "'");
    punct("textquotedbl", "\"");
    punct("textquoteleft", "\u2018");
    punct("textquoteright", "\u2019");
    punct("textquotedblleft", "\u201c");
    punct("textquotedblright", "\u201d");
    punct("textendash", "\u2013");
    punct("textemdash", "\u2014");
    punct("ldots", "\u2026");
    punct("dots", "\u2026");
    punct("textellipsis", "\u2026");
    punct("textbackslash", "\\");
    punct("textasciitilde", "~");
    punct("textunderscore", "_");
    punct("textbar", "|");
    for (std::string_view name :
         {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
          "iota", "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi", "rho",
          "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega", "Gamma",
          "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi",
          "Psi", "Omega", "ell", "log", "ln", "exp", "sin", "cos", "tan",
          "sinh", "cosh", "tanh", "max", "min", "sup", "inf", "lim", "arg",
          "argmax", "argmin", "det", "dim", "ker", "deg", "gcd", "Pr",
          "sqrt"}) {
      word(name, {});
    }
    word("varepsilon", "epsilon");
    word("vartheta", "theta");
    word("varkappa", "kappa");
    word("varpi", "pi");
    word("varrho", "rho");
    word("varsigma", "sigma");
    word("varphi", "phi");
    word("infty", "infinity");
    return t;
  }();
  return table;
}

UChar32 symbol_accent_mark(char c) {
  switch (c) {
    case '"': return 0x0308;
    case '\'': return 0x0301;
    case '`': return 0x0300;
    case '^': return 0x0302;
    case '~': return 0x0303;
    case '=': return 0x0304;
    case '.': return 0x0307;
    default: return 0;
  }
}

bool is_tex_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Bytes that end a run of plain text to copy.
bool is_special(char c) {
  switch (c) {
    case '\\': case '{': case '}': case '$': case '~': case '-': case '_':
    case '^':
      return true;
    default:
      return false;
  }
}

class Decoder {
 public:
  Decoder(std::string_view in, std::string& out,
          std::vector<std::uint32_t>& begins, std::vector<std::uint32_t>& ends)
      : in_(in), out_(out), begins_(begins), ends_(ends) {}

  void run() {
    while (i_ < in_.size()) step();
  }

 private:
  void step() {
    const std::size_t at = i_;
    switch (in_[at]) {
      case '\\':
        control_sequence();
        return;
      case '{':
        ++i_;
        return;
      case '}':
        ++i_;
        // Adjacent arguments (\frac{a}{b}) are separate words.
        if (peek(i_) == '{') separate(i_);
        return;
      case '$':
        math_ = !math_;
        ++i_;
        return;
      case '~':
        emit(" ", at, ++i_);
        return;
      case '-':
        dashes();
        return;
      case '_':
      case '^':
        if (math_) {
          emit(" ", at, ++i_);
          return;
        }
        break;
      default:
        break;
    }
    copy_run();
  }

  char peek(std::size_t j) const { return j < in_.size() ? in_[j] : '\0'; }

  std::size_t skip_spaces(std::size_t j) const {
    while (j < in_.size() && is_tex_space(in_[j])) ++j;
    return j;
  }

  void copy_run() {
    std::size_t j = i_ + 1;
    while (j < in_.size() && !is_special(in_[j])) ++j;
    out_.append(in_.data() + i_, j - i_);
    const std::size_t old_size = begins_.size();
    begins_.resize(old_size + (j - i_));
    ends_.resize(old_size + (j - i_));
    std::iota(begins_.begin() + old_size, begins_.end(),
              static_cast<std::uint32_t>(i_));
    std::iota(ends_.begin() + old_size, ends_.end(),
              static_cast<std::uint32_t>(i_ + 1));
    i_ = j;
  }

  void emit(std::string_view text, std::size_t from, std::size_t to) {
    out_.append(text.data(), text.size());
    begins_.insert(begins_.end(), text.size(), static_cast<std::uint32_t>(from));
    ends_.insert(ends_.end(), text.size(), static_cast<std::uint32_t>(to));
  }

  void separate(std::size_t at) {
    if (!out_.empty() && out_.back() != ' ') emit(" ", at, at);
  }

  void dashes() {
    const std::size_t at = i_;
    if (in_.compare(at, 3, "---") == 0) {
      i_ += 3;
      emit("\u2014", at, i_);
    } else if (in_.compare(at, 2, "--") == 0) {
      i_ += 2;
      emit("\u2013", at, i_);
    } else {
      copy_run();
    }
  }

  void control_sequence() {
    const std::size_t start = i_++;
    if (i_ >= in_.size()) return;
    const auto c = static_cast<unsigned char>(in_[i_]);
    if (is_ascii_alpha(c)) {
      std::size_t end = i_;
      while (end < in_.size() && is_ascii_alpha(in_[end])) ++end;
      const std::string_view name = in_.substr(i_, end - i_);
      i_ = end;
      control_word(start, name);
    } else if (c < 0x80) {
      ++i_;
      control_symbol(start, static_cast<char>(c));
    }
    // A backslash before a non-ASCII character is dropped alone, so the
    // character's bytes stay whole.
  }

  void control_word(std::size_t start, std::string_view name) {
    const auto& table = control_words();
    const auto found = table.find(name);
    if (found == table.end()) {
      // TeX eats the spaces after a control word; keep one so the words on
      // either side of a dropped macro ($n \times m$) stay apart.
      const std::size_t after = skip_spaces(i_);
      if (after > i_) {
        separate(i_);
        i_ = after;
      }
      return;
    }
    const Macro& macro = found->second;
    switch (macro.kind) {
      case MacroKind::kAccent:
        accent(macro.mark, start);
        return;
      case MacroKind::kSymbol:
        emit(macro.text, start, i_);
        i_ = skip_spaces(i_);
        if (in_.compare(i_, 2, "{}") == 0) i_ += 2;
        return;
      case MacroKind::kPunct:
        // Only the one space that ends the command name is eaten, so that
        // "a\textquotesingle  b" keeps its words apart as its writer meant.
        emit(macro.text, start, i_);
        if (in_.compare(i_, 2, "{}") == 0) {
          i_ += 2;
        } else if (i_ < in_.size() && is_tex_space(in_[i_])) {
          ++i_;
        }
        return;
      case MacroKind::kWord: {
        const auto last = out_.empty() ? ' ' : static_cast<unsigned char>(out_.back());
        if (is_ascii_alnum(last) || last >= 0x80) separate(start);
        emit(macro.text, start, i_);
        return;
      }
    }
  }

  void control_symbol(std::size_t start, char c) {
    if (const UChar32 mark = symbol_accent_mark(c)) {
      accent(mark, start);
      return;
    }
    switch (c) {
      case '&': case '%': case '$': case '_': case '#': case '{': case '}':
        emit(std::string_view(&in_[i_ - 1], 1), start, i_);
        return;
      case ' ': case ',': case ';': case ':': case '>': case '\\':
        emit(" ", start, i_);
        return;
      case '(': case '[':
        math_ = true;
        return;
      case ')': case ']':
        math_ = false;
        return;
      default:
        // \- (hyphenation point), \/ (italic correction), \! and the like
        // are invisible.
        return;
    }
  }

  // The letter an accent applies to at `j` ("o", or \i / \j); 0 if none.
  char accent_base(std::size_t j, std::size_t& after) const {
    const char c = peek(j);
    if (is_ascii_alpha(c)) {
      after = j + 1;
      return c;
    }
    if (c == '\\' && (peek(j + 1) == 'i' || peek(j + 1) == 'j') &&
        !is_ascii_alpha(peek(j + 2))) {
      after = j + 2;
      return peek(j + 1);
    }
    return 0;
  }

  // Applies an accent whose command ended at i_ to the following letter:
  // \"o, \" o, \"{o}, \'{\i}, \c c, \v{s}. When no letter follows, the
  // accent is dropped and decoding resumes at the next character.
  void accent(UChar32 mark, std::size_t start) {
    const std::size_t j = skip_spaces(i_);
    std::size_t end = 0;
    char base = 0;
    if (peek(j) == '{') {
      const std::size_t k = skip_spaces(j + 1);
      if (peek(k) == '}') {
        i_ = k + 1;
        return;
      }
      std::size_t after = 0;
      base = accent_base(k, after);
      after = skip_spaces(after);
      if (!base || peek(after) != '}') return;
      end = after + 1;
    } else {
      base = accent_base(j, end);
      if (!base) return;
    }
    icu::UnicodeString decomposed;
    decomposed.append(static_cast<UChar32>(base));
    decomposed.append(mark);
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString composed =
        icu_thread_state().nfc->normalize(decomposed, status);
    std::string utf8;
    (U_SUCCESS(status) ? composed : decomposed).toUTF8String(utf8);
    emit(utf8, start, end);
    i_ = end;
  }

  std::string_view in_;
  std::string& out_;
  std::vector<std::uint32_t>& begins_;
  std::vector<std::uint32_t>& ends_;
  std::size_t i_ = 0;
  bool math_ = false;
};

}  // namespace

bool has_latex(std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '\\': case '{': case '}': case '$': case '~':
        return true;
      default:
        break;
    }
  }
  return false;
}

void decode_latex_spans(std::string_view text, std::string& out,
                        std::vector<std::uint32_t>& begins,
                        std::vector<std::uint32_t>& ends) {
  out.clear();
  begins.clear();
  ends.clear();
  out.reserve(text.size());
  begins.reserve(text.size());
  ends.reserve(text.size());
  Decoder(text, out, begins, ends).run();
}

}  // namespace detail

std::string decode_latex(std::string_view text,
                         std::vector<std::uint32_t>* offsets) {
  if (!detail::has_latex(text)) {
    if (offsets) {
      offsets->resize(text.size() + 1);
      std::iota(offsets->begin(), offsets->end(), std::uint32_t{0});
    }
    return std::string(text);
  }
  std::string out;
  std::vector<std::uint32_t> begins;
  std::vector<std::uint32_t> ends;
  detail::decode_latex_spans(text, out, begins, ends);
  if (offsets) {
    *offsets = std::move(begins);
    offsets->push_back(static_cast<std::uint32_t>(text.size()));
  }
  return out;
}

}  // namespace quire::analysis
