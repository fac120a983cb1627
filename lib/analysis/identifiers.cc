#include "analysis/identifiers.h"

#include <string>

#include "analysis/text.h"

namespace quire::analysis::detail {
namespace {

// Archives of arXiv's pre-2007 identifiers ("hep-th/9901001").
bool is_old_arxiv_archive(std::string_view name) {
  static constexpr std::string_view kArchives[] = {
      "acc-phys", "adap-org", "alg-geom", "ao-sci",   "astro-ph", "atom-ph",
      "bayes-an", "chao-dyn", "chem-ph",  "cmp-lg",   "comp-gas", "cond-mat",
      "cs",       "dg-ga",    "funct-an", "gr-qc",    "hep-ex",   "hep-lat",
      "hep-ph",   "hep-th",   "math",     "math-ph",  "mtrl-th",  "nlin",
      "nucl-ex",  "nucl-th",  "patt-sol", "physics",  "plasm-ph", "q-alg",
      "q-bio",    "q-fin",    "quant-ph", "solv-int", "stat",     "supr-con"};
  std::string lower(name);
  for (char& c : lower) c = ascii_lower(c);
  for (const std::string_view archive : kArchives) {
    if (lower == archive) return true;
  }
  return false;
}

class Scanner {
 public:
  explicit Scanner(std::string_view text) : t_(text) {}

  void scan(std::vector<IdentifierSpan>& out) {
    std::size_t i = 0;
    std::uint32_t last_end = 0;
    while (i < t_.size()) {
      IdentifierSpan span;
      bool found = false;
      if (is_ascii_digit(t_[i])) {
        found = boundary_before(i) && (match_doi(i, span) || match_new_arxiv(i, span));
        if (!found) {
          while (i < t_.size() && is_ascii_digit(t_[i])) ++i;
          continue;
        }
      } else if (t_[i] == '/') {
        found = match_old_arxiv(i, span) && span.begin >= last_end;
      }
      if (found) {
        out.push_back(span);
        last_end = span.end;
        i = span.end;
      } else {
        ++i;
      }
    }
  }

 private:
  char at(std::size_t i) const { return i < t_.size() ? t_[i] : '\0'; }

  std::size_t digits(std::size_t i) const {
    std::size_t n = 0;
    while (is_ascii_digit(at(i + n))) ++n;
    return n;
  }

  bool valid_month(std::size_t i) const {
    const int month = (t_[i] - '0') * 10 + (t_[i + 1] - '0');
    return month >= 1 && month <= 12;
  }

  bool boundary_before(std::size_t i) const {
    if (i == 0) return true;
    const auto c = static_cast<unsigned char>(t_[i - 1]);
    return !(is_ascii_alnum(c) || c == '.' || c == '_' || c == '-' || c >= 0x80);
  }

  // True when an identifier may end just before `i`: not inside a longer
  // word or a longer dotted/hyphenated number.
  bool boundary_after(std::size_t i) const {
    const auto c = static_cast<unsigned char>(at(i));
    if (is_ascii_alnum(c) || c == '_' || c >= 0x80) return false;
    if ((c == '.' || c == '-' || c == '/') && is_ascii_alnum(at(i + 1))) {
      return false;
    }
    return true;
  }

  // Optional "v<digits>" at `end`; returns the end after it.
  std::size_t version_end(std::size_t end) const {
    if (at(end) == 'v' && is_ascii_digit(at(end + 1))) {
      return end + 1 + digits(end + 1);
    }
    return end;
  }

  // 2403.12345, 0704.0001v2
  bool match_new_arxiv(std::size_t i, IdentifierSpan& span) const {
    if (digits(i) != 4 || !valid_month(i + 2) || at(i + 4) != '.') return false;
    const std::size_t number = digits(i + 5);
    if (number < 4 || number > 5) return false;
    const std::size_t base_end = i + 5 + number;
    const std::size_t end = version_end(base_end);
    if (!boundary_after(end)) return false;
    span = {static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(end),
            static_cast<std::uint32_t>(base_end)};
    return true;
  }

  static bool is_doi_char(char ch) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c >= 0x7F) return false;
    switch (c) {
      case '"': case '<': case '>': case '\\': case '^': case '`': case '{':
      case '|': case '}': case ',':
        return false;
      default:
        return true;
    }
  }

  // Sentence punctuation after a DOI is not part of it; nor is a closing
  // bracket that has no opening partner inside it.
  std::size_t trim_doi(std::size_t suffix_begin, std::size_t end) const {
    while (end > suffix_begin) {
      const char last = t_[end - 1];
      if (std::string_view(".,;:!?'\"").find(last) != std::string_view::npos) {
        --end;
        continue;
      }
      if (last == ')' || last == ']') {
        const char open = last == ')' ? '(' : '[';
        int depth = 0;
        for (std::size_t k = suffix_begin; k < end; ++k) {
          if (t_[k] == open) ++depth;
          if (t_[k] == last) --depth;
        }
        if (depth < 0) {
          --end;
          continue;
        }
      }
      break;
    }
    return end;
  }

  // 10.1145/3292500.3330701
  bool match_doi(std::size_t i, IdentifierSpan& span) const {
    if (t_.compare(i, 3, "10.") != 0) return false;
    const std::size_t registrant = digits(i + 3);
    if (registrant < 4 || registrant > 9) return false;
    const std::size_t slash = i + 3 + registrant;
    if (at(slash) != '/') return false;
    std::size_t end = slash + 1;
    while (end < t_.size() && is_doi_char(t_[end])) ++end;
    end = trim_doi(slash + 1, end);
    if (end == slash + 1) return false;
    span = {static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(end),
            static_cast<std::uint32_t>(end)};
    return true;
  }

  // hep-th/9901001, math.AG/0601001v2; `slash` is the '/'.
  bool match_old_arxiv(std::size_t slash, IdentifierSpan& span) const {
    if (digits(slash + 1) != 7 || !valid_month(slash + 3)) return false;
    const std::size_t base_end = slash + 8;
    const std::size_t end = version_end(base_end);
    if (!boundary_after(end)) return false;
    std::size_t begin = slash;
    while (begin > 0 && (is_ascii_alpha(t_[begin - 1]) || t_[begin - 1] == '-' ||
                         t_[begin - 1] == '.')) {
      --begin;
    }
    if (begin == slash || !boundary_before(begin)) return false;
    std::string_view name = t_.substr(begin, slash - begin);
    const std::size_t dot = name.find('.');
    if (dot != std::string_view::npos) {
      const std::string_view subject = name.substr(dot + 1);
      if (subject.empty() || subject.find('.') != std::string_view::npos) {
        return false;
      }
      name = name.substr(0, dot);
    }
    if (!is_old_arxiv_archive(name)) return false;
    span = {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end),
            static_cast<std::uint32_t>(base_end)};
    return true;
  }

  std::string_view t_;
};

}  // namespace

void find_identifiers(std::string_view text, std::vector<IdentifierSpan>& out) {
  Scanner(text).scan(out);
}

}  // namespace quire::analysis::detail
