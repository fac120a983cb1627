// The query language's lexer: what a person typed, cut into tokens. Only
// the parser and its tests include this.
#ifndef QUIRE_LIB_QUERY_LEXER_H
#define QUIRE_LIB_QUERY_LEXER_H

#include <string>
#include <string_view>
#include <vector>

#include "query/query.h"

namespace quire::query::detail {

enum class TokenKind {
  word,      // text up to a space, parenthesis or quote; `text` as typed
  prefix,    // a word that ended in '*'; `text` without the stars
  phrase,    // the text between two quotes
  open,      // (
  close,     // )
  op_and,    // AND
  op_or,     // OR
  op_not,    // NOT
  minus,     // '-' directly before a word, phrase or group
  plus,      // '+' directly before a word, phrase or group
  field,     // a known field name and ':' directly before its value; `field` says which
};

struct Token {
  TokenKind kind = TokenKind::word;
  std::string_view text;
  Field field = Field::any;
};

// Cuts `text` into tokens. Never fails: a quote without a partner is
// dropped (and said so in `warnings`), control characters separate tokens
// like spaces do. The tokens' text points into `text`.
std::vector<Token> lex(std::string_view text, std::vector<std::string>& warnings);

// The field called `name` (any case; "cat" and "category" are one field),
// or Field::any when `name` is not a field.
Field field_named(std::string_view name);

// Appends `warning` to `warnings` unless it is already there.
void warn(std::vector<std::string>& warnings, std::string warning);

// `text` made safe to show inside a warning or an explanation: invalid
// UTF-8 and control characters become U+FFFD, and text longer than
// `max_bytes` is cut (at a character boundary) and ends in "…".
std::string printable(std::string_view text, std::size_t max_bytes = 40);

}  // namespace quire::query::detail

#endif  // QUIRE_LIB_QUERY_LEXER_H
