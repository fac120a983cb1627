#include "analysis/stemmer.h"

#include <xapian.h>

#include <cstring>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/analyzer.h"
#include "analysis/text.h"

namespace quire::analysis::detail {
namespace {

// Remembers recent stems. Snowball costs far more than a lookup and prose
// repeats its words, so this cuts analysis time by about a third.
// Direct-mapped to stay small (1 MiB per thread) and cache-friendly.
class StemMemo {
 public:
  static constexpr std::size_t kMaxWord = 30;

  // Sets `index` to the term's slot, which store() takes after a miss.
  bool find(const std::string& term, std::string& out, std::size_t& index) {
    index = slot_of(term);
    Slot& slot = slots_[index];
    if (slot.term_size != term.size() ||
        std::memcmp(slot.term, term.data(), term.size()) != 0) {
      return false;
    }
    if (slot.credit < kMaxCredit) ++slot.credit;
    out.assign(slot.stem, slot.stem_size);
    return true;
  }

  // A word takes a slot only once the word there has been missed more often
  // than it was hit, so frequent words stay and rare ones pass through.
  void store(std::size_t index, const std::string& term,
             const std::string& stem) {
    if (term.size() > kMaxWord || stem.size() > kMaxWord) return;
    Slot& slot = slots_[index];
    if (slot.credit > 0) {
      --slot.credit;
      return;
    }
    slot.credit = 1;
    slot.term_size = static_cast<unsigned char>(term.size());
    slot.stem_size = static_cast<unsigned char>(stem.size());
    std::memcpy(slot.term, term.data(), term.size());
    std::memcpy(slot.stem, stem.data(), stem.size());
  }

 private:
  static constexpr std::size_t kSlots = 1 << 14;
  static constexpr unsigned char kMaxCredit = 15;

  // Terms are never empty, so term_size 0 marks an unused slot.
  struct Slot {
    unsigned char credit = 0;
    unsigned char term_size = 0;
    unsigned char stem_size = 0;
    char term[kMaxWord];
    char stem[kMaxWord];
  };

  static std::size_t slot_of(const std::string& term) {
    return static_cast<std::size_t>(fnv1a64(term)) & (kSlots - 1);
  }

  std::vector<Slot> slots_ = std::vector<Slot>(kSlots);
};

// Xapian::Stem keeps per-call state inside, so each thread has its own.
class ThreadStemmer {
 public:
  explicit ThreadStemmer(const std::string& name) : stem_(name) {}

  void stem(const std::string& term, std::string& out) {
    std::size_t slot = 0;
    if (memo_.find(term, out, slot)) return;
    out = stem_(term);
    memo_.store(slot, term, out);
  }

 private:
  Xapian::Stem stem_;
  StemMemo memo_;
};

ThreadStemmer& thread_stemmer(const std::string& name) {
  thread_local std::vector<std::pair<std::string, std::unique_ptr<ThreadStemmer>>>
      stemmers;
  for (const auto& [stemmer_name, stemmer] : stemmers) {
    if (stemmer_name == name) return *stemmer;
  }
  stemmers.emplace_back(name, std::make_unique<ThreadStemmer>(name));
  return *stemmers.back().second;
}

// Words with digits are names of things (GPT-4, ids, years); words of
// scripts written with three-byte UTF-8 and beyond (CJK, Thai, ...) have no
// English suffixes to strip.
bool stemmable(std::string_view term) {
  for (const char ch : term) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_ascii_digit(c) || c >= 0xE0) return false;
  }
  return true;
}

}  // namespace

bool known_stemmer(const std::string& name) {
  if (name.empty()) return false;
  try {
    Xapian::Stem probe(name);
    return true;
  } catch (const Xapian::Error&) {
    return false;
  }
}

TermStemmer::TermStemmer(const std::string& name)
    : name_(name), enabled_(name != "none") {}

void TermStemmer::stem(const std::string& term, std::string& out) const {
  if (!enabled_ || !stemmable(term)) {
    out = term;
    return;
  }
  thread_stemmer(name_).stem(term, out);
  if (out.empty()) {
    out = term;
  } else if (out.size() > kMaxTermBytes) {
    out = bound_term(out, kMaxTermBytes);
  }
}

}  // namespace quire::analysis::detail
