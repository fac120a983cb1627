#include <sys/stat.h>

#include <filesystem>
#include <utility>

#include "index/document.h"
#include "index/index_impl.h"
#include "index/schema.h"
#include "index/xapian_error.h"
#include "quire/error.h"
#include "quire/index.h"
#include "search/searcher.h"

QUIRE_NAMESPACE_BEGIN

namespace {

namespace fs = std::filesystem;

// A fresh index gets the schema version and analyzer settings; an existing
// one must carry the version this build writes.
analysis::AnalyzerSettings check_or_stamp(Xapian::Database& db,
                                          Xapian::WritableDatabase* writer,
                                          const std::string& path) {
  std::string version = db.get_metadata(schema::kMetaSchema);
  if (version.empty()) {
    if (db.get_doccount() != 0 || !writer)
      throw Error(ErrorCode::incompatible,
                  path + " holds a Xapian database that quire did not write");
    analysis::AnalyzerSettings settings;
    writer->set_metadata(schema::kMetaSchema, std::to_string(schema::kVersion));
    writer->set_metadata(schema::kMetaAnalyzer, settings.serialize());
    writer->commit();
    return settings;
  }
  if (version != std::to_string(schema::kVersion))
    throw Error(ErrorCode::incompatible,
                path + " was written with index schema version " + version +
                    "; this build of quire reads version " +
                    std::to_string(schema::kVersion) + ". Rebuild the index from its sources.");
  analysis::AnalyzerSettings settings;
  if (!analysis::AnalyzerSettings::parse(db.get_metadata(schema::kMetaAnalyzer), settings))
    throw Error(ErrorCode::incompatible,
                path + " was built with analyzer settings this build does not know: '" +
                    db.get_metadata(schema::kMetaAnalyzer) + "'");
  return settings;
}

std::uint64_t folder_bytes(const std::string& path) {
  std::uint64_t total = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  }
  return total;
}

}  // namespace

Index::Impl::Impl(std::string path_in, bool read_only_in)
    : path(std::move(path_in)), read_only(read_only_in), readers(path) {}

Index Index::open(const std::string& path, const OpenOptions& options) {
  if (path.empty()) throw Error(ErrorCode::invalid_argument, "the index path is empty");
  bool read_only = options.mode == OpenMode::read_only;
  auto impl = std::make_shared<Impl>(path, read_only);
  index::guarded("open", path, [&] {
    if (read_only || !options.create_if_missing) {
      if (!fs::exists(path)) throw Error(ErrorCode::not_found, "no index at " + path);
    }
    if (read_only) {
      Xapian::Database db(path);
      impl->analyzer =
          std::make_unique<analysis::Analyzer>(check_or_stamp(db, nullptr, path));
      return;
    }
    // Xapian makes only the last folder of the path.
    if (options.create_if_missing && !fs::exists(path)) {
      std::error_code ec;
      fs::create_directories(path, ec);
      if (ec) throw Error(ErrorCode::io, "cannot create " + path + ": " + ec.message());
    }
    int flags = options.create_if_missing ? Xapian::DB_CREATE_OR_OPEN : Xapian::DB_OPEN;
    try {
      impl->writer = std::make_unique<Xapian::WritableDatabase>(path, flags);
    } catch (const Xapian::DatabaseOpeningError&) {
      // A process that died while Xapian was creating the index leaves its
      // table files but no version file, which Xapian then refuses to open
      // or create. No commit was ever made there, so nothing can be lost by
      // creating it afresh (under the lock, which Xapian takes first).
      if (!options.create_if_missing || fs::exists(fs::path(path) / "iamglass") ||
          !fs::exists(fs::path(path) / "postlist.glass"))
        throw;
      impl->writer =
          std::make_unique<Xapian::WritableDatabase>(path, Xapian::DB_CREATE_OR_OVERWRITE);
    }
    impl->analyzer = std::make_unique<analysis::Analyzer>(
        check_or_stamp(*impl->writer, impl->writer.get(), path));
  });
  return Index(std::move(impl));
}

