// The builder: a query tree to a Xapian query, analysing every typed word
// exactly as indexed text was analysed.
#include <algorithm>
#include <iterator>

#include "index/schema.h"
#include "query/lexer.h"
#include "query/query.h"
#include "query/values.h"

namespace quire::query {

namespace {

namespace p = schema::prefix;
using Q = Xapian::Query;

// One place a text field keeps its terms, with the weight it counts for.
struct Place {
  std::string_view prefix;
  double weight;
};

bool is_text(Field field) {
  return field == Field::any || field == Field::title || field == Field::abstract ||
         field == Field::author;
}

// Where a word is found by its stem (authors are indexed as written).
struct StemPlace {
  std::string_view prefix;
  double weight;
  bool by_stem;
};

// A title word weighs as much as this many abstract words, as in the
// text terms (schema::kTitleRepeat).
constexpr double kTitleWeight = schema::kTitleRepeat;

std::vector<StemPlace> stem_places(Field field, const Ranking& r) {
  const StemPlace title{p::kTitleStem, kTitleWeight, true};
  const StemPlace abstract{p::kAbstractStem, 1.0, true};
  const StemPlace author{p::kAuthor, r.author_weight, false};
  switch (field) {
    case Field::title: return {title};
    case Field::abstract: return {abstract};
    case Field::author: return {author};
    default: return {title, abstract, author};
  }
}

// Where words are kept as written, with positions.
std::vector<Place> exact_places(Field field, const Ranking& r) {
  const Place title{p::kTitle, kTitleWeight};
  const Place abstract{p::kAbstract, 1.0};
  const Place author{p::kAuthor, r.author_weight};
  switch (field) {
    case Field::title: return {title};
    case Field::abstract: return {abstract};
    case Field::author: return {author};
    default: return {title, abstract, author};
  }
}

// Words so common that, among other words, they say nothing about what a
// paper is about: the English stop words of the Snowball project, sorted.
bool is_common_word(std::string_view term) {
  static constexpr std::string_view kWords[] = {
      "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any",
      "are", "aren't", "as", "at", "be", "because", "been", "before", "being", "below",
      "between", "both", "but", "by", "can't", "cannot", "could", "couldn't", "did", "didn't",
      "do", "does", "doesn't", "doing", "don't", "down", "during", "each", "few", "for",
      "from", "further", "had", "hadn't", "has", "hasn't", "have", "haven't", "having", "he",
      "he'd", "he'll", "he's", "her", "here", "here's", "hers", "herself", "him", "himself",
      "his", "how", "how's", "i", "i'd", "i'll", "i'm", "i've", "if", "in", "into", "is",
      "isn't", "it", "it's", "its", "itself", "let's", "me", "more", "most", "mustn't", "my",
      "myself", "no", "nor", "not", "of", "off", "on", "once", "only", "or", "other", "ought",
      "our", "ours", "ourselves", "out", "over", "own", "same", "shan't", "she", "she'd",
      "she'll", "she's", "should", "shouldn't", "so", "some", "such", "than", "that", "that's",
      "the", "their", "theirs", "them", "themselves", "then", "there", "there's", "these",
      "they", "they'd", "they'll", "they're", "they've", "this", "those", "through", "to",
      "too", "under", "until", "up", "very", "was", "wasn't", "we", "we'd", "we'll", "we're",
      "we've", "were", "weren't", "what", "what's", "when", "when's", "where", "where's",
      "which", "while", "who", "who's", "whom", "why", "why's", "with", "won't", "would",
      "wouldn't", "you", "you'd", "you'll", "you're", "you've", "your", "yours", "yourself",
      "yourselves"};
  return std::binary_search(std::begin(kWords), std::end(kWords), term);
}

Q weighted(Q query, double weight) {
  return weight == 1.0 ? query : Q(Q::OP_SCALE_WEIGHT, query, weight);
}

Q combine(Q::op op, std::vector<Q>& parts) {
  std::vector<Q> kept;
  for (Q& q : parts)
    if (!q.empty()) kept.push_back(std::move(q));
  if (kept.empty()) return {};
  if (kept.size() == 1) return kept.front();
  return Q(op, kept.begin(), kept.end());
}

Q any_term(const std::vector<std::string>& terms) {
  std::vector<Q> parts;
  for (const std::string& term : terms) parts.emplace_back(term);
  return combine(Q::OP_OR, parts);
}

std::size_t utf8_chars(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xc0) != 0x80) ++n;
  return n;
}

