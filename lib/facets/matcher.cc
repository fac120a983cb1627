#include "facets/matcher.h"

#include <optional>
#include <string>
#include <string_view>

namespace quire::facets {

void DocSet::insert_all(Xapian::docid last) {
  std::size_t full = (static_cast<std::size_t>(last) + 1) / 64;
  for (std::size_t w = 0; w < full && w < words_.size(); ++w) words_[w] = ~std::uint64_t{0};
  for (Xapian::docid did = static_cast<Xapian::docid>(full * 64); did <= last; ++did) insert(did);
  words_[0] &= ~std::uint64_t{1};  // docid 0 does not exist
}

void DocSet::intersect(const DocSet& other) {
  std::size_t n = std::min(words_.size(), other.words_.size());
  for (std::size_t w = 0; w < n; ++w) words_[w] &= other.words_[w];
  for (std::size_t w = n; w < words_.size(); ++w) words_[w] = 0;
}

void DocSet::unite(const DocSet& other) {
  if (other.words_.size() > words_.size()) words_.resize(other.words_.size(), 0);
  for (std::size_t w = 0; w < other.words_.size(); ++w) words_[w] |= other.words_[w];
}

void DocSet::subtract(const DocSet& other) {
  std::size_t n = std::min(words_.size(), other.words_.size());
  for (std::size_t w = 0; w < n; ++w) words_[w] &= ~other.words_[w];
}

void DocSet::symmetric_difference(const DocSet& other) {
  if (other.words_.size() > words_.size()) words_.resize(other.words_.size(), 0);
  for (std::size_t w = 0; w < other.words_.size(); ++w) words_[w] ^= other.words_[w];
}

bool DocSet::empty() const {
  for (std::uint64_t word : words_)
    if (word) return false;
  return true;
}

std::uint64_t DocSet::size() const {
  std::uint64_t n = 0;
  for (std::uint64_t word : words_) n += static_cast<std::uint64_t>(__builtin_popcountll(word));
  return n;
}

namespace {

using Q = Xapian::Query;

// The slot and bounds of a value range. Xapian 1.4 has no accessors for
// them, but its description spells them out ("VALUE_RANGE 3 2020 2024");
// bounds that the description would escape or that contain a space are
// not trusted, and such a range is left to Xapian.
struct ValueBounds {
  Xapian::valueno slot = 0;
  std::string low, high;  // empty: unbounded on that side
};

bool plain_bound(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u <= ' ' || u >= 0x7f || c == '\\' || c == '(' || c == ')') return false;
  }
  return true;
}

std::optional<ValueBounds> value_bounds(const Q& query) {
  std::string d = query.get_description();
  std::string_view text(d);
  constexpr std::string_view open = "Query(";
  if (text.substr(0, open.size()) != open || text.empty() || text.back() != ')')
    return std::nullopt;
  text = text.substr(open.size(), text.size() - open.size() - 1);
  std::vector<std::string_view> words;
  while (!text.empty()) {
    std::size_t space = text.find(' ');
    words.push_back(text.substr(0, space));
    if (space == std::string_view::npos) break;
    text.remove_prefix(space + 1);
  }
  std::size_t bounds = query.get_type() == Q::OP_VALUE_RANGE ? 2 : 1;
  if (words.size() != 2 + bounds) return std::nullopt;
  const char* name = query.get_type() == Q::OP_VALUE_RANGE ? "VALUE_RANGE"
                     : query.get_type() == Q::OP_VALUE_GE  ? "VALUE_GE"
                                                           : "VALUE_LE";
  if (words[0] != name || words[1].empty() || words[1].size() > 9) return std::nullopt;
  ValueBounds out;
  for (char c : words[1]) {
    if (c < '0' || c > '9') return std::nullopt;
    out.slot = out.slot * 10 + static_cast<Xapian::valueno>(c - '0');
  }
  for (std::size_t i = 2; i < words.size(); ++i)
    if (!plain_bound(words[i])) return std::nullopt;
  switch (query.get_type()) {
    case Q::OP_VALUE_RANGE:
      out.low = words[2];
      out.high = words[3];
      break;
    case Q::OP_VALUE_GE: out.low = words[2]; break;
    default: out.high = words[2]; break;
  }
  return out;
}

