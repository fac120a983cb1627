#include "query/lexer.h"

#include <algorithm>

namespace quire::query::detail {

namespace {

unsigned char byte_at(std::string_view text, std::size_t pos) {
  return pos < text.size() ? static_cast<unsigned char>(text[pos]) : 0;
}

// Bytes of a separator character at `pos` (0 if there is none). `control`
// is set for control characters, which a person did not mean to type.
std::size_t separator_length(std::string_view text, std::size_t pos, bool& control) {
  const unsigned char c = byte_at(text, pos);
  control = false;
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return 1;
  if (c < 0x20 || c == 0x7f) {
    control = true;
    return 1;
  }
  if (c == 0xc2) {
    const unsigned char d = byte_at(text, pos + 1);
    if (d == 0xa0) return 2;  // no-break space
    if (d >= 0x80 && d <= 0x9f) {
      control = true;  // C1 controls
      return 2;
    }
  }
  if (c == 0xe2 && byte_at(text, pos + 1) == 0x80) {
    const unsigned char d = byte_at(text, pos + 2);
    if ((d >= 0x80 && d <= 0x8b) || d == 0xaf) return 3;  // U+2000..U+200B, U+202F
  }
  if (c == 0xe2 && byte_at(text, pos + 1) == 0x81 && byte_at(text, pos + 2) == 0x9f) return 3;
  if (c == 0xe3 && byte_at(text, pos + 1) == 0x80 && byte_at(text, pos + 2) == 0x80) return 3;
  return 0;
}

// Bytes of a quotation mark at `pos`: the ASCII one or the typographic
// ones that word processors and phones put in place of it.
std::size_t quote_length(std::string_view text, std::size_t pos) {
  const unsigned char c = byte_at(text, pos);
  if (c == '"') return 1;
  if (c == 0xe2 && byte_at(text, pos + 1) == 0x80) {
    const unsigned char d = byte_at(text, pos + 2);
    if (d == 0x9c || d == 0x9d || d == 0x9e) return 3;  // “ ” „
  }
  return 0;
}

bool ends_word(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return true;
  bool control = false;
  const char c = text[pos];
  return c == '(' || c == ')' || separator_length(text, pos, control) > 0 ||
         quote_length(text, pos) > 0;
}

bool has_word_char(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  });
}

bool only_syntax_chars(std::string_view word) {
  return std::all_of(word.begin(), word.end(),
                     [](char c) { return c == ':' || c == '*' || c == '-' || c == '+'; });
}

struct Lexer {
  std::string_view text;
  std::vector<std::string>& warnings;
  std::vector<Token> tokens;
  std::size_t pos = 0;

  void emit(TokenKind kind, std::string_view token_text = {}, Field field = Field::any) {
    tokens.push_back(Token{kind, token_text, field});
  }

  // Text with nothing to search for ("!!!", "") matches nothing, so a sign,
  // NOT or field in front of it has nothing to apply to and goes too;
  // left in place it would apply to the next word instead.
  void drop_junk() {
    while (!tokens.empty()) {
      const TokenKind last = tokens.back().kind;
      if (last != TokenKind::minus && last != TokenKind::plus && last != TokenKind::op_not &&
          last != TokenKind::field)
        break;
      tokens.pop_back();
    }
  }

  void run() {
    while (pos < text.size()) {
      bool control = false;
      if (std::size_t n = separator_length(text, pos, control)) {
        if (control) warn(warnings, "control characters ignored");
        pos += n;
        continue;
      }
      if (std::size_t n = quote_length(text, pos)) {
        phrase(n);
        continue;
      }
      const char c = text[pos];
      if (c == '(' || c == ')') {
        emit(c == '(' ? TokenKind::open : TokenKind::close);
        ++pos;
        continue;
      }
      // A sign binds to what directly follows it; "a - b" has a stray '-'.
      if ((c == '-' || c == '+') && pos + 1 < text.size() && text[pos + 1] != ')' &&
          separator_length(text, pos + 1, control) == 0) {
        emit(c == '-' ? TokenKind::minus : TokenKind::plus);
        ++pos;
        continue;
      }
      word();
    }
  }

