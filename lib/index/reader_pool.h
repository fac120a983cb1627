// Read-only database handles shared by searching threads.
//
// A Xapian::Database must not be used by two threads at once, and opening
// one costs file opens. The pool keeps handles for reuse; each lease brings
// its handle up to the latest commit first, so searches see new commits
// without anyone reopening by hand.
#ifndef QUIRE_LIB_INDEX_READER_POOL_H
#define QUIRE_LIB_INDEX_READER_POOL_H

#include <xapian.h>

#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "quire/error.h"

namespace quire::index {

class ReaderPool {
 public:
  explicit ReaderPool(std::string path);

  // Held exclusively around a commit. A read that lost its revision to
  // commits twice in a row holds it shared on its next attempts, so the
  // commits after it wait until it is done: a busy writer cannot starve a
  // slow reader. One per index folder in this process, shared by every
  // handle on it (read-only ones too).
  std::shared_mutex& commit_gate() { return *gate_; }

  class Lease {
   public:
    Lease(ReaderPool& pool, std::unique_ptr<Xapian::Database> db);
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Xapian::Database& db() { return *db_; }
    // Closes the handle instead of returning it to the pool.
    void forget() { db_.reset(); }

   private:
    ReaderPool* pool_;
    std::unique_ptr<Xapian::Database> db_;
  };

  // A handle at the latest commit. Throws Xapian errors.
  Lease acquire();

  // Runs body(db) on a leased handle, reading again when commits recycled
  // the blocks it was reading. Xapian reports that as DatabaseModifiedError,
  // but a recycled block can also look damaged (DatabaseCorruptError, or a
  // stored record that does not decode): when it is the root of a table a
  // handle is opening, or when it is read while the writer rewrites it.
  // Those are read again too, while opening always, while reading when a
  // commit has happened since the read began; damage that stays is real and
  // is thrown after the last attempt.
  template <typename Body>
  auto with_reader(Body&& body) -> decltype(body(std::declval<Xapian::Database&>())) {
    for (int attempt = 0;; ++attempt) {
      std::shared_lock<std::shared_mutex> no_commits;
      if (attempt >= kFreeAttempts) no_commits = std::shared_lock<std::shared_mutex>(*gate_);
      std::optional<Lease> lease;
      Xapian::rev revision = 0;
      try {
        lease.emplace(acquire());
        revision = lease->db().get_revision();
        return body(lease->db());
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt >= kRetries) throw;
      } catch (const Xapian::DatabaseCorruptError&) {
        if (attempt >= kRetries || (lease && !committed_since(revision))) throw;
        if (lease) lease->forget();
      } catch (const Error& e) {
        if (e.code() != ErrorCode::corrupt || attempt >= kRetries || !lease ||
            !committed_since(revision))
          throw;
        lease->forget();
      }
      // Not while holding commits back: the pause is for other processes.
      if (no_commits.owns_lock()) no_commits.unlock();
      pause_before_retry(attempt);
    }
  }

 private:
  // Attempts made while commits go on; the later ones hold commits back.
  static constexpr int kFreeAttempts = 2;
  // Between attempts a pause (none, then 1, 2, 4 ... 64 ms) lets other
  // processes' commits settle, which the commit gate cannot hold back.
  static constexpr int kRetries = 8;
  static void pause_before_retry(int attempt);
  void release(std::unique_ptr<Xapian::Database> db);
  // Whether the index on disk has a newer commit than `revision`.
  bool committed_since(Xapian::rev revision) const;

  std::string path_;
  std::shared_ptr<std::shared_mutex> gate_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Xapian::Database>> idle_;
};

}  // namespace quire::index

#endif  // QUIRE_LIB_INDEX_READER_POOL_H
