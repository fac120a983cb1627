// The parser: tokens to a query tree, by recursive descent over
//
//   query       := sequence
//   sequence    := disjunction*           (side by side: the default operator)
//   disjunction := conjunction (OR conjunction)*
//   conjunction := unary (AND unary)*
//   unary       := (NOT | '-' | '+' | FIELD ':')* primary
//   primary     := word | prefix* | "phrase" | '(' sequence ')'
//
// so AND binds tighter than OR, and both tighter than words side by side:
// `a b OR c` is a, and b or c. Whatever does not fit this is dropped with a
// warning, never an error.
#include <optional>

#include "query/lexer.h"
#include "query/query.h"
#include "query/values.h"

namespace quire::query {

namespace {

using detail::Token;
using detail::TokenKind;
using detail::printable;
using detail::warn;

Node make(NodeKind kind, std::vector<Node> children = {}) {
  Node node;
  node.kind = kind;
  node.children = std::move(children);
  return node;
}

// Whether `node` only narrows by metadata (cat:, venue:, id:, year:),
// which a person means as a filter whatever the default operator.
bool is_filter(const Node& node) {
  switch (node.kind) {
    case NodeKind::range: return true;
    case NodeKind::word:
    case NodeKind::phrase:
    case NodeKind::prefix:
      return node.field == Field::category || node.field == Field::venue ||
             node.field == Field::id;
    case NodeKind::all_of:
    case NodeKind::any_of:
      for (const Node& child : node.children)
        if (!is_filter(child)) return false;
      return !node.children.empty();
    default: return false;
  }
}

// Clauses side by side, combined as `op` says: with `all` every clause is
// required; with `any` clauses typed with '+' and filters are required and
// at least one of the others must match. Exclusions always apply.
Node side_by_side(std::vector<Node> items, DefaultOperator op, bool* relaxable) {
  if (items.size() == 1) return std::move(items.front());
  auto is_optional = [](const Node& item) {
    return item.kind != NodeKind::exclude && !item.required && !is_filter(item);
  };
  if (op == DefaultOperator::all) {
    std::size_t optional = 0;
    for (const Node& item : items) optional += is_optional(item);
    if (relaxable && optional >= 2) *relaxable = true;
    Node node = make(NodeKind::all_of, std::move(items));
    node.implicit = true;
    return node;
  }
  std::vector<Node> children, optional, excluded;
  for (Node& item : items) {
    auto& to = is_optional(item) ? optional : item.kind == NodeKind::exclude ? excluded : children;
    to.push_back(std::move(item));
  }
  if (optional.size() == 1) children.push_back(std::move(optional.front()));
  if (optional.size() > 1) {
    children.push_back(make(NodeKind::any_of, std::move(optional)));
    children.back().implicit = true;
  }
  for (Node& e : excluded) children.push_back(std::move(e));
  if (children.size() == 1) return std::move(children.front());
  return make(NodeKind::all_of, std::move(children));
}

std::string collapse_spaces(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

const char* operator_name(TokenKind kind) {
  switch (kind) {
    case TokenKind::op_not: return "NOT";
    case TokenKind::op_and: return "AND";
    case TokenKind::op_or: return "OR";
    case TokenKind::minus: return "-";
    case TokenKind::plus: return "+";
    default: return "";
  }
}

class Parser {
 public:
  Parser(std::vector<Token> tokens, DefaultOperator op, ParsedQuery& out)
      : tokens_(std::move(tokens)), op_(op), out_(out) {}

  std::optional<Node> query() {
    std::optional<Node> root = sequence(0, Field::any);
    if (dropped_)
      warn(out_.warnings, "only the first " + std::to_string(limits::kMaxClauses) +
                              " words, phrases and other clauses were used");
    return root;
  }

 private:
  bool at(TokenKind kind) const { return pos_ < tokens_.size() && tokens_[pos_].kind == kind; }

  std::optional<Node> sequence(std::size_t depth, Field field) {
    std::vector<Node> items;
    while (pos_ < tokens_.size()) {
      if (at(TokenKind::close)) {
        if (flattened_ > 0) {
          --flattened_;
          ++pos_;
          continue;
        }
        if (depth > 0) break;
        warn(out_.warnings, "unmatched ')' ignored");
        ++pos_;
        continue;
      }
      const std::size_t before = pos_;
      if (std::optional<Node> item = disjunction(depth, field)) items.push_back(std::move(*item));
      if (pos_ == before) ++pos_;  // every token is consumed somewhere; never loop
    }
    if (items.empty()) return std::nullopt;
    return side_by_side(std::move(items), op_, &out_.relaxable);
  }

  // `a OP b OP c` for OP = OR (any_of) or AND (all_of).
  template <typename Operand>
  std::optional<Node> chain(TokenKind op, NodeKind kind, Operand operand) {
    std::vector<Node> operands;
    if (std::optional<Node> first = operand()) operands.push_back(std::move(*first));
    while (at(op)) {
      ++pos_;
      std::optional<Node> next = operand();
      if (!next) {
        warn(out_.warnings, std::string("'") + operator_name(op) +
                                "' with nothing after it ignored");
        continue;
      }
      if (operands.empty())
        warn(out_.warnings, std::string("'") + operator_name(op) +
                                "' with nothing before it ignored");
      operands.push_back(std::move(*next));
    }
    if (operands.empty()) return std::nullopt;
    if (operands.size() == 1) return std::move(operands.front());
    return make(kind, std::move(operands));
  }

  std::optional<Node> disjunction(std::size_t depth, Field field) {
    return chain(TokenKind::op_or, NodeKind::any_of,
                 [&] { return conjunction(depth, field); });
  }

  std::optional<Node> conjunction(std::size_t depth, Field field) {
    return chain(TokenKind::op_and, NodeKind::all_of, [&] { return unary(depth, field); });
  }

  std::optional<Node> unary(std::size_t depth, Field field) {
    bool negate = false, required = false;
    const Token* last_operator = nullptr;
    for (; pos_ < tokens_.size(); ++pos_) {
      const Token& token = tokens_[pos_];
      if (token.kind == TokenKind::op_not || token.kind == TokenKind::minus) {
        negate = !negate;
      } else if (token.kind == TokenKind::plus) {
        required = true;
      } else if (token.kind == TokenKind::field) {
        field = token.field;
      } else if (token.kind == TokenKind::open && depth >= limits::kMaxDepth) {
        ++flattened_;
        warn(out_.warnings, "parentheses nested deeper than " +
                                std::to_string(limits::kMaxDepth) + " levels were ignored");
        continue;
      } else {
        break;
      }
      last_operator = &token;
    }
    const std::size_t before = pos_;
    std::optional<Node> node = primary(depth, field);
    if (!node) {
      if (last_operator && pos_ == before) {
        if (last_operator->kind == TokenKind::field)
          warn(out_.warnings, "nothing after '" + printable(last_operator->text) +
                                  ":'; the field was ignored");
        else
          warn(out_.warnings, std::string("'") + operator_name(last_operator->kind) +
                                  "' with nothing after it ignored");
      }
      return std::nullopt;
    }
    if (negate) node = make(NodeKind::exclude, {std::move(*node)});
    node->required = required && !negate;
    return node;
  }

  std::optional<Node> primary(std::size_t depth, Field field) {
    if (pos_ >= tokens_.size()) return std::nullopt;
    const Token& token = tokens_[pos_];
    switch (token.kind) {
      case TokenKind::word:
      case TokenKind::prefix:
      case TokenKind::phrase:
        ++pos_;
        return leaf(token, field);
      case TokenKind::open: {
        ++pos_;
        std::optional<Node> inner = sequence(depth + 1, field);
        if (at(TokenKind::close)) {
          ++pos_;
        } else {
          warn(out_.warnings, "unbalanced parenthesis: ')' added at the end");
        }
        return inner;
      }
      default:
        return std::nullopt;
    }
  }

  std::optional<Node> leaf(const Token& token, Field field) {
    if (clauses_ >= limits::kMaxClauses) {
      dropped_ = true;
      return std::nullopt;
    }
    ++clauses_;
    Node node;
    node.kind = token.kind == TokenKind::phrase   ? NodeKind::phrase
                : token.kind == TokenKind::prefix ? NodeKind::prefix
                                                  : NodeKind::word;
    node.field = field;
    node.text = node.kind == NodeKind::phrase ? collapse_spaces(token.text)
                                              : std::string(token.text);

    if (field == Field::date) {
      if (node.kind == NodeKind::prefix)
        warn(out_.warnings, "'*' after a year or date ignored; write a range such as 2020..2029");
      if (std::optional<detail::DateRange> range = detail::parse_date_range(node.text)) {
        if (range->swapped)
          warn(out_.warnings, "the range '" + printable(node.text) + "' was read low to high");
        node.kind = NodeKind::range;
        node.low = std::move(range->low);
        node.high = std::move(range->high);
        node.text.clear();
        return node;
      }
      warn(out_.warnings, "'" + printable(node.text) +
                              "' is not a year, date or date range; searched as words");
      node.field = Field::any;
      if (node.kind == NodeKind::prefix) node.kind = NodeKind::word;
    }

    if (node.kind == NodeKind::prefix) {
      if (prefixes_ >= limits::kMaxPrefixes) {
        warn(out_.warnings, "only the first " + std::to_string(limits::kMaxPrefixes) +
                                " prefix searches (word*) were used; the rest are words");
        node.kind = NodeKind::word;
      } else {
        ++prefixes_;
      }
    }
    if (node.kind == NodeKind::word && node.field == Field::any) {
      std::string id = detail::identifier_in(node.text);
      if (!id.empty()) {
        node.kind = NodeKind::lookup;
        node.text = std::move(id);
      }
    }
    return node;
  }

  std::vector<Token> tokens_;
  DefaultOperator op_;
  ParsedQuery& out_;
  std::size_t pos_ = 0;
  std::size_t clauses_ = 0;
  std::size_t prefixes_ = 0;
  std::size_t flattened_ = 0;  // '(' ignored for depth whose ')' is still to come
  bool dropped_ = false;
};

// The longest prefix of `text` of at most `size` bytes that ends on a
// character boundary.
std::string_view utf8_prefix(std::string_view text, std::size_t size) {
  if (size >= text.size()) return text;
  while (size > 0 && (static_cast<unsigned char>(text[size]) & 0xc0) == 0x80) --size;
  return text.substr(0, size);
}

bool blank(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) > ' ') return false;
  return true;
}

// The text up to the query length limit, saying so when it cuts.
std::string_view within_limit(std::string_view text, std::vector<std::string>& warnings) {
  if (text.size() <= limits::kMaxQueryBytes) return text;
  warnings.push_back("query cut to its first " + std::to_string(limits::kMaxQueryBytes) +
                     " bytes");
  return utf8_prefix(text, limits::kMaxQueryBytes);
}

}  // namespace