class Builder {
 public:
  Builder(const analysis::Analyzer& analyzer, const BuildContext& context)
      : analyzer_(analyzer),
        context_(context),
        ranking_(context.ranking ? *context.ranking : Ranking{}) {}

  Q build(const Node& node, bool positive) {
    switch (node.kind) {
      case NodeKind::match_all: return match_all();
      case NodeKind::word: return word(node.field, node.text, positive);
      case NodeKind::phrase: return phrase(node.field, node.text, positive);
      case NodeKind::prefix: return prefix(node.field, node.text, positive);
      case NodeKind::range: return range(node.low, node.high);
      case NodeKind::lookup: return lookup(node.text, positive);
      case NodeKind::all_of: return all_of(node.children, positive);
      case NodeKind::any_of: return any_of(node.children, node.implicit, positive);
      case NodeKind::exclude: {
        if (node.children.empty()) return {};
        Q inner = build(node.children.front(), !positive);
        if (inner.empty()) return {};
        return Q(Q::OP_AND_NOT, match_all(), inner);
      }
    }
    return {};
  }

 private:
  // A plain word of the whole text, as analysed: its one token, or null
  // when it is not a single word.
  const analysis::Token* lone_word(const Node& node) {
    if (node.kind != NodeKind::word || node.field != Field::any) return nullptr;
    std::vector<const analysis::Token*> main;
    analyze(node.text, main, nullptr);
    return main.size() == 1 ? main.front() : nullptr;
  }

  // Explicit OR keeps every word as typed; optional words side by side
  // leave out common words and match hyphenated words by their parts.
  Q any_of(const std::vector<Node>& children, bool optional_words, bool positive) {
    std::vector<const Node*> kept;
    for (const Node& child : children) kept.push_back(&child);
    if (!optional_words) {
      std::vector<Q> parts;
      for (const Node* child : kept) parts.push_back(build(*child, positive));
      return combine(Q::OP_OR, parts);
    }
    if (ranking_.skip_common_words) {
      std::vector<const Node*> telling;
      for (const Node* child : kept) {
        const analysis::Token* token = lone_word(*child);
        if (!token || !is_common_word(token->term)) telling.push_back(child);
      }
      if (!telling.empty()) kept.swap(telling);
    }
    std::vector<Q> parts;
    for (const Node* child : kept)
      if (!add_parts(*child, positive, parts)) parts.push_back(build(*child, positive));
    if (ranking_.proximity_weight > 0 && positive) add_proximity(kept, parts);
    return combine(Q::OP_OR, parts);
  }

  // Among optional words, one that analyses into several (mis-capped,
  // IFN-γ) matches by any of them and by its joined spellings, not only as
  // a phrase: a paper that writes "IFN-gamma" or "capped" is still about
  // some of it. Returns false, adding nothing, for other nodes.
  bool add_parts(const Node& node, bool positive, std::vector<Q>& parts) {
    if (node.kind != NodeKind::word || node.field != Field::any) return false;
    std::vector<const analysis::Token*> main, alternatives;
    analyze(node.text, main, &alternatives);
    if (main.size() < 2) return false;
    std::vector<analysis::Token> forms;
    for (const auto* t : main)
      if (!(ranking_.skip_common_words && is_common_word(t->term))) forms.push_back(*t);
    for (const auto* t : alternatives) forms.push_back(*t);
    for (const analysis::Token& t : forms) parts.push_back(stem_leaf(Field::any, t, positive));
    return true;
  }

  // Neighbouring plain words found side by side, in title or abstract.
  void add_proximity(const std::vector<const Node*>& words, std::vector<Q>& parts) {
    std::string previous;
    for (const Node* child : words) {
      const analysis::Token* token = lone_word(*child);
      if (!token) {
        previous.clear();
        continue;
      }
      std::string current = token->term;
      if (!previous.empty()) {
        for (std::string_view prefix : {p::kTitle, p::kAbstract}) {
          Q pair[] = {Q(schema::term(prefix, previous)), Q(schema::term(prefix, current))};
          parts.push_back(weighted(Q(Q::OP_PHRASE, std::begin(pair), std::end(pair), 2),
                                   ranking_.proximity_weight));
        }
      }
      previous = std::move(current);
    }
  }

