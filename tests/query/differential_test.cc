// Differential test of the query language: random queries over papers from
// the shared corpus, run through Index::search and through a small
// in-memory reference evaluator written from docs/query-syntax.md. Both
// must find the same papers.
//
// The generator builds a query as a tree, prints it as text for quire to
// parse, and evaluates the tree itself: so the parser's precedence and
// grouping, the builder's field terms and Xapian's matching are all checked
// against the documented meaning. The reference shares only the analyzer
// with quire (query words are analysed exactly as indexed text, by design).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <iostream>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "analysis/analyzer.h"
#include "analysis/identifiers.h"
#include "index/schema.h"
#include "query/query.h"
#include "quire/quire.h"
#include "support/test_support.h"

namespace {

namespace analysis = quire::analysis;
using quire::DefaultOperator;

constexpr std::size_t kPaperStride = 77;  // every 77th paper: all sources, ~3,000
constexpr std::size_t kMaxPapers = 3000;
constexpr int kQueries = 2500;
constexpr unsigned kSeed = 20240611;

// --------------------------------------------------------------------------
// Sets of papers

struct Bits {
  std::vector<std::uint64_t> w;
  explicit Bits(std::size_t n = 0, bool all = false) : w((n + 63) / 64, all ? ~0ull : 0ull) {
    if (all && n % 64) w.back() = (1ull << (n % 64)) - 1;
  }
  void set(std::size_t i) { w[i / 64] |= 1ull << (i % 64); }
  bool get(std::size_t i) const { return w[i / 64] >> (i % 64) & 1; }
  Bits& operator|=(const Bits& o) {
    for (std::size_t i = 0; i < w.size(); ++i) w[i] |= o.w[i];
    return *this;
  }
  Bits& operator&=(const Bits& o) {
    for (std::size_t i = 0; i < w.size(); ++i) w[i] &= o.w[i];
    return *this;
  }
  Bits& minus(const Bits& o) {
    for (std::size_t i = 0; i < w.size(); ++i) w[i] &= ~o.w[i];
    return *this;
  }
  bool none() const {
    return std::all_of(w.begin(), w.end(), [](std::uint64_t x) { return x == 0; });
  }
};

// --------------------------------------------------------------------------
// The reference index: what docs/query-syntax.md says each field holds

enum class Field { any, title, abstract, author };

struct NameKeys {
  std::string surname, surname_alt, full, full_alt, initial, initial_alt;
};

NameKeys keys_of(const analysis::Analyzer& analyzer, const std::string& text) {
  analysis::AuthorName n = analysis::parse_author(analyzer, text);
  return {n.surname, n.surname_alt, n.full_key, n.full_key_alt, n.initial_key, n.initial_key_alt};
}

using Sequence = std::vector<std::string>;  // main words by position

struct RefPaper {
  std::string id;
  Sequence title, abstract;
  std::vector<Sequence> authors;
  std::vector<NameKeys> names;
  std::set<std::string> categories, groups;
  std::string venue_key;
  std::string date;  // YYYYMMDD, "00" for unknown parts; "" if none
};

class Reference {
 public:
  Reference(const std::vector<quire::Paper>& papers, const analysis::Analyzer& analyzer)
      : analyzer_(analyzer), n_(papers.size()) {
    std::vector<analysis::Token> tokens;
    for (std::size_t i = 0; i < papers.size(); ++i) {
      const quire::Paper& p = papers[i];
      RefPaper r;
      r.id = p.id;
      text(p.title, i, title_stems_, title_terms_, &r.title, tokens);
      text(p.abstract, i, abstract_stems_, abstract_terms_, &r.abstract, tokens);
      for (const std::string& author : p.authors) {
        Sequence seq;
        text(author, i, author_terms_, author_terms_, &seq, tokens);
        r.authors.push_back(std::move(seq));
        r.names.push_back(keys_of(analyzer, author));
      }
      for (const std::string& c : p.categories) {
        std::string key = lower(trim(c));
        if (key.empty()) continue;
        r.categories.insert(key);
        std::size_t dot = key.find('.');
        if (dot != std::string::npos && dot > 0) r.groups.insert(key.substr(0, dot));
      }
      if (!p.venue.empty()) r.venue_key = analyzer.normalize_key(p.venue);
      if (!p.date.empty()) r.date = pad(p.date, "00");
      papers_.push_back(std::move(r));
    }
    for (auto* m : {&title_terms_, &abstract_terms_, &author_terms_}) {
      std::vector<std::string> words;
      for (const auto& [term, _] : *m) words.push_back(term);
      std::sort(words.begin(), words.end());
      vocab_[m] = std::move(words);
    }
  }

  std::size_t size() const { return n_; }
  const RefPaper& paper(std::size_t i) const { return papers_[i]; }
  Bits all() const { return Bits(n_, true); }
  Bits none() const { return Bits(n_); }

  static std::string pad(const std::string& date, const char* fill) {
    std::string out = date.substr(0, 4);
    out += date.size() >= 7 ? date.substr(5, 2) : fill;
    out += date.size() >= 10 ? date.substr(8, 2) : fill;
    return out;
  }
  static std::string lower(std::string s) {
    for (char& c : s)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
  }
  static std::string trim(const std::string& s) {
    std::size_t b = 0, e = s.size();
    while (b < e && static_cast<unsigned char>(s[b]) <= ' ') ++b;
    while (e > b && static_cast<unsigned char>(s[e - 1]) <= ' ') --e;
    return s.substr(b, e - b);
  }

