// Internal form of decode_latex that also says where each output byte's
// source ends, so a word's byte range in the original text can be exact.
#ifndef QUIRE_LIB_ANALYSIS_LATEX_H
#define QUIRE_LIB_ANALYSIS_LATEX_H

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quire::analysis::detail {

// True when `text` has a character decode_latex acts on (\ { } $ ~).
bool has_latex(std::string_view text);

// Decodes `text` into `out` (cleared first). For output byte i, the input
// bytes [begins[i], ends[i]) produced it: one byte for copied text, the whole
// construct for generated text ({\"o} -> ö). Both vectors get out.size()
// entries.
void decode_latex_spans(std::string_view text, std::string& out,
                        std::vector<std::uint32_t>& begins,
                        std::vector<std::uint32_t>& ends);

}  // namespace quire::analysis::detail

#endif  // QUIRE_LIB_ANALYSIS_LATEX_H