  void phrase(std::size_t open_length) {
    std::size_t start = pos + open_length;
    std::size_t end = start;
    std::size_t close_length = 0;
    while (end < text.size() && (close_length = quote_length(text, end)) == 0) ++end;
    if (end >= text.size()) {
      // Read on as if the quote were not there: its words still count.
      warn(warnings, "unbalanced quote ignored");
      pos = start;
      return;
    }
    const std::string_view inside = text.substr(start, end - start);
    pos = end + close_length;
    if (!has_word_char(inside)) return drop_junk();
    emit(TokenKind::phrase, inside);
  }

  void word() {
    const std::size_t start = pos;
    while (!ends_word(text, pos)) ++pos;
    std::string_view w = text.substr(start, pos - start);

    if (w == "AND") return emit(TokenKind::op_and, w);
    if (w == "OR") return emit(TokenKind::op_or, w);
    if (w == "NOT") return emit(TokenKind::op_not, w);

    const std::size_t colon = w.find(':');
    if (colon != std::string_view::npos && colon > 0) {
      const Field field = field_named(w.substr(0, colon));
      if (field != Field::any) {
        const std::size_t value = start + colon + 1;
        const bool attached = value < text.size() &&
                              (!ends_word(text, value) || text[value] == '(' ||
                               quote_length(text, value) > 0);
        if (!attached) {
          warn(warnings, "nothing directly after '" + printable(w.substr(0, colon)) +
                             ":'; the field was ignored");
        } else {
          emit(TokenKind::field, w.substr(0, colon), field);
        }
        pos = value;
        return;
      }
    }

    if (only_syntax_chars(w)) {
      warn(warnings, "stray '" + printable(w, 8) + "' ignored");
      return drop_junk();
    }
    std::size_t stem_end = w.size();
    while (stem_end > 0 && w[stem_end - 1] == '*') --stem_end;
    if (!has_word_char(w.substr(0, stem_end))) return drop_junk();
    if (stem_end < w.size()) return emit(TokenKind::prefix, w.substr(0, stem_end));
    emit(TokenKind::word, w);
  }
};

// The length of a valid UTF-8 sequence at the start of `s`, 0 if invalid.
std::size_t utf8_length(std::string_view s) {
  const unsigned char c = byte_at(s, 0);
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xbf;
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf) {
    n = 2;
  } else if (c >= 0xe0 && c <= 0xef) {
    n = 3;
    if (c == 0xe0) lo = 0xa0;
    if (c == 0xed) hi = 0x9f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    n = 4;
    if (c == 0xf0) lo = 0x90;
    if (c == 0xf4) hi = 0x8f;
  } else {
    return 0;
  }
  if (s.size() < n) return 0;
  const unsigned char second = static_cast<unsigned char>(s[1]);
  if (second < lo || second > hi) return 0;
  for (std::size_t i = 2; i < n; ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xc0) != 0x80) return 0;
  return n;
}

}  // namespace

std::vector<Token> lex(std::string_view text, std::vector<std::string>& warnings) {
  Lexer lexer{text, warnings, {}};
  lexer.run();
  return std::move(lexer.tokens);
}

Field field_named(std::string_view name) {
  std::string lower(name);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (lower == "title") return Field::title;
  if (lower == "abstract") return Field::abstract;
  if (lower == "author") return Field::author;
  if (lower == "cat" || lower == "category") return Field::category;
  if (lower == "venue") return Field::venue;
  if (lower == "id") return Field::id;
  if (lower == "year" || lower == "date") return Field::date;
  return Field::any;
}

void warn(std::vector<std::string>& warnings, std::string warning) {
  if (std::find(warnings.begin(), warnings.end(), warning) == warnings.end())
    warnings.push_back(std::move(warning));
}

std::string printable(std::string_view text, std::size_t max_bytes) {
  static constexpr std::string_view kReplacement = "\xef\xbf\xbd";
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t n = utf8_length(text.substr(pos));
    std::string_view piece = n ? text.substr(pos, n) : kReplacement;
    if (n == 1 && (static_cast<unsigned char>(text[pos]) < 0x20 || text[pos] == 0x7f))
      piece = kReplacement;
    if (n == 2 && static_cast<unsigned char>(text[pos]) == 0xc2 &&
        static_cast<unsigned char>(text[pos + 1]) <= 0x9f)
      piece = kReplacement;
    if (out.size() + piece.size() > max_bytes) return out + "\xe2\x80\xa6";
    out += piece;
    pos += n ? n : 1;
  }
  return out;
}

}  // namespace quire::query::detail
