#include "search/snippet.h"

#include <vector>

namespace quire::search {

namespace {

constexpr std::string_view kEllipsis = "…";

// The longest prefix of `text` of at most `size` bytes that ends on a
// character boundary.
std::string_view utf8_prefix(std::string_view text, std::size_t size) {
  if (size >= text.size()) return text;
  while (size > 0 && (static_cast<unsigned char>(text[size]) & 0xc0) == 0x80) --size;
  return text.substr(0, size);
}

bool matches(const analysis::Token& token, const query::Highlights& h) {
  return h.stems.count(token.stem) || h.terms.count(token.term);
}

}  // namespace

std::string make_snippet(std::string_view text, const analysis::Analyzer& analyzer,
                         const query::Highlights& highlights, const SnippetStyle& style) {
  std::vector<analysis::Token> all;
  analyzer.analyze(text, all);
  std::vector<analysis::Token> words;
  words.reserve(all.size());
  for (auto& t : all)
    if (!t.alternative) words.push_back(std::move(t));
  if (words.empty()) return std::string(utf8_prefix(text, style.length));

  std::vector<bool> hit(words.size());
  for (std::size_t i = 0; i < words.size(); ++i) hit[i] = matches(words[i], highlights);

  // The window that starts at a matched word and holds the most distinct
  // matched words wins; the earliest on ties.
  std::size_t best_first = 0;
  std::size_t best_score = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!hit[i]) continue;
    std::vector<std::string_view> seen;
    for (std::size_t j = i; j < words.size() && words[j].end - words[i].begin <= style.length;
         ++j) {
      if (!hit[j]) continue;
      bool fresh = true;
      for (auto s : seen) fresh = fresh && s != words[j].stem;
      if (fresh) seen.push_back(words[j].stem);
    }
    if (seen.size() > best_score) {
      best_score = seen.size();
      best_first = i;
    }
  }

  // Some words of context before the first match, then as much as fits.
  std::size_t first = best_first;
  std::size_t lead = best_score ? style.length / 5 : 0;
  while (first > 0 && words[best_first].begin - words[first - 1].begin <= lead) --first;
  std::size_t last = first;
  while (last + 1 < words.size() && words[last + 1].end - words[first].begin <= style.length)
    ++last;

  std::size_t begin = first == 0 ? 0 : words[first].begin;
  std::size_t end = last + 1 == words.size() ? text.size() : words[last].end;
  std::string out;
  out.reserve(end - begin + 32);
  if (begin > 0) out += kEllipsis;
  std::size_t cursor = begin;
  for (std::size_t i = first; i <= last; ++i) {
    if (!hit[i]) continue;
    out.append(text.substr(cursor, words[i].begin - cursor));
    out += style.open;
    out.append(text.substr(words[i].begin, words[i].end - words[i].begin));
    out += style.close;
    cursor = words[i].end;
  }
  out.append(text.substr(cursor, end - cursor));
  if (end < text.size()) out += kEllipsis;
  return out;
}

}  // namespace quire::search