bool is_fixed_weight_source(const Q& query) {
  // A FixedWeightPostingSource matches every document.
  constexpr std::string_view fixed = "Query(PostingSource(Xapian::FixedWeightPostingSource(";
  return query.get_description().compare(0, fixed.size(), fixed) == 0;
}

bool is_single_shard(const Xapian::Database& db) {
  try {
    db.get_revision();  // defined only for a single database
    return true;
  } catch (const Xapian::InvalidOperationError&) {
    return false;
  }
}

// Collects the docids of a Xapian match over a single database.
class Collector : public Xapian::MatchSpy {
 public:
  explicit Collector(DocSet& out) : out_(out) {}
  void operator()(const Xapian::Document& doc, double) override { out_.insert(doc.get_docid()); }

 private:
  DocSet& out_;
};

}  // namespace

Matcher::Matcher(Xapian::Database& db)
    : db_(db), last_(db.get_lastdocid()), single_shard_(is_single_shard(db)) {}

bool Matcher::native(const Q& query) {
  switch (query.get_type()) {
    case Q::LEAF_TERM:
    case Q::LEAF_MATCH_ALL:
    case Q::LEAF_MATCH_NOTHING: return true;
    case Q::LEAF_POSTING_SOURCE: return is_fixed_weight_source(query);
    case Q::OP_VALUE_RANGE:
    case Q::OP_VALUE_GE:
    case Q::OP_VALUE_LE: return value_bounds(query).has_value();
    case Q::OP_AND_MAYBE:
      // Only the first subquery decides what matches.
      return query.get_num_subqueries() > 0 && native(query.get_subquery(0));
    case Q::OP_AND:
    case Q::OP_OR:
    case Q::OP_AND_NOT:
    case Q::OP_XOR:
    case Q::OP_FILTER:
    case Q::OP_SYNONYM:
    case Q::OP_MAX:
    case Q::OP_SCALE_WEIGHT:
      for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
        if (!native(query.get_subquery(i))) return false;
      return true;
    default: return false;
  }
}

DocSet Matcher::match(const Q& query) {
  DocSet out(last_);
  evaluate(query, out);
  return out;
}

void Matcher::evaluate(const Q& query, DocSet& out) {
  const auto type = query.get_type();
  const std::size_t n = query.get_num_subqueries();
  switch (type) {
    case Q::LEAF_MATCH_NOTHING: return;
    case Q::LEAF_MATCH_ALL: add_all(out); return;
    case Q::LEAF_TERM: {
      Xapian::TermIterator term = query.get_terms_begin();
      if (term == query.get_terms_end() || (*term).empty())
        add_all(out);
      else
        add_postings(*term, out);
      return;
    }
    default: break;
  }
  if (!native(query)) {
    add_with_xapian(query, out);
    return;
  }
  switch (type) {
    case Q::LEAF_POSTING_SOURCE: add_all(out); return;
    case Q::OP_VALUE_RANGE:
    case Q::OP_VALUE_GE:
    case Q::OP_VALUE_LE: add_value_range(query, out); return;
    case Q::OP_OR:
    case Q::OP_SYNONYM:
    case Q::OP_MAX:
      for (std::size_t i = 0; i < n; ++i) {
        Q sub = query.get_subquery(i);
        if (sub.get_type() == Q::LEAF_TERM) {
          evaluate(sub, out);  // straight into the union
          continue;
        }
        DocSet part(last_);
        evaluate(sub, part);
        out.unite(part);
      }
      return;
    case Q::OP_AND:
    case Q::OP_FILTER: {
      // Value ranges last, reading the values of what the rest matches.
      std::vector<Q> ranges;
      bool first = true;
      for (std::size_t i = 0; i < n; ++i) {
        Q sub = query.get_subquery(i);
        if (is_value_range(sub)) {
          ranges.push_back(std::move(sub));
          continue;
        }
        if (first) {
          evaluate(sub, out);
          first = false;
          continue;
        }
        if (out.empty()) return;
        DocSet part(last_);
        evaluate(sub, part);
        out.intersect(part);
      }
      for (std::size_t i = 0; i < ranges.size(); ++i) {
        if (first && i == 0) {
          evaluate(ranges[i], out);
          continue;
        }
        restrict(out, ranges[i]);
      }
      return;
    }
    case Q::OP_AND_NOT: {
      if (n == 0) return;
      evaluate(query.get_subquery(0), out);
      for (std::size_t i = 1; i < n && !out.empty(); ++i) {
        DocSet part(last_);
        evaluate(query.get_subquery(i), part);
        out.subtract(part);
      }
      return;
    }
    case Q::OP_XOR: {
      // Documents that an odd number of the subqueries match.
      DocSet odd(last_);
      for (std::size_t i = 0; i < n; ++i) {
        DocSet part(last_);
        evaluate(query.get_subquery(i), part);
        odd.symmetric_difference(part);
      }
      out.unite(odd);
      return;
    }
    case Q::OP_AND_MAYBE:
    case Q::OP_SCALE_WEIGHT:
      if (n > 0) evaluate(query.get_subquery(0), out);
      return;
    default: add_with_xapian(query, out); return;
  }
}

