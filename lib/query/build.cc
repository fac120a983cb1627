#include "index/schema.h"
#include "query/query.h"
#include "search/ranking.h"

namespace quire::query {

namespace {

namespace p = schema::prefix;

class Builder {
 public:
  Builder(const analysis::Analyzer& analyzer, Highlights* highlights)
      : analyzer_(analyzer), highlights_(highlights) {}

  Xapian::Query build(const Node& node, bool positive) {
    switch (node.kind) {
      case NodeKind::match_all: return match_all();
      case NodeKind::word: return word(node.text, positive);
      case NodeKind::phrase: return phrase(node.text, positive);
      case NodeKind::all_of: return combine(Xapian::Query::OP_AND, node.children, positive);
      case NodeKind::any_of: return combine(Xapian::Query::OP_OR, node.children, positive);
      case NodeKind::exclude: {
        if (node.children.empty()) return match_all();
        Xapian::Query base = build(node.children[0], positive);
        if (base.empty()) base = match_all();
        std::vector<Xapian::Query> negatives;
        for (std::size_t i = 1; i < node.children.size(); ++i) {
          Xapian::Query q = build(node.children[i], false);
          if (!q.empty()) negatives.push_back(q);
        }
        if (negatives.empty()) return base;
        return Xapian::Query(Xapian::Query::OP_AND_NOT, base,
                             Xapian::Query(Xapian::Query::OP_OR, negatives.begin(),
                                           negatives.end()));
      }
    }
    return {};
  }

 private:
  Xapian::Query combine(Xapian::Query::op op, const std::vector<Node>& children,
                        bool positive) {
    std::vector<Xapian::Query> parts;
    for (const auto& child : children) {
      Xapian::Query q = build(child, positive);
      if (!q.empty()) parts.push_back(q);
    }
    if (parts.empty()) return {};
    if (parts.size() == 1) return parts.front();
    return Xapian::Query(op, parts.begin(), parts.end());
  }

  // One analysed word, found by its stem in the title and abstract and as
  // written in author names.
  Xapian::Query stem_leaf(const analysis::Token& token, bool positive) {
    if (positive && highlights_) highlights_->stems.insert(token.stem);
    Xapian::Query parts[] = {
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                      Xapian::Query(schema::term(p::kTitleStem, token.stem)),
                      ranking::kTitleWeight),
        Xapian::Query(schema::term(p::kAbstractStem, token.stem)),
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                      Xapian::Query(schema::term(p::kAuthor, token.term)),
                      ranking::kAuthorWeight),
    };
    return Xapian::Query(Xapian::Query::OP_OR, std::begin(parts), std::end(parts));
  }

  // Exact words in order, inside one field.
  Xapian::Query exact(const std::vector<const analysis::Token*>& tokens, bool positive) {
    if (positive && highlights_)
      for (const auto* t : tokens) highlights_->terms.insert(t->term);
    auto field = [&](std::string_view prefix, double weight) {
      std::vector<Xapian::Query> terms;
      for (const auto* t : tokens) terms.emplace_back(schema::term(prefix, t->term));
      Xapian::Query q = terms.size() == 1
                            ? terms.front()
                            : Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(),
                                            terms.end(), terms.size());
      return weight == 1.0 ? q : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, weight);
    };
    Xapian::Query parts[] = {field(p::kTitle, ranking::kTitleWeight), field(p::kAbstract, 1.0),
                             field(p::kAuthor, ranking::kAuthorWeight)};
    return Xapian::Query(Xapian::Query::OP_OR, std::begin(parts), std::end(parts));
  }

  Xapian::Query word(const std::string& text, bool positive) {
    tokens_.clear();
    analyzer_.analyze(text, tokens_);
    std::vector<const analysis::Token*> main, alternatives;
    for (const auto& t : tokens_) (t.alternative ? alternatives : main).push_back(&t);
    if (main.empty()) return {};
    // A word is found in any of its forms: its parts in order when it
    // analyses into several (self-supervised, a CJK run), and each
    // alternative form (the joined "selfsupervised", "schoelkopf" for
    // "schölkopf", "gpt4" for "gpt-4").
    std::vector<Xapian::Query> forms{main.size() == 1 ? stem_leaf(*main.front(), positive)
                                                      : exact(main, positive)};
    for (const auto* alt : alternatives) forms.push_back(stem_leaf(*alt, positive));
    if (forms.size() == 1) return forms.front();
    return Xapian::Query(Xapian::Query::OP_OR, forms.begin(), forms.end());
  }

  Xapian::Query phrase(const std::string& text, bool positive) {
    tokens_.clear();
    analyzer_.analyze(text, tokens_);
    std::vector<const analysis::Token*> main;
    for (const auto& t : tokens_)
      if (!t.alternative) main.push_back(&t);
    if (main.empty()) return {};
    return exact(main, positive);
  }

  const analysis::Analyzer& analyzer_;
  Highlights* highlights_;
  std::vector<analysis::Token> tokens_;
};

}  // namespace

Xapian::Query build(const Node& root, const analysis::Analyzer& analyzer,
                    Highlights* highlights) {
  Builder builder(analyzer, highlights);
  Xapian::Query q = builder.build(root, true);
  return q.empty() ? match_all() : q;
}

}  // namespace quire::query
