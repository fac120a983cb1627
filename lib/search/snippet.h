// Highlighted snippets: the part of a text where the query's words are.
#ifndef QUIRE_LIB_SEARCH_SNIPPET_H
#define QUIRE_LIB_SEARCH_SNIPPET_H

#include <string>
#include <string_view>

#include "analysis/analyzer.h"
#include "query/query.h"

namespace quire::search {

struct SnippetStyle {
  std::size_t length = 240;
  std::string_view open = "<b>";
  std::string_view close = "</b>";
};

// About `style.length` bytes of `text` around the densest cluster of
// matched words, each match wrapped in the markers, with "…" where the text
// was cut. The start of the text when nothing matched.
std::string make_snippet(std::string_view text, const analysis::Analyzer& analyzer,
                         const query::Highlights& highlights, const SnippetStyle& style);

}  // namespace quire::search

#endif  // QUIRE_LIB_SEARCH_SNIPPET_H
