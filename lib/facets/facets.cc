#include "facets/facets.h"

#include <algorithm>

QUIRE_NAMESPACE_BEGIN

const char* facet_field_name(FacetField field) noexcept {
  switch (field) {
    case FacetField::category: return "category";
    case FacetField::year: return "year";
    case FacetField::venue: return "venue";
    case FacetField::month: return "month";
    case FacetField::author: return "author";
  }
  return "unknown";
}

QUIRE_NAMESPACE_END

namespace quire::facets {

namespace {

void count_row(const MultiColumn& column, Xapian::docid did, std::vector<std::uint32_t>& counts) {
  if (did + 1 >= column.offsets.size()) return;
  const std::uint32_t* ords = column.ords.data();
  for (std::uint32_t i = column.offsets[did], end = column.offsets[did + 1]; i < end; ++i)
    ++counts[ords[i]];
}

// Keeps the values that pass the request's minimum count and prefix, in the
// request's order, cut to top_n.
class Selector {
 public:
  Selector(const FacetRequest& request, const analysis::Analyzer& analyzer)
      : request_(request), analyzer_(analyzer) {
    if (!request.prefix.empty()) prefix_ = analyzer.normalize_key(request.prefix);
  }

  bool passes_count(std::uint64_t count) const {
    return count > 0 && count >= std::max<std::uint64_t>(request_.min_count, 1);
  }

  bool passes_prefix(const std::string& value) const {
    if (prefix_.empty()) return true;
    std::string key = analyzer_.normalize_key(value);
    if (key.compare(0, prefix_.size(), prefix_) == 0) return true;
    if (request_.field != FacetField::author) return false;
    for (std::size_t space = key.find(' '); space != std::string::npos;
         space = key.find(' ', space + 1)) {
      if (key.compare(space + 1, prefix_.size(), prefix_) == 0) return true;
    }
    return false;
  }

  void order_and_cut(std::vector<FacetCount>& values) const {
    auto by_count = [](const FacetCount& a, const FacetCount& b) {
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    };
    auto by_value = [](const FacetCount& a, const FacetCount& b) { return a.value < b.value; };
    std::size_t keep = request_.top_n == 0 ? values.size() : std::min(request_.top_n, values.size());
    if (request_.sort == FacetSort::value)
      std::partial_sort(values.begin(), values.begin() + keep, values.end(), by_value);
    else
      std::partial_sort(values.begin(), values.begin() + keep, values.end(), by_count);
    values.resize(keep);
  }

 private:
  const FacetRequest& request_;
  const analysis::Analyzer& analyzer_;
  std::string prefix_;
};

}  // namespace

Counter::Counter(const Columns& columns, const std::vector<FacetRequest>& requests)
    : columns_(columns) {
  for (const auto& request : requests) {
    Field field;
    field.request = request;
    switch (request.field) {
      case FacetField::year: field.single = &columns.year; break;
      case FacetField::month: field.single = &columns.month; break;
      case FacetField::venue: field.single = &columns.venue; break;
      case FacetField::author: field.multi = &columns.author; break;
      case FacetField::category:
        field.multi = &columns.category;
        field.group_counts.assign(columns.category_group.values.size(), 0);
        break;
    }
    field.counts.assign(field.single ? field.single->values.size() : field.multi->values.size(),
                        0);
    fields_.push_back(std::move(field));
  }
}

void Counter::add(Xapian::docid did) {
  ++documents_;
  for (auto& field : fields_) {
    if (field.single) {
      if (did < field.single->by_doc.size()) {
        std::uint32_t ord = field.single->by_doc[did];
        if (ord != kNone) ++field.counts[ord];
      }
      continue;
    }
    count_row(*field.multi, did, field.counts);
    if (!field.group_counts.empty()) count_row(columns_.category_group, did, field.group_counts);
  }
}

std::vector<FacetResult> Counter::results(const analysis::Analyzer& analyzer) const {
  std::vector<FacetResult> out;
  for (const auto& field : fields_) {
    Selector select(field.request, analyzer);
    FacetResult result;
    result.field = field.request.field;
    const auto& values = field.single ? field.single->values : field.multi->values;

    if (field.request.field != FacetField::category) {
      for (std::uint32_t ord = 0; ord < field.counts.size(); ++ord) {
        if (!field.counts[ord]) continue;
        ++result.distinct;
        if (select.passes_count(field.counts[ord]) && select.passes_prefix(values[ord]))
          result.values.push_back({values[ord], field.counts[ord], {}});
      }
      select.order_and_cut(result.values);
      out.push_back(std::move(result));
      continue;
    }

    // Categories: groups at the top, each with its categories as children.
    const auto& groups = columns_.category_group.values;
    std::vector<std::vector<FacetCount>> children(groups.size());
    for (std::uint32_t ord = 0; ord < field.counts.size(); ++ord) {
      std::uint32_t parent = columns_.category_parent[ord];
      if (!field.counts[ord] || parent == kNone) continue;
      if (select.passes_count(field.counts[ord]))
        children[parent].push_back({values[ord], field.counts[ord], {}});
    }
    for (std::uint32_t g = 0; g < groups.size(); ++g) {
      if (!field.group_counts[g]) continue;
      ++result.distinct;
      if (!select.passes_count(field.group_counts[g])) continue;
      auto& kids = children[g];
      if (!select.passes_prefix(groups[g])) {
        kids.erase(std::remove_if(kids.begin(), kids.end(),
                                  [&](const FacetCount& c) { return !select.passes_prefix(c.value); }),
                   kids.end());
        if (kids.empty()) continue;
      }
      select.order_and_cut(kids);
      result.values.push_back({groups[g], field.group_counts[g], std::move(kids)});
    }
    select.order_and_cut(result.values);
    out.push_back(std::move(result));
  }
  return out;
}

}  // namespace quire::facets
