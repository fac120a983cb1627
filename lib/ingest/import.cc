#include <chrono>
#include <optional>
#include <vector>
#include <unordered_map>
#include <utility>

#include "analysis/analyzer.h"
#include "ingest/reader.h"
#include "ingest/text.h"
#include "quire/error.h"
#include "quire/import.h"

QUIRE_NAMESPACE_BEGIN

namespace {

// Thrown through PaperReader from the issue callback to end a strict import
// at the first bad record.
struct StopAtIssue {
  ImportIssue issue;
};

// The words a search for an abstract uses: the first kMergeQueryWords of
// its text as a quoted phrase, LaTeX decoded as the index decodes it.
constexpr std::size_t kMergeQueryWords = 12;

std::string abstract_key(std::string_view abstract) {
  return ingest::comparison_words(analysis::decode_latex(abstract));
}

bool is_derived(const Paper& paper) {
  const auto found = paper.extra.find("title_derived");
  return found != paper.extra.end() && found->second == "true";
}

int paper_version(const Paper& paper) {
  const auto found = paper.extra.find("version");
  return found == paper.extra.end() ? 0 : ingest::version_number(found->second);
}

// The paper already indexed whose abstract is `record`'s, if exactly one
// is. The index is searched for the abstract's first words as a phrase,
// then each hit's whole abstract is compared word for word.
std::optional<Paper> find_abstract_owner(const Index& index, const Paper& record) {
  const std::string key = abstract_key(record.abstract);
  if (key.empty()) return std::nullopt;
  std::string phrase;
  std::size_t words = 0;
  for (std::size_t pos = 0; pos < key.size() && words < kMergeQueryWords; ++words) {
    std::size_t end = key.find(' ', pos);
    if (end == std::string::npos) end = key.size();
    if (!phrase.empty()) phrase.push_back(' ');
    phrase.append(key, pos, end - pos);
    pos = end + 1;
  }
  SearchRequest request;
  request.query = "\"" + phrase + "\"";
  request.limit = 10;
  request.snippets = false;
  request.exact_total = false;
  const SearchResults results = index.search(request);
  if (results.relaxed) return std::nullopt;
  std::optional<Paper> owner;
  for (const Hit& hit : results.hits) {
    if (hit.id == record.id || is_derived(hit.paper)) continue;
    if (abstract_key(hit.paper.abstract) != key) continue;
    if (owner) return std::nullopt;  // two papers share it: not ours to pick
    owner = hit.paper;
  }
  return owner;
}

}  // namespace

ImportSummary import_file(Index& index, const std::string& path, const ImportOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  ReaderOptions reader_options;
  reader_options.format = options.format;
  reader_options.listing_year = options.listing_year;
  std::unique_ptr<PaperReader::Impl> reader = PaperReader::Impl::open(path, reader_options);
  reader->on_issue = [&options](const ImportIssue& issue) {
    if (options.on_issue) options.on_issue(issue);
    if (options.strict && issue.severity == IssueSeverity::error) throw StopAtIssue{issue};
  };

  ImportSummary summary;
  summary.format = reader->format;
  std::uint64_t refused = 0;  // papers the index would not take
  std::uint64_t pending = 0;
  auto commit = [&] {
    index.commit();
    pending = 0;
    if (options.on_progress) options.on_progress(reader->read, reader->bytes_consumed());
  };
  auto commit_pending = [&] {
    if (pending > 0) commit();
  };
  // The latest arXiv version added per id in this import, so that an older
  // version later in the input does not replace a newer one.
  std::unordered_map<std::string, int> versions;
  std::unordered_map<std::string, std::vector<int>> version_lists;
  const bool index_had_papers = index.stats().documents > 0;

  Paper paper;
  for (;;) {
    try {
      if (!reader->next(paper)) break;
    } catch (const StopAtIssue& stop) {
      commit_pending();
      throw Error(ErrorCode::parse, to_string(stop.issue));
    } catch (const Error&) {
      // A damaged file: keep the papers read before the damage, as a
      // non-strict import keeps those before a bad record.
      commit_pending();
      throw;
    }

    if (const int version = paper_version(paper); version > 0) {
      auto [seen, fresh] = versions.emplace(paper.id, version);
      int earlier = fresh ? 0 : seen->second;
      if (fresh && index_had_papers) {
        if (const std::optional<Paper> stored = index.get(paper.id)) earlier = paper_version(*stored);
      }
      if (earlier > version) {
        seen->second = earlier;
        ++summary.superseded;
        continue;
      }
      seen->second = version;
      if (earlier > 0 && earlier < version) {
        // One record per version (as versioned ids in JSON Lines come):
        // the latest keeps the list of those met.
        std::vector<int>& tags = version_lists[paper.id];
        if (tags.empty()) tags.push_back(earlier);
        tags.push_back(version);
        if (paper.extra.find("versions") == paper.extra.end()) {
          std::vector<std::string> names;
          for (int tag : tags) names.push_back("v" + std::to_string(tag));
          paper.extra["versions"] = ingest::json_string_list(names);
        }
      }
    }

    bool merged = false;
    if (is_derived(paper) && !paper.abstract.empty()) {
      // Searches see only committed papers.
      commit_pending();
      if (std::optional<Paper> owner = find_abstract_owner(index, paper)) {
        for (auto& [key, value] : paper.extra) {
          if (key != "title_derived") owner->extra.emplace(key, value);
        }
        // A copy of this record indexed alone by an earlier import of the
        // same listing is now a duplicate.
        index.remove(paper.id);
        paper = std::move(*owner);
        merged = true;
      }
    }

    AddOutcome outcome;
    try {
      outcome = index.add(paper);
    } catch (const Error& error) {
      if (error.code() != ErrorCode::invalid_argument) throw;
      ++refused;
      ImportIssue issue{path, reader->last_line, "", error.what(), IssueSeverity::error};
      if (options.on_issue) options.on_issue(issue);
      if (options.strict) {
        commit_pending();
        throw Error(ErrorCode::parse, to_string(issue));
      }
      continue;
    }
    if (merged) {
      ++summary.merged;
    } else if (outcome == AddOutcome::replaced) {
      ++summary.replaced;
    } else {
      ++summary.added;
    }
    // A batch size of 0 means one commit at the end.
    if (++pending == options.batch_size) commit();
  }
  if (pending > 0 || summary.added + summary.replaced + summary.merged == 0) commit();

  summary.rejected = reader->rejected + refused;
  summary.warnings = reader->warnings;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

QUIRE_NAMESPACE_END
