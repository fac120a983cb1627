#include "ingest/limits.h"

#include "ingest/text.h"

namespace quire::ingest {

namespace {

std::string size_text(std::size_t bytes) {
  if (bytes >= (std::size_t{1} << 20) && bytes % (std::size_t{1} << 20) == 0) {
    return std::to_string(bytes >> 20) + " MiB";
  }
  if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " bytes";
}

// Cuts `text` to `limit`; returns whether it did.
bool cut(std::string& text, std::size_t limit) {
  if (text.size() <= limit) return false;
  text.resize(utf8_cut(text, limit));
  return true;
}

std::string cut_reason(std::size_t was, std::size_t limit) {
  return "is " + std::to_string(was) + " bytes long; cut to the limit of " + size_text(limit);
}

}  // namespace

void enforce_limits(Paper& paper,
                    const std::function<void(const std::string& field, std::string reason)>& warn) {
  auto check = [&](const char* field, std::string& text, std::size_t limit) {
    const std::size_t was = text.size();
    if (cut(text, limit)) warn(field, cut_reason(was, limit));
  };
  check("title", paper.title, kMaxTitleBytes);
  check("abstract", paper.abstract, kMaxAbstractBytes);
  check("venue", paper.venue, kMaxVenueBytes);

  if (paper.authors.size() > kMaxAuthors) {
    warn("authors", "has " + std::to_string(paper.authors.size()) +
                        " names; kept the first " + std::to_string(kMaxAuthors));
    paper.authors.resize(kMaxAuthors);
  }
  std::size_t long_names = 0;
  std::size_t first_long = 0;
  for (std::size_t i = 0; i < paper.authors.size(); ++i) {
    if (cut(paper.authors[i], kMaxAuthorBytes) && long_names++ == 0) first_long = i + 1;
  }
  if (long_names > 0) {
    warn("authors", std::to_string(long_names) + " name(s) longer than " +
                        size_text(kMaxAuthorBytes) + " (the first is name " +
                        std::to_string(first_long) + ") cut to that length");
  }

  if (paper.categories.size() > kMaxCategories) {
    warn("categories", "has " + std::to_string(paper.categories.size()) +
                           " categories; kept the first " + std::to_string(kMaxCategories));
    paper.categories.resize(kMaxCategories);
  }
  std::size_t long_categories = 0;
  for (std::string& category : paper.categories) {
    if (cut(category, kMaxCategoryBytes)) ++long_categories;
  }
  if (long_categories > 0) {
    warn("categories", std::to_string(long_categories) + " categories longer than " +
                           size_text(kMaxCategoryBytes) + " cut to that length");
  }

  for (auto& [key, value] : paper.extra) {
    const std::size_t was = value.size();
    if (cut(value, kMaxExtraValueBytes)) warn(key, cut_reason(was, kMaxExtraValueBytes));
  }
}

}  // namespace quire::ingest