  Q all_of(const std::vector<Node>& children, bool positive) {
    std::vector<Q> required, excluded;
    for (const Node& child : children) {
      if (child.kind == NodeKind::exclude && !child.children.empty())
        excluded.push_back(build(child.children.front(), !positive));
      else
        required.push_back(build(child, positive));
    }
    Q base = combine(Q::OP_AND, required);
    Q minus = combine(Q::OP_OR, excluded);
    if (minus.empty()) return base;
    return Q(Q::OP_AND_NOT, base.empty() ? match_all() : base, minus);
  }

  void analyze(std::string_view text, std::vector<const analysis::Token*>& main,
               std::vector<const analysis::Token*>* alternatives) {
    tokens_.clear();
    analyzer_.analyze(text, tokens_);
    main.clear();
    if (alternatives) alternatives->clear();
    for (const analysis::Token& t : tokens_) {
      if (!t.alternative)
        main.push_back(&t);
      else if (alternatives)
        alternatives->push_back(&t);
    }
  }

  bool highlight(Field field, bool positive) const {
    return positive && context_.highlights && field != Field::author;
  }

  void warn(std::string warning) {
    if (context_.warnings) detail::warn(*context_.warnings, std::move(warning));
  }

  // One analysed word, by its stem (as written in author names).
  Q stem_leaf(Field field, const analysis::Token& token, bool positive) {
    if (highlight(field, positive)) context_.highlights->stems.insert(token.stem);
    std::vector<Q> parts;
    if (field == Field::any) {
      // Title and abstract as one text, and the author names.
      parts.emplace_back(schema::term(p::kTextStem, token.stem));
      if (ranking_.exact_form_weight > 0 && !token.alternative) {
        Q forms[] = {Q(schema::term(p::kTitle, token.term)), Q(schema::term(p::kAbstract, token.term))};
        parts.push_back(weighted(Q(Q::OP_SYNONYM, std::begin(forms), std::end(forms)),
                                 ranking_.exact_form_weight));
      }
      if (ranking_.title_boost > 0)
        parts.push_back(weighted(Q(schema::term(p::kTitleStem, token.stem)), ranking_.title_boost));
      parts.push_back(weighted(Q(schema::term(p::kAuthor, token.term)), ranking_.author_weight));
      return combine(Q::OP_OR, parts);
    }
    for (const StemPlace& place : stem_places(field, ranking_))
      parts.push_back(weighted(Q(schema::term(place.prefix, place.by_stem ? token.stem : token.term)),
                               place.weight));
    return combine(Q::OP_OR, parts);
  }

  // Exact words in order, inside one field.
  Q exact(Field field, const std::vector<const analysis::Token*>& tokens, bool positive) {
    if (highlight(field, positive))
      for (const auto* t : tokens) context_.highlights->terms.insert(t->term);
    std::vector<Q> parts;
    for (const Place& place : exact_places(field, ranking_)) {
      std::vector<Q> terms;
      for (const auto* t : tokens) terms.emplace_back(schema::term(place.prefix, t->term));
      Q q = terms.size() == 1 ? terms.front()
                              : Q(Q::OP_PHRASE, terms.begin(), terms.end(), terms.size());
      parts.push_back(weighted(q, place.weight));
    }
    return combine(Q::OP_OR, parts);
  }

  // A word is found in any of its forms: its parts in order when it
  // analyses into several (self-supervised, a CJK run), and each
  // alternative form (the joined "selfsupervised", "schoelkopf" for
  // "schölkopf", "gpt4" for "gpt-4").
  Q text_word(Field field, std::string_view text, bool positive) {
    std::vector<const analysis::Token*> main, alternatives;
    analyze(text, main, &alternatives);
    if (main.empty()) return {};
    cap_phrase(main, text);
    std::vector<Q> forms{main.size() == 1 ? stem_leaf(field, *main.front(), positive)
                                          : exact(field, main, positive)};
    for (const auto* alt : alternatives) forms.push_back(stem_leaf(field, *alt, positive));
    return combine(Q::OP_OR, forms);
  }

