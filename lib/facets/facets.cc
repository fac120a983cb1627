#include "facets/facets.h"

#include <algorithm>

#include "index/schema.h"

QUIRE_NAMESPACE_BEGIN

const char* facet_field_name(FacetField field) noexcept {
  switch (field) {
    case FacetField::category: return "category";
    case FacetField::year: return "year";
    case FacetField::venue: return "venue";
  }
  return "unknown";
}

QUIRE_NAMESPACE_END

namespace quire::facets {

namespace {

unsigned slot_of(FacetField field) {
  switch (field) {
    case FacetField::category: return schema::slot::kCategories;
    case FacetField::year: return schema::slot::kYear;
    case FacetField::venue: return schema::slot::kVenue;
  }
  return schema::slot::kCategories;
}

}  // namespace

Counter::Counter(const std::vector<FacetRequest>& requests) {
  for (const auto& request : requests) {
    fields_.push_back(Field{request, slot_of(request.field),
                            request.field == FacetField::category, {}});
  }
}

void Counter::operator()(const Xapian::Document& doc, double) {
  for (auto& field : fields_) {
    std::string value = doc.get_value(field.slot);
    if (value.empty()) continue;
    if (!field.multi_valued) {
      ++field.counts[value];
      continue;
    }
    std::size_t start = 0;
    while (start <= value.size()) {
      std::size_t end = value.find('\n', start);
      if (end == std::string::npos) end = value.size();
      if (end > start) ++field.counts[value.substr(start, end - start)];
      start = end + 1;
    }
  }
}

std::vector<FacetResult> Counter::results() const {
  std::vector<FacetResult> out;
  for (const auto& field : fields_)
    out.push_back(top_values(field.request.field, field.counts, field.request.top_n));
  return out;
}

FacetResult top_values(FacetField field,
                       const std::unordered_map<std::string, std::uint64_t>& counts,
                       std::size_t top_n) {
  FacetResult result;
  result.field = field;
  result.distinct = counts.size();
  result.values.reserve(counts.size());
  for (const auto& [value, count] : counts) result.values.push_back({value, count});
  auto by_count = [](const FacetCount& a, const FacetCount& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  };
  std::size_t keep = top_n == 0 ? result.values.size() : std::min(top_n, result.values.size());
  std::partial_sort(result.values.begin(), result.values.begin() + keep, result.values.end(),
                    by_count);
  result.values.resize(keep);
  return result;
}

}  // namespace quire::facets