  // A word: by its stem in title and abstract, as written in author
  // names; several parts as a phrase; alternative forms too.
  Bits word(Field field, const std::string& text) const {
    std::vector<analysis::Token> main, alts;
    analyze(text, main, alts);
    Bits out = none();
    if (main.empty()) return out;
    if (main.size() == 1) {
      out |= stem(field, main[0]);
    } else {
      out |= phrase_of(field, main);
    }
    for (const auto& alt : alts) out |= stem(field, alt);
    return out;
  }

  // The common words optional words leave out (docs/query-syntax.md):
  // Snowball's English stop words.
  static bool common(const std::string& term) {
    static const std::set<std::string> words = {
        "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any",
        "are", "aren't", "as", "at", "be", "because", "been", "before", "being", "below",
        "between", "both", "but", "by", "can't", "cannot", "could", "couldn't", "did",
        "didn't", "do", "does", "doesn't", "doing", "don't", "down", "during", "each", "few",
        "for", "from", "further", "had", "hadn't", "has", "hasn't", "have", "haven't",
        "having", "he", "he'd", "he'll", "he's", "her", "here", "here's", "hers", "herself",
        "him", "himself", "his", "how", "how's", "i", "i'd", "i'll", "i'm", "i've", "if", "in",
        "into", "is", "isn't", "it", "it's", "its", "itself", "let's", "me", "more", "most",
        "mustn't", "my", "myself", "no", "nor", "not", "of", "off", "on", "once", "only", "or",
        "other", "ought", "our", "ours", "ourselves", "out", "over", "own", "same", "shan't",
        "she", "she'd", "she'll", "she's", "should", "shouldn't", "so", "some", "such", "than",
        "that", "that's", "the", "their", "theirs", "them", "themselves", "then", "there",
        "there's", "these", "they", "they'd", "they'll", "they're", "they've", "this", "those",
        "through", "to", "too", "under", "until", "up", "very", "was", "wasn't", "we", "we'd",
        "we'll", "we're", "we've", "were", "weren't", "what", "what's", "when", "when's",
        "where", "where's", "which", "while", "who", "who's", "whom", "why", "why's", "with",
        "won't", "would", "wouldn't", "you", "you'd", "you'll", "you're", "you've", "your",
        "yours", "yourself", "yourselves"};
    return words.count(term) > 0;
  }

  bool common_word(const std::string& text) const {
    std::vector<analysis::Token> main, alts;
    analyze(text, main, alts);
    return main.size() == 1 && common(main[0].term);
  }

  // An optional word: a hyphenated one by any of its parts that is not a
  // common word, or by its joined spellings.
  Bits optional_word(const std::string& text) const {
    std::vector<analysis::Token> main, alts;
    analyze(text, main, alts);
    if (main.size() < 2) return word(Field::any, text);
    Bits out = none();
    for (const auto& t : main)
      if (!common(t.term)) out |= stem(Field::any, t);
    for (const auto& t : alts) out |= stem(Field::any, t);
    return out;
  }

  Bits phrase(Field field, const std::string& text) const {
    std::vector<analysis::Token> main, alts;
    analyze(text, main, alts);
    if (main.empty()) return none();
    return phrase_of(field, main);
  }

  // Words starting with `text` as written; the expansion in each field, to
  // keep generated prefixes under the documented cap.
  std::size_t expansion(Field field, const std::string& start) const {
    std::size_t most = 0;
    for (const auto* m : places(field, true)) {
      const auto& words = vocab_.at(m);
      auto it = std::lower_bound(words.begin(), words.end(), start);
      std::size_t n = 0;
      while (it != words.end() && it->compare(0, start.size(), start) == 0) ++it, ++n;
      most = std::max(most, n);
    }
    return most;
  }

  Bits prefix(Field field, const std::string& start) const {
    Bits out = none();
    for (const auto* m : places(field, true)) {
      const auto& words = vocab_.at(m);
      for (auto it = std::lower_bound(words.begin(), words.end(), start);
           it != words.end() && it->compare(0, start.size(), start) == 0; ++it)
        add(out, *m, *it);
    }
    return out;
  }

  // author:"Name": the phrase within one author, or the same person by
  // name keys (full name; or surname + initial for authors known only by
  // initials; initials find every given name with that initial; a lone
  // word is a surname).
  Bits author_name(const std::string& text) const {
    Bits out = phrase(Field::author, text);
    NameKeys q = keys_of(analyzer_, text);
    if (q.surname.empty()) return out;
    const bool surname_only = q.full.empty() && q.initial.empty();
    for (std::size_t i = 0; i < n_; ++i) {
      for (const NameKeys& a : papers_[i].names) {
        bool hit = false;
        if (surname_only) {
          hit = a.surname == q.surname || (!a.surname_alt.empty() && a.surname_alt == q.surname) ||
                (!q.surname_alt.empty() &&
                 (a.surname == q.surname_alt || a.surname_alt == q.surname_alt));
        } else {
          for (int qv = 0; qv < 2 && !hit; ++qv) {
            const std::string& qfull = qv ? q.full_alt : q.full;
            const std::string& qinit = qv ? q.initial_alt : q.initial;
            if (qinit.empty()) continue;
            for (int av = 0; av < 2 && !hit; ++av) {
              const std::string& afull = av ? a.full_alt : a.full;
              const std::string& ainit = av ? a.initial_alt : a.initial;
              if (ainit.empty()) continue;
              if (qfull.empty()) {
                hit = ainit == qinit;
              } else {
                hit = (!afull.empty() && afull == qfull) || (afull.empty() && ainit == qinit);
              }
            }
          }
        }
        if (hit) {
          out.set(i);
          break;
        }
      }
    }
    return out;
  }

