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

  // Orders the ordinals `ords` as the request asks and cuts them to top_n.
  // Ordinals, not FacetCounts, so that only the values kept are copied.
  void order_and_cut(std::vector<std::uint32_t>& ords, const std::vector<std::uint32_t>& counts,
                     const std::vector<std::string>& values) const {
    auto by_count = [&](std::uint32_t a, std::uint32_t b) {
      return counts[a] != counts[b] ? counts[a] > counts[b] : values[a] < values[b];
    };
    auto by_value = [&](std::uint32_t a, std::uint32_t b) { return values[a] < values[b]; };
    std::size_t keep = request_.top_n == 0 ? ords.size() : std::min(request_.top_n, ords.size());
    if (request_.sort == FacetSort::value)
      std::partial_sort(ords.begin(), ords.begin() + keep, ords.end(), by_value);
    else
      std::partial_sort(ords.begin(), ords.begin() + keep, ords.end(), by_count);
    ords.resize(keep);
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
    // One slot more than there are values: documents without a value count
    // there, so that counting needs no branch.
    field.counts.assign(
        (field.single ? field.single->values.size() : field.multi->values.size()) + 1, 0);
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

void Counter::add(const DocSet& docs) {
  // The columns and counts of each field, flattened so that the loop over
  // the documents does no more than index arrays.
  struct Single {
    const std::uint32_t* by_doc;
    std::size_t size;
    std::uint32_t* counts;
    std::uint32_t none;  // the slot past the values, for documents without one
  };
  struct Multi {
    const std::uint32_t* offsets;
    std::size_t rows;
    const std::uint32_t* ords;
    std::uint32_t* counts;
  };
  std::vector<Single> singles;
  std::vector<Multi> multis;
  auto add_multi = [&](const MultiColumn& column, std::vector<std::uint32_t>& counts) {
    if (column.offsets.empty()) return;
    multis.push_back({column.offsets.data(), column.offsets.size() - 1, column.ords.data(),
                      counts.data()});
  };
  for (auto& field : fields_) {
    if (field.single) {
      singles.push_back({field.single->by_doc.data(), field.single->by_doc.size(),
                         field.counts.data(),
                         static_cast<std::uint32_t>(field.single->values.size())});
      continue;
    }
    add_multi(*field.multi, field.counts);
    if (!field.group_counts.empty()) add_multi(columns_.category_group, field.group_counts);
  }
  std::uint64_t n = 0;
  docs.for_each([&](Xapian::docid did) {
    ++n;
    for (const Single& s : singles) {
      if (did >= s.size) continue;
      std::uint32_t ord = s.by_doc[did];
      ++s.counts[ord < s.none ? ord : s.none];
    }
    for (const Multi& m : multis) {
      if (did >= m.rows) continue;
      for (std::uint32_t i = m.offsets[did], end = m.offsets[did + 1]; i < end; ++i)
        ++m.counts[m.ords[i]];
    }
  });
  documents_ += n;
}

std::vector<FacetResult> Counter::results(const analysis::Analyzer& analyzer) const {
  std::vector<FacetResult> out;
  for (const auto& field : fields_) {
    Selector select(field.request, analyzer);
    FacetResult result;
    result.field = field.request.field;
    const auto& values = field.single ? field.single->values : field.multi->values;

    if (field.request.field != FacetField::category) {
      std::vector<std::uint32_t> kept;
      for (std::uint32_t ord = 0; ord < values.size(); ++ord) {
        if (!field.counts[ord]) continue;
        ++result.distinct;
        if (select.passes_count(field.counts[ord]) && select.passes_prefix(values[ord]))
          kept.push_back(ord);
      }
      select.order_and_cut(kept, field.counts, values);
      result.values.reserve(kept.size());
      for (std::uint32_t ord : kept) result.values.push_back({values[ord], field.counts[ord], {}});
      out.push_back(std::move(result));
      continue;
    }

    // Categories: groups at the top, each with its categories as children.
    const auto& groups = columns_.category_group.values;
    std::vector<std::vector<std::uint32_t>> children(groups.size());
    for (std::uint32_t ord = 0; ord < values.size(); ++ord) {
      std::uint32_t parent = columns_.category_parent[ord];
      if (!field.counts[ord] || parent == kNone) continue;
      if (select.passes_count(field.counts[ord])) children[parent].push_back(ord);
    }
    std::vector<std::uint32_t> kept;
    for (std::uint32_t g = 0; g < groups.size(); ++g) {
      if (!field.group_counts[g]) continue;
      ++result.distinct;
      if (!select.passes_count(field.group_counts[g])) continue;
      auto& kids = children[g];
      if (!select.passes_prefix(groups[g])) {
        kids.erase(std::remove_if(kids.begin(), kids.end(),
                                  [&](std::uint32_t c) { return !select.passes_prefix(values[c]); }),
                   kids.end());
        if (kids.empty()) continue;
      }
      kept.push_back(g);
    }
    select.order_and_cut(kept, field.group_counts, groups);
    for (std::uint32_t g : kept) {
      auto& kids = children[g];
      select.order_and_cut(kids, field.counts, values);
      FacetCount group{groups[g], field.group_counts[g], {}};
      group.children.reserve(kids.size());
      for (std::uint32_t c : kids) group.children.push_back({values[c], field.counts[c], {}});
      result.values.push_back(std::move(group));
    }
    out.push_back(std::move(result));
  }
  return out;
}

}  // namespace quire::facets
