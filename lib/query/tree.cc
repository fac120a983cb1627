// The query tree's printed form, for --explain and for tests.
#include "query/lexer.h"
#include "query/query.h"

namespace quire::query {

namespace {

// Long enough never to cut what the parser accepts, short of a whole query.
constexpr std::size_t kMaxShownBytes = 512;

const char* field_name(Field field) {
  switch (field) {
    case Field::any: return "";
    case Field::title: return "title:";
    case Field::abstract: return "abstract:";
    case Field::author: return "author:";
    case Field::category: return "cat:";
    case Field::venue: return "venue:";
    case Field::id: return "id:";
    case Field::date: return "date:";
  }
  return "";
}

void append(const Node& node, std::string& out) {
  const std::string text = detail::printable(node.text, kMaxShownBytes);
  switch (node.kind) {
    case NodeKind::match_all:
      out += "(all papers)";
      return;
    case NodeKind::word:
      out += field_name(node.field) + text;
      return;
    case NodeKind::phrase:
      out += field_name(node.field) + ("\"" + text + "\"");
      return;
    case NodeKind::prefix:
      out += field_name(node.field) + text + "*";
      return;
    case NodeKind::range:
      out += "date:" + node.low + ".." + node.high;
      return;
    case NodeKind::lookup:
      out += "(lookup " + text + ")";
      return;
    case NodeKind::all_of:
    case NodeKind::any_of:
    case NodeKind::exclude:
      out += node.kind == NodeKind::all_of   ? "(and"
             : node.kind == NodeKind::any_of ? "(or"
                                             : "(not";
      for (const Node& child : node.children) {
        out += ' ';
        append(child, out);
      }
      out += ')';
      return;
  }
}

}  // namespace

std::string to_string(const Node& node) {
  std::string out;
  append(node, out);
  return out;
}

}  // namespace quire::query