  Bits category(const std::string& value) const {
    const std::string key = lower(trim(value));
    const bool group = key.find('.') == std::string::npos;
    Bits out = none();
    for (std::size_t i = 0; i < n_; ++i)
      if (papers_[i].categories.count(key) || (group && papers_[i].groups.count(key))) out.set(i);
    return out;
  }

  Bits venue(const std::string& value) const {
    const std::string key = analyzer_.normalize_key(value);
    Bits out = none();
    for (std::size_t i = 0; i < n_; ++i)
      if (!key.empty() && papers_[i].venue_key == key) out.set(i);
    return out;
  }

  // As typed, without an arXiv version, lower-cased.
  Bits id(const std::string& typed) const {
    std::set<std::string> forms{typed, lower(typed)};
    const std::size_t v = typed.rfind('v');
    if (v != std::string::npos && v + 1 < typed.size() &&
        std::all_of(typed.begin() + v + 1, typed.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      forms.insert(typed.substr(0, v));
      forms.insert(lower(typed.substr(0, v)));
    }
    Bits out = none();
    for (std::size_t i = 0; i < n_; ++i)
      if (forms.count(papers_[i].id)) out.set(i);
    return out;
  }

  // low / high inclusive in YYYYMMDD; "" is open. Papers without a date
  // are in no range.
  Bits range(const std::string& low, const std::string& high) const {
    Bits out = none();
    for (std::size_t i = 0; i < n_; ++i) {
      const std::string& d = papers_[i].date;
      if (d.empty()) continue;
      if ((low.empty() || d >= low) && (high.empty() || d <= high)) out.set(i);
    }
    return out;
  }

 private:
  using Postings = std::unordered_map<std::string, std::vector<std::uint32_t>>;

  static void post(Postings& m, const std::string& term, std::size_t i) {
    auto& list = m[term];
    if (list.empty() || list.back() != i) list.push_back(static_cast<std::uint32_t>(i));
  }

  void add(Bits& out, const Postings& m, const std::string& term) const {
    auto it = m.find(term);
    if (it == m.end()) return;
    for (std::uint32_t i : it->second) out.set(i);
  }

  void text(const std::string& s, std::size_t i, Postings& stems, Postings& terms, Sequence* seq,
            std::vector<analysis::Token>& tokens) {
    tokens.clear();
    analyzer_.analyze(s, tokens);
    std::map<std::uint32_t, std::string> by_position;
    for (const auto& t : tokens) {
      post(terms, t.term, i);
      if (&stems != &terms) post(stems, t.stem, i);
      if (!t.alternative) by_position[t.position] = t.term;
    }
    // Positions of the main words are consecutive; a gap would be a bug in
    // this reference's reading of the analyzer.
    std::uint32_t expected = by_position.empty() ? 0 : by_position.begin()->first;
    for (const auto& [pos, term] : by_position) {
      EXPECT_EQ(pos, expected++);
      seq->push_back(term);
    }
  }

  void analyze(const std::string& text, std::vector<analysis::Token>& main,
               std::vector<analysis::Token>& alts) const {
    std::vector<analysis::Token> tokens;
    analyzer_.analyze(text, tokens);
    for (auto& t : tokens) (t.alternative ? alts : main).push_back(std::move(t));
  }

  // Positional places for phrases and prefixes, or stem places for words.
  std::vector<const Postings*> places(Field field, bool written) const {
    const Postings* title = written ? &title_terms_ : &title_stems_;
    const Postings* abstract = written ? &abstract_terms_ : &abstract_stems_;
    switch (field) {
      case Field::title: return {title};
      case Field::abstract: return {abstract};
      case Field::author: return {&author_terms_};
      default: return {title, abstract, &author_terms_};
    }
  }

  Bits stem(Field field, const analysis::Token& t) const {
    Bits out = none();
    if (field == Field::any || field == Field::title) add(out, title_stems_, t.stem);
    if (field == Field::any || field == Field::abstract) add(out, abstract_stems_, t.stem);
    if (field == Field::any || field == Field::author) add(out, author_terms_, t.term);
    return out;
  }

  static bool contains(const Sequence& seq, const std::vector<analysis::Token>& words) {
    if (words.size() > seq.size()) return false;
    for (std::size_t s = 0; s + words.size() <= seq.size(); ++s) {
      std::size_t k = 0;
      while (k < words.size() && seq[s + k] == words[k].term) ++k;
      if (k == words.size()) return true;
    }
    return false;
  }

  Bits phrase_of(Field field, const std::vector<analysis::Token>& words) const {
    Bits out = none();
    if (words.size() == 1) {
      for (const auto* m : places(field, true)) add(out, *m, words[0].term);
      return out;
    }
    for (std::size_t i = 0; i < n_; ++i) {
      const RefPaper& p = papers_[i];
      bool hit = ((field == Field::any || field == Field::title) && contains(p.title, words)) ||
                 ((field == Field::any || field == Field::abstract) && contains(p.abstract, words));
      if (!hit && (field == Field::any || field == Field::author))
        for (const Sequence& a : p.authors) hit = hit || contains(a, words);
      if (hit) out.set(i);
    }
    return out;
  }

  const analysis::Analyzer& analyzer_;
  std::size_t n_;
  std::vector<RefPaper> papers_;
  Postings title_stems_, abstract_stems_, title_terms_, abstract_terms_, author_terms_;
  std::map<const Postings*, std::vector<std::string>> vocab_;
};

// --------------------------------------------------------------------------
// Generated queries: a tree that prints itself as query text and evaluates
// itself by the documented rules

struct Gen {
  enum Kind { leaf, seq, all, any, negate, field_group } kind = leaf;
  // Leaves: the query text and the set of papers it matches; `filter` for
  // metadata clauses (cat:, venue:, id:, year:).
  std::string text;
  Bits matches;
  bool filter = false;
  std::string word;  // a word typed without a field: the word
  std::vector<Gen> kids;
  std::vector<char> mods;  // seq: ' ', '+', '-' or 'N' (NOT) before each kid
  Field field = Field::any;  // field_group
  std::function<Bits(Field)> in_field;  // text leaves that a field group may restrict
};

enum class Ctx { top, seq_item, or_operand, and_operand, unary_operand };

std::string render(const Gen& g, Ctx ctx) {
  auto paren = [](const std::string& s) { return "(" + s + ")"; };
  switch (g.kind) {
    case Gen::leaf: return g.text;
    case Gen::field_group: {
      const char* name = g.field == Field::title ? "title:" : g.field == Field::abstract ? "abstract:" : "author:";
      return name + paren(render(g.kids[0], Ctx::top));
    }
    case Gen::negate:
      return (g.mods.empty() || g.mods[0] == 'N' ? "NOT " : "-") + render(g.kids[0], Ctx::unary_operand);
    case Gen::seq: {
      std::string out;
      for (std::size_t i = 0; i < g.kids.size(); ++i) {
        if (i) out += ' ';
        const char m = g.mods[i];
        if (m == ' ') {
          out += render(g.kids[i], Ctx::seq_item);
        } else {
          out += (m == 'N' ? std::string("NOT ") : std::string(1, m)) +
                 render(g.kids[i], Ctx::unary_operand);
        }
      }
      return ctx == Ctx::top ? out : paren(out);
    }
    case Gen::all:
    case Gen::any: {
      const bool is_or = g.kind == Gen::any;
      std::string out;
      for (std::size_t i = 0; i < g.kids.size(); ++i) {
        if (i) out += is_or ? " OR " : " AND ";
        out += render(g.kids[i], is_or ? Ctx::or_operand : Ctx::and_operand);
      }
      const bool bare = ctx == Ctx::top || ctx == Ctx::seq_item || (!is_or && ctx == Ctx::or_operand);
      return bare ? out : paren(out);
    }
  }
  return {};
}

bool is_filter(const Gen& g) {
  switch (g.kind) {
    case Gen::leaf: return g.filter;
    case Gen::all:
    case Gen::any:
      return std::all_of(g.kids.begin(), g.kids.end(), is_filter);
    case Gen::seq:
      for (std::size_t i = 0; i < g.kids.size(); ++i)
        if (g.mods[i] == '-' || g.mods[i] == 'N' || !is_filter(g.kids[i])) return false;
      return true;
    default: return false;
  }
}

// Side by side: with `all` every clause; with `any` the '+' clauses and
// filters, and one of the others. Exclusions always.
Bits eval(const Gen& g, DefaultOperator op, Field field, const Reference& ref) {
  switch (g.kind) {
    case Gen::leaf: return g.in_field && field != Field::any ? g.in_field(field) : g.matches;
    case Gen::field_group: return eval(g.kids[0], op, g.field, ref);
    case Gen::negate: return ref.all().minus(eval(g.kids[0], op, field, ref));
    case Gen::any: {
      Bits out = ref.none();
      for (const Gen& k : g.kids) out |= eval(k, op, field, ref);
      return out;
    }
    case Gen::all: {
      Bits out = ref.all();
      for (const Gen& k : g.kids) out &= eval(k, op, field, ref);
      return out;
    }
    case Gen::seq: {
      // With `any`, two or more optional clauses are optional words: a
      // common word among other clauses is left out, and a hyphenated word
      // matches by its parts.
      auto is_optional = [&](std::size_t i) {
        const char m = g.mods[i];
        return m != '-' && m != 'N' && m != '+' && !is_filter(g.kids[i]);
      };
      std::size_t optionals = 0;
      for (std::size_t i = 0; i < g.kids.size(); ++i) optionals += is_optional(i);
      const bool optional_words =
          op == DefaultOperator::any && optionals >= 2 && field == Field::any;
      auto plain_word = [&](std::size_t i) {
        return optional_words && is_optional(i) && g.kids[i].kind == Gen::leaf &&
               !g.kids[i].word.empty();
      };
      std::vector<bool> left_out(g.kids.size(), false);
      bool telling = false;
      for (std::size_t i = 0; i < g.kids.size(); ++i) {
        if (!is_optional(i)) continue;
        left_out[i] = plain_word(i) && ref.common_word(g.kids[i].word);
        telling = telling || !left_out[i];
      }
      if (!telling) left_out.assign(g.kids.size(), false);

      Bits required = ref.all(), optional = ref.none(), excluded = ref.none();
      bool any_optional = false;
      for (std::size_t i = 0; i < g.kids.size(); ++i) {
        if (left_out[i]) continue;
        Bits b = plain_word(i) ? ref.optional_word(g.kids[i].word) : eval(g.kids[i], op, field, ref);
        const char m = g.mods[i];
        if (m == '-' || m == 'N') {
          excluded |= b;
        } else if (op == DefaultOperator::all || m == '+' || is_filter(g.kids[i])) {
          required &= b;
        } else {
          optional |= b;
          any_optional = true;
        }
      }
      if (any_optional) required &= optional;
      return required.minus(excluded);
    }
  }
  return ref.none();
}

class Generator {
 public:
  Generator(const std::vector<quire::Paper>& papers, const Reference& ref,
            const analysis::Analyzer& analyzer)
      : papers_(papers), ref_(ref), analyzer_(analyzer), rng_(kSeed) {
    std::vector<analysis::Token> tokens;
    auto spans = [&](const std::string& text) {
      tokens.clear();
      analyzer.analyze(text, tokens);
      std::vector<Span> out;
      for (const auto& t : tokens)
        if (!t.alternative) out.push_back({t.begin, t.end});
      return out;
    };
    for (const quire::Paper& p : papers) {
      Words w;
      w.title = spans(p.title);
      w.abstract = spans(p.abstract);
      for (const std::string& a : p.authors) w.authors.push_back(spans(a));
      words_.push_back(std::move(w));
    }
  }

