#include "facets/columns.h"

#include <algorithm>
#include <deque>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "index/schema.h"

namespace quire::facets {

namespace {

// Gives each distinct string a provisional id in first-seen order, then
// renumbers so that ordinals follow the values' sorted order.
class Interner {
 public:
  std::uint32_t intern(std::string_view value) {
    auto it = ids_.find(value);
    if (it != ids_.end()) return it->second;
    values_.emplace_back(value);
    auto id = static_cast<std::uint32_t>(values_.size() - 1);
    ids_.emplace(values_.back(), id);
    return id;
  }

  // Sorted values; `remap[provisional id]` is the final ordinal.
  std::vector<std::string> finish(std::vector<std::uint32_t>& remap) {
    std::vector<std::uint32_t> order(values_.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return values_[a] < values_[b]; });
    remap.assign(values_.size(), 0);
    std::vector<std::string> sorted;
    sorted.reserve(values_.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) {
      remap[order[i]] = i;
      sorted.push_back(std::move(values_[order[i]]));
    }
    ids_.clear();
    values_.clear();
    return sorted;
  }

 private:
  std::deque<std::string> values_;  // stable addresses for the views in ids_
  std::unordered_map<std::string_view, std::uint32_t> ids_;
};

template <typename Each>
void for_each_value(Xapian::Database& db, unsigned slot, Each&& each) {
  for (Xapian::ValueIterator it = db.valuestream_begin(slot); it != db.valuestream_end(slot);
       ++it) {
    each(it.get_docid(), *it);
  }
}

template <typename Each>
void for_each_line(std::string_view text, Each&& each) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) each(text.substr(start, end - start));
    start = end + 1;
  }
}

SingleColumn single(Xapian::Database& db, unsigned slot, Xapian::docid last,
                    std::string (*transform)(std::string_view)) {
  Interner interner;
  SingleColumn column;
  column.by_doc.assign(last + 1, kNone);
  for_each_value(db, slot, [&](Xapian::docid did, const std::string& value) {
    std::string v = transform ? transform(value) : value;
    if (!v.empty()) column.by_doc[did] = interner.intern(v);
  });
  std::vector<std::uint32_t> remap;
  column.values = interner.finish(remap);
  for (auto& ord : column.by_doc)
    if (ord != kNone) ord = remap[ord];
  return column;
}

std::string month_of(std::string_view date) {
  // "YYYYMMDD" -> "YYYY-MM"; nothing for an unknown month.
  if (date.size() < 6 || date.substr(4, 2) == "00") return {};
  std::string out(date.substr(0, 4));
  out += '-';
  out += date.substr(4, 2);
  return out;
}

// Rows of provisional ids, finished into a MultiColumn.
struct RowBuilder {
  explicit RowBuilder(Xapian::docid last) : rows(last + 1) {}
  std::vector<std::vector<std::uint32_t>> rows;

  MultiColumn finish(std::vector<std::string> values, const std::vector<std::uint32_t>& remap) {
    MultiColumn column;
    column.values = std::move(values);
    column.offsets.reserve(rows.size() + 1);
    column.offsets.push_back(0);
    for (auto& row : rows) {
      for (auto& id : row) id = remap[id];
      std::sort(row.begin(), row.end());
      row.erase(std::unique(row.begin(), row.end()), row.end());
      column.ords.insert(column.ords.end(), row.begin(), row.end());
      column.offsets.push_back(static_cast<std::uint32_t>(column.ords.size()));
      std::vector<std::uint32_t>().swap(row);
    }
    return column;
  }
};

void build_categories(Xapian::Database& db, Xapian::docid last, Columns& out) {
  Interner leaves, groups;
  RowBuilder leaf_rows(last), group_rows(last);
  std::vector<std::uint32_t> parent;  // provisional leaf id -> provisional group id
  for_each_value(db, schema::slot::kCategories, [&](Xapian::docid did, const std::string& v) {
    for_each_line(v, [&](std::string_view category) {
      while (!category.empty() && static_cast<unsigned char>(category.front()) <= ' ')
        category.remove_prefix(1);
      while (!category.empty() && static_cast<unsigned char>(category.back()) <= ' ')
        category.remove_suffix(1);
      std::string key = schema::category_key(category);
      if (key.empty()) return;
      std::string group = schema::archive_of(key);
      std::uint32_t leaf = leaves.intern(category);
      if (leaf == parent.size()) parent.push_back(kNone);
      if (group.empty()) {
        // A category without a group is a top-level value of its own.
        group_rows.rows[did].push_back(groups.intern(category));
        return;
      }
      std::uint32_t g = groups.intern(category.substr(0, category.find('.')));
      parent[leaf] = g;
      leaf_rows.rows[did].push_back(leaf);
      group_rows.rows[did].push_back(g);
    });
  });
  std::vector<std::uint32_t> leaf_remap, group_remap;
  auto leaf_values = leaves.finish(leaf_remap);
  auto group_values = groups.finish(group_remap);
  out.category_parent.assign(leaf_values.size(), kNone);
  for (std::uint32_t id = 0; id < parent.size(); ++id)
    if (parent[id] != kNone) out.category_parent[leaf_remap[id]] = group_remap[parent[id]];
  out.category = leaf_rows.finish(std::move(leaf_values), leaf_remap);
  out.category_group = group_rows.finish(std::move(group_values), group_remap);
}

