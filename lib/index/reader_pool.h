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
#include <string>
#include <vector>

namespace quire::index {

class ReaderPool {
 public:
  explicit ReaderPool(std::string path);

  class Lease {
   public:
    Lease(ReaderPool& pool, std::unique_ptr<Xapian::Database> db);
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Xapian::Database& db() { return *db_; }

   private:
    ReaderPool* pool_;
    std::unique_ptr<Xapian::Database> db_;
  };

  // A handle at the latest commit. Throws Xapian errors.
  Lease acquire();

  // Runs body(db) on a leased handle, retrying when a commit recycled the
  // blocks it was reading (Xapian's DatabaseModifiedError).
  template <typename Body>
  auto with_reader(Body&& body) -> decltype(body(std::declval<Xapian::Database&>())) {
    for (int attempt = 0;; ++attempt) {
      try {
        Lease lease = acquire();
        return body(lease.db());
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt >= kRetries) throw;
      }
    }
  }

 private:
  static constexpr int kRetries = 5;
  void release(std::unique_ptr<Xapian::Database> db);

  std::string path_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Xapian::Database>> idle_;
};

}  // namespace quire::index

#endif  // QUIRE_LIB_INDEX_READER_POOL_H
