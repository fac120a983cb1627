// quire/index.h: a handle on one index folder.
//
// Ownership: an Index is a cheap handle; copies share one open index, which
// is closed when the last copy goes. Everything returned is an independent
// value owned by the caller.
//
// Thread-safety: an Index (or copies of it) may be used from several threads
// at once without external locking. Any number of threads may search, get
// and read stats while one thread adds, removes and commits. Writes from
// several threads are serialised by the handle. Searches see the last
// commit, including commits made through the same handle after the search
// object was created, without any call to reopen; uncommitted changes are
// never visible to search, get or stats.
//
// One writer per folder: a second handle opened for writing, in this process
// or another, fails with ErrorCode::locked. Read-only handles never block.
//
// Every method may throw quire::Error; the codes each one uses are listed
// beside it.
#ifndef QUIRE_INDEX_H
#define QUIRE_INDEX_H

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "quire/export.h"
#include "quire/paper.h"
#include "quire/search.h"
#include "quire/version.h"

QUIRE_NAMESPACE_BEGIN

enum class OpenMode {
  read_write = 1,  // create the folder and index if missing; take the writer lock
  read_only = 2,   // the index must exist; no lock taken, writes fail
};

struct OpenOptions {
  OpenMode mode = OpenMode::read_write;
  // In read_write mode, create the index when the folder holds none.
  bool create_if_missing = true;
};

struct IndexStats {
  std::uint64_t documents = 0;    // papers in the last commit
  std::uint64_t disk_bytes = 0;   // size of the folder's files
  std::uint64_t revision = 0;     // commit counter, grows with every commit
  int schema_version = 0;         // the on-disk schema
  std::string analyzer;           // the analyzer settings the index was built with
  std::string path;
};

// What add() did.
enum class AddOutcome {
  added = 1,     // the id was new
  replaced = 2,  // a paper with this id existed and was replaced
};

class QUIRE_API Index {
 public:
  // Opens the index in `path`. Errors: not_found (read_only or
  // !create_if_missing and no index there), locked (another writer),
  // incompatible (written by another schema version), corrupt, io.
  static Index open(const std::string& path, const OpenOptions& options = {});

  Index(const Index&);
  Index(Index&&) noexcept;
  Index& operator=(const Index&);
  Index& operator=(Index&&) noexcept;
  ~Index();

  // Adds `paper`, replacing any paper with the same id; visible after
  // commit(). Errors: invalid_argument (empty or over-long id, id with
  // control characters, malformed date), read_only, io.
  AddOutcome add(const Paper& paper);

  // Removes the paper with this id; visible after commit(). Returns whether
  // one existed. Errors: read_only, io.
  bool remove(const std::string& id);

  // Makes every change since the last commit durable and visible, atomically.
  // Errors: read_only, io (disk full: the index stays at its last commit).
  void commit();

  // Rolls back every change since the last commit.
  void discard();

  // The paper with this id in the last commit, if any. Errors: io, corrupt.
  std::optional<Paper> get(const std::string& id) const;

  // Runs `request` over the last commit. Never throws for any query text;
  // errors: invalid_argument (malformed date bounds), io, corrupt.
  SearchResults search(const SearchRequest& request) const;

  IndexStats stats() const;

  bool read_only() const noexcept;
  const std::string& path() const noexcept;

  // For the implementation.
  struct Impl;

 private:
  explicit Index(std::shared_ptr<Impl> impl);
  std::shared_ptr<Impl> impl_;
};

QUIRE_NAMESPACE_END

#endif  // QUIRE_INDEX_H