  Q word(Field field, std::string_view text, bool positive) {
    if (is_text(field)) return text_word(field, text, positive);
    return key(field, text);
  }

  void cap_phrase(std::vector<const analysis::Token*>& main, std::string_view text) {
    if (main.size() <= limits::kMaxPhraseWords) return;
    main.resize(limits::kMaxPhraseWords);
    warn("only the first " + std::to_string(limits::kMaxPhraseWords) + " words of \"" +
         detail::printable(text) + "\" were used");
  }

  Q phrase(Field field, std::string_view text, bool positive) {
    if (!is_text(field)) return key(field, text);
    std::vector<const analysis::Token*> main;
    analyze(text, main, nullptr);
    if (main.empty()) return {};
    cap_phrase(main, text);
    Q q = exact(field, main, positive);
    if (field != Field::author) return q;
    // A name in quotes also finds the author written another way
    // ("Kempe, Julia", "J. Kempe").
    Q keys = any_term(author_key_terms(analyzer_, text));
    return keys.empty() ? q : Q(Q::OP_OR, q, keys);
  }

  // The value of a metadata field, matched whole.
  Q key(Field field, std::string_view text) {
    switch (field) {
      case Field::category: {
        const std::string k = schema::category_key(text);
        if (k.empty()) return {};
        // "cs" is a group of categories ("cs.LG", ...) but "hep-th" is one.
        if (k.find('.') != std::string::npos) return Q(schema::term(p::kCategory, k));
        return Q(Q::OP_OR, Q(schema::term(p::kArchive, k)), Q(schema::term(p::kCategory, k)));
      }
      case Field::venue: {
        const std::string k = analyzer_.normalize_key(text);
        if (k.empty()) return {};
        return Q(schema::term(p::kVenue, k));
      }
      case Field::id: {
        std::vector<std::string> terms;
        for (const std::string& id : detail::id_candidates(text)) {
          terms.push_back(schema::id_term(id));
          terms.push_back(schema::doi_term(id));
        }
        return any_term(terms);
      }
      default: return {};
    }
  }

  // Terms of one field starting with `start`: capped to the most frequent.
  // With the database at hand, says so when the cap cuts, and highlights
  // what it expands to.
  Q wildcard(std::string_view field_prefix, std::string_view start, double weight,
             std::string_view typed, bool highlight_words) {
    const std::string pattern = std::string(field_prefix) + std::string(start);
    if (context_.db) {
      unsigned seen = 0;
      for (auto it = context_.db->allterms_begin(pattern); it != context_.db->allterms_end(pattern);
           ++it) {
        if (++seen > limits::kMaxPrefixExpansion) {
          warn("'" + detail::printable(typed) + "*' matches more than " +
               std::to_string(limits::kMaxPrefixExpansion) +
               " words; the most frequent of them were searched");
          break;
        }
        if (highlight_words) context_.highlights->terms.insert((*it).substr(field_prefix.size()));
      }
    }
    return weighted(Q(Q::OP_WILDCARD, pattern, limits::kMaxPrefixExpansion,
                      Q::WILDCARD_LIMIT_MOST_FREQUENT),
                    weight);
  }

  Q text_prefix(Field field, std::string_view start, std::string_view typed, bool positive) {
    std::vector<Q> parts;
    for (const Place& place : exact_places(field, ranking_))
      parts.push_back(wildcard(place.prefix, start, place.weight, typed, highlight(field, positive)));
    return combine(Q::OP_OR, parts);
  }