ParsedQuery parse(std::string_view text, DefaultOperator default_operator) {
  ParsedQuery parsed;
  text = within_limit(text, parsed.warnings);
  std::vector<Token> tokens = detail::lex(text, parsed.warnings);
  Parser parser(std::move(tokens), default_operator, parsed);
  if (std::optional<Node> root = parser.query()) {
    parsed.root = std::move(*root);
  } else if (!blank(text)) {
    warn(parsed.warnings, "nothing to search for in the query; every paper matches");
  }
  return parsed;
}

ParsedQuery parse_plain(std::string_view text, DefaultOperator default_operator) {
  ParsedQuery parsed;
  text = within_limit(text, parsed.warnings);
  std::vector<Node> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && static_cast<unsigned char>(text[i]) <= ' ') ++i;
    std::size_t start = i;
    while (i < text.size() && static_cast<unsigned char>(text[i]) > ' ') ++i;
    if (i == start) continue;
    if (words.size() == limits::kMaxClauses) {
      warn(parsed.warnings, "only the first " + std::to_string(limits::kMaxClauses) +
                                " words were used");
      break;
    }
    Node word;
    word.kind = NodeKind::word;
    word.text.assign(text.substr(start, i - start));
    words.push_back(std::move(word));
  }
  if (words.empty()) {
    if (!blank(text)) warn(parsed.warnings, "nothing to search for in the query; every paper matches");
    return parsed;
  }
  parsed.root = side_by_side(std::move(words), default_operator, &parsed.relaxable);
  return parsed;
}

Node relax(const Node& root) {
  Node out = root;
  for (Node& child : out.children) child = relax(child);
  if (out.kind == NodeKind::all_of && out.implicit) {
    Node relaxed = side_by_side(std::move(out.children), DefaultOperator::any, nullptr);
    relaxed.required = out.required;
    return relaxed;
  }
  return out;
}

}  // namespace quire::query