  Gen query() {
    leaves_ = 0;
    prefixes_ = 0;
    return node(0, true);
  }

 private:
  // Where the analyzer found the main words of each paper's fields.
  struct Span {
    std::uint32_t begin, end;
  };
  struct Words {
    std::vector<Span> title, abstract;
    std::vector<std::vector<Span>> authors;
  };

  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }

  Gen node(int depth, bool top) {
    const double r = std::uniform_real_distribution<double>(0, 1)(rng_);
    if (leaves_ >= 10 || depth >= 3 || (!top && r < 0.45) || (top && r < 0.08)) return leaf();
    if (r < 0.7) return seq(depth);
    if (r < 0.8) return chain(depth, Gen::any);
    if (r < 0.88) return chain(depth, Gen::all);
    if (r < 0.95 && depth < 2) return field_group(depth);
    Gen n;
    n.kind = Gen::negate;
    n.mods = {chance(0.5) ? 'N' : '-'};
    n.kids.push_back(operand(depth + 1));
    return n;
  }

  // An operand of AND / OR / NOT: never a bare NOT (double negation is
  // not generated) nor a one-clause sequence.
  Gen operand(int depth) {
    Gen g = node(depth, false);
    while (g.kind == Gen::negate) g = leaf();
    return g;
  }

  Gen seq(int depth) {
    Gen s;
    s.kind = Gen::seq;
    const std::size_t n = 2 + pick(3);
    for (std::size_t i = 0; i < n; ++i) {
      Gen k = operand(depth + 1);
      const double r = std::uniform_real_distribution<double>(0, 1)(rng_);
      s.mods.push_back(r < 0.1 ? '-' : r < 0.15 ? 'N' : r < 0.25 ? '+' : ' ');
      s.kids.push_back(std::move(k));
    }
    return s;
  }