  Q prefix(Field field, const std::string& text, bool positive) {
    if (!is_text(field)) {
      std::string start;
      std::string_view field_prefix;
      if (field == Field::category) {
        start = schema::category_key(text);
        field_prefix = p::kCategory;
      } else if (field == Field::venue) {
        start = analyzer_.normalize_key(text);
        field_prefix = p::kVenue;
      } else {
        start = text;
        field_prefix = p::kId;
      }
      if (start.empty()) return {};
      return wildcard(field_prefix, start, 1.0, text, false);
    }

    std::vector<const analysis::Token*> main, alternatives;
    analyze(text, main, &alternatives);
    if (main.empty()) return {};
    const analysis::Token& last = *main.back();
    if (utf8_chars(last.term) < limits::kMinPrefixChars) {
      warn("'" + detail::printable(text) + "*' is too short for a prefix search (at least " +
           std::to_string(limits::kMinPrefixChars) + " characters); searched as a word");
      return text_word(field, text, positive);
    }
    // Copies: analysing the leading words reuses the token buffer.
    std::vector<std::string> leading;
    for (std::size_t i = 0; i + 1 < main.size(); ++i) leading.push_back(main[i]->term);
    std::vector<std::string> other_forms;
    for (const auto* alt : alternatives) other_forms.push_back(alt->term);
    const std::string start = last.term;

    std::vector<Q> forms;
    {
      std::vector<Q> all{text_prefix(field, start, text, positive)};
      for (const std::string& w : leading) all.push_back(text_word(field, w, positive));
      forms.push_back(combine(Q::OP_AND, all));
    }
    for (const std::string& form : other_forms)
      forms.push_back(text_prefix(field, form, text, positive));
    return combine(Q::OP_OR, forms);
  }

  Q range(const std::string& low, const std::string& high) {
    // Whole years and months have terms of their own, cheaper than
    // reading every paper's date.
    if (low.size() == 8 && high.size() == 8 && low.compare(0, 4, high, 0, 4) == 0) {
      if (low.compare(4, 4, "0000") == 0 && high.compare(4, 4, "9999") == 0)
        return Q(schema::term(p::kYear, low.substr(0, 4)));
      if (low.compare(4, 2, high, 4, 2) == 0 && low.compare(6, 2, "00") == 0 &&
          high.compare(6, 2, "99") == 0)
        return Q(schema::term(p::kMonth, low.substr(0, 4) + "-" + low.substr(4, 2)));
    }
    if (low.empty()) return Q(Q::OP_VALUE_LE, schema::slot::kDate, high);
    if (high.empty()) return Q(Q::OP_VALUE_GE, schema::slot::kDate, low);
    return Q(Q::OP_VALUE_RANGE, schema::slot::kDate, low, high);
  }

  Q lookup(const std::string& id, bool positive) {
    Q text = text_word(Field::any, id, positive);
    Q ids = key(Field::id, id);
    if (positive && !ids.empty()) {
      // Id terms are boolean and weigh nothing; the fixed weight puts the
      // paper with this id above every text match.
      Q boost((new Xapian::FixedWeightPostingSource(kIdMatchWeight))->release());
      ids = Q(Q::OP_FILTER, boost, ids);
    }
    std::vector<Q> parts{ids, text};
    return combine(Q::OP_OR, parts);
  }

  const analysis::Analyzer& analyzer_;
  const BuildContext& context_;
  const Ranking ranking_;
  std::vector<analysis::Token> tokens_;
};

}  // namespace

std::vector<std::string> author_key_terms(const analysis::Analyzer& analyzer,
                                          std::string_view name_text) {
  analysis::AuthorName name = analysis::parse_author(analyzer, name_text);
  if (name.surname.empty()) return {};
  std::vector<std::string> terms;
  if (name.given.empty() && name.initials.empty()) {
    terms.push_back(schema::term(p::kAuthorSurname, name.surname));
    if (!name.surname_alt.empty()) terms.push_back(schema::term(p::kAuthorSurname, name.surname_alt));
    return terms;
  }
  auto add = [&](const std::string& full, const std::string& initial) {
    if (initial.empty()) return;
    if (full.empty()) {
      terms.push_back(schema::term(p::kAuthorInitial, initial));
    } else {
      terms.push_back(schema::term(p::kAuthorFull, full));
      terms.push_back(schema::term(p::kAuthorInitialOnly, initial));
    }
  };
  add(name.full_key, name.initial_key);
  add(name.full_key_alt, name.initial_key_alt);
  return terms;
}

namespace {

Node make_any_of(const Node& node) {
  Node group;
  group.kind = NodeKind::any_of;
  group.implicit = true;
  group.children.push_back(node);
  return group;
}

}  // namespace

Xapian::Query build(const Node& root, const analysis::Analyzer& analyzer,
                    const BuildContext& context) {
  Builder builder(analyzer, context);
  const bool lone_optional_word = context.any && root.kind == NodeKind::word && !root.required;
  Q q = lone_optional_word ? builder.build(make_any_of(root), true) : builder.build(root, true);
  return q.empty() ? match_all() : q;
}

}  // namespace quire::query