Index::Index(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
Index::Index(const Index&) = default;
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(const Index&) = default;
Index& Index::operator=(Index&&) noexcept = default;
Index::~Index() = default;

bool Index::read_only() const noexcept { return impl_->read_only; }
const std::string& Index::path() const noexcept { return impl_->path; }

namespace {

Xapian::WritableDatabase& writer_of(Index::Impl& impl) {
  if (!impl.writer)
    throw Error(ErrorCode::read_only, impl.path + " was opened read-only; reopen it with "
                                                  "OpenMode::read_write to change it");
  return *impl.writer;
}

// The writer, inside a transaction.
Xapian::WritableDatabase& transaction_of(Index::Impl& impl) {
  auto& writer = writer_of(impl);
  if (!impl.in_transaction) {
    writer.begin_transaction(true);
    impl.in_transaction = true;
  }
  return writer;
}

// Runs body(writer) inside the transaction. A Xapian write that fails
// drops every change since the last commit (the glass backend cancels
// them so that no half-made change is ever written), which is recorded for
// commit() to report.
template <typename Body>
auto write_in_transaction(Index::Impl& impl, Body&& body)
    -> decltype(body(std::declval<Xapian::WritableDatabase&>())) {
  auto& writer = transaction_of(impl);
  try {
    return body(writer);
  } catch (const Xapian::Error& e) {
    if (impl.lost_changes.empty()) impl.lost_changes = e.get_description();
    throw;
  }
}

}  // namespace

AddOutcome Index::add(const Paper& paper) {
  index::validate(paper);
  std::lock_guard<std::mutex> lock(impl_->write_mutex);
  return index::guarded("add a paper to", impl_->path, [&] {
    Xapian::Document doc = index::encode(paper, *impl_->analyzer, impl_->scratch);
    std::string id_term = schema::id_term(paper.id);
    return write_in_transaction(*impl_, [&](Xapian::WritableDatabase& writer) {
      bool existed = writer.term_exists(id_term);
      writer.replace_document(id_term, doc);
      return existed ? AddOutcome::replaced : AddOutcome::added;
    });
  });
}

bool Index::remove(const std::string& id) {
  std::lock_guard<std::mutex> lock(impl_->write_mutex);
  return index::guarded("remove a paper from", impl_->path, [&] {
    std::string id_term = schema::id_term(id);
    return write_in_transaction(*impl_, [&](Xapian::WritableDatabase& writer) {
      if (!writer.term_exists(id_term)) return false;
      writer.delete_document(id_term);
      return true;
    });
  });
}

void Index::commit() {
  std::lock_guard<std::mutex> lock(impl_->write_mutex);
  auto& writer = writer_of(*impl_);
  if (!impl_->in_transaction) return;
  index::guarded("commit", impl_->path, [&] {
    // Whatever happens, the transaction is over: Xapian ends it even when
    // the commit fails, and the index stays at its last commit.
    impl_->in_transaction = false;
    if (!impl_->lost_changes.empty()) {
      std::string cause = std::move(impl_->lost_changes);
      impl_->lost_changes.clear();
      try {
        writer.cancel_transaction();
      } catch (const Xapian::Error&) {
        // The changes are gone either way; the error to report is the first.
      }
      throw Error(ErrorCode::io,
                  "cannot commit " + impl_->path + ": a write failed since the last commit (" +
                      cause + ") and every change since that commit was dropped. Nothing "
                      "was committed; the index is at its last commit. Add those papers again.");
    }
    std::unique_lock<std::shared_mutex> gate(impl_->readers.commit_gate());
    writer.commit_transaction();
  });
}

void Index::discard() {
  std::lock_guard<std::mutex> lock(impl_->write_mutex);
  auto& writer = writer_of(*impl_);
  impl_->lost_changes.clear();
  if (!impl_->in_transaction) return;
  index::guarded("discard changes to", impl_->path, [&] {
    impl_->in_transaction = false;
    writer.cancel_transaction();
  });
}

std::optional<Paper> Index::get(const std::string& id) const {
  return index::guarded("read", impl_->path, [&] {
    return impl_->readers.with_reader([&](Xapian::Database& db) -> std::optional<Paper> {
      std::string id_term = schema::id_term(id);
      Xapian::PostingIterator it = db.postlist_begin(id_term);
      if (it == db.postlist_end(id_term)) return std::nullopt;
      Paper paper = index::deserialize(db.get_document(*it).get_data());
      // A cut-and-hashed id term could in theory be shared; the stored id decides.
      if (paper.id != id) return std::nullopt;
      return paper;
    });
  });
}

SearchResults Index::search(const SearchRequest& request) const {
  return index::guarded("search", impl_->path, [&] {
    return impl_->readers.with_reader([&](Xapian::Database& db) {
      return search::run(db, *impl_->analyzer, impl_->facet_columns, request);
    });
  });
}

IndexStats Index::stats() const {
  return index::guarded("read statistics of", impl_->path, [&] {
    return impl_->readers.with_reader([&](Xapian::Database& db) {
      IndexStats stats;
      stats.documents = db.get_doccount();
      stats.revision = db.get_revision();
      stats.schema_version = schema::kVersion;
      stats.analyzer = impl_->analyzer->settings().serialize();
      stats.path = impl_->path;
      stats.disk_bytes = folder_bytes(impl_->path);
      return stats;
    });
  });
}

QUIRE_NAMESPACE_END