  Gen chain(int depth, Gen::Kind kind) {
    Gen c;
    c.kind = kind;
    const std::size_t n = 2 + pick(2);
    for (std::size_t i = 0; i < n; ++i) {
      if (chance(0.12)) {
        Gen neg;
        neg.kind = Gen::negate;
        neg.mods = {chance(0.5) ? 'N' : '-'};
        neg.kids.push_back(leaf());
        c.kids.push_back(std::move(neg));
      } else {
        c.kids.push_back(operand(depth + 1));
      }
    }
    return c;
  }

  // title:( ... ) over text leaves only.
  Gen field_group(int depth) {
    Gen f;
    f.kind = Gen::field_group;
    const Field fields[] = {Field::title, Field::abstract, Field::author};
    f.field = fields[pick(3)];
    Gen inner;
    inner.kind = chance(0.6) ? Gen::seq : chance(0.5) ? Gen::any : Gen::all;
    const std::size_t n = 2 + pick(2);
    for (std::size_t i = 0; i < n; ++i) {
      inner.kids.push_back(text_leaf(f.field));
      if (inner.kind == Gen::seq) inner.mods.push_back(chance(0.15) ? '-' : ' ');
    }
    f.kids.push_back(std::move(inner));
    (void)depth;
    return f;
  }

  Gen leaf() {
    ++leaves_;
    const double r = std::uniform_real_distribution<double>(0, 1)(rng_);
    if (r < 0.55) return text_leaf(Field::any);
    if (r < 0.68) {
      const Field fields[] = {Field::title, Field::abstract, Field::author};
      Gen g = text_leaf(fields[pick(3)], true);
      return g;
    }
    if (r < 0.74) return author_name();
    if (r < 0.82) return category();
    if (r < 0.86) return venue();
    if (r < 0.89) return id_field();
    if (r < 0.96) return range();
    return lookup();
  }

  // A word, phrase or prefix; `fielded` prints its own field prefix.
  Gen text_leaf(Field field, bool fielded = false) {
    const char* name = field == Field::title      ? "title:"
                       : field == Field::abstract ? "abstract:"
                       : field == Field::author   ? "author:"
                                                  : "";
    Gen g;
    const double r = std::uniform_real_distribution<double>(0, 1)(rng_);
    if (r < 0.7) {
      const std::string w = field == Field::author ? author_word() : word();
      g.text = (fielded ? name : "") + w;
      g.in_field = [this, w](Field f) { return ref_.word(f, w); };
      if (!fielded) g.word = w;
    } else if (r < 0.88) {
      const std::string p = phrase();
      g.text = (fielded ? name : "") + ("\"" + p + "\"");
      // In an author's name a phrase is also the name in other spellings.
      g.in_field = [this, p](Field f) {
        return f == Field::author ? ref_.author_name(p) : ref_.phrase(f, p);
      };
    } else if (prefixes_ < quire::query::limits::kMaxPrefixes) {
      ++prefixes_;
      const std::string p = prefix(field);
      g.text = (fielded ? name : "") + p + "*";
      g.in_field = [this, p](Field f) { return ref_.prefix(f, p); };
    } else {
      return text_leaf(field, fielded);
    }
    g.matches = g.in_field(field);
    if (fielded) g.in_field = nullptr;  // its own field wins over a group's
    return g;
  }

