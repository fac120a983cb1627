#include "index/reader_pool.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <thread>
#include <utility>

namespace quire::index {

namespace {

constexpr std::size_t kMaxIdle = 16;

// The commit gate of an index folder, made on first use and shared while
// some handle on that folder lives.
std::shared_ptr<std::shared_mutex> gate_of(const std::string& path) {
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<std::shared_mutex>> gates;
  std::error_code ec;
  std::string key = std::filesystem::weakly_canonical(path, ec).string();
  if (ec) key = path;
  std::lock_guard<std::mutex> lock(mutex);
  for (auto it = gates.begin(); it != gates.end();)
    it = it->second.expired() ? gates.erase(it) : std::next(it);
  std::shared_ptr<std::shared_mutex> gate = gates[key].lock();
  if (!gate) {
    gate = std::make_shared<std::shared_mutex>();
    gates[key] = gate;
  }
  return gate;
}

}  // namespace

ReaderPool::ReaderPool(std::string path) : path_(std::move(path)), gate_(gate_of(path_)) {}

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

void ReaderPool::pause_before_retry(int attempt) {
  if (attempt == 0) return;
  std::this_thread::sleep_for(std::chrono::milliseconds(1 << std::min(attempt - 1, 6)));
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
