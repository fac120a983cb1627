// libFuzzer target for the query language: any bytes are parsed with both
// default operators, relaxed, printed and built, and the query is run on a
// small in-memory index. Beyond not crashing (ASan, UBSan), it checks what
// the parser promises: bounded trees, and warnings and explanations that
// are valid UTF-8 (they end up in JSON).
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "index/document.h"
#include "query/query.h"
#include "quire/paper.h"

namespace {

namespace q = quire::query;

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return false;
    i += n;
  }
  return true;
}

void check(bool ok) {
  if (!ok) __builtin_trap();
}

std::size_t leaves(const q::Node& node) {
  if (node.children.empty()) return node.kind == q::NodeKind::match_all ? 0 : 1;
  std::size_t n = 0;
  for (const q::Node& child : node.children) n += leaves(child);
  return n;
}

std::size_t depth(const q::Node& node) {
  std::size_t deepest = 0;
  for (const q::Node& child : node.children) deepest = std::max(deepest, depth(child));
  return deepest + 1;
}

quire::Paper paper(const char* id, const char* title, const char* abstract,
                   std::vector<std::string> authors, std::vector<std::string> categories,
                   const char* date, const char* venue) {
  quire::Paper p;
  p.id = id;
  p.title = title;
  p.abstract = abstract;
  p.authors = std::move(authors);
  p.categories = std::move(categories);
  p.date = date;
  p.venue = venue;
  return p;
}

struct World {
  quire::analysis::Analyzer analyzer;
  Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};

  World() {
    const quire::Paper papers[] = {
        paper("2403.12345", "Graph Neural Networks", "Message passing over graphs; see 10.1145/3292500.3330701.",
              {"Julia Kempe", "B. Sch\xc3\xb6lkopf"}, {"cs.LG", "stat.ML"}, "2024-03-05", "NeurIPS"),
        paper("hep-th/9901001", "Strings", "Self-supervised transformers and GPT-4 on $\\alpha$.",
              {"Kempe, Julia"}, {"hep-th"}, "1999", ""),
        paper("10.1145/3292500.3330701", "\xe6\xb7\xb1\xe5\xba\xa6\xe5\xad\xa6\xe4\xb9\xa0", "Mining",
              {"Grace Hopper"}, {"cs.DB"}, "2019-08", "KDD"),
    };
    std::vector<quire::analysis::Token> tokens;
    for (const auto& p : papers) db.add_document(quire::index::encode(p, analyzer, tokens));
    db.commit();
  }
};

void run(World& world, std::string_view text, quire::DefaultOperator op) {
  q::ParsedQuery parsed = q::parse(text, op);
  check(leaves(parsed.root) <= q::limits::kMaxClauses);
  // Each level of parentheses adds at most two levels of tree.
  check(depth(parsed.root) <= 2 * q::limits::kMaxDepth + 4);
  for (const std::string& w : parsed.warnings) check(valid_utf8(w));
  check(valid_utf8(q::to_string(parsed.root)));

  q::Node relaxed = q::relax(parsed.root);
  check(valid_utf8(q::to_string(relaxed)));
  check(!parsed.relaxable || op == quire::DefaultOperator::all);

  for (const q::Node* root : {&parsed.root, &relaxed}) {
    q::Highlights highlights;
    std::vector<std::string> warnings;
    Xapian::Query query = q::build(*root, world.analyzer, {&world.db, &highlights, &warnings});
    for (const std::string& w : warnings) check(valid_utf8(w));
    Xapian::Enquire enquire(world.db);
    enquire.set_query(query);
    enquire.get_mset(0, 10);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  run(world, text, quire::DefaultOperator::all);
  run(world, text, quire::DefaultOperator::any);
  return 0;
}
