// Turning a Paper into a Xapian document and back.
#ifndef QUIRE_LIB_INDEX_DOCUMENT_H
#define QUIRE_LIB_INDEX_DOCUMENT_H

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "quire/paper.h"

namespace quire::index {

// Checks what add() requires of a paper and throws
// Error(invalid_argument) naming the field otherwise.
void validate(const Paper& paper);

// Builds the document for `paper`: searchable terms, boolean terms, value
// slots and the stored fields. `scratch` is reused between calls.
Xapian::Document encode(const Paper& paper, const analysis::Analyzer& analyzer,
                        std::vector<analysis::Token>& scratch);

// The stored-fields blob: every field of the paper, length-prefixed.
std::string serialize(const Paper& paper);
// Reads serialize()'s output; throws Error(corrupt) on a damaged blob.
Paper deserialize(std::string_view data);

}  // namespace quire::index

#endif  // QUIRE_LIB_INDEX_DOCUMENT_H
