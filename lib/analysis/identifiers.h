// Finding identifiers (arXiv ids, DOIs) in text before word breaking, which
// would otherwise cut them at '/', '-' and '.'.
#ifndef QUIRE_LIB_ANALYSIS_IDENTIFIERS_H
#define QUIRE_LIB_ANALYSIS_IDENTIFIERS_H

#include <cstdint>
#include <string_view>
#include <vector>

namespace quire::analysis::detail {

struct IdentifierSpan {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  // Where a trailing arXiv version ("v2") starts; equal to `end` when the
  // identifier has none.
  std::uint32_t version_begin = 0;
};

// Appends, in text order and without overlaps, the arXiv ids (2403.12345,
// 0704.0001v2, hep-th/9901001, math.AG/0601001) and DOIs
// (10.1145/3292500.3330701) found in `text`.
void find_identifiers(std::string_view text, std::vector<IdentifierSpan>& out);

}  // namespace quire::analysis::detail

#endif  // QUIRE_LIB_ANALYSIS_IDENTIFIERS_H