  static bool usable(const std::string& w) {
    if (w.empty() || w[0] == '-' || w[0] == '+' || w.back() == '*') return false;
    // Unicode spaces and C1 controls separate words in a query.
    for (std::size_t i = 0; i + 1 < w.size(); ++i) {
      const auto c = static_cast<unsigned char>(w[i]), d = static_cast<unsigned char>(w[i + 1]);
      const auto e = i + 2 < w.size() ? static_cast<unsigned char>(w[i + 2]) : 0;
      if ((c == 0xc2 && (d == 0xa0 || d <= 0x9f)) || (c == 0xe3 && d == 0x80 && e == 0x80) ||
          (c == 0xe2 && d == 0x81 && e == 0x9f) ||
          (c == 0xe2 && d == 0x80 && ((e >= 0x80 && e <= 0x8b) || e == 0xaf)))
        return false;
    }
    for (unsigned char c : w)
      if (c <= ' ' || c == 0x7f || std::string_view("\"()*:\\{}$").find(static_cast<char>(c)) != std::string_view::npos)
        return false;
    if (w.find("\xe2\x80\x9c") != std::string::npos || w.find("\xe2\x80\x9d") != std::string::npos ||
        w.find("\xe2\x80\x9e") != std::string::npos)
      return false;
    const std::string l = Reference::lower(w);
    if (l == "and" || l == "or" || l == "not") return false;
    std::vector<analysis::detail::IdentifierSpan> ids;
    analysis::detail::find_identifiers(w, ids);
    return ids.empty();
  }

  bool analysable(const std::string& w) const {
    std::vector<analysis::Token> tokens;
    analyzer_.analyze(w, tokens);
    return std::any_of(tokens.begin(), tokens.end(), [](const auto& t) { return !t.alternative; });
  }

  std::string vary_case(std::string w) {
    const double r = std::uniform_real_distribution<double>(0, 1)(rng_);
    if (r < 0.15)
      for (char& c : w)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (r > 0.85 && !w.empty() && w[0] >= 'a' && w[0] <= 'z') w[0] = static_cast<char>(w[0] - 'a' + 'A');
    return w;
  }

  // A word from a paper's title (mostly) or abstract: a word as the
  // analyzer saw it, or the whole space-separated word around it.
  std::string word() {
    for (;;) {
      const std::size_t i = pick(papers_.size());
      const bool title = chance(0.7) || words_[i].abstract.empty();
      const std::string& text = title ? papers_[i].title : papers_[i].abstract;
      const std::vector<Span>& spans = title ? words_[i].title : words_[i].abstract;
      if (spans.empty()) continue;
      const Span& t = spans[pick(spans.size())];
      std::string w = text.substr(t.begin, t.end - t.begin);
      if (chance(0.15)) {
        std::size_t b = t.begin, e = t.end;
        while (b > 0 && text[b - 1] != ' ') --b;
        while (e < text.size() && text[e] != ' ') ++e;
        w = text.substr(b, e - b);
      }
      if (chance(0.03)) w = "zzqx" + w;  // a word no paper has
      w = vary_case(w);
      if (usable(w) && analysable(w)) return w;
    }
  }

  std::string author_word() {
    for (;;) {
      const std::size_t i = pick(papers_.size());
      if (papers_[i].authors.empty()) continue;
      const std::size_t a = pick(papers_[i].authors.size());
      const std::vector<Span>& spans = words_[i].authors[a];
      if (spans.empty()) continue;
      const Span& t = spans[pick(spans.size())];
      std::string w = vary_case(papers_[i].authors[a].substr(t.begin, t.end - t.begin));
      if (usable(w) && analysable(w)) return w;
    }
  }

  // Two or three consecutive words of a title or abstract, or two random
  // words (which rarely match).
  std::string phrase() {
    if (chance(0.15)) return word() + " " + word();
    for (;;) {
      const std::size_t i = pick(papers_.size());
      const bool title = chance(0.6) || words_[i].abstract.empty();
      const std::string& text = title ? papers_[i].title : papers_[i].abstract;
      const std::vector<Span>& spans = title ? words_[i].title : words_[i].abstract;
      const std::size_t len = 2 + pick(2);
      if (spans.size() < len) continue;
      const std::size_t s = pick(spans.size() - len + 1);
      std::string span = text.substr(spans[s].begin, spans[s + len - 1].end - spans[s].begin);
      bool ok = span.find('"') == std::string::npos && span.find("\xe2\x80\x9c") == std::string::npos &&
                span.find("\xe2\x80\x9d") == std::string::npos &&
                span.find("\xe2\x80\x9e") == std::string::npos;
      for (unsigned char c : span) ok = ok && c >= ' ' && c != 0x7f;
      if (ok) return vary_case(span);
    }
  }

