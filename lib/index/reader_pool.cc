#include "index/reader_pool.h"

#include <utility>

namespace quire::index {

namespace {
constexpr std::size_t kMaxIdle = 16;
}

ReaderPool::ReaderPool(std::string path) : path_(std::move(path)) {}

ReaderPool::Lease::Lease(ReaderPool& pool, std::unique_ptr<Xapian::Database> db)
    : pool_(&pool), db_(std::move(db)) {}

ReaderPool::Lease::~Lease() {
  if (db_) pool_->release(std::move(db_));
}

ReaderPool::Lease ReaderPool::acquire() {
  std::unique_ptr<Xapian::Database> db;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      db = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (db) {
    db->reopen();
  } else {
    db = std::make_unique<Xapian::Database>(path_);
  }
  return Lease(*this, std::move(db));
}

bool ReaderPool::committed_since(Xapian::rev revision) const {
  try {
    return Xapian::Database(path_).get_revision() != revision;
  } catch (const Xapian::Error&) {
    return false;
  }
}

void ReaderPool::release(std::unique_ptr<Xapian::Database> db) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (idle_.size() < kMaxIdle) idle_.push_back(std::move(db));
}

}  // namespace quire::index