bool Matcher::is_value_range(const Q& query) {
  auto type = query.get_type();
  return (type == Q::OP_VALUE_RANGE || type == Q::OP_VALUE_GE || type == Q::OP_VALUE_LE) &&
         value_bounds(query).has_value();
}

void Matcher::restrict(DocSet& set, const Q& query) {
  std::optional<ValueBounds> bounds;
  if (is_value_range(query)) bounds = value_bounds(query);
  if (!bounds) {
    set.intersect(match(query));
    return;
  }
  const bool has_low = !bounds->low.empty(), has_high = !bounds->high.empty();
  Xapian::ValueIterator it = db_.valuestream_begin(bounds->slot);
  const Xapian::ValueIterator end = db_.valuestream_end(bounds->slot);
  set.keep_if([&](Xapian::docid did) {
    if (it == end) return false;
    if (it.get_docid() < did) {
      it.skip_to(did);
      if (it == end) return false;
    }
    if (it.get_docid() != did) return false;
    const std::string& value = *it;
    return !(has_low && value < bounds->low) && !(has_high && value > bounds->high);
  });
}

void Matcher::add_postings(const std::string& term, DocSet& out) {
  for (Xapian::PostingIterator it = db_.postlist_begin(term), end = db_.postlist_end(term);
       it != end; ++it)
    out.insert(*it);
}

void Matcher::add_all(DocSet& out) {
  // With no docid ever left free (nothing deleted, shards of equal
  // length), every docid up to the last is a document.
  if (db_.get_doccount() == last_) {
    out.insert_all(last_);
    return;
  }
  add_postings(std::string(), out);
}

void Matcher::add_value_range(const Q& query, DocSet& out) {
  auto bounds = value_bounds(query);
  if (!bounds) {
    add_with_xapian(query, out);
    return;
  }
  const bool has_low = !bounds->low.empty(), has_high = !bounds->high.empty();
  for (Xapian::ValueIterator it = db_.valuestream_begin(bounds->slot),
                             end = db_.valuestream_end(bounds->slot);
       it != end; ++it) {
    const std::string& value = *it;
    if (has_low && value < bounds->low) continue;
    if (has_high && value > bounds->high) continue;
    out.insert(it.get_docid());
  }
}

void Matcher::add_with_xapian(const Q& query, DocSet& out) {
  Xapian::Enquire enquire(db_);
  enquire.set_weighting_scheme(UnrankedWeight());
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  enquire.set_query(query);
  if (single_shard_) {
    Collector collector(out);
    enquire.add_matchspy(&collector);
    enquire.get_mset(0, 0, db_.get_doccount());
    return;
  }
  // A spy is shown each shard's own docid; the match set holds the
  // combined ones.
  Xapian::MSet mset = enquire.get_mset(0, db_.get_doccount());
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) out.insert(*it);
}

}  // namespace quire::facets