  // The start of a plain ASCII word, at least three letters, expanding to
  // no more words than the documented cap in any field.
  std::string prefix(Field field) {
    for (;;) {
      std::string w = Reference::lower(field == Field::author ? author_word() : word());
      if (!std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; })) continue;
      if (w.size() < 4) continue;
      w = w.substr(0, 3 + pick(w.size() - 3));
      if (ref_.expansion(field, w) <= quire::query::limits::kMaxPrefixExpansion) return w;
    }
  }

  Gen author_name() {
    Gen g;
    for (;;) {
      const quire::Paper& p = papers_[pick(papers_.size())];
      if (p.authors.empty()) continue;
      std::string name = p.authors[pick(p.authors.size())];
      const std::size_t space = name.rfind(' ');
      const double r = std::uniform_real_distribution<double>(0, 1)(rng_);
      if (space != std::string::npos && space > 0 && r < 0.25) {
        name = std::string(1, name[0]) + ". " + name.substr(space + 1);  // "J. Kempe"
      } else if (space != std::string::npos && r < 0.45) {
        name = name.substr(space + 1) + ", " + name.substr(0, space);  // "Kempe, Julia"
      } else if (space != std::string::npos && r < 0.55) {
        name = name.substr(space + 1);  // "Kempe"
      }
      if (name.find('"') != std::string::npos || name.find('\xe2') != std::string::npos) continue;
      g.text = "author:\"" + name + "\"";
      g.matches = ref_.author_name(name);
      return g;
    }
  }

  Gen category() {
    Gen g;
    g.filter = true;
    for (;;) {
      const quire::Paper& p = papers_[pick(papers_.size())];
      if (p.categories.empty()) continue;
      std::string c = p.categories[pick(p.categories.size())];
      if (!usable(c) || c.find(' ') != std::string::npos) continue;
      if (chance(0.3) && c.find('.') != std::string::npos) c = c.substr(0, c.find('.'));
      if (chance(0.3)) c = Reference::lower(c);
      g.text = (chance(0.5) ? "cat:" : "category:") + c;
      g.matches = ref_.category(c);
      return g;
    }
  }

  Gen venue() {
    Gen g;
    g.filter = true;
    for (int tries = 0;; ++tries) {
      const quire::Paper& p = papers_[pick(papers_.size())];
      if (p.venue.empty() || p.venue.find('"') != std::string::npos) {
        if (tries > 1000) return category();
        continue;
      }
      const std::string v = chance(0.3) ? Reference::lower(p.venue) : p.venue;
      g.text = "venue:\"" + v + "\"";
      g.matches = ref_.venue(v);
      return g;
    }
  }

  static bool new_style_arxiv(const std::string& id) {
    return id.size() >= 9 && id[4] == '.' &&
           std::all_of(id.begin(), id.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
  }

  Gen id_field() {
    Gen g;
    g.filter = true;
    for (;;) {
      std::string id = papers_[pick(papers_.size())].id;
      if (!usable(id) && !std::all_of(id.begin(), id.end(), [](char c) { return c > ' ' && c != '"' && c != '(' && c != ')' && c != '*'; }))
        continue;
      if (id[0] == '-' || id[0] == '+') continue;
      if (new_style_arxiv(id) && chance(0.3)) id += "v2";
      g.text = "id:" + id;
      g.matches = ref_.id(id);
      return g;
    }
  }

  Gen lookup() {
    for (int tries = 0; tries < 200; ++tries) {
      const std::string id = papers_[pick(papers_.size())].id;
      if (!new_style_arxiv(id)) continue;
      const std::string typed = chance(0.3) ? id + "v2" : id;
      Gen g;
      g.text = chance(0.3) ? "arXiv:" + typed : typed;
      g.matches = ref_.id(typed);
      g.matches |= ref_.word(Field::any, typed);
      return g;
    }
    return text_leaf(Field::any);
  }

  std::string year() { return std::to_string(1990 + pick(37)); }
  std::string month() {
    const unsigned m = 1 + static_cast<unsigned>(pick(12));
    return year() + (m < 10 ? "-0" : "-") + std::to_string(m);
  }
  std::string day() {
    const unsigned d = 1 + static_cast<unsigned>(pick(28));
    return month() + (d < 10 ? "-0" : "-") + std::to_string(d);
  }

  // A date or range, with the bounds the documentation gives it.
  Gen range() {
    Gen g;
    g.filter = true;
    const std::size_t form = pick(12);
    auto date = [&] {
      const std::size_t k = pick(3);
      return k == 0 ? year() : k == 1 ? month() : day();
    };
    auto lo = [](const std::string& d) { return Reference::pad(d, "00"); };
    auto hi = [](const std::string& d) { return Reference::pad(d, "99"); };
    std::string a = form < 6 ? year() : date(), b = form < 6 ? year() : date();
    const char* name = chance(0.5) ? "year:" : "date:";
    switch (form % 6) {
      case 0:
        g.text = name + a;
        g.matches = ref_.range(lo(a), hi(a));
        break;
      case 1: {
        g.text = name + a + ".." + b;
        std::string low = lo(a), high = hi(b);
        if (low > high) low = lo(b), high = hi(a);  // read low to high
        g.matches = ref_.range(low, high);
        break;
      }
      case 2:
        g.text = name + (chance(0.5) ? a + ".." : ">=" + a);
        g.matches = ref_.range(lo(a), "");
        break;
      case 3:
        g.text = name + (chance(0.5) ? ".." + b : "<=" + b);
        g.matches = ref_.range("", hi(b));
        break;
      case 4: {
        // After the whole of `a`.
        g.text = name + (">" + a);
        g.matches = ref_.range("", "").minus(ref_.range("", hi(a)));
        break;
      }
      default: {
        g.text = name + ("<" + b);
        g.matches = ref_.range("", "").minus(ref_.range(lo(b), ""));
        break;
      }
    }
    return g;
  }

  const std::vector<quire::Paper>& papers_;
  const Reference& ref_;
  const analysis::Analyzer& analyzer_;
  std::vector<Words> words_;
  std::mt19937 rng_;
  int leaves_ = 0;
  std::size_t prefixes_ = 0;
};