// Authors are grouped by full-name key; an author known only by initials
// joins the one full name with that surname and initial when there is
// exactly one, and otherwise stays a value of its own.
void build_authors(Xapian::Database& db, Xapian::docid last, Columns& out) {
  Interner identities;
  RowBuilder rows(last);
  std::unordered_map<std::string, std::string> initial_to_full;  // "" when ambiguous
  struct Pending {
    Xapian::docid did;
    std::string initial_key;
    std::string display;
  };
  std::vector<Pending> initials_only;
  std::vector<std::unordered_map<std::string, std::uint32_t>> spellings;

  auto add = [&](Xapian::docid did, std::string_view identity, std::string_view display) {
    std::uint32_t id = identities.intern(identity);
    if (id == spellings.size()) spellings.emplace_back();
    ++spellings[id][std::string(display)];
    rows.rows[did].push_back(id);
  };

  for_each_value(db, schema::slot::kAuthors, [&](Xapian::docid did, const std::string& v) {
    for_each_line(v, [&](std::string_view line) {
      std::size_t t1 = line.find('\t');
      std::size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
      if (t2 == std::string_view::npos) return;
      std::string_view full = line.substr(0, t1);
      std::string_view initial = line.substr(t1 + 1, t2 - t1 - 1);
      std::string_view display = line.substr(t2 + 1);
      if (full.empty()) {
        initials_only.push_back({did, std::string(initial), std::string(display)});
        return;
      }
      auto [it, fresh] = initial_to_full.emplace(std::string(initial), std::string(full));
      if (!fresh && it->second != full) it->second.clear();
      add(did, full, display);
    });
  });
  for (const auto& p : initials_only) {
    auto it = initial_to_full.find(p.initial_key);
    if (it != initial_to_full.end() && !it->second.empty())
      add(p.did, it->second, p.display);
    else
      add(p.did, "\x01" + p.initial_key, p.display);  // cannot collide with a full key
  }

  std::vector<std::uint32_t> remap;
  identities.finish(remap);
  // The value shown for an identity is its most common spelling.
  std::vector<std::string> shown(spellings.size());
  for (std::uint32_t id = 0; id < spellings.size(); ++id) {
    const std::string* best = nullptr;
    std::uint32_t best_count = 0;
    for (const auto& [spelling, count] : spellings[id])
      if (count > best_count || (count == best_count && spelling < *best)) {
        best = &spelling;
        best_count = count;
      }
    shown[remap[id]] = *best;
  }
  out.author = rows.finish(std::move(shown), remap);
}

}  // namespace

namespace {

// Xapian 1.4 gives a revision only to a database of one shard.
std::optional<Xapian::rev> revision_of(const Xapian::Database& db) {
  try {
    return db.get_revision();
  } catch (const Xapian::InvalidOperationError&) {
    return std::nullopt;
  }
}

// What stands for the revision of a database of several shards (a stub
// file): the shards' identities and the sizes that a commit changes. A
// commit that only replaces papers by papers of the same length in a shard
// is not told apart; a quire index is never itself several shards, so this
// serves databases assembled for reading, such as the benchmark's replicas.
std::string shards_key(const Xapian::Database& db) {
  return db.get_uuid() + "/" + std::to_string(db.get_doccount()) + "/" +
         std::to_string(db.get_lastdocid()) + "/" + std::to_string(db.get_total_length());
}

}  // namespace

std::shared_ptr<const Columns> build_columns(Xapian::Database& db) {
  auto columns = std::make_shared<Columns>();
  if (auto revision = revision_of(db))
    columns->revision = *revision;
  else
    columns->shards_key = shards_key(db);
  Xapian::docid last = db.get_lastdocid();
  columns->last_docid = last;
  columns->year = single(db, schema::slot::kYear, last, nullptr);
  columns->month = single(db, schema::slot::kDate, last, month_of);
  columns->venue = single(db, schema::slot::kVenue, last, nullptr);
  build_categories(db, last, *columns);
  build_authors(db, last, *columns);
  return columns;
}

std::shared_ptr<const Columns> ColumnCache::get(Xapian::Database& db) {
  std::optional<Xapian::rev> revision = revision_of(db);
  if (!revision) {
    std::string key = shards_key(db);
    std::lock_guard<std::mutex> lock(mutex_);
    if (!latest_ || latest_->shards_key != key) latest_ = build_columns(db);
    return latest_;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (!latest_ || !latest_->shards_key.empty() || latest_->revision != *revision) {
    // Readers of an older revision (rare: a search that started just before
    // a commit) get columns of their own, not cached.
    if (latest_ && latest_->shards_key.empty() && latest_->revision > *revision)
      return build_columns(db);
    latest_ = build_columns(db);
  }
  return latest_;
}

}  // namespace quire::facets
