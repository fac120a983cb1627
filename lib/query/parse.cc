#include <cctype>
#include <cstdint>
#include <string>

#include "query/query.h"

namespace quire::query {

namespace {

// Past this, text is ignored: no search box needs more, and it keeps every
// query's cost bounded.
constexpr std::size_t kMaxQueryBytes = 4096;
constexpr std::size_t kMaxClauses = 64;

bool is_space(unsigned char c) { return c <= ' ' || c == 0x7f; }

struct Lexer {
  std::string_view text;
  std::size_t pos = 0;

  void skip_space() {
    while (pos < text.size() && is_space(static_cast<unsigned char>(text[pos]))) ++pos;
  }
  bool done() const { return pos >= text.size(); }
  char peek() const { return text[pos]; }

  std::string_view word() {
    std::size_t start = pos;
    while (pos < text.size() && !is_space(static_cast<unsigned char>(text[pos])) &&
           text[pos] != '"')
      ++pos;
    return text.substr(start, pos - start);
  }

  // Text up to the closing quote; `closed` says whether there was one.
  std::string_view quoted(bool& closed) {
    std::size_t start = ++pos;
    std::size_t end = text.find('"', start);
    closed = end != std::string_view::npos;
    if (!closed) end = text.size();
    pos = closed ? end + 1 : end;
    return text.substr(start, end - start);
  }
};

bool has_word_char(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80 || std::isalnum(c)) return true;
  return false;
}

}  // namespace

ParsedQuery parse(std::string_view text, DefaultOperator default_operator) {
  ParsedQuery parsed;
  if (text.size() > kMaxQueryBytes) {
    text = text.substr(0, kMaxQueryBytes);
    parsed.warnings.push_back("query cut to its first " + std::to_string(kMaxQueryBytes) +
                              " bytes");
  }
  Lexer lex{text};
  std::vector<Node> positive, negative;
  bool dropped_clauses = false;
  while (true) {
    lex.skip_space();
    if (lex.done()) break;
    bool exclude = false;
    char c = lex.peek();
    if ((c == '-' || c == '+') && lex.pos + 1 < text.size() &&
        !is_space(static_cast<unsigned char>(text[lex.pos + 1]))) {
      exclude = c == '-';
      ++lex.pos;
    }
    Node node;
    if (lex.peek() == '"') {
      bool closed = false;
      node.kind = NodeKind::phrase;
      node.text = std::string(lex.quoted(closed));
      if (!closed) parsed.warnings.push_back("unbalanced quote ignored");
    } else {
      node.kind = NodeKind::word;
      node.text = std::string(lex.word());
    }
    if (!has_word_char(node.text)) continue;
    auto& target = exclude ? negative : positive;
    if (positive.size() + negative.size() >= kMaxClauses) {
      dropped_clauses = true;
      continue;
    }
    target.push_back(std::move(node));
  }
  if (dropped_clauses)
    parsed.warnings.push_back("only the first " + std::to_string(kMaxClauses) +
                              " words and phrases were used");

  Node root;
  if (positive.size() == 1) {
    root = std::move(positive.front());
  } else if (!positive.empty()) {
    root.kind = default_operator == DefaultOperator::all ? NodeKind::all_of : NodeKind::any_of;
    root.children = std::move(positive);
    parsed.relaxable = root.kind == NodeKind::all_of;
  }
  if (!negative.empty()) {
    Node excl;
    excl.kind = NodeKind::exclude;
    excl.children.push_back(std::move(root));
    for (auto& n : negative) excl.children.push_back(std::move(n));
    root = std::move(excl);
  }
  parsed.root = std::move(root);
  return parsed;
}

Node relax(const Node& root) {
  Node out = root;
  Node* target = &out;
  if (out.kind == NodeKind::exclude && !out.children.empty()) target = &out.children[0];
  if (target->kind == NodeKind::all_of) target->kind = NodeKind::any_of;
  return out;
}

std::string to_string(const Node& node) {
  switch (node.kind) {
    case NodeKind::match_all: return "(all papers)";
    case NodeKind::word: return node.text;
    case NodeKind::phrase: return "\"" + node.text + "\"";
    case NodeKind::all_of:
    case NodeKind::any_of:
    case NodeKind::exclude: {
      std::string out = node.kind == NodeKind::all_of   ? "(and"
                        : node.kind == NodeKind::any_of ? "(or"
                                                        : "(not";
      for (const auto& child : node.children) out += " " + to_string(child);
      return out + ")";
    }
  }
  return {};
}

}  // namespace quire::query