std::vector<quire::Paper> sample_corpus() {
  std::vector<quire::Paper> out;
  const std::string corpus = quire::testing::shared_corpus();
  if (corpus.empty()) return out;
  quire::PaperReader reader = quire::PaperReader::open(corpus);
  quire::Paper paper;
  for (std::size_t n = 0; out.size() < kMaxPapers && reader.next(paper); ++n)
    if (n % kPaperStride == 0) out.push_back(paper);
  return out;
}

// A whole query: with `any`, a query that is one word is an optional word.
Bits eval_query(const Gen& g, DefaultOperator op, const Reference& ref) {
  const Gen* top = &g;
  while (top->kind == Gen::seq && top->kids.size() == 1 && top->mods[0] == ' ') top = &top->kids[0];
  if (op == DefaultOperator::any && top->kind == Gen::leaf && !top->word.empty())
    return ref.optional_word(top->word);
  return eval(g, op, Field::any, ref);
}

TEST(Differential, QuireFindsWhatTheDocumentedSemanticsSay) {
  QUIRE_REQUIRE_SHARED_CORPUS();
  const std::vector<quire::Paper> papers = sample_corpus();
  ASSERT_GE(papers.size(), 1000u);

  quire::testing::TempDir dir;
  quire::Index index = quire::Index::open(dir.path());
  for (const auto& p : papers) index.add(p);
  index.commit();

  const analysis::Analyzer analyzer;
  const Reference ref(papers, analyzer);
  Generator gen(papers, ref, analyzer);

  // Every matching paper's id through Index::search would read every
  // matching document; the match set itself comes from the same parse,
  // relax and build that Index::search runs, and Index::search gives the
  // total and whether it relaxed.
  Xapian::Database db(dir.path());
  std::unordered_map<Xapian::docid, std::size_t> paper_of;
  for (std::size_t i = 0; i < papers.size(); ++i) {
    auto it = db.postlist_begin(quire::schema::id_term(papers[i].id));
    ASSERT_NE(it, db.postlist_end(quire::schema::id_term(papers[i].id))) << papers[i].id;
    paper_of[*it] = i;
  }
  auto match = [&](const quire::query::Node& root, bool any) {
    quire::query::BuildContext context{&db};
    context.any = any;
    Xapian::Enquire enquire(db);
    enquire.set_query(quire::query::build(root, analyzer, context));
    Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    std::set<std::string> out;
    for (auto it = mset.begin(); it != mset.end(); ++it) out.insert(papers[paper_of.at(*it)].id);
    return out;
  };

  int mismatches = 0, nonempty = 0, relaxed = 0;
  for (int q = 0; q < kQueries; ++q) {
    const Gen g = gen.query();
    const DefaultOperator op = q % 4 == 3 ? DefaultOperator::any : DefaultOperator::all;
    const std::string text = render(g, Ctx::top);

    Bits expected = eval_query(g, op, ref);
    bool expect_relaxed = false;
    if (op == DefaultOperator::all && expected.none()) {
      Bits loose = eval_query(g, DefaultOperator::any, ref);
      if (!loose.none()) {
        expected = loose;
        expect_relaxed = true;
      }
    }
    std::set<std::string> want;
    for (std::size_t i = 0; i < ref.size(); ++i)
      if (expected.get(i)) want.insert(ref.paper(i).id);

    quire::SearchRequest request;
    request.query = text;
    request.default_operator = op;
    request.limit = 1;
    request.snippets = false;
    request.explain = true;
    const quire::SearchResults results = index.search(request);

    const quire::query::ParsedQuery parsed = quire::query::parse(text, op);
    std::set<std::string> got = match(parsed.root, op == DefaultOperator::any);
    bool got_relaxed = false;
    if (got.empty() && parsed.relaxable) {
      got = match(quire::query::relax(parsed.root), true);
      got_relaxed = !got.empty();
    }

    nonempty += !want.empty();
    relaxed += expect_relaxed;
    if (got != want || got_relaxed != expect_relaxed || results.relaxed != expect_relaxed ||
        results.total != want.size()) {
      if (++mismatches <= 10) {
        std::vector<std::string> missing, extra;
        std::set_difference(want.begin(), want.end(), got.begin(), got.end(), std::back_inserter(missing));
        std::set_difference(got.begin(), got.end(), want.begin(), want.end(), std::back_inserter(extra));
        ADD_FAILURE() << "query #" << q << (op == DefaultOperator::any ? " (any)" : "") << ": " << text
                      << "\n  read as " << results.explanation << "\n  expected " << want.size()
                      << (expect_relaxed ? " (relaxed)" : "") << ", got " << got.size()
                      << (got_relaxed ? " (relaxed)" : "") << ", Index::search total "
                      << results.total << (results.relaxed ? " (relaxed)" : "")
                      << "\n  missing e.g. "
                      << (missing.empty() ? "-" : missing[0]) << ", extra e.g. "
                      << (extra.empty() ? "-" : extra[0]);
      }
    }
  }
  EXPECT_EQ(mismatches, 0) << "of " << kQueries << " queries over " << papers.size() << " papers";
  // The generator must exercise matches, not just empty results.
  EXPECT_GT(nonempty, kQueries / 3);
  EXPECT_GT(relaxed, 0);
  std::cout << "[ differential ] " << kQueries << " queries x " << papers.size() << " papers: "
            << nonempty << " with matches, " << relaxed << " relaxed, " << mismatches
            << " mismatches\n";
}

}  // namespace
