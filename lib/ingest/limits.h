// The largest record fields an import keeps. A field over its limit is cut
// to it (on a UTF-8 character boundary) and a warning names the field, so
// one runaway record neither fails an import nor bloats the index. The same
// numbers are listed in docs/formats.md.
#ifndef QUIRE_LIB_INGEST_LIMITS_H
#define QUIRE_LIB_INGEST_LIMITS_H

#include <cstddef>
#include <functional>
#include <string>

#include "quire/paper.h"

namespace quire::ingest {

constexpr std::size_t kMaxTitleBytes = std::size_t{64} << 10;
constexpr std::size_t kMaxAbstractBytes = std::size_t{1} << 20;
constexpr std::size_t kMaxAuthors = 10000;
constexpr std::size_t kMaxAuthorBytes = 1024;
constexpr std::size_t kMaxVenueBytes = 4096;
constexpr std::size_t kMaxCategories = 1000;
constexpr std::size_t kMaxCategoryBytes = 256;
constexpr std::size_t kMaxExtraValueBytes = std::size_t{1} << 20;

// Cuts every field of `paper` over its limit and calls `warn(field,
// reason)` once per field cut. Cheap when nothing is over.
void enforce_limits(Paper& paper,
                    const std::function<void(const std::string& field, std::string reason)>& warn);

}  // namespace quire::ingest

#endif  // QUIRE_LIB_INGEST_LIMITS_H
