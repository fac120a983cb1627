// The unranked match set of a query as a docid bitset, evaluated from the
// query's own posting lists rather than through Xapian's matcher.
//
// Counting a match set needs every matching docid, not the best ones, so
// there is nothing for a matcher to prune; what it costs per match (a
// Document handle and a virtual call per spy, 25 to 60 ns) is then the
// whole bill. Walking a posting list costs a few nanoseconds per entry, and
// AND, OR and NOT of bitsets a fraction of a nanosecond per document.
//
// A Matcher is used by one thread at a time; the sets it makes are plain
// values.
#ifndef QUIRE_LIB_FACETS_MATCHER_H
#define QUIRE_LIB_FACETS_MATCHER_H

#include <xapian.h>

#include <cstdint>
#include <vector>

namespace quire::facets {

// A set of docids of one database, 1 .. last.
class DocSet {
 public:
  DocSet() = default;
  explicit DocSet(Xapian::docid last) : words_(last / 64 + 1, 0) {}

  void insert(Xapian::docid did) { words_[did >> 6] |= std::uint64_t{1} << (did & 63); }
  bool contains(Xapian::docid did) const {
    return (did >> 6) < words_.size() && (words_[did >> 6] >> (did & 63) & 1);
  }

  // Every docid from 1 to last.
  void insert_all(Xapian::docid last);

  // Keeps the docids for which keep(did) is true; asks in ascending order.
  template <typename Keep>
  void keep_if(Keep&& keep) {
    for (std::size_t w = 0; w < words_.size(); ++w) {
      for (std::uint64_t bits = words_[w]; bits; bits &= bits - 1) {
        unsigned bit = static_cast<unsigned>(__builtin_ctzll(bits));
        if (!keep(static_cast<Xapian::docid>(w * 64 + bit)))
          words_[w] &= ~(std::uint64_t{1} << bit);
      }
    }
  }

  void intersect(const DocSet& other);
  void unite(const DocSet& other);
  void subtract(const DocSet& other);
  void symmetric_difference(const DocSet& other);

  bool empty() const;
  std::uint64_t size() const;

  // Calls each(did) for every docid in the set, in ascending order.
  template <typename Each>
  void for_each(Each&& each) const {
    for (std::size_t w = 0; w < words_.size(); ++w) {
      for (std::uint64_t bits = words_[w]; bits; bits &= bits - 1)
        each(static_cast<Xapian::docid>(w * 64 + __builtin_ctzll(bits)));
    }
  }

 private:
  std::vector<std::uint64_t> words_;
};

// The weighting of an unranked Xapian match: every match weighs 0, as with
// Xapian::BoolWeight, but the within-document frequencies are asked for.
// Without them Xapian 1.4 reads a term that every document holds as the
// list of all documents, and once documents have been deleted that match
// fails with DatabaseCorruptError ("Unexpected end of posting list").
class UnrankedWeight : public Xapian::Weight {
 public:
  UnrankedWeight() { need_stat(WDF); }
  Xapian::Weight* clone() const override { return new UnrankedWeight; }
  void init(double) override {}
  double get_sumpart(Xapian::termcount, Xapian::termcount, Xapian::termcount) const override {
    return 0;
  }
  double get_maxpart() const override { return 0; }
  double get_sumextra(Xapian::termcount, Xapian::termcount) const override { return 0; }
  double get_maxextra() const override { return 0; }
};

// Evaluates queries against one database into DocSets holding exactly the
// documents Xapian's matcher would match (before collapsing).
//
// Terms, match-all, the boolean operators (AND, OR, AND_NOT, XOR, FILTER,
// AND_MAYBE, SYNONYM, MAX, SCALE_WEIGHT), date value ranges and the
// fixed-weight posting source of id lookups are evaluated here. The rest
// (phrases and NEAR, which need positions; wildcards, whose expansion limit
// is not visible through Xapian's API; ELITE_SET, whose choice depends on
// weights) are matched by Xapian, and so is every AND-like operator over
// one of them, so that Xapian's matcher can skip through their posting
// lists together, as it would without this class.
class Matcher {
 public:
  explicit Matcher(Xapian::Database& db);

  // Whether `query` is evaluated without Xapian's matcher.
  static bool native(const Xapian::Query& query);

  DocSet match(const Xapian::Query& query);

  // Keeps in `set` only the documents that `query` matches too. A value
  // range reads the values of those documents only, skipping the rest of
  // the value stream, as Xapian's matcher does under an AND.
  void restrict(DocSet& set, const Xapian::Query& query);

  Xapian::docid last_docid() const noexcept { return last_; }

 private:
  void evaluate(const Xapian::Query& query, DocSet& out);
  void add_postings(const std::string& term, DocSet& out);
  void add_all(DocSet& out);
  void add_value_range(const Xapian::Query& query, DocSet& out);
  // Whether restrict() reads only the values of the set's documents.
  static bool is_value_range(const Xapian::Query& query);
  void add_with_xapian(const Xapian::Query& query, DocSet& out);

  Xapian::Database& db_;
  Xapian::docid last_;
  bool single_shard_;
};

}  // namespace quire::facets

#endif  // QUIRE_LIB_FACETS_MATCHER_H
